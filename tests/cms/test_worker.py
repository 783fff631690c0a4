"""The worker, not a request, applies publishing schedules; each tick also sends the email that is due."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from cms.outbox import queue_email
from stories.models import StoryPage
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

STORIES = "{ stories { title } }"


def titles(client: Client) -> list[str]:
    response = client.get("/graphql/", {"query": STORIES}, HTTP_ACCEPT="application/json")
    return [story["title"] for story in response.json()["data"]["stories"]]


@pytest.fixture
def due_story(campaign) -> StoryPage:
    """A story scheduled to go live, whose go-live time has just come."""
    story = StoryPageFactory(parent=campaign, slug="due", title="Due story")
    story.unpublish()
    story.go_live_at = timezone.now() + datetime.timedelta(days=1)
    story.save_revision().publish()  # a future go-live only schedules it
    revision = story.get_latest_revision()
    due = timezone.now() - datetime.timedelta(seconds=1)
    revision.approved_go_live_at = due
    revision.content["go_live_at"] = due.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    return story


def test_a_get_publishes_nothing(client: Client, due_story) -> None:
    assert titles(client) == []
    assert StoryPage.objects.get(pk=due_story.pk).live is False


def test_a_worker_tick_publishes_what_is_due(client: Client, due_story) -> None:
    call_command("run_worker", stdout=io.StringIO())
    assert StoryPage.objects.get(pk=due_story.pk).live is True
    assert titles(client) == ["Due story"]


def test_a_worker_tick_unpublishes_what_has_expired(client: Client, campaign) -> None:
    story = StoryPageFactory(parent=campaign, slug="ending", title="Ending story")
    StoryPage.objects.filter(pk=story.pk).update(expire_at=timezone.now() - datetime.timedelta(seconds=1))
    assert titles(client) == []  # hidden already, though still live
    call_command("run_worker", stdout=io.StringIO())
    story.refresh_from_db()
    assert (story.live, story.expired) == (False, True)


def test_a_worker_tick_sends_due_email(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        queue_email(topic="test", to=["ana@example.org"], subject="Hello", body="Hi.")
    out = io.StringIO()
    call_command("run_worker", stdout=out)
    assert out.getvalue().strip() == "Outbox: 1 sent, 0 deferred, 0 given up."
    assert [message.subject for message in mail.outbox] == ["Hello"]
