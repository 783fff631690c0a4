"""A page's `urlPath` is the path the public site serves it at, and `page(urlPath:)` finds it by that path."""

from __future__ import annotations

import pytest

from cms.visibility import public_pages

pytestmark = pytest.mark.django_db

PAGES_IN = "query($locale: String) { pages(locale: $locale, limit: 100) { id urlPath url locale isFallback } }"
BY_PATH = "query($path: String) { page(urlPath: $path) { id urlPath locale } }"
SITE_BY_PATH = "query($path: String) { sites { page(urlPath: $path) { id } } }"


def test_every_public_page_in_every_language_is_found_by_its_url_path(gql, seeded) -> None:
    codes = [entry["code"] for entry in gql("{ locales { code } }")["locales"]]
    seen: set[str] = set()
    for code in codes:
        for page in gql(PAGES_IN, {"locale": code})["pages"]:
            # A fallback's id names the English original standing in ('8:es'); its path is the original's.
            database_id = page["id"].split(":")[0]
            found = gql(BY_PATH, {"path": page["urlPath"]})["page"]
            assert found is not None, page
            assert (found["id"], found["urlPath"]) == (database_id, page["urlPath"]), page
            assert gql(SITE_BY_PATH, {"path": page["urlPath"]})["sites"][0]["page"]["id"] == database_id
            seen.add(database_id)
    # Every public page of the demo, in each language it was written in, took part.
    assert len(seen) == public_pages().count()


def test_a_url_path_leaves_out_the_site_root_and_starts_with_a_translation_s_language(gql, seeded) -> None:
    english = gql('{ page(slug: "better-together") { urlPath url } }')["page"]
    assert english == {"urlPath": "/better-together/", "url": "/better-together/"}
    spanish = gql('{ page(slug: "better-together", locale: "es") { urlPath url locale } }')["page"]
    assert spanish == {"urlPath": "/es/better-together/", "url": "/es/better-together/", "locale": "es"}
    assert gql('{ page(urlPath: "/") { urlPath } }')["page"] == {"urlPath": "/"}
    assert gql('{ page(urlPath: "/es/") { urlPath locale } }')["page"] == {"urlPath": "/es/", "locale": "es"}


def test_the_stored_tree_path_is_not_a_public_path(gql, seeded) -> None:
    assert gql('{ page(urlPath: "/home/better-together/") { id } }')["page"] is None
