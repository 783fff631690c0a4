"""Every page keeps working under its Content-Security-Policy in Debian's Chromium, and the browser reports no
violation: the admin (signing in, a page editor), GraphiQL running a query, the public site and the display."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from stories.models import StoryPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every violation, as the console reports it and as the page's own securitypolicyviolation event sees it.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${where}`);
});
"""


class Violations:
    """What the browser refused under the policy, on every page a test opens."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.console: list[str] = []
        page.add_init_script(LISTEN)
        page.on("console", self._heard)

    def _heard(self, message: Any) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def assert_none(self) -> None:
        seen = self.page.evaluate("window.__violations || []")
        assert self.console == [] and seen == [], f"{self.page.url}: {self.console + seen}"


@pytest.fixture
def site(cms_server) -> Any:
    call_command("seed_demo", "--no-current-year", stdout=io.StringIO())
    return cms_server


@pytest.fixture
def watched(browser_page) -> Iterator[tuple[Any, Violations]]:
    violations = Violations(browser_page)
    yield browser_page, violations


def test_the_admin_signs_in_and_opens_a_page_editor_with_no_violation(site, watched) -> None:
    page, violations = watched
    get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    page.goto(f"{site.url}/admin/login/")
    assert page.evaluate("1 + 1") == 2
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    expect(page.locator("main")).to_contain_text(re.compile("Welcome|Dashboard|Pages", re.I))
    violations.assert_none()
    story = StoryPage.objects.filter(locale__language_code="en").live().first()
    page.goto(f"{site.url}/admin/pages/{story.pk}/edit/")
    expect(page.locator("#id_title")).to_have_value(story.title)
    expect(page.locator("[data-draftail-input], .Draftail-Editor").first).to_be_attached()
    page.wait_for_load_state("networkidle")
    violations.assert_none()


def test_graphiql_runs_a_query_with_no_violation(cms_server, watched) -> None:
    page, violations = watched
    page.goto(f"{cms_server.url}/graphql/#query=%7B%20__typename%20%7D")  # GraphiQL reads the hash
    button = page.locator(".graphiql-execute-button")
    expect(button).to_be_visible(timeout=20000)
    button.click()
    expect(page.locator(".graphiql-response")).to_contain_text('"__typename": "Query"', timeout=20000)
    violations.assert_none()


def test_the_public_site_and_the_display_show_with_no_violation(site, watched) -> None:
    page, violations = watched
    story = StoryPage.objects.filter(locale__language_code="en").live().exclude(video_url="").first()
    for path in ["/", "/better-together/", story.url if story else "/", "/partner/interest-form/"]:
        page.goto(f"{site.url}{path}")
        expect(page.locator("h1").first).to_be_visible()
        page.wait_for_load_state("networkidle")
        violations.assert_none()
    page.goto(f"{site.url}/display/?school=mount-tahoma&locale=en,es")
    expect(page.locator("#slide-story, #slide-award, #slide-next").first).to_be_visible(timeout=15000)
    page.wait_for_timeout(1500)
    violations.assert_none()
