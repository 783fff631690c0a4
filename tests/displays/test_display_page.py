"""The display page in Debian's Chromium: the month's story, rotation, and riding out an outage."""

from __future__ import annotations

import datetime
import io
import re
import time

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from stories.models import StoryPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FEBRUARY_2023 = "2023-02-15T12:00:00"


@pytest.fixture
def seeded_server(cms_server):
    call_command("seed_demo", "--no-current-year", stdout=io.StringIO())
    return cms_server


def display_url(server, **params: object) -> str:
    query = "&".join(f"{key}={value}" for key, value in {"at": FEBRUARY_2023, **params}.items())
    return f"{server.url}/display/?{query}"


def test_shows_the_story_of_the_month_then_the_award_then_what_is_next(seeded_server, browser_page) -> None:
    page = browser_page
    page.goto(display_url(seeded_server, rotate=3))
    story = page.locator("#slide-story")
    # February 2023 has no story: January's (Issiah) stands in.
    expect(story.locator(".headline")).to_have_text("Issiah")
    expect(story.locator(".month")).to_have_text("January 2023")
    expect(story.locator(".summary")).to_contain_text("CAB Cafe")
    expect(story.locator(".qr svg")).to_be_visible()
    expect(story.locator(".poster")).to_have_attribute("alt", "Better Together story poster for Issiah, January 2023")
    assert story.locator(".poster").evaluate("img => img.complete && img.naturalWidth") == 1920
    expect(page.locator("html")).to_have_attribute("lang", "en")

    award = page.locator("#slide-award")
    expect(award).to_be_visible(timeout=8000)
    expect(award.locator(".name")).to_have_text("Sample recipient: Eastside Community Pantry")
    expect(award.locator(".month")).to_have_text("February 2023")
    expect(story).to_be_hidden()

    upcoming = page.locator("#slide-next")
    expect(upcoming).to_be_visible(timeout=8000)
    expect(upcoming.locator(".headline")).to_have_text("WE ARE SMARTER TOGETHER")
    expect(upcoming.locator(".premiere")).to_have_text("Video premiere March 1, 2023")

    expect(story).to_be_visible(timeout=8000)  # and round again


def test_keeps_showing_saved_content_while_the_server_is_down_and_recovers(seeded_server, browser_page) -> None:
    page = browser_page
    page.goto(display_url(seeded_server, rotate=600, poll=1))
    story = page.locator("#slide-story")
    expect(story.locator(".headline")).to_have_text("Issiah")
    expect(story.locator(".poster")).to_have_attribute("src", re.compile(r"^data:image/"), timeout=5000)

    seeded_server.stop()
    time.sleep(3)  # several polls fail
    expect(page.locator("#status")).to_be_visible()
    expect(story.locator(".headline")).to_have_text("Issiah")
    expect(story.locator(".summary")).to_contain_text("CAB Cafe")
    assert story.locator(".poster").evaluate("img => img.complete && img.naturalWidth") == 1920

    issiah = StoryPage.objects.get(slug="2023-01-issiah")
    issiah.summary = "Issiah's story, updated while the screen was offline."
    issiah.save_revision().publish()
    seeded_server.start()
    expect(story.locator(".summary")).to_have_text(issiah.summary, timeout=10000)
    expect(page.locator("#status")).to_be_hidden()


def test_a_new_screen_with_nothing_saved_says_content_is_unavailable_then_recovers(seeded_server, browser_page) -> None:
    page = browser_page
    page.route("**/graphql/**", lambda route: route.abort())
    page.goto(display_url(seeded_server, poll=1))
    unavailable = page.locator("#slide-unavailable")
    expect(unavailable).to_be_visible()
    expect(unavailable.locator("h1")).to_have_text("Content unavailable")
    page.unroute("**/graphql/**")
    expect(page.locator("#slide-story .headline")).to_have_text("Issiah", timeout=10000)
    expect(unavailable).to_be_hidden()


def test_language_and_school_come_from_the_url(seeded_server, browser_page) -> None:
    page = browser_page
    page.goto(display_url(seeded_server, locale="es", school="mount-tahoma", at="2022-12-20T09:00:00"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("#slide-story .names")).to_be_hidden()
    expect(page.locator("#slide-story .headline")).to_have_text("Leila")


def test_display_never_animates_faster_than_once_a_second(seeded_server, browser_page) -> None:
    """No flashing: slides change at most once per rotation, with a slow fade."""
    page = browser_page
    page.goto(display_url(seeded_server, rotate=10))
    expect(page.locator("#slide-story .headline")).to_have_text("Issiah")
    seen = []
    deadline = datetime.datetime.now() + datetime.timedelta(seconds=3)
    while datetime.datetime.now() < deadline:
        seen.append(page.evaluate("document.body.dataset.slide"))
        page.wait_for_timeout(100)
    assert set(seen) == {"slide-story"}


@pytest.mark.parametrize("slide", ["slide-story", "slide-award", "slide-next"])
def test_every_slide_passes_an_automated_wcag_aa_check(seeded_server, browser_page, slide: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = browser_page
    page.goto(display_url(seeded_server, rotate=3))
    expect(page.locator(f"#{slide}")).to_be_visible(timeout=10000)
    page.wait_for_timeout(1300)  # let the fade finish before measuring contrast
    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(
    ("query", "mode"),
    [("", "fleet"), ("?school=mount-tahoma", "url"), ("?locale=es", "url"), ("?rotate=5", "url"), ("?at=x", "url")],
)
def test_the_page_says_whether_it_is_set_by_its_address_or_by_the_fleet(client, query: str, mode: str) -> None:
    from displays.version import script_version

    response = client.get(f"/display/{query}")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-mode="{mode}"' in html
    assert f'data-script-version="{script_version()}"' in html
    for script in ("fleet.js", "alerts.js", "display.js"):
        assert f"displays/{script}" in html


def test_a_fleet_page_carries_its_words_in_every_content_language(client, settings) -> None:
    import json

    html = client.get("/display/").content.decode()
    strings = json.loads(re.search(r'id="display-strings"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert set(strings) == {code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES}
    assert strings["es"]["severity_extreme"] == "Emergencia extrema"
    assert strings["en"]["pairHelp"].startswith("In the CMS admin, open Displays")
