"""The Screens admin as editors meet it: the listing and its filters, pairing by code, the actions."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission, User
from django.core.cache import cache
from django.utils import timezone

from displays.models import Display
from displays.pulse import pulse_numbers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    cache.clear()


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(user)
    return client


def test_listing_filters_by_school_and_state(admin_client, make_display, school, other_school, paired) -> None:
    display, _ = paired
    Display.objects.filter(pk=display.pk).update(last_seen_at=timezone.now())
    make_display("Gym lobby", school=other_school)
    late = make_display("Library", school=school, credential_hash="x" * 64)
    Display.objects.filter(pk=late.pk).update(last_seen_at=timezone.now() - datetime.timedelta(hours=1))

    url = "/admin/displays_screens/"
    page = admin_client.get(url).content.decode()
    assert "Main hallway" in page and "Gym lobby" in page and "Library" in page
    assert "Pair a screen" in page
    by_school = admin_client.get(url, {"school": other_school.pk}).content.decode()
    assert "Gym lobby" in by_school and "Main hallway" not in by_school
    offline = admin_client.get(url, {"state": "offline"}).content.decode()
    assert "Library" in offline and "Main hallway" not in offline
    online = admin_client.get(url, {"state": "online"}).content.decode()
    assert "Main hallway" in online and "Library" not in online
    unpaired = admin_client.get(url, {"state": "unpaired"}).content.decode()
    assert "Gym lobby" in unpaired and "Library" not in unpaired


def test_pair_in_admin_then_screen_collects(admin_client, client, school) -> None:
    asked = admin_client.post("/display/api/pair", {}, "application/json").json()
    response = admin_client.post(
        "/admin/displays_screens/pair/",
        {"code": asked["code"].lower(), "name": "Front office", "school": school.pk, "languages": ["en", "es"]},
    )
    display = Display.objects.get(name="Front office")
    assert response.status_code == 302 and response["Location"].endswith(f"/edit/{display.pk}/")
    assert display.languages == ["en", "es"] and display.is_paired


def test_pair_wrong_code_shows_error(admin_client) -> None:
    response = admin_client.post("/admin/displays_screens/pair/", {"code": "ZZZ-ZZZ", "name": "X"})
    assert response.status_code == 200
    assert "No screen is showing the code ZZZ-ZZZ" in response.content.decode()


def test_identify_and_reload_bump_fleet(admin_client, paired) -> None:
    display, _ = paired
    before = pulse_numbers()["fleet"]
    admin_client.post(f"/admin/displays_screens/{display.pk}/identify/")
    display.refresh_from_db()
    assert display.command == "identify" and display.command_id == 1
    assert pulse_numbers()["fleet"] != before
    admin_client.post(f"/admin/displays_screens/{display.pk}/reload/")
    display.refresh_from_db()
    assert display.command == "reload" and display.command_id == 2


def test_revoke_makes_credential_fail(admin_client, client, paired) -> None:
    display, secret = paired
    from django.test import RequestFactory

    from displays.credentials import display_for_request
    from tests.displays.conftest import bearer

    assert admin_client.get(f"/admin/displays_screens/{display.pk}/revoke/").status_code == 200
    admin_client.post(f"/admin/displays_screens/{display.pk}/revoke/")
    assert display_for_request(RequestFactory().get("/", **bearer(secret))) is None


def test_editor_without_pair_permission_cannot_pair(client, paired) -> None:
    display, _ = paired
    user = User.objects.create_user("ed", "ed@example.org", "pw")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="change_display")
    )
    client.force_login(user)
    assert client.post("/admin/displays_screens/pair/", {"code": "ABC-DEF", "name": "X"}).status_code in (302, 403)
    assert client.post(f"/admin/displays_screens/{display.pk}/revoke/").status_code in (302, 403)
    assert Display.objects.get(pk=display.pk).is_paired


def test_edit_view_shows_health_and_saving_bumps_fleet(admin_client, paired) -> None:
    display, _ = paired
    Display.objects.filter(pk=display.pk).update(
        last_seen_at=timezone.now(), last_report={"scriptVersion": "ab12", "screen": {"width": 1920, "height": 1080}}
    )
    page = admin_client.get(f"/admin/displays_screens/edit/{display.pk}/").content.decode()
    assert "ab12" in page and "1920 × 1080" in page and "Identify" in page and "Revoke credential" in page
    before = pulse_numbers()["fleet"]
    response = admin_client.post(
        f"/admin/displays_screens/edit/{display.pk}/",
        {
            "name": "Renamed",
            "school": display.school_id,
            "location": "",
            "languages": ["en", "es"],
            "rotate_seconds": 20,
            "poll_seconds": 60,
            "notes": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Display.objects.get(pk=display.pk).name == "Renamed"
    assert pulse_numbers()["fleet"] != before
    assert Display.objects.get(pk=display.pk).languages == ["en", "es"]
