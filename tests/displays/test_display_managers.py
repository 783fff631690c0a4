"""A "Display managers" group may pair and manage screens and nothing more; the pair form lists languages by their
names, in the editor's language, as checkboxes each with its own label."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.urls import reverse
from wagtail.users.models import UserProfile

from displays.models import Display

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    cache.clear()


@pytest.fixture
def manager(client):
    user = User.objects.create_user("screens", "screens@example.org", "pw")
    user.groups.add(Group.objects.get(name="Display managers"))
    client.force_login(user)
    return client


def test_the_group_holds_exactly_the_screen_permissions() -> None:
    group = Group.objects.get(name="Display managers")
    assert {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()} == {
        "displays.pair_display",
        "displays.view_display",
        "displays.change_display",
        "wagtailadmin.access_admin",
    }


def test_a_display_manager_pairs_and_manages_screens(manager, client, school) -> None:
    asked = client.post("/display/api/pair", {}, "application/json").json()
    response = manager.post(
        reverse("displays_screens:pair"),
        {"code": asked["code"], "name": "Library", "school": school.pk, "languages": ["en", "so"]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    display = Display.objects.get(name="Library")
    assert display.is_paired and display.languages == ["en", "so"]
    assert manager.get(reverse("displays_screens:index")).status_code == 200
    assert manager.get(reverse("displays_screens:edit", args=[display.pk])).status_code == 200
    assert manager.post(reverse("displays_screens:revoke", args=[display.pk])).status_code == 302
    assert not Display.objects.get(pk=display.pk).is_paired


def test_a_display_manager_may_do_nothing_else(manager) -> None:
    assert manager.get(reverse("wagtailadmin_explore_root")).status_code in (302, 403)
    assert manager.get("/admin/displays_alerts/").status_code in (302, 403, 404)
    user = User.objects.get(username="screens")
    assert not user.has_perm("displays.issue_alert")
    assert not user.has_perm("wagtailcore.add_page") and not user.has_perm("cms.change_school")


@pytest.mark.parametrize(
    ("language", "names"),
    [("en", ["English", "Spanish", "Somali", "Samoan"]), ("es", ["Inglés", "Español", "Somalí", "Samoano"])],
)
def test_the_pair_form_names_languages_in_the_editor_s_language(client, language, names) -> None:
    user = User.objects.create_superuser("boss", "boss@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    page = BeautifulSoup(client.get(reverse("displays_screens:pair")).content, "html.parser")
    boxes = page.select('input[type="checkbox"][name="languages"]')
    assert [box["value"] for box in boxes][:2] == ["en", "es"]
    labels = {box["value"]: page.find("label", attrs={"for": box["id"]}).get_text(strip=True) for box in boxes}
    for name in names:
        assert name in labels.values(), labels
    assert not page.select('select[name="languages"]')  # no list box drawn over the field's label
    heading = page.find(id="id_languages-label") or page.find(string=lambda s: s and s.strip() == "Languages")
    assert heading is not None
