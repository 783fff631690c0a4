"""Screens for the fleet's tests: a school, a screen there, and a paired screen with its credential."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from cms.models import School
from displays.credentials import issue_credential
from displays.models import Display


@pytest.fixture
def school(db: None) -> School:
    return School.objects.create(
        name="Mount Tahoma High School",
        short_name="Mount Tahoma",
        slug="mount-tahoma",
        level=School.Level.HIGH,
        display_contact_email="office@mounttahoma.example.org",
    )


@pytest.fixture
def other_school(db: None) -> School:
    return School.objects.create(name="Lincoln High School", slug="lincoln", level=School.Level.HIGH)


@pytest.fixture
def make_display(db: None) -> Callable[..., Display]:
    def make(name: str = "Main hallway", **fields: object) -> Display:
        return Display.objects.create(name=name, **fields)

    return make


@pytest.fixture
def paired(make_display: Callable[..., Display], school: School) -> tuple[Display, str]:
    """A screen at Mount Tahoma, paired: (the display, the credential the screen holds)."""
    display = make_display(school=school, languages=["en", "es"])
    return display, issue_credential(display)


def bearer(secret: str) -> dict[str, str]:
    """Headers for Django's test client carrying a screen's credential."""
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
