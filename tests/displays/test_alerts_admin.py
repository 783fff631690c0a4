"""Who may issue alerts, and the templates they start from."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from displays.models import AlertTemplate

pytestmark = pytest.mark.django_db


def test_the_emergency_alerts_group_may_issue_alerts_and_reach_the_admin():
    codenames = set(Group.objects.get(name="Emergency alerts").permissions.values_list("codename", flat=True))
    assert {"issue_alert", "access_admin"} <= codenames


def test_the_four_templates_are_ready():
    slugs = list(AlertTemplate.objects.values_list("slug", flat=True))
    assert slugs == ["lockdown", "shelter-in-place", "weather-closure", "all-clear"]
    assert AlertTemplate.objects.get(slug="lockdown").texts.get(language="en").title == "Lockdown"
