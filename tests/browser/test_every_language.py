"""Every page type and every state of the intake forms, in every content language, on a 320 px phone, in
Debian's Chromium: nothing scrolls sideways, axe-core finds no WCAG 2.1 AA violation, and every piece of text
in another language than the page's is marked with its `lang`.

The language check compares each page with its English version in the same state: a visible text that reads
word for word as English there must sit inside `lang="en"` on a page in another language, and a text marked
English must be one the English page has. English runs first, so its texts are at hand for the others. It works
with the demo's translations or without them (every page then stands in, in English)."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# WCAG 2.1 AA, and 2.2's target size (2.5.8: every target at least 24 by 24 CSS pixels).
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LANGUAGES = [code for code, _ in settings.LANGUAGES]  # English first
PAGES = {
    "home": "/",
    "campaign": "/better-together/",
    "released story": "/better-together/2022-12-leila/",
    "upcoming story": "/better-together/2023-03-jose/",
    "partnership and contacts": "/partner-with-tps/",
    "award": "/partner-with-tps/shining-star-award/",
}
INTEREST_FORM = "/partner-with-tps/interest-form/"
LETTER_FORM = "/partner-with-tps/letter-of-support/"
# Words that read the same in every language: names of people, places and programs, addresses and numbers.
SAME_IN_EVERY_LANGUAGE = {"601 South 8th Street", "Tacoma, WA 98405"}

# Every visible text (screen-reader-only text included, aria-hidden left out), with the language it is in.
TEXTS = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    const parent = node.parentElement;
    if (!text || !parent || parent.closest("script, style, noscript, template, [hidden], [aria-hidden=true]")) continue;
    if (!parent.getClientRects().length) continue;
    const marked = parent.closest("[lang]");
    found.push([text, marked ? marked.lang : "", parent.closest("footer.site-footer") !== null]);
  }
  return found;
}"""
WIDTH = "() => [document.documentElement.scrollWidth, window.innerWidth]"
# Fills each field of the form the script rendered with something it accepts.
FILL = """deadline => {
  document.querySelectorAll("#intake-fields .field").forEach(field => {
    const name = field.dataset.name;
    const choice = field.querySelector("input[type=radio], input[type=checkbox]");
    if (choice) { choice.checked = true; return; }
    const box = field.querySelector("input, textarea, select");
    if (!box || box.type === "file" || box.type === "hidden") return;
    if (box.tagName === "SELECT") { box.selectedIndex = box.options.length - 1; return; }
    box.value = box.type === "email" ? "family@example.org" : box.type === "date" ? deadline
      : box.type === "tel" ? "253-555-0142"
      : box.inputMode === "decimal" ? "2500" : box.type === "url" ? "https://example.org/"
      : "Sample answer for " + name;
  });
}"""


@pytest.fixture
def demo(february_2023, cms_server, settings):
    settings.INTAKE_SUBMIT_RATE = "1000/m"
    settings.INTAKE_STATUS_RATE = "1000/m"
    call_command("seed_demo", stdout=io.StringIO())
    return cms_server


def wordy(text: str) -> bool:
    """A text that is a language's words, not a name or a number: two words of three letters or more."""
    return sum(1 for word in text.split() if sum(ch.isalpha() for ch in word) >= 3) >= 2


class Walk:
    """One phone-sized page in one browser, reused for every address; the problems it finds, collected."""

    def __init__(self, page: Any, base: str) -> None:
        self.page, self.base = page, base
        self.english: dict[str, set[str]] = {}
        self.problems: list[str] = []
        page.set_viewport_size({"width": 320, "height": 720})
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])

    def open(self, language: str, path: str) -> None:
        prefix = "" if language == "en" else f"/{language}"
        self.page.goto(f"{self.base}{prefix}{path}")
        expect(self.page.locator("html")).to_have_attribute("lang", language)

    def check(self, language: str, what: str) -> None:
        from axe_playwright_python.sync_playwright import Axe

        where = f"{language} {what} ({self.page.url})"
        scroll_width, width = self.page.evaluate(WIDTH)
        if scroll_width > width:
            self.problems.append(f"{where}: {scroll_width} px wide on a {width} px screen")
        results = Axe().run(self.page, options={"runOnly": WCAG_AA})
        if results.violations_count:
            self.problems.append(f"{where}: {results.generate_report()}")
        texts = self.page.evaluate(TEXTS)
        if language == "en":  # what reads in English there (not the switcher's other languages' names)
            self.english[what] = {text for text, marked, _ in texts if marked in ("", "en")}
            return
        english = self.english[what]
        everything = "\n".join(english)
        for text, marked, in_footer in texts:
            if in_footer or text in SAME_IN_EVERY_LANGUAGE or not wordy(text):
                continue
            if text in english and marked != "en":
                self.problems.append(f"{where}: English not marked: {text!r} (inside lang={marked!r})")
            elif marked == "en" and text not in everything:  # English set inside a sentence of the page's
                self.problems.append(f"{where}: marked English but is not: {text!r}")

    def report(self) -> None:
        assert not self.problems, "\n".join(self.problems)


def test_every_page_in_every_language_on_a_phone(demo, browser_page) -> None:
    walk = Walk(browser_page, demo.url)
    for language in LANGUAGES:
        for what, path in PAGES.items():
            walk.open(language, path)
            walk.check(language, what)
    walk.report()


def test_every_state_of_the_forms_in_every_language_on_a_phone(demo, browser_page) -> None:
    walk, page = Walk(browser_page, demo.url), browser_page
    deadline = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
    for language in LANGUAGES:
        for form, path in (("interest form", INTEREST_FORM), ("letter request", LETTER_FORM)):
            walk.open(language, path)
            expect(page.locator("#intake-fields .field").first).to_be_attached()
            walk.check(language, f"{form}: empty")
            page.locator("#intake-form button[type=submit]").click()
            expect(page.locator("#intake-problems")).to_be_visible()
            walk.check(language, f"{form}: errors")
            page.evaluate(FILL, deadline)
            page.locator("#intake-form button[type=submit]").click()
            expect(page.locator("#intake-done")).to_be_visible()
            walk.check(language, f"{form}: confirmation")
        token = page.locator("#intake-token").text_content()
        assert token and len(token) > 30
        # The long status code is copied by a button, and the page says so, in its language.
        page.locator("#intake-copy").click()
        copied = page.locator("#intake-copied")
        expect(copied).not_to_be_empty()
        assert copied.text_content() == copied.get_attribute("data-copied")
        assert page.evaluate("() => navigator.clipboard.readText()") == token
        page.goto("about:blank")  # the same address with only a new #fragment would not load the page again
        walk.open(language, f"{LETTER_FORM}#status={token}")
        expect(page.locator("#status-result p")).to_be_visible()
        walk.check(language, "letter request: status")
    walk.report()
