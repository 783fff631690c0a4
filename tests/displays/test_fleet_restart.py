"""A paired screen as a kiosk lives it: a real pairing, an outage with a browser restart, and an alert
issued by a person in admin reaching it within seconds."""

from __future__ import annotations

import io
import re
import time

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from cms.models import School
from displays.pairing import claim
from tests.conftest import until
from tests.displays.test_service_worker import launch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLIDES = "#slide-story, #slide-award, #slide-next"


@pytest.fixture
def server(settings, cms_server):
    settings.DISPLAY_PULSE_SECONDS = 1
    call_command("seed_demo", "--no-current-year", stdout=io.StringIO())
    return cms_server


def pair(page, url: str, **fields: object):
    """Open plain /display/ and claim the code it shows, as staff would in admin."""
    page.goto(f"{url}/display/")
    code = page.locator("#pairing .pair-code")
    expect(code).to_have_text(re.compile(r"^[2-9A-Z]{3}-[2-9A-Z]{3}$"), timeout=10000)
    school = School.objects.get(slug="mount-tahoma")
    display = claim(code.text_content(), None, school=school, **fields)
    expect(page.locator(SLIDES).first).to_be_visible(timeout=15000)
    return display


def test_a_paired_screen_restarted_during_an_outage_shows_its_saved_content_then_recovers(
    server, chromium, tmp_path
) -> None:
    context = launch(chromium, tmp_path / "profile")
    page = context.pages[0] if context.pages else context.new_page()
    pair(page, server.url, name="Main hallway", languages=["en"])
    expect(page.locator("body[data-service-worker=ready]")).to_have_count(1, timeout=10000)
    page.reload()  # now under the service worker, which keeps the page and the answers it passes on
    until(page, "navigator.serviceWorker.controller !== null")
    expect(page.locator(SLIDES).first).to_be_visible(timeout=15000)
    shown = page.locator("#slide-story .headline").text_content()
    time.sleep(1)
    server.stop()
    context.close()

    context = launch(chromium, tmp_path / "profile")  # the kiosk's browser restarts; the server is still down
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(f"{server.url}/display/")
        expect(page.locator("#pairing")).to_be_hidden()
        expect(page.locator("#slide-story .headline")).to_have_text(shown, timeout=15000)
        expect(page.locator("#status")).to_be_visible()
        server.start()
        expect(page.locator("#status")).to_be_hidden(timeout=10000)  # at its next pulse, not its next poll
        expect(page.locator("#slide-story .headline")).to_have_text(shown)
    finally:
        context.close()


def test_an_alert_issued_in_admin_replaces_the_slides_and_its_all_clear_restores_them(server, browser_page) -> None:
    page = browser_page
    pair(page, server.url, name="Gym lobby", languages=["en", "es"], rotate_seconds=3)
    issuer = User.objects.create_user("issuer", "issuer@example.org", "pw")
    # The group the migration makes (this test's database is emptied and filled anew, without migration data).
    group, _ = Group.objects.get_or_create(name="Emergency alerts")
    group.permissions.add(*Permission.objects.filter(codename__in=["issue_alert", "access_admin"]))
    issuer.groups.add(group)
    admin = Client()
    admin.force_login(issuer)
    form = {
        "severity": "extreme",
        "scope": "schools",
        "schools": [School.objects.get(slug="mount-tahoma").pk],
        "starts_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "ends_at": "",
        "texts-TOTAL_FORMS": "2",
        "texts-INITIAL_FORMS": "0",
        "texts-MIN_NUM_FORMS": "1",
        "texts-MAX_NUM_FORMS": "10",
    }
    for index, (language, title, message) in enumerate(
        [("en", "Lockdown", "Stay in your room."), ("es", "Confinamiento", "Quédese en su salón.")]
    ):
        row = {"id": "", "language": language, "title": title, "message": message, "DELETE": ""}
        form |= {f"texts-{index}-{key}": value for key, value in row.items()}
    saved_at = time.monotonic()
    assert admin.post(reverse("alert:add"), form).status_code == 302
    slide = page.locator("#slide-alert")
    expect(slide).to_be_visible(timeout=10000)
    assert time.monotonic() - saved_at < 10
    expect(slide).to_have_attribute("role", "alert")
    expect(slide.locator(".alert-title")).to_have_text(re.compile("Lockdown|Confinamiento"))
    expect(page.locator(SLIDES).first).to_be_hidden()

    from displays.models import Alert

    alert = Alert.objects.get()
    assert admin.post(reverse("alert:all_clear", args=[alert.pk])).status_code == 302
    expect(slide).to_be_hidden(timeout=10000)
    expect(page.locator(SLIDES).first).to_be_visible()
