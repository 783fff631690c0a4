"""An alert's message in paragraphs on the display's alert slide: a CAP alert's description and instruction
each a paragraph of its own, in the language the words are in."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from displays.models import Alert, AlertText

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def server(cms_server):
    call_command("seed_demo", "--no-current-year", stdout=io.StringIO())
    return cms_server


def test_an_alerts_paragraphs_are_paragraphs_of_the_slide_in_the_alerts_language(server, browser_page) -> None:
    page = browser_page
    alert = Alert.objects.create(severity=Alert.Severity.SEVERE, scope=Alert.Scope.DISTRICT)
    message = "A chemical spill near the Port of Tacoma.\n\nStay indoors.\nClose windows & doors."
    AlertText.objects.create(alert=alert, language="en", title="Shelter in place", message=message)
    page.goto(f"{server.url}/display/?school=mount-tahoma&locale=es&rotate=600")
    slide = page.locator("#slide-alert")
    paragraphs = slide.locator(".alert-message p")
    expect(paragraphs).to_have_count(2, timeout=20000)
    expect(paragraphs.nth(0)).to_have_text("A chemical spill near the Port of Tacoma.")
    assert paragraphs.nth(1).inner_html() == "Stay indoors.<br>Close windows &amp; doors."
    # English stands in for Spanish: the slide's own words are Spanish, the message's paragraphs English.
    expect(slide).to_have_attribute("lang", "es")
    expect(slide.locator(".severity")).to_have_text("Emergencia")
    # Read at once: the screen renders the slide again whenever it hears from the server, replacing the paragraphs.
    languages = slide.evaluate("s => [...s.querySelectorAll('.alert-message p')].map(p => p.closest('[lang]').lang)")
    assert languages == ["en", "en"]
