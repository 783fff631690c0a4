"""Fixtures shared by the whole suite: a GraphQL client, a site tree, the demo content."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page, Site

from home.models import HomePage
from tests.factories import CampaignIndexPageFactory, HomePageFactory

GraphQL = Callable[..., dict[str, Any]]


def post_graphql(client: Client, query: str, variables: dict | None = None) -> dict[str, Any]:
    """The JSON answer; a request the server refuses before execution (400) answers with errors too."""
    response = client.post(
        "/graphql/", json.dumps({"query": query, "variables": variables or {}}), content_type="application/json"
    )
    assert response.status_code in (200, 400), response.content
    return response.json()


@pytest.fixture
def graphql(client: Client) -> GraphQL:
    """Send a query to /graphql/ and return the whole JSON answer (data and errors)."""

    def run(query: str, variables: dict | None = None) -> dict[str, Any]:
        return post_graphql(client, query, variables)

    return run


@pytest.fixture
def gql(graphql: GraphQL) -> GraphQL:
    """Send a query and return its data, failing the test if the answer carries errors."""

    def run(query: str, variables: dict | None = None) -> dict[str, Any]:
        body = graphql(query, variables)
        assert "errors" not in body, body["errors"]
        return body["data"]

    return run


@pytest.fixture
def home(db: None) -> HomePage:
    """A home page as the default site's root."""
    root = Page.get_first_root_node()
    Page.objects.child_of(root).type(Page).exact_type(Page).delete()  # Wagtail's "Welcome" page
    home = HomePageFactory(parent=root, slug="home-test")
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    return home


@pytest.fixture
def campaign(home: HomePage):
    return CampaignIndexPageFactory(parent=home, slug="better-together")


@pytest.fixture
def seeded(db: None) -> None:
    call_command("seed_demo", stdout=io.StringIO())
