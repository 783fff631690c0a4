"""An emergency alert in force is a banner on every page of the public site, in the page's language."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from displays.models import Alert, AlertText

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_on():
    with override_settings(GRAPHQL_CACHE_SECONDS=300):
        yield


def test_an_alert_in_force_is_a_banner_on_every_page(seeded, client: Client, cache_on) -> None:
    kept = client.get("/es/better-together/")
    alert = Alert.objects.create(scope="district", severity="extreme")
    AlertText.objects.create(alert=alert, language="en", title="Lockdown", message="Stay inside.")
    AlertText.objects.create(alert=alert, language="es", title="Confinamiento", message="Quédese adentro.")
    response = client.get("/es/better-together/", HTTP_IF_NONE_MATCH=kept["ETag"])
    html = response.content.decode()
    assert response.status_code == 200
    assert '<section class="alert-banner severity-extreme"' in html
    assert '<span class="alert-severity">Emergencia</span> Confinamiento' in html
    # A district alert without an English-only stand-in reads in the page's language, so it has no lang of its own.
    assert "Quédese adentro." in html
    english = client.get("/").content.decode()
    assert '<span class="alert-severity">Emergency</span> Lockdown' in english
    alert.delete()
    assert "alert-banner" not in client.get("/").content.decode()


def test_an_alerts_paragraphs_are_paragraphs_of_the_banner_in_the_alerts_language(seeded, client: Client) -> None:
    # A CAP alert's message is its description, a blank line, and its instruction.
    alert = Alert.objects.create(scope="district", severity="severe")
    message = "A chemical spill near the Port of Tacoma.\n\nStay indoors.\nClose windows & doors."
    AlertText.objects.create(alert=alert, language="en", title="Shelter in place", message=message)
    html = client.get("/es/better-together/").content.decode()
    start = html.index('<section class="alert-banner')
    banner = html[start : html.index("</section>", start)]
    # English stands in for Spanish: the whole banner, paragraphs included, says so.
    assert banner.startswith('<section class="alert-banner severity-severe" aria-labelledby="alert-')
    assert ' lang="en">' in banner.split("\n")[0]
    description = "A chemical spill near the Port of Tacoma."
    instruction = "Stay indoors.<br>Close windows &amp; doors."
    assert f"<p>{description}</p>\n\n<p>{instruction}</p>" in banner
