"""The Alerts admin: only "Emergency alerts" members issue and clear; templates pre-fill; the audit log knows."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from displays.models import Alert, AlertTemplate, AlertText
from displays.pulse import pulse_numbers

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "es", "vi", "ru", "uk", "km", "so", "ko", "zh-hans", "sm"]


def user_in(group: str, name: str) -> User:
    user = User.objects.create_user(name, f"{name}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def issuer(client) -> User:
    user = user_in("Emergency alerts", "issuer")
    client.force_login(user)
    return user


def form_data(**extra) -> dict:
    data = {
        "severity": "extreme",
        "scope": "district",
        "starts_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "ends_at": "",
        "texts-TOTAL_FORMS": "1",
        "texts-INITIAL_FORMS": "0",
        "texts-MIN_NUM_FORMS": "1",
        "texts-MAX_NUM_FORMS": "10",
        "texts-0-id": "",
        "texts-0-language": "en",
        "texts-0-title": "Lockdown",
        "texts-0-message": "Stay inside.",
        "texts-0-DELETE": "",
    }
    data.update(extra)
    return data


def test_the_migration_made_the_group_and_four_templates_in_every_language():
    assert Group.objects.get(name="Emergency alerts").permissions.filter(codename="issue_alert").exists()
    templates = AlertTemplate.objects.prefetch_related("texts")
    assert [t.slug for t in templates] == ["lockdown", "shelter-in-place", "weather-closure", "all-clear"]
    for template in templates:
        assert sorted(text.language for text in template.texts.all()) == sorted(LANGUAGES)


def test_an_editor_without_the_group_cannot_issue_or_clear(client):
    client.force_login(user_in("Editors", "editor"))
    alert = Alert.objects.create()
    add = client.get(reverse("alert:add"))
    assert add.status_code in (302, 403)
    assert client.post(reverse("alert:add"), form_data()).status_code in (302, 403)
    assert Alert.objects.count() == 1
    assert client.post(reverse("alert:all_clear", args=[alert.pk])).status_code in (302, 403)
    alert.refresh_from_db()
    assert alert.cleared_at is None


def test_issuing_from_a_template_prefills_every_language(client, issuer):
    page = client.get(reverse("alert:add"), {"template": "lockdown"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Confinamiento" in html and "封锁" in html and 'value="extreme" selected' in html
    assert 'name="texts-TOTAL_FORMS" value="10"' in html.replace("\n", "")


def test_issuing_logs_the_issuer_and_bumps_the_pulse_and_all_clear_ends_it(client, issuer):
    before = pulse_numbers()["alerts"]
    response = client.post(reverse("alert:add"), form_data())
    assert response.status_code == 302, response.content.decode()[:2000]
    alert = Alert.objects.get()
    assert alert.issued_by == issuer and alert.is_active()
    assert pulse_numbers()["alerts"] > before
    assert ModelLogEntry.objects.filter(action="displays.alert.issue", user=issuer, object_id=str(alert.pk)).exists()

    listing = client.get(reverse("alert:index")).content.decode()
    assert "in force" in listing and "All clear" in listing

    assert client.get(reverse("alert:all_clear", args=[alert.pk])).status_code == 200
    assert client.post(reverse("alert:all_clear", args=[alert.pk])).status_code == 302
    alert.refresh_from_db()
    assert alert.cleared_by == issuer and not alert.is_active()
    assert ModelLogEntry.objects.filter(action="displays.alert.all_clear", user=issuer).exists()
    assert "cleared" in client.get(reverse("alert:index")).content.decode()


def test_english_text_stands_in_on_the_screens_endpoint(client):
    alert = Alert.objects.create()
    AlertText.objects.create(alert=alert, language="en", title="Lockdown", message="Stay inside.")
    texts = client.get("/display/api/alerts", {"locale": "so"}).json()["alerts"][0]["texts"]
    assert texts == [{"language": "so", "title": "Lockdown", "message": "Stay inside.", "isFallback": True}]
