"""The display page takes what it needs to know of the district from settings, not from its script."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client


@pytest.mark.django_db
def test_premiere_dates_are_written_in_the_districts_time_zone(client: Client, settings) -> None:
    settings.TIME_ZONE = "America/Chicago"
    page = client.get("/display/").content.decode()
    assert 'data-time-zone="America/Chicago"' in page


def test_the_script_names_no_time_zone_of_its_own() -> None:
    script = (Path(__file__).parents[2] / "displays/static/displays/display.js").read_text(encoding="utf-8")
    assert "America/" not in script
