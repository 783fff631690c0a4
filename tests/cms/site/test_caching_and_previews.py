"""Pages a CDN can keep until the content changes, and drafts shown only through a preview token."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from cms.preview import make_token
from stories.models import CampaignIndexPage
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_on():
    with override_settings(GRAPHQL_CACHE_SECONDS=300):
        yield


def test_a_page_carries_an_etag_and_may_be_kept_by_shared_caches(
    campaign: CampaignIndexPage, client: Client, cache_on
) -> None:
    response = client.get("/better-together/")
    assert response["Cache-Control"].startswith("public, max-age=0, s-maxage=")
    assert response["ETag"].startswith('"')
    # Nothing on it ties it to one visitor, so a CDN may keep it.
    assert "Set-Cookie" not in response and "Cookie" not in response.get("Vary", "")
    assert response["Content-Language"] == "en"
    again = client.get("/better-together/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again["ETag"] == response["ETag"]


def test_a_kept_page_is_served_without_asking_the_api_again(
    campaign: CampaignIndexPage, client: Client, cache_on
) -> None:
    for n in range(3):
        StoryPageFactory(parent=campaign, slug=f"story-{n}")
    with CaptureQueriesContext(connection) as first:
        client.get("/better-together/")
    with CaptureQueriesContext(connection) as second:
        client.get("/better-together/")
    # Only Wagtail's routing reads the database for a kept page.
    assert len(second) < len(first) / 3, (len(first), len(second))


def test_a_published_change_makes_every_kept_page_stale_at_once(
    campaign: CampaignIndexPage, client: Client, cache_on
) -> None:
    before = client.get("/better-together/")
    home_before = client.get("/")
    page = campaign
    page.title = "Better Together, renamed"
    page.save_revision().publish()
    after = client.get("/better-together/", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and "<h1>Better Together, renamed</h1>" in after.content.decode()
    # The home page lists the campaign among its sections: it changes too.
    home_after = client.get("/")
    assert home_after["ETag"] != home_before["ETag"]
    assert "Better Together, renamed" in home_after.content.decode()


def test_a_preview_token_renders_the_draft_with_a_ribbon_and_is_never_kept(
    campaign: CampaignIndexPage, client: Client, cache_on
) -> None:
    page = campaign
    page.title = "Better Together (draft)"
    page.save_revision()
    public = client.get("/better-together/").content.decode()
    assert "<h1>Better Together</h1>" in public and "preview-ribbon" not in public
    response = client.get("/better-together/", {"preview_token": make_token(page)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Better Together (draft)</h1>" in html
    assert '<p class="preview-ribbon" role="status"><strong>Preview</strong>' in html
    assert '<meta name="robots" content="noindex">' in html
    assert response["Cache-Control"] == "private, no-store" and "ETag" not in response
    # The public page is untouched by the preview.
    assert "<h1>Better Together</h1>" in client.get("/better-together/").content.decode()


def test_a_bad_preview_token_says_what_is_wrong(campaign, client: Client) -> None:
    response = client.get("/better-together/", {"preview_token": "not-a-token"})
    assert response.status_code == 400
    assert "This preview token is not valid." in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
