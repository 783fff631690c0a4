"""Every query in docs/queries.md runs on the demo content and returns data."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from graphql import build_schema, parse, validate
from graphql.validation import KnownFragmentNamesRule, NoUnusedFragmentsRule
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.preview import make_token
from cms.site.pages import SitePageMixin
from cms.site.render import FRAME, site_document
from stories.models import StoryPage
from tests.documented import BLOCKS, operation_name, operations, variables_for
from tests.factories import ImageFactory

QUERIES = operations()
SCHEMA = build_schema((Path(settings.BASE_DIR) / "schema.graphql").read_text())


def test_the_document_has_queries() -> None:
    assert len(QUERIES) >= 8


@pytest.mark.parametrize("query", QUERIES, ids=[operation_name(q) for q in QUERIES])
def test_each_block_defines_the_fragments_it_spreads(query: str) -> None:
    """A block pasted as it stands must not meet "Unknown fragment": the spec's rule, on the block alone."""
    errors = validate(SCHEMA, parse(query), [KnownFragmentNamesRule, NoUnusedFragmentsRule])
    assert errors == []


@pytest.mark.django_db
@pytest.mark.parametrize("query", QUERIES, ids=[operation_name(q) for q in QUERIES])
def test_documented_query_answers(seeded, gql, query: str) -> None:
    declared = {v.variable.name.value for v in parse(query).definitions[0].variable_definitions}
    variables = variables_for(query, declared)
    if "$token" in query:
        variables = {"token": make_token(StoryPage.objects.get(slug="2023-05-kendy", locale__language_code="en"))}
    data = gql(query, variables)
    # No alert is in force in the demo content: the site's frame asks for them on every page.
    empty = [field for field, value in data.items() if value in (None, [], {}) and field != "alerts"]
    assert empty == [], data


SITE_PAGE_TYPES = sorted(
    (model for model in apps.get_models() if issubclass(model, Page) and issubclass(model, SitePageMixin)),
    key=lambda model: model.__name__,
)


@pytest.mark.parametrize("model", SITE_PAGE_TYPES, ids=[model.__name__ for model in SITE_PAGE_TYPES])
def test_the_site_sends_the_documented_query(model: type[Page]) -> None:
    """Each page type the public site renders asks with a query docs/queries.md shows, word for word."""
    assert model.site_query and model.site_template
    assert site_document(model.site_query) in BLOCKS


def test_the_site_frame_is_documented() -> None:
    assert FRAME.read_text() in BLOCKS


@pytest.mark.django_db
def test_ids_are_unique_per_type_only_so_relay_needs_the_type_in_its_key(seeded, gql) -> None:
    """docs/queries.md tells Relay users to key records by `__typename` and `id`: ids are numbered per table, so
    one id can name a page and an image at once (on SQLite the demo content has such pairs; on PostgreSQL the
    numbers depend on the sequences, so the test makes one)."""
    page_id = gql("{ pages(limit: 1) { id } }")["pages"][0]["id"]
    if not get_image_model().objects.filter(pk=int(page_id)).exists():
        ImageFactory(id=int(page_id), title="An image with a page's number")
    data = gql("{ pages(limit: 100) { id } images(limit: 100) { id } }")
    assert page_id in {page["id"] for page in data["pages"]}
    assert page_id in {image["id"] for image in data["images"]}
