"""Drafts, private pages, expired pages, draft snippets and restricted media never reach the public.

Each hidden thing carries a marker string; every public query is sent and no answer may contain
any marker.
"""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone
from wagtail.models import Page

from partners.models import AwardRecipient, ContactOffice
from stories.models import StoryPage
from tests.factories import (
    StoryPageFactory,
)

PUBLIC_QUERIES = [
    "{ pages(limit: 100) { title urlPath searchDescription } }",
    '{ pages(limit: 100, contentType: "stories.StoryPage") { title ... on StoryPage { summary body } } }',
    "{ stories(limit: 100) { title summary body studentNames posterImage { title alt } video { url } } }",
    '{ search(query: "MARKER") { __typename ... on PageInterface { title } } }',
    "{ snippets { __typename ... on ContactOffice { name description } ... on AwardRecipient { name citation } } }",
    "{ contactOffices { name description } }",
    "{ awardRecipients(limit: 100) { name citation } }",
    "{ images(limit: 100) { title alt } }",
    "{ documents(limit: 100) { title url } }",
    "{ collections { name } }",
    """{ pages(limit: 100) { title children { title } descendants(limit: 100) { title } ancestors { title }
         siblings { title } parent { title } } }""",
    """{ pages(limit: 20) { ... on CampaignIndexPage { stories(limit: 100) { title body }
         upcomingStories { title } releasedStories { title } bannerImage { title } printedCalendar { title } } } }""",
    """{ pages(limit: 100) { ... on PartnershipPage { contactOffice { name } letterOfSupportOffice { name }
         awardProgram { title recipients { name } } } ... on HomePage { sections { title } } } }""",
    "{ stories(limit: 100) { title posterImage { title } } }",
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", PUBLIC_QUERIES)
def test_no_public_query_shows_hidden_content(hidden_content, leak_markers, graphql, query: str) -> None:
    body = graphql(query)
    assert "errors" not in body, body
    text = json.dumps(body, ensure_ascii=False)
    leaked = [name for name, marker in leak_markers.items() if marker in text]
    assert leaked == [], f"{leaked} leaked through {query}"


@pytest.mark.django_db
def test_hidden_pages_are_not_found_by_slug_or_path(hidden_content, gql) -> None:
    for slug in ("draft-story", "private-story", "expired-story", "scheduled-story", "hidden-award"):
        data = gql("query($slug: String) { page(slug: $slug) { title } }", {"slug": slug})
        assert data["page"] is None, slug
    assert gql('{ page(urlPath: "/better-together/private-story/") { title } }')["page"] is None


@pytest.mark.django_db
def test_public_content_beside_hidden_content_is_served(hidden_content, gql) -> None:
    titles = {page["title"] for page in gql("{ stories(limit: 100) { title } }")["stories"]}
    assert titles == {"Live story", "Story with hidden media"}
    live = gql('{ page(slug: "live-story") { ... on StoryPage { summary } } }')["page"]
    assert live == {"summary": "A short teaser."}


@pytest.mark.django_db
def test_media_in_a_restricted_collection_is_null_where_used(hidden_content, gql) -> None:
    story = gql('{ page(slug: "media-story") { ... on StoryPage { posterImage { title } } } }')["page"]
    assert story == {"posterImage": None}
    campaign = gql(
        '{ page(slug: "better-together") { ... on CampaignIndexPage { bannerImage { id } printedCalendar { id } } } }'
    )
    assert campaign["page"] == {"bannerImage": None, "printedCalendar": None}


@pytest.mark.django_db
def test_an_expired_page_is_unpublished_when_the_api_is_asked(hidden_content, gql) -> None:
    gql("{ pages { title } }")
    expired = StoryPage.objects.get(pk=hidden_content["expired"].pk)
    assert (expired.live, expired.expired) == (False, True)


@pytest.mark.django_db
def test_a_scheduled_page_goes_live_once_due(hidden_content, gql, leak_markers) -> None:
    scheduled = hidden_content["scheduled"]
    revision = scheduled.get_latest_revision()
    due = timezone.now() - datetime.timedelta(seconds=1)
    revision.approved_go_live_at = due
    revision.content["go_live_at"] = due.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    data = gql('{ page(slug: "scheduled-story") { title } }')
    assert data["page"] == {"title": leak_markers["scheduled page"]}


@pytest.mark.django_db
def test_draft_snippets_exist_but_stay_hidden(hidden_content) -> None:
    assert ContactOffice.objects.filter(live=False).exists()
    assert AwardRecipient.objects.filter(live=False).exists()


@pytest.mark.django_db
def test_rich_text_links_to_hidden_pages_lose_their_address(campaign, gql) -> None:
    hidden = StoryPageFactory(parent=campaign, title="Hidden", slug="hidden-target")
    hidden.unpublish()
    public = StoryPageFactory(parent=campaign, title="Public", slug="public-target")
    campaign.intro = (
        f'<p><a linktype="page" id="{hidden.pk}">hidden</a> and <a linktype="page" id="{public.pk}">public</a></p>'
    )
    campaign.save_revision().publish()
    intro = gql('{ page(slug: "better-together") { ... on CampaignIndexPage { intro } } }')["page"]["intro"]
    assert "hidden-target" not in intro
    assert 'href="/better-together/public-target/"' in intro


@pytest.mark.django_db
def test_pages_below_a_parent_or_ancestor(hidden_content, campaign, home, gql) -> None:
    query = "query($p: ID, $a: ID) { pages(parent: $p, ancestor: $a, limit: 100) { title } }"
    below_campaign = {p["title"] for p in gql(query, {"p": campaign.pk})["pages"]}
    assert below_campaign == {"Live story", "Story with hidden media"}
    below_home = {p["title"] for p in gql(query, {"a": home.pk})["pages"]}
    assert below_home == {"Better Together", "Live story", "Story with hidden media"}
    private = Page.objects.get(slug="private-partners")
    assert gql(query, {"a": private.pk})["pages"] == []
    assert gql(query, {"p": hidden_content["draft"].pk})["pages"] == []
