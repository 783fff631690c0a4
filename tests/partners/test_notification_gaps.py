"""Staff notifications of intake reach someone in the demo, and admin says when one would reach nobody."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from partners.intake.admin import notification_gaps
from partners.intake.staff import GRANTS_GROUP, SUPERINTENDENT_GROUP, group_addresses
from partners.models import ContactOffice

pytestmark = pytest.mark.django_db

HEADING = "Staff notifications that reach nobody"


@pytest.fixture
def admin_client(seeded, client: Client) -> Client:
    client.force_login(get_user_model().objects.create_superuser("root", "", "pw"))
    return client


def test_every_staff_notification_of_the_demo_reaches_a_sample_address(seeded) -> None:
    assert notification_gaps() == []
    grants = ContactOffice.objects.get(slug="grants-office", locale__language_code="en")
    assert grants.email.endswith(".sample@example.org")
    for group in (GRANTS_GROUP, SUPERINTENDENT_GROUP):
        addresses = group_addresses(group)
        assert addresses and all(address.endswith("@example.org") for address in addresses)
    # The sample staff cannot sign in until an administrator gives them a password.
    assert not any(user.has_usable_password() for user in get_user_model().objects.filter(groups__isnull=False))


def test_the_demo_seed_run_again_changes_nothing_here(seeded) -> None:
    before = sorted(get_user_model().objects.values_list("username", "email"))
    call_command("seed_demo", "--no-current-year", stdout=io.StringIO())
    assert sorted(get_user_model().objects.values_list("username", "email")) == before


def empty_the_grants_office_and_the_groups() -> None:
    ContactOffice.objects.filter(slug="grants-office").update(email="")
    for name in (GRANTS_GROUP, SUPERINTENDENT_GROUP):
        Group.objects.get(name=name).user_set.clear()


def test_a_stage_that_reaches_nobody_is_named(seeded) -> None:
    empty_the_grants_office_and_the_groups()
    gaps = notification_gaps()
    assert any(gap.startswith("New letter-of-support requests on 'Request a letter of support' (en)") for gap in gaps)
    assert f"'{GRANTS_GROUP}' group" in gaps[0]
    assert any(gap.startswith("Letters of support awaiting signature reach nobody") for gap in gaps)


def test_the_dashboard_and_the_letters_listing_warn(admin_client) -> None:
    assert HEADING not in admin_client.get(reverse("wagtailadmin_home")).content.decode()
    empty_the_grants_office_and_the_groups()
    dashboard = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert HEADING in dashboard
    assert "awaiting signature reach nobody" in dashboard
    listing = admin_client.get(reverse("letter_requests:index")).content.decode()
    assert "awaiting signature reach nobody" in listing


def test_staff_without_the_letters_permission_see_no_panel(seeded, client: Client) -> None:
    empty_the_grants_office_and_the_groups()
    user = get_user_model().objects.create_user("someone", "", "pw")
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    client.force_login(user)
    assert HEADING not in client.get(reverse("wagtailadmin_home")).content.decode()
