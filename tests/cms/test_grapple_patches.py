"""One probe per grapple patch: each fails if a grapple upgrade undoes what its patch changes.

A probe is named `test_<patch>`; the last test checks that every patch in `GRAPPLE_PATCHES` has one.
"""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Group
from graphql import GraphQLError, GraphQLObjectType, GraphQLUnionType, parse, validate
from grapple.schema import schema
from grapple.types.images import get_image_type
from wagtail.models import Collection, CollectionViewRestriction, Page

from cms.graphql.patches import GRAPPLE_PATCHES
from tests.factories import ImageFactory, PartnershipPageFactory, StoryPageFactory

GRAPHQL_SCHEMA = schema.graphql_schema


def _object_type(name: str) -> GraphQLObjectType:
    named = GRAPHQL_SCHEMA.get_type(name)
    assert isinstance(named, GraphQLObjectType), name
    return named


def _search_members() -> set[str]:
    union = GRAPHQL_SCHEMA.get_type("Search")
    assert isinstance(union, GraphQLUnionType)
    return {member.name for member in union.types}


def test_prune_page_types() -> None:
    assert {"draftTitle", "hasUnpublishedChanges", "aliasOf"}.isdisjoint(_object_type("StoryPage").fields)
    assert "draftTitle" not in _object_type("Page").fields


@pytest.mark.django_db
def test_route_site_pages_through_public_resolvers(campaign, gql) -> None:
    expired = StoryPageFactory(parent=campaign, slug="expired")
    Page.objects.filter(pk=expired.pk).update(expire_at="2000-01-01T00:00:00Z")
    assert "locale" in _object_type("SiteObjectType").fields["pages"].args
    sites = gql('{ sites { pages(locale: "en") { slug } } }')["sites"]
    slugs = {page["slug"] for site in sites for page in site["pages"]}
    assert "better-together" in slugs and "expired" not in slugs


def test_drop_undeclared_models() -> None:
    for hidden in ("OutboundEmail", "LetterOfSupportRequest", "LetterRequestEvent"):
        assert GRAPHQL_SCHEMA.get_type(hidden) is None, hidden
    assert "School" in _search_members() and "OutboundEmail" not in _search_members()


def test_refuse_unreadable_positive_ints() -> None:
    for literal in ('"ten"', "-1"):
        errors = validate(GRAPHQL_SCHEMA, parse(f"{{ pages(limit: {literal}) {{ id }} }}"))
        assert [error.message for error in errors] == [f"Expected value of type 'PositiveInt', found {literal}."]


def test_explain_refused_renditions() -> None:
    with pytest.raises(GraphQLError, match=r"Image filter 'fill-7x7' is not offered\. Ask for one of: "):
        get_image_type().resolve_rendition(None, None, fill="7x7")


@pytest.mark.django_db
def test_identify_items_as_served(partnership, gql) -> None:
    assert gql('{ page(slug: "partner", locale: "es") { id } }')["page"]["id"] == f"{partnership.pk}:es"


@pytest.mark.django_db
def test_identify_blocks_by_owner(home, gql) -> None:
    page = PartnershipPageFactory(parent=home, slug="principled", principles=[("principle", {"text": "Trust"})])
    query = '{ page(slug: "principled") { ... on PartnershipPage { principles { id } } } }'
    [principle] = gql(query)["page"]["principles"]
    assert principle["id"].startswith(f"{page.pk}.")


@pytest.mark.django_db
def test_keep_collection_relatives_public(gql) -> None:
    root = Collection.get_first_root_node()
    restricted = root.add_child(name="Staff only")
    restricted.add_child(name="Below staff only")
    restriction = CollectionViewRestriction.objects.create(
        collection=restricted, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get_or_create(name="Staff")[0])
    collections = gql("{ collections { name descendants { name } } }")["collections"]
    names = {relative["name"] for collection in collections for relative in collection["descendants"]}
    assert "Below staff only" not in names


@pytest.mark.django_db
def test_offer_src_sets_without_sizes(campaign, gql) -> None:
    image = ImageFactory(file__width=1920, file__height=1080)
    StoryPageFactory(parent=campaign, slug="poster", poster_image=image)
    data = gql('{ page(slug: "poster") { ... on StoryPage { posterImage { srcSet } } } }')
    assert data["page"]["posterImage"]["srcSet"]


@pytest.mark.django_db
def test_answer_raw_values_as_text(home, gql) -> None:
    PartnershipPageFactory(parent=home, slug="principled", principles=[("principle", {"text": "Trust"})])
    query = '{ page(slug: "principled") { ... on PartnershipPage { principles { rawValue } } } }'
    [principle] = gql(query)["page"]["principles"]
    assert json.loads(principle["rawValue"]) == {"text": "Trust"}


def test_add_locale_arguments() -> None:
    query = _object_type("Query")
    for name in ("pages", "page", "snippets", "search"):
        assert "locale" in query.fields[name].args, name


def test_type_documents_in_search() -> None:
    assert "DocumentObjectType" in _search_members()


def test_every_patch_has_a_probe() -> None:
    missing = [patch.__name__ for patch in GRAPPLE_PATCHES if f"test_{patch.__name__}" not in globals()]
    assert missing == [], f"grapple patches without a probe in this module: {missing}"
