"""Every block answers `rawValue` and `blocks`, whatever it holds: its raw value is JSON where it is not text."""

from __future__ import annotations

import json
from types import SimpleNamespace
from unittest import mock

import pytest

pytestmark = pytest.mark.django_db

BLOCKS = """
query($locale: String) {
  page(slug: "partner-with-tps", locale: $locale) {
    ... on PartnershipPage {
      principles { id rawValue }
      pathways {
        id rawValue
        ... on PathwayBlock { blocks { id field rawValue } callsToAction { id rawValue } }
      }
    }
  }
}
"""


@pytest.mark.parametrize("locale", ["en", "es"])
def test_struct_blocks_answer_their_raw_value_as_json(client, seeded, locale: str) -> None:
    response = client.post("/graphql/", {"query": BLOCKS, "variables": {"locale": locale}}, "application/json")
    body = response.json()
    assert "errors" not in body, body["errors"]
    pathways = body["data"]["page"]["pathways"]
    assert pathways
    raw = json.loads(pathways[0]["rawValue"])
    assert isinstance(raw, dict) and "audience" in raw
    actions = [action for pathway in pathways for action in pathway["callsToAction"] or []]
    assert actions and all(json.loads(action["rawValue"])["text"] for action in actions)


def test_an_answer_that_does_not_fit_the_schema_is_an_internal_error_not_the_client_s(client, seeded) -> None:
    # A resolver that answers a dict where the schema promises a String, as grapple's `rawValue` did.
    not_text = SimpleNamespace(dumps=lambda *args, **kwargs: {"not": "text"})
    with mock.patch("cms.graphql.patches.raw_values.json", not_text):
        response = client.post("/graphql/", {"query": BLOCKS, "variables": {"locale": "en"}}, "application/json")
    codes = {error["extensions"]["code"] for error in response.json()["errors"]}
    assert codes == {"INTERNAL_SERVER_ERROR"}
