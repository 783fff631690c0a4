"""Each intake form error carries a code a client can branch on, the same whatever language its words are in."""

from __future__ import annotations

import base64
import datetime

import pytest

INTEREST = """
mutation($slug: String!, $values: [FormValueInput!]!, $locale: String) {
  submitInterestForm(slug: $slug, values: $values, locale: $locale) { ok errors { field code messages } }
}"""

LETTER = """
mutation($input: LetterOfSupportInput!) {
  requestLetterOfSupport(input: $input) { ok retryAfterSeconds errors { field code messages } }
}"""


def codes(answer: dict) -> dict[str | None, str]:
    return {error["field"]: error["code"] for error in answer["errors"]}


def replace(answers: list[dict], name: str, **answer) -> list[dict]:
    return [({"name": name, **answer} if a["name"] == name else a) for a in answers]


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        (lambda a: [x for x in a if x["name"] != "organization_name"], "organization_name", "REQUIRED"),
        (lambda a: replace(a, "partner_type", value="Yacht club"), "partner_type", "INVALID_CHOICE"),
        (lambda a: replace(a, "what_you_would_like_to_offer", values=["Yacht"]), "what_you_would_like_to_offer",
         "INVALID_CHOICE"),
        (lambda a: replace(a, "organization_name", value="x" * 256), "organization_name", "TOO_LONG"),
        (lambda a: replace(a, "email", value="not an address"), "email", "BAD_USER_INPUT"),
        (lambda a: [*a, {"name": "favourite_colour", "value": "teal"}], "favourite_colour", "UNKNOWN_FIELD"),
        (lambda a: replace(a, "message", values=["Hello"] * 51), "message", "TOO_MANY"),
    ],
)  # fmt: skip
def test_each_interest_form_problem_has_its_code(gql, interest_form, interest_answers, change, field, code) -> None:
    answer = gql(INTEREST, {"slug": "interest-form", "values": change(interest_answers)})["submitInterestForm"]
    assert answer["ok"] is False and codes(answer) == {field: code}


def test_the_code_is_the_same_in_every_language(gql, interest_form, interest_answers) -> None:
    values = [a for a in interest_answers if a["name"] != "email"]
    english = gql(INTEREST, {"slug": "interest-form", "values": values})["submitInterestForm"]["errors"]
    spanish = gql(INTEREST, {"slug": "interest-form", "values": values, "locale": "es"})["submitInterestForm"]
    assert spanish["errors"][0]["messages"] != english[0]["messages"]
    assert codes(spanish) == {"email": "REQUIRED"}


def test_a_form_that_is_not_published_is_unavailable(gql, interest_form, interest_answers) -> None:
    answer = gql(INTEREST, {"slug": "no-such-form", "values": interest_answers})["submitInterestForm"]
    assert codes(answer) == {None: "FORM_UNAVAILABLE"}


def test_letter_request_problems_have_their_codes(gql, settings, letter_page, letter_input) -> None:
    soon = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    past = (datetime.date.today() - datetime.timedelta(days=3)).isoformat()
    empty = {"name": "empty.pdf", "dataBase64": ""}
    big = {"name": "big.pdf", "dataBase64": base64.b64encode(b"%PDF-1.4\n" + b"0" * 2048).decode()}
    settings.LETTER_ATTACHMENT_MAX_BYTES = 1024
    answer = gql(LETTER, {"input": {**letter_input, "deadline": soon, "funder": "", "attachments": [empty, big]}})
    assert codes(answer["requestLetterOfSupport"]) == {
        "deadline": "DEADLINE_TOO_SOON",
        "funder": "REQUIRED",
        "attachments": "INVALID_FILE",
    }
    answer = gql(LETTER, {"input": {**letter_input, "deadline": past, "attachments": [big]}})
    assert codes(answer["requestLetterOfSupport"]) == {"deadline": "BAD_USER_INPUT", "attachments": "TOO_LARGE"}


def test_a_client_over_its_rate_is_told_so_with_a_code(gql, settings, letter_page, letter_input) -> None:
    settings.INTAKE_SUBMIT_RATE = "1/m"
    assert gql(LETTER, {"input": letter_input})["requestLetterOfSupport"]["ok"] is True
    answer = gql(LETTER, {"input": letter_input})["requestLetterOfSupport"]
    assert codes(answer) == {None: "RATE_LIMITED"} and answer["retryAfterSeconds"] > 0
