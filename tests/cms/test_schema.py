"""The whole schema builds and introspects; page types expose only what they declare."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from graphql import get_introspection_query

from cms.management.commands.export_schema import current_schema_sdl

# Page columns that describe drafts or unpublished aliases, which grapple would otherwise expose.
DRAFT_FIELDS = {"draftTitle", "hasUnpublishedChanges", "aliases", "aliasOf", "latestRevisionCreatedAt", "lockedAt"}


@pytest.fixture
def introspection(gql) -> dict:
    return gql(get_introspection_query(descriptions=True))["__schema"]


@pytest.mark.django_db
def test_full_introspection_lists_every_content_type(introspection) -> None:
    names = {t["name"] for t in introspection["types"]}
    expected = {
        "HomePage",
        "CampaignIndexPage",
        "StoryPage",
        "PartnershipPage",
        "ShiningStarAwardPage",
        "ContactOffice",
        "AwardRecipient",
        "School",
        "DistrictSettings",
        "CustomImage",
        "StoryVideo",
        "StoryStatus",
        "PartnerKindBlock",
        "PartnershipExampleBlock",
        "PrincipleBlock",
        "PathwayBlock",
        "CallToActionBlock",
        "PageInterface",
    }
    assert expected <= names
    query_fields = {f["name"] for t in introspection["types"] if t["name"] == "Query" for f in t["fields"]}
    assert {"page", "pages", "stories", "contactOffices", "contactOffice", "awardRecipients", "search"} <= query_fields


@pytest.mark.django_db
def test_no_type_exposes_draft_columns(introspection) -> None:
    exposed = {
        f"{t['name']}.{f['name']}"
        for t in introspection["types"]
        if t["kind"] == "OBJECT" and t["fields"]
        for f in t["fields"]
        if f["name"] in DRAFT_FIELDS
    }
    assert exposed == set()


@pytest.mark.django_db
def test_every_page_type_implements_the_page_interface(introspection) -> None:
    page_types = {"HomePage", "CampaignIndexPage", "StoryPage", "PartnershipPage", "ShiningStarAwardPage"}
    for t in introspection["types"]:
        if t["name"] in page_types:
            assert [i["name"] for i in t["interfaces"]] == ["PageInterface"], t["name"]


def test_committed_schema_file_is_current() -> None:
    call_command("export_schema", "--check")


def test_schema_sdl_is_stable() -> None:
    assert current_schema_sdl() == current_schema_sdl()
