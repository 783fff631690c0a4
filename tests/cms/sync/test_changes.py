"""Delta sync: `changes(since:)` answers exactly what changed since a token, removals as tombstones, and
never anything that was not public."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from cms.sync.graphql import make_token
from cms.sync.journal import purge, sync_everything
from cms.visibility import public_pages
from partners.models import ContactOffice
from stories.models import StoryPage
from tests.factories import ContactOfficeFactory, StoryPageFactory

pytestmark = pytest.mark.django_db

CHANGES = """
query($since: String, $locale: String, $first: Int) {
  changes(since: $since, locale: $locale, first: $first) {
    items {
      change type itemId locale
      page { id title urlPath ... on StoryPage { summary body } }
      snippet { ... on ContactOffice { id name description } }
    }
    removed { type itemId }
    nextToken
    hasMore
  }
}"""


def sync(gql, since: str | None = None, **variables) -> dict:
    return gql(CHANGES, {"since": since, **variables})["changes"]


def everything(gql, first: int = 2) -> tuple[list[dict], str]:
    """A full sync, page by page, as a client does it."""
    answer = sync(gql, first=first)
    items = list(answer["items"])
    while answer["hasMore"]:
        answer = sync(gql, answer["nextToken"], first=first)
        items += answer["items"]
        assert answer["removed"] == []
    return items, answer["nextToken"]


def named(items: list[dict]) -> set[tuple[str, str, str]]:
    return {(item["change"], item["type"], item["itemId"]) for item in items}


def test_an_initial_sync_equals_the_public_content_page_by_page(gql, more_hidden_content, leak_markers) -> None:
    sync_everything()
    items, _ = everything(gql, first=3)
    public = {(page.specific_class.__name__, str(page.pk)) for page in public_pages(Page.objects.all())}
    offices = {
        ("ContactOffice", str(pk)) for pk in ContactOffice.objects.filter(live=True).values_list("pk", flat=True)
    }
    assert {(item["type"], item["itemId"]) for item in items} == public | offices
    assert len(items) == len(public | offices)  # nothing twice
    assert {item["change"] for item in items} == {"CREATED"}
    story = next(item for item in items if item["type"] == "StoryPage" and item["page"]["title"] == "Live story")
    assert story["page"]["id"] == story["itemId"] and story["locale"] == "en"
    spanish = next(item for item in items if item["locale"] == "es")
    assert spanish["page"]["title"] == "Historia publicada"
    # From the very beginning, removals included: still nothing of what was never public.
    from_start = sync(gql, make_token(0), first=500)
    for answer in (items, from_start):
        text = json.dumps(answer)
        assert not [name for name, marker in leak_markers.items() if marker in text]


def test_after_edits_a_sync_from_the_old_token_returns_exactly_those_changes(gql, campaign, translate) -> None:
    kept = StoryPageFactory(parent=campaign, slug="kept")
    edited = StoryPageFactory(parent=campaign, slug="edited")
    withdrawn = StoryPageFactory(parent=campaign, slug="withdrawn")
    deleted = StoryPageFactory(parent=campaign, slug="deleted")
    hidden = StoryPageFactory(parent=campaign, slug="made-private")
    sync_everything()
    _, token = everything(gql)

    edited.summary = "A new teaser."
    edited.save_revision().publish()
    withdrawn.unpublish()
    StoryPage.objects.get(pk=deleted.pk).delete()
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    spanish = translate(kept, "es", title="Conservada")
    new = StoryPageFactory(parent=campaign, slug="new", live=False)
    new.save_revision().publish()
    draft = StoryPageFactory(parent=campaign, slug="never-public", live=False)
    draft.save_revision()
    StoryPage.objects.get(pk=draft.pk).delete()

    answer = sync(gql, token)
    assert named(answer["items"]) == {
        ("CHANGED", "StoryPage", str(edited.pk)),
        ("CREATED", "StoryPage", str(spanish.pk)),
        ("CREATED", "StoryPage", str(new.pk)),
    }
    assert next(i for i in answer["items"] if i["itemId"] == str(edited.pk))["page"]["summary"] == "A new teaser."
    assert sorted(answer["removed"], key=lambda r: int(r["itemId"])) == [
        {"type": "StoryPage", "itemId": str(pk)} for pk in sorted([withdrawn.pk, deleted.pk, hidden.pk])
    ]
    assert str(draft.pk) not in json.dumps(answer)
    again = sync(gql, answer["nextToken"])
    assert again == {**again, "items": [], "removed": [], "hasMore": False}


def test_an_expiry_and_a_premiere_reach_sync_from_the_worker(gql, campaign, settings) -> None:
    from cms.worker import tick

    expiring = StoryPageFactory(parent=campaign, slug="expiring")
    StoryPageFactory(parent=campaign, slug="other")
    tick()
    _, token = everything(gql)
    Page.objects.filter(pk=expiring.pk).update(expire_at=timezone.now() - datetime.timedelta(seconds=1))
    answer = sync(gql, token)
    # Hidden from the instant it expires, even before the worker has noticed.
    assert answer["items"] == [] and answer["removed"] == []
    tick()
    answer = sync(gql, token)
    assert answer["removed"] == [{"type": "StoryPage", "itemId": str(expiring.pk)}]


def test_a_snippet_published_changed_and_unpublished(gql) -> None:
    office = ContactOfficeFactory(name="Family Center")
    sync_everything()
    _, token = everything(gql)
    office.description = "Open Saturdays."
    office.save_revision().publish()
    answer = sync(gql, token)
    assert named(answer["items"]) == {("CHANGED", "ContactOffice", str(office.pk))}
    assert answer["items"][0]["snippet"]["description"] == "Open Saturdays."
    office.unpublish()
    assert sync(gql, answer["nextToken"])["removed"] == [{"type": "ContactOffice", "itemId": str(office.pk)}]


def test_a_locale_asks_for_that_language_only(gql, campaign, translate) -> None:
    story = StoryPageFactory(parent=campaign, slug="ada")
    translate(story, "es", title="Ada")
    sync_everything()
    answer = sync(gql, locale="es")
    assert {item["locale"] for item in answer["items"]} == {"es"}


def test_bad_and_old_tokens_are_refused_in_words(graphql, campaign) -> None:
    body = graphql(CHANGES, {"since": "not-a-token"})
    assert body["errors"][0]["extensions"]["code"] == "SYNC_TOKEN_INVALID"
    assert "not a sync token" in body["errors"][0]["message"]

    story = StoryPageFactory(parent=campaign, slug="ada")
    sync_everything()
    first = graphql(CHANGES, {})["data"]["changes"]["nextToken"]
    story.unpublish()
    assert purge(timezone.now() + datetime.timedelta(days=31)) >= 1
    body = graphql(CHANGES, {"since": first})
    assert body["errors"][0]["extensions"]["code"] == "SYNC_TOKEN_EXPIRED"
    assert "older than the 30 days" in body["errors"][0]["message"] and "start over" in body["errors"][0]["message"]
    assert "errors" not in graphql(CHANGES, {})  # a full sync still works
    assert graphql(CHANGES, {"first": 0})["errors"][0]["message"] == "`first` must be between 1 and 500, not 0."
    assert "errors" not in graphql(CHANGES, {"first": None})  # null: the default


def test_the_queries_stay_the_same_however_many_changes(gql, campaign, django_assert_max_num_queries) -> None:
    for n in range(5):
        StoryPageFactory(parent=campaign, slug=f"few-{n}")
    sync_everything()
    with django_assert_max_num_queries(12) as few:
        sync(gql, first=100)
    for n in range(50):
        StoryPageFactory(parent=campaign, slug=f"many-{n}")
    sync_everything()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(sync(gql, first=100)["items"]) == 57  # home, campaign and 55 stories
