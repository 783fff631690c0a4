"""Screens for the fleet's tests: a school, a screen there, and a paired screen with its credential; CAP sources."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from cms.models import School
from displays.credentials import digest, issue_credential
from displays.models import AlertSource, Display
from tests.conftest import CHROMIUM_ARGS
from tests.displays.cap_messages import OTHER_CERTIFICATE, OTHER_TOKEN, SENDER, SENDER_CERTIFICATE, TOKEN


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


@pytest.fixture
def kiosk(chromium: Any, tmp_path: Path) -> Iterator[Callable[[], Any]]:
    """Launches Chromium on one profile folder per test, as a kiosk's browser does: storage, caches and the
    service worker survive closing it and launching it again. Whatever is still open at the end is closed."""
    opened: list[Any] = []

    def launch() -> Any:
        context = chromium.browser_type.launch_persistent_context(
            tmp_path / "profile",
            executable_path=settings.CHROMIUM_PATH,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1920, "height": 1080},
        )
        opened.append(context)
        return context

    yield launch
    for context in opened:
        context.close()  # does nothing to one the test closed already


def bearer(secret: str) -> dict[str, str]:
    """Headers for Django's test client carrying a screen's credential."""
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def cap_source(db: None) -> AlertSource:
    """The district's mass-notification system, registered with its <sender>."""
    return AlertSource.objects.create(
        name="District notifications", token_hash=digest(TOKEN), certificate=SENDER_CERTIFICATE, cap_senders=SENDER
    )


@pytest.fixture
def other_cap_source(db: None) -> AlertSource:
    """A second system (a county's), with a key, token and <sender> of its own."""
    return AlertSource.objects.create(
        name="County emergency management",
        token_hash=digest(OTHER_TOKEN),
        certificate=OTHER_CERTIFICATE,
        cap_senders="eoc@piercecountywa.gov",
    )
