"""A screen never trusts what it heard before an outage: its browser restarted while the network was down, it
shows an alert issued meanwhile within seconds of the network's return, configured by its address or paired."""

from __future__ import annotations

import io
import re
import time
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cms.models import School
from displays.models import Alert, AlertText
from displays.pairing import claim
from displays.pulse import pulse_numbers
from tests.conftest import until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLIDES = "#slide-story, #slide-award, #slide-next"
# The finding's bound: once the network is back, the alert shows within 10 s (the pulse runs every 5 s).
BACK_WITHIN_SECONDS = 10


@pytest.fixture
def server(cms_server):
    """The site with its demo content (Mount Tahoma among the schools), the pulse at its production default."""
    call_command("seed_demo", "--no-current-year", stdout=io.StringIO())
    return cms_server


def open_by_address(page: Any, url: str) -> str:
    address = f"{url}/display/?school=mount-tahoma&locale=en&rotate=600"
    page.goto(address)
    return address


def open_paired(page: Any, url: str) -> str:
    """Plain /display/, its code claimed as staff would in admin."""
    page.goto(f"{url}/display/")
    code = page.locator("#pairing .pair-code")
    expect(code).to_have_text(re.compile(r"^[2-9A-Z]{3}-[2-9A-Z]{3}$"), timeout=15000)
    school = School.objects.get(slug="mount-tahoma")
    claim(code.text_content(), None, name="Main hallway", school=school, languages=["en"], rotate_seconds=600)
    return f"{url}/display/"


@pytest.mark.parametrize("open_screen", [open_by_address, open_paired], ids=["by-address", "paired"])
def test_a_screen_restarted_during_an_outage_shows_an_alert_issued_meanwhile_once_the_network_is_back(
    server, kiosk, open_screen
) -> None:
    context = kiosk()
    page = context.pages[0] if context.pages else context.new_page()
    address = open_screen(page, server.url)
    expect(page.locator(SLIDES).first).to_be_visible(timeout=20000)
    expect(page.locator("body[data-service-worker=ready]")).to_have_count(1, timeout=15000)
    page.reload()  # now under the service worker, which keeps the page and the answers it passes on
    until(page, "navigator.serviceWorker.controller !== null", timeout=15)
    expect(page.locator(SLIDES).first).to_be_visible(timeout=20000)
    expect(page.locator("#slide-alert")).to_be_hidden()
    server.stop()
    context.close()

    alert = Alert.objects.create(severity=Alert.Severity.EXTREME, scope=Alert.Scope.SCHOOLS)
    AlertText.objects.create(alert=alert, language="en", title="Lockdown", message="Stay in your classroom.")
    alert.schools.set([School.objects.get(slug="mount-tahoma")])

    context = kiosk()  # the kiosk's browser restarts; the network is still down
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(address)
    expect(page.locator("#pairing")).to_be_hidden()
    expect(page.locator(SLIDES).first).to_be_visible(timeout=20000)  # its saved content
    expect(page.locator("#status")).to_be_visible(timeout=20000)
    expect(page.locator("#slide-alert")).to_be_hidden()

    server.start()
    back_at = time.monotonic()
    slide = page.locator("#slide-alert")
    # Waited for past the bound, so that a late alert fails on the bound below rather than on a timeout.
    expect(slide).to_be_visible(timeout=(BACK_WITHIN_SECONDS + 20) * 1000)
    assert time.monotonic() - back_at < BACK_WITHIN_SECONDS
    expect(slide.locator(".alert-title")).to_have_text("Lockdown")
    expect(page.locator(SLIDES).first).to_be_hidden()


def wait_until(page: Any, condition: Any, seconds: float = 30) -> None:
    """Lets the page run (and its routes answer) until `condition()` holds."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        page.wait_for_timeout(200)


def test_an_alerts_request_that_failed_is_tried_again_within_seconds_without_a_new_pulse(server, chromium) -> None:
    context = chromium.new_context(viewport={"width": 1920, "height": 1080}, service_workers="block")
    try:
        page = context.new_page()
        refused: list[str] = []
        heard: dict[int, int] = {}  # each pulse number heard -> requests refused before it was heard

        def refuse(route: Any) -> None:
            refused.append(route.request.url)
            route.abort()

        def pulse(route: Any) -> None:
            response = route.fetch()
            heard.setdefault(response.json()["alerts"], len(refused))
            route.fulfill(response=response)

        page.route("**/display/api/alerts**", refuse)
        page.route("**/display/api/pulse", pulse)
        page.goto(f"{server.url}/display/?school=mount-tahoma&locale=en&rotate=600")
        expect(page.locator(SLIDES).first).to_be_visible(timeout=20000)

        alert = Alert.objects.create(severity=Alert.Severity.EXTREME, scope=Alert.Scope.SCHOOLS)
        AlertText.objects.create(alert=alert, language="en", title="Lockdown", message="Stay in your classroom.")
        alert.schools.set([School.objects.get(slug="mount-tahoma")])
        number = pulse_numbers()["alerts"]
        wait_until(page, lambda: number in heard)
        # The screen heard the new number and asked; that request failed. No pulse change follows.
        wait_until(page, lambda: len(refused) > heard[number])
        page.unroute("**/display/api/alerts**")
        expect(page.locator("#slide-alert .alert-title")).to_have_text("Lockdown", timeout=20000)
        assert pulse_numbers()["alerts"] == number
    finally:
        context.close()
