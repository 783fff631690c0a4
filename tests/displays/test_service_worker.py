"""The display's service worker: a kiosk whose browser restarts during an outage shows its saved screen."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

import displays.views
from stories.models import StoryPage
from tests.conftest import CHROMIUM_ARGS, until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FEBRUARY_2023 = "2023-02-15T12:00:00"


@pytest.fixture
def seeded_server(cms_server):
    call_command("seed_demo", "--no-current-year", stdout=io.StringIO())
    return cms_server


def display_url(server) -> str:
    return f"{server.url}/display/?at={FEBRUARY_2023}&rotate=600&poll=2"


def launch(chromium, folder):
    """A Chromium keeping its profile (storage, caches, service workers) in `folder`, as a kiosk does."""
    return chromium.browser_type.launch_persistent_context(
        folder,
        executable_path="/usr/bin/chromium",
        headless=True,
        args=CHROMIUM_ARGS,
        viewport={"width": 1920, "height": 1080},
    )


def open_controlled(context, url):
    """The display page, loaded again once its worker runs so the page itself is stored too."""
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(url)
    expect(page.locator("#slide-story .headline")).to_have_text("Issiah")
    expect(page.locator("body[data-service-worker=ready]")).to_have_count(1, timeout=10000)
    page.reload()
    expect(page.locator("#slide-story .headline")).to_have_text("Issiah")
    until(page, "navigator.serviceWorker.controller !== null")
    return page


def test_the_worker_is_served_with_its_scope_and_the_script_version(client) -> None:
    response = client.get("/display/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/display/"
    assert response["Cache-Control"] == "no-cache"
    text = response.content.decode()
    assert f'var VERSION = "{displays.views.script_version()}";' in text
    assert "__VERSION__" not in text and "__ASSETS__" not in text
    assert '"/static/displays/display.js"' in text and '"/static/displays/offline.js"' in text
    assert client.post("/display/sw.js").status_code == 405


def test_a_browser_restarted_during_an_outage_shows_the_saved_screen_then_recovers(
    seeded_server, chromium, tmp_path
) -> None:
    url = display_url(seeded_server)
    context = launch(chromium, tmp_path / "profile")
    open_controlled(context, url)
    seeded_server.stop()
    context.close()

    context = launch(chromium, tmp_path / "profile")  # the kiosk's browser comes back; the server does not
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(url)
        story = page.locator("#slide-story")
        expect(story.locator(".headline")).to_have_text("Issiah")
        expect(story.locator(".summary")).to_contain_text("CAB Cafe")
        expect(page.locator("#status")).to_be_visible()

        issiah = StoryPage.objects.get(slug="2023-01-issiah")
        issiah.summary = "Issiah's story, updated while the kiosk was down."
        issiah.save_revision().publish()
        seeded_server.start()
        expect(story.locator(".summary")).to_have_text(issiah.summary, timeout=15000)
        expect(page.locator("#status")).to_be_hidden()
    finally:
        context.close()


def test_a_new_release_takes_over_and_the_page_reloads_itself(seeded_server, chromium, tmp_path, monkeypatch) -> None:
    context = launch(chromium, tmp_path / "profile")
    try:
        page = open_controlled(context, display_url(seeded_server))
        first = f"display-shell-{displays.views.script_version()}"
        assert first in page.evaluate("caches.keys()")
        page.evaluate("window.beforeTheRelease = true")
        seeded_server.stop()
        monkeypatch.setattr(displays.views, "script_version", lambda: "a-new-release")
        seeded_server.start()
        # No one touches the screen: the worker update is found, takes over, and the page loads again (at the next
        # update check after the server is back, however long a busy machine takes to get there).
        until(page, "window.beforeTheRelease === undefined", timeout=45)
        expect(page.locator("#slide-story .headline")).to_have_text("Issiah", timeout=30000)
        version = page.evaluate(
            'fetch(\'/display/sw.js\').then(r => r.text()).then(t => t.match(/var VERSION = "([^"]*)"/)[1])'
        )
        assert version == "a-new-release"
        scripts = page.evaluate("navigator.serviceWorker.getRegistration('/display/').then(r => r.active.scriptURL)")
        assert scripts.endswith("/display/sw.js")
        kept = page.evaluate("caches.keys()")
        # The old release's shell is gone; the stored answers and images stay for the next outage.
        assert [name for name in kept if name.startswith("display-shell-")] == ["display-shell-a-new-release"]
        assert "display-answers" in kept
    finally:
        context.close()
