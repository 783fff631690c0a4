"""Rich text reaches the public through one renderer: an embedded image, a linked document or page that the
public may not see leaves no trace in the GraphQL answer or the HTML page; public ones are rendered as usual."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.rich_text import features

from cms import rich_text
from tests.factories import DocumentFactory, ImageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db

STORY_BODY = '{ page(slug: "chart-story") { ... on StoryPage { body } } }'


@pytest.fixture
def restricted_collection() -> Collection:
    collection = Collection.get_first_root_node().add_child(name="Staff only")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get_or_create(name="Staff")[0])
    return collection


@pytest.fixture
def chart_story(campaign, restricted_collection):
    """A published story whose text embeds a restricted image and a public one, and links a restricted
    document and a public one."""
    hidden_image = ImageFactory(collection=restricted_collection, file__filename="secret-budget-chart.png")
    public_image = ImageFactory(file__filename="open-house-photo.png")
    hidden_document = DocumentFactory(collection=restricted_collection, file__filename="secret-budget.pdf")
    public_document = DocumentFactory(file__filename="open-house-flyer.pdf")
    body = (
        f'<p>Before</p><embed embedtype="image" id="{hidden_image.pk}" format="fullwidth" alt="Budget chart"/>'
        f'<embed embedtype="image" id="{public_image.pk}" format="left" alt="Open house"/>'
        f'<p><a linktype="document" id="{hidden_document.pk}">budget</a> '
        f'<a linktype="document" id="{public_document.pk}">flyer</a></p>'
    )
    return StoryPageFactory(parent=campaign, slug="chart-story", body=body)


def test_a_restricted_image_in_rich_text_leaves_no_trace_in_the_api(chart_story, gql) -> None:
    body = gql(STORY_BODY)["page"]["body"]
    assert "secret-budget" not in body and "Budget chart" not in body
    assert body.count("<img") == 1 and "open-house-photo" in body and 'alt="Open house"' in body
    assert "open-house-flyer" in body and "<a>budget</a>" in body


def test_a_restricted_image_in_rich_text_leaves_no_trace_on_the_html_page(chart_story, client) -> None:
    page = client.get("/better-together/chart-story/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "secret-budget" not in html and "Budget chart" not in html
    assert "open-house-photo" in html


def test_a_missing_image_is_nothing_either(campaign, gql) -> None:
    StoryPageFactory(
        parent=campaign, slug="chart-story", body='<p>x</p><embed embedtype="image" id="999999" format="left"/>'
    )
    assert "<img" not in gql(STORY_BODY)["page"]["body"]


def test_every_embed_and_link_type_goes_through_the_public_renderer() -> None:
    ours = set(rich_text.EMBED_HANDLERS) | set(rich_text.LINK_HANDLERS)
    registered = {**features.get_embed_types(), **features.get_link_types()}
    assert registered and set(registered.values()) <= ours, registered
