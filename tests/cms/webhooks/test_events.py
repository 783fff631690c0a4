"""What makes a webhook event: publishing, withdrawing, moving and deleting public content, snippets,
alerts, and what happens by time alone, told once and only about what the public may see."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from cms.generation import content_version
from cms.webhooks.models import WebhookClock, WebhookDelivery, WebhookEndpoint, WebhookEvent
from cms.webhooks.signals import emit_timed_events
from cms.worker import tick
from stories.models import StoryPage
from tests.factories import CampaignIndexPageFactory, ContactOfficeFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sent() -> Iterator[list[int]]:
    """The delivery ids handed over for sending after commit (the sending itself is tested elsewhere)."""
    handed: list[int] = []
    with mock.patch("cms.webhooks.events._send_after_commit", side_effect=handed.extend):
        yield handed


@pytest.fixture
def endpoint() -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(name="Site build", url="https://build.example.org/hook")


def events(type: str | None = None) -> list[WebhookEvent]:
    found = WebhookEvent.objects.order_by("pk")
    return list(found.filter(type=type) if type else found)


def test_publishing_a_story_makes_one_event_naming_it_with_one_delivery_per_endpoint(campaign, endpoint, sent) -> None:
    other = WebhookEndpoint.objects.create(name="CDN", url="https://cdn.example.org/purge")
    WebhookEndpoint.objects.create(name="Old", url="https://old.example.org/", is_active=False)
    story = StoryPageFactory(parent=campaign, slug="ada")
    before = content_version()
    story.save_revision().publish()

    (event,) = events()
    assert event.type == "page.published" and event.page_type == "stories.storypage" and event.locale == "en"
    assert event.items == [
        {"type": "StoryPage", "id": str(story.pk), "locale": "en", "urlPath": "/better-together/ada/"}
    ]
    assert before < event.generation <= content_version()  # the generation after the change
    assert {d.endpoint for d in WebhookDelivery.objects.filter(event=event)} == {endpoint, other}
    assert sorted(sent) == sorted(WebhookDelivery.objects.values_list("pk", flat=True))


def test_nothing_is_told_of_a_page_the_public_cannot_see(campaign, home, endpoint) -> None:
    draft_section = CampaignIndexPageFactory(parent=home, slug="draft-section", live=False)
    below_draft = StoryPageFactory(parent=draft_section, slug="hidden")
    below_draft.save_revision().publish()
    private = StoryPageFactory(parent=campaign, slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    private.save_revision().publish()
    private.unpublish()
    private.delete()
    assert events() == []


def test_unpublishing_moving_and_deleting_are_each_told_once(campaign, home, endpoint) -> None:
    story = StoryPageFactory(parent=campaign, slug="ada")
    story.unpublish()
    story.save_revision().publish()
    other_section = CampaignIndexPageFactory(parent=home, slug="archive")
    story.move(other_section, pos="last-child")
    StoryPage.objects.get(pk=story.pk).delete()

    assert [event.type for event in events()] == ["page.unpublished", "page.published", "page.moved", "page.deleted"]
    moved = events("page.moved")[0].items[0]
    assert moved["urlPath"] == "/archive/ada/" and moved["previousUrlPath"] == "/better-together/ada/"
    assert events("page.deleted")[0].items[0]["urlPath"] == "/archive/ada/"


def test_an_endpoint_hears_only_the_events_languages_and_page_types_it_asked_for(campaign, translate) -> None:
    WebhookEndpoint.objects.create(name="A", url="https://a.example.org/", events=["page.unpublished"])
    spanish = WebhookEndpoint.objects.create(name="B", url="https://b.example.org/")
    spanish.locales.add(Locale.objects.get(language_code="es"))
    campaigns = WebhookEndpoint.objects.create(name="C", url="https://c.example.org/")
    campaigns.page_types.add(ContentType.objects.get(app_label="stories", model="campaignindexpage"))

    story = StoryPageFactory(parent=campaign, slug="ada")
    story.save_revision().publish()
    translation = translate(story, "es", title="Ada en español")

    heard = {e.name: [d.event.locale for d in e.deliveries.order_by("pk")] for e in WebhookEndpoint.objects.all()}
    assert heard == {"A": [], "B": ["es"], "C": []}
    assert WebhookDelivery.objects.get(endpoint=spanish).event.items[0]["id"] == str(translation.pk)


def test_snippets_tell_of_publishing_and_deleting(endpoint) -> None:
    office = ContactOfficeFactory()
    office.save_revision().publish()
    office.delete()
    assert [event.type for event in events()] == ["snippet.saved", "snippet.deleted"]
    assert events()[0].items[0]["type"] == "ContactOffice"


def test_a_scheduled_go_live_and_expiry_fire_from_the_worker(campaign, endpoint) -> None:
    story = StoryPageFactory(parent=campaign, slug="ada", live=False)
    story.go_live_at = timezone.now() + datetime.timedelta(minutes=5)
    story.save_revision(approved_go_live_at=story.go_live_at)
    StoryPage.objects.filter(pk=story.pk).update(expire_at=None)
    tick()
    assert events() == []
    later = timezone.now() + datetime.timedelta(minutes=6)
    with mock.patch("django.utils.timezone.now", return_value=later):
        tick()
    assert [event.type for event in events()] == ["schedule.went_live"]

    StoryPage.objects.filter(pk=story.pk).update(expire_at=timezone.now() - datetime.timedelta(seconds=1))
    tick()
    assert [event.type for event in events()][-1] == "schedule.expired"


def test_a_premiere_and_a_new_month_fire_once_with_no_request(campaign, endpoint) -> None:
    start = datetime.datetime(2026, 11, 30, 23, 0, tzinfo=datetime.UTC)
    story = StoryPageFactory(parent=campaign, slug="ada", premiere_at=start + datetime.timedelta(minutes=30))
    assert emit_timed_events(start) == 0  # the first look only sets the clock
    assert emit_timed_events(start + datetime.timedelta(minutes=20)) == 0
    assert emit_timed_events(start + datetime.timedelta(minutes=40)) == 1
    assert emit_timed_events(start + datetime.timedelta(minutes=41)) == 0
    (premiere,) = events("story.premiered")
    assert premiere.items[0]["id"] == str(story.pk)
    # Midnight in the district (America/Los_Angeles) is 08:00 UTC on December 1st.
    assert emit_timed_events(datetime.datetime(2026, 12, 1, 8, 30, tzinfo=datetime.UTC)) == 1
    assert events("month.turned")[0].items == [{"type": "Month", "id": "2026-12"}]
    assert WebhookClock.objects.get().checked_until == datetime.datetime(2026, 12, 1, 8, 30, tzinfo=datetime.UTC)
