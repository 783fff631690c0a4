"""The sync loop docs/queries.md shows, run as written against a live server: a full copy, then only what
changed, then a fresh start when its token is too old."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from cms.sync.journal import purge, sync_everything
from stories.models import StoryPage
from tests.factories import ContactOfficeFactory, StoryPageFactory

pytestmark = pytest.mark.django_db(transaction=True)

LOOP = Path(__file__).resolve().parents[3] / "docs" / "examples" / "sync_loop.py"


def run_loop(url: str, store: Path) -> dict:
    env = {**os.environ, "CMS_GRAPHQL": f"{url}/graphql/", "SYNC_STORE": str(store)}
    done = subprocess.run([sys.executable, str(LOOP)], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("items in step")
    return json.loads(store.read_text())


def test_the_documented_loop_keeps_a_copy_in_step(live_server, campaign, tmp_path: Path) -> None:
    stories = [StoryPageFactory(parent=campaign, slug=f"story-{n}") for n in range(120)]  # more than a page
    office = ContactOfficeFactory(name="Family Center")
    sync_everything()
    store = tmp_path / "copy.json"
    copy = run_loop(live_server.url, store)
    assert len(copy["items"]) == 120 + 3  # the stories, the campaign, the home page and the office
    assert copy["items"][f"ContactOffice:{office.pk}"]["snippet"]["name"] == "Family Center"

    StoryPage.objects.get(pk=stories[0].pk).unpublish()
    renamed = StoryPage.objects.get(pk=stories[1].pk)
    renamed.title = "A new title"
    renamed.save_revision().publish()
    copy = run_loop(live_server.url, store)
    assert f"StoryPage:{stories[0].pk}" not in copy["items"]
    assert copy["items"][f"StoryPage:{stories[1].pk}"]["page"]["title"] == "A new title"
    assert len(copy["items"]) == 122

    StoryPage.objects.get(pk=stories[2].pk).unpublish()
    purge(timezone.now() + datetime.timedelta(days=31))
    copy = run_loop(live_server.url, store)  # its token is too old: it starts over
    assert len(copy["items"]) == 121 and f"StoryPage:{stories[2].pk}" not in copy["items"]


def test_the_docs_show_the_loop_as_it_runs() -> None:
    doc = (LOOP.parents[1] / "queries.md").read_text()
    assert LOOP.read_text().strip() in doc
