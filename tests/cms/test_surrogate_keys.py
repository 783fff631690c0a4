"""Surrogate keys: a CDN in front of the API and the site keeps public answers by URL and purges by key; no
edit may leave it serving an answer that changed, and an edit purges only the answers that include it."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator
from unittest import mock

import pytest
from django.test import Client, override_settings

from bench.api_queries import DISPLAY, LISTING
from cms import surrogate_keys
from cms.models import CustomImage
from cms.webhooks.models import WebhookEndpoint, WebhookEvent
from cms.webhooks.sending import payload
from partners.models import ContactOffice, PartnershipPage
from stories.models import StoryPage

pytestmark = pytest.mark.django_db


def graphql_url(query: str, **variables: str) -> str:
    return "/graphql/?" + urllib.parse.urlencode({"query": query, "variables": json.dumps(variables)})


IMAGES = graphql_url("{ images(limit: 5) { id title } }")
OFFICES = graphql_url("{ contactOffices { name phone } }")


class Edge:
    """A CDN: keeps each public GET by URL with its surrogate keys until a purge names one of them."""

    def __init__(self, client: Client) -> None:
        self.client, self.kept = client, {}

    def fill(self, *urls: str) -> None:
        for url in urls:
            response = self.client.get(url, HTTP_ACCEPT="application/json")
            assert response.status_code == 200 and "public" in response["Cache-Control"], url
            keys = set(response["Surrogate-Key"].split())
            assert keys == set(response["Cache-Tag"].split(",")) and surrogate_keys.ALL in keys
            self.kept[url] = (response.content, keys)

    def purge(self, keys: list[str]) -> set[str]:
        purged = {url for url, (_, kept_keys) in self.kept.items() if kept_keys & set(keys)}
        for url in purged:
            del self.kept[url]
        return purged

    def stale(self) -> list[str]:
        """What the edge still serves that the app now answers differently."""
        return [url for url, (body, _) in self.kept.items() if self.client.get(url).content != body]


@pytest.fixture
def edge(seeded, february_2023, client: Client) -> Iterator[Edge]:
    WebhookEndpoint.objects.create(name="CDN purge", url="https://cdn.example.org/purge")
    with override_settings(GRAPHQL_CACHE_SECONDS=300), mock.patch("cms.webhooks.events._send_after_commit"):
        yield Edge(client)


def urls() -> dict[str, str]:
    story = StoryPage.objects.live().get(slug="2023-01-issiah", locale__language_code="en")
    partnership = PartnershipPage.objects.live().get(locale__language_code="en")
    return {
        "display": graphql_url(DISPLAY),
        "listing": graphql_url(LISTING),
        "story": graphql_url("query($p: String!) { page(urlPath: $p) { title } }", p=story.url),
        "story page": story.url,
        "partnership page": partnership.url,
        "images": IMAGES,
        "offices": OFFICES,
    }


def last_event_keys() -> list[str]:
    event = WebhookEvent.objects.latest("pk")
    delivered = json.loads(payload(event.deliveries.get()))
    assert delivered["surrogateKeys"] == event.surrogate_keys
    return event.surrogate_keys


def test_an_office_edit_purges_the_answers_that_show_the_office_and_no_others(edge: Edge) -> None:
    pages = urls()
    edge.fill(*pages.values())
    office = ContactOffice.objects.get(slug="community-partnership", locale__language_code="en")
    office.phone = "253-571-9999"
    office.save_revision().publish()

    keys = last_event_keys()
    assert keys == ["partners.contactoffice", f"partners.contactoffice:{office.pk}"]
    purged = edge.purge(keys)
    assert edge.stale() == []
    assert {pages["partnership page"], pages["offices"]} <= purged
    assert not purged & {pages["display"], pages["listing"], pages["images"], pages["story"]}


def test_an_image_edit_purges_the_answers_that_show_the_image_and_image_lists(edge: Edge) -> None:
    pages = urls()
    edge.fill(*pages.values())
    poster = StoryPage.objects.get(slug="2023-01-issiah", locale__language_code="en").poster_image
    poster.description = "Issiah at the CAB Cafe counter, smiling"
    poster.save()

    purged = edge.purge(surrogate_keys.change_keys(CustomImage.objects.get(pk=poster.pk)))
    assert edge.stale() == []
    assert {pages["display"], pages["listing"], pages["images"]} <= purged
    assert not purged & {pages["partnership page"], pages["offices"], pages["story"]}


def test_a_publish_purges_every_answer_that_looks_pages_up(edge: Edge) -> None:
    pages = urls()
    story = StoryPage.objects.get(slug="2023-01-issiah", locale__language_code="en")
    # An answer that found nothing yet is purged too when the page it looked for appears.
    not_yet = graphql_url("query($p: String!) { page(urlPath: $p) { title } }", p=f"{story.get_parent().url}ada/")
    edge.fill(*pages.values(), not_yet)
    story.title = "Issiah, at work"
    story.save_revision().publish()

    keys = last_event_keys()
    assert keys == [surrogate_keys.PAGES]
    purged = edge.purge(keys)
    assert edge.stale() == []
    assert not purged & {pages["images"], pages["offices"]}

    edge.fill(not_yet)
    new_story = StoryPage(
        title="Ada", slug="ada", month=story.month, summary="A teaser.", poster_image=story.poster_image
    )
    story.get_parent().add_child(instance=new_story)
    new_story.save_revision().publish()
    assert not_yet in edge.purge(last_event_keys()) and edge.stale() == []


def test_a_kept_answer_and_a_not_modified_answer_carry_the_same_keys(edge: Edge, client: Client) -> None:
    url = urls()["story page"]
    first = client.get(url)
    again = client.get(url)
    unchanged = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304
    assert first["Surrogate-Key"] == again["Surrogate-Key"] == unchanged["Surrogate-Key"]
    assert "pages" in first["Surrogate-Key"].split()


@pytest.mark.parametrize("name", ["display", "story", "story page", "images"])
def test_public_answers_set_no_cookie_and_do_not_vary_by_cookie(edge: Edge, client: Client, name: str) -> None:
    """A CDN refuses to keep an answer that sets a cookie or varies by one."""
    url = urls()[name]
    client.cookies["csrftoken"] = "a" * 32
    for attempt in ("miss", "hit"):
        response = client.get(url, HTTP_ACCEPT="application/json")
        assert "public" in response["Cache-Control"], attempt
        assert not response.cookies, (attempt, response.cookies)
        assert "cookie" not in response.get("Vary", "").lower(), attempt


def test_private_answers_carry_no_keys(edge: Edge, client: Client, django_user_model) -> None:
    client.force_login(django_user_model.objects.create_superuser("editor", "e@district.example", "pw"))
    response = client.get(urls()["story"], HTTP_ACCEPT="application/json")
    assert "public" not in response["Cache-Control"] and "Surrogate-Key" not in response
