"""Abuse limits on intake: a per-client rate counted inside each mutation, and one mutation per request."""

from __future__ import annotations

import json
import time
from types import SimpleNamespace

import django_ratelimit.core
import pytest
from django.test import Client

from partners.models import InterestSubmission, LetterOfSupportRequest

SUBMIT = """
mutation($values: [FormValueInput!]!) {
  submitInterestForm(slug: "interest-form", values: $values) {
    ok reference retryAfterSeconds errors { field messages }
  }
}"""


def post(client: Client, query: str, variables: dict, **headers) -> dict:
    body = json.dumps({"query": query, "variables": variables})
    return client.post("/graphql/", body, content_type="application/json", **headers).json()


@pytest.fixture
def two_a_minute(settings, monkeypatch) -> None:
    settings.INTAKE_SUBMIT_RATE = "2/m"
    # The counting window is a fixed minute on the clock: a test that ran across its end would start a new
    # count halfway. The clock stands still at the start of a window instead.
    now = int(time.time()) // 60 * 60 + 1
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: now))


def test_a_client_over_the_rate_is_refused_and_nothing_is_stored(
    client: Client, two_a_minute, interest_form, interest_answers
) -> None:
    for _ in range(2):
        assert post(client, SUBMIT, {"values": interest_answers})["data"]["submitInterestForm"]["ok"] is True
    refused = post(client, SUBMIT, {"values": interest_answers})["data"]["submitInterestForm"]
    assert refused["ok"] is False and refused["reference"] is None
    assert 0 < refused["retryAfterSeconds"] <= 60
    assert refused["errors"] == [
        {"field": None, "messages": ["Too many requests from your network. Please wait a minute and try again."]}
    ]
    assert InterestSubmission.objects.count() == 2


def test_invalid_attempts_do_not_use_up_the_rate(client: Client, two_a_minute, interest_form, interest_answers) -> None:
    for _ in range(5):
        result = post(client, SUBMIT, {"values": []})["data"]["submitInterestForm"]
        assert result["errors"][0]["messages"] == ["This field is required."]
    assert post(client, SUBMIT, {"values": interest_answers})["data"]["submitInterestForm"]["ok"] is True


def test_the_rate_is_per_client(client: Client, two_a_minute, interest_form, interest_answers) -> None:
    for address in ("203.0.113.5", "203.0.113.5", "198.51.100.7"):
        result = post(client, SUBMIT, {"values": interest_answers}, REMOTE_ADDR=address)
        assert result["data"]["submitInterestForm"]["ok"] is True
    result = post(client, SUBMIT, {"values": interest_answers}, REMOTE_ADDR="203.0.113.5")
    assert result["data"]["submitInterestForm"]["ok"] is False


def test_behind_a_trusted_proxy_the_forwarded_client_is_counted(
    client: Client, settings, two_a_minute, interest_form, interest_answers
) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for client_address in ("203.0.113.5", "203.0.113.5", "198.51.100.7"):
        # A client may send its own X-Forwarded-For; only the address the proxy appended counts.
        forwarded = {"HTTP_X_FORWARDED_FOR": f"1.2.3.4, {client_address}"}
        result = post(client, SUBMIT, {"values": interest_answers}, **proxy, **forwarded)
        assert result["data"]["submitInterestForm"]["ok"] is True
    spoofed = {"HTTP_X_FORWARDED_FOR": "9.9.9.9, 203.0.113.5"}
    assert (
        post(client, SUBMIT, {"values": interest_answers}, **proxy, **spoofed)["data"]["submitInterestForm"]["ok"]
        is False
    )


def test_aliased_mutations_in_one_request_are_refused_whole(
    client: Client, interest_form, interest_answers, letter_page, letter_input
) -> None:
    aliased = """
    mutation($values: [FormValueInput!]!) {
      a: submitInterestForm(slug: "interest-form", values: $values) { ok }
      b: submitInterestForm(slug: "interest-form", values: $values) { ok }
      c: submitInterestForm(slug: "interest-form", values: $values) { ok }
    }"""
    body = post(client, aliased, {"values": interest_answers})
    assert "data" not in body or body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "ONE_MUTATION_PER_REQUEST"
    assert body["errors"][0]["message"] == (
        "A mutation request may run one root field only: send each submission as its own request."
    )
    mixed = """
    mutation($values: [FormValueInput!]!, $input: LetterOfSupportInput!) {
      submitInterestForm(slug: "interest-form", values: $values) { ok }
      requestLetterOfSupport(input: $input) { ok }
    }"""
    assert post(client, mixed, {"values": interest_answers, "input": letter_input})["errors"]
    assert not InterestSubmission.objects.exists() and not LetterOfSupportRequest.objects.exists()


def test_a_fragment_cannot_hide_several_mutations(client: Client, interest_form, interest_answers) -> None:
    hidden = """
    mutation($values: [FormValueInput!]!) { ...Twice }
    fragment Twice on Mutation {
      a: submitInterestForm(slug: "interest-form", values: $values) { ok }
      b: submitInterestForm(slug: "interest-form", values: $values) { ok }
    }"""
    body = post(client, hidden, {"values": interest_answers})
    assert body["errors"][0]["extensions"]["code"] == "ONE_MUTATION_PER_REQUEST"
    assert not InterestSubmission.objects.exists()


def test_batched_requests_are_not_accepted(client: Client, interest_form, interest_answers) -> None:
    batch = json.dumps([{"query": SUBMIT, "variables": {"values": interest_answers}}] * 3)
    response = client.post("/graphql/", batch, content_type="application/json")
    assert response.status_code == 400
    assert not InterestSubmission.objects.exists()
