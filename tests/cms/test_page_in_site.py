"""`page(site:)` and `page(inSite:)` find a page within a site, as `pages` does."""

from __future__ import annotations

import pytest

from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(campaign):
    return StoryPageFactory(parent=campaign, slug="a-story", title="A story")


def test_a_page_by_slug_in_a_site(gql, story) -> None:
    data = gql("""{ byHost: page(slug: "a-story", site: "localhost") { title }
        here: page(slug: "a-story", inSite: true) { title } }""")
    assert data == {"byHost": {"title": "A story"}, "here": {"title": "A story"}}


def test_a_site_that_does_not_exist_holds_no_page(gql, story) -> None:
    assert gql('{ page(slug: "a-story", site: "elsewhere.example") { title } }') == {"page": None}


def test_site_and_in_site_together_are_refused_in_words(graphql, story) -> None:
    error = graphql('{ page(slug: "a-story", site: "localhost", inSite: true) { title } }')["errors"][0]
    assert error["message"] == "The 'site' and 'in_site' filters cannot be used at the same time."
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
