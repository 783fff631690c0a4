"""The interest form over GraphQL: its definition as editors set it, submission, and field validation."""

from __future__ import annotations

import json
import uuid

import pytest
from django.core import mail
from django.test import Client

from cms.models import OutboundEmail
from partners.models import InterestSubmission
from tests.factories import InterestFormFieldFactory

DEFINITION = """
query { interestForm(slug: "interest-form") {
  title submitLabel thankYouText office { name }
  formFields { name label kind required helpText choices defaultValues maxLength autocomplete }
} }"""

SUBMIT = """
mutation($values: [FormValueInput!]!, $key: UUID, $honeypot: String, $slug: String!) {
  submitInterestForm(slug: $slug, values: $values, key: $key, honeypot: $honeypot) {
    ok reference submittedAt alreadyReceived retryAfterSeconds thankYouText errors { field messages }
  }
}"""


def submit(graphql, values: list[dict], **extra) -> dict:
    body = graphql(SUBMIT, {"slug": "interest-form", "values": values, **extra})
    assert "errors" not in body, body
    return body["data"]["submitInterestForm"]


def replace(answers: list[dict], name: str, **answer) -> list[dict]:
    return [({"name": name, **answer} if a["name"] == name else a) for a in answers]


def without(answers: list[dict], name: str) -> list[dict]:
    return [a for a in answers if a["name"] != name]


def test_the_definition_is_the_form_as_editors_set_it(gql, interest_form) -> None:
    form = gql(DEFINITION)["interestForm"]
    fields = {f["name"]: f for f in form["formFields"]}
    assert [f["name"] for f in form["formFields"]] == [
        "organization_name",
        "partner_type",
        "email",
        "what_you_would_like_to_offer",
        "message",
        "consent",
    ]
    assert fields["partner_type"] == {
        "name": "partner_type",
        "label": "Partner type",
        "kind": "RADIO",
        "required": True,
        "helpText": "",
        "choices": ["Business", "Community group", "Individual"],
        "defaultValues": [],
        "maxLength": None,
        "autocomplete": None,
    }
    assert fields["email"]["kind"] == "EMAIL" and fields["email"]["autocomplete"] == "email"
    assert fields["email"]["helpText"] == "We reply here."
    assert fields["organization_name"]["autocomplete"] == "organization"
    assert fields["organization_name"]["maxLength"] == 255
    assert fields["message"]["kind"] == "MULTI_LINE" and fields["message"]["required"] is False
    assert fields["message"]["maxLength"] == 5000
    assert fields["consent"]["kind"] == "CHECKBOX"
    assert form["submitLabel"] == "Send"
    assert form["office"] == {"name": "Community Partnership"}


def test_a_field_an_editor_adds_appears_and_is_required(gql, graphql, interest_form, interest_answers) -> None:
    InterestFormFieldFactory(
        page=interest_form, label="How did you hear about us", field_type="dropdown", choices="Friend\nWebsite"
    )
    names = [f["name"] for f in gql(DEFINITION)["interestForm"]["formFields"]]
    assert names[-1] == "how_did_you_hear_about_us"
    result = submit(graphql, interest_answers)
    assert result["errors"] == [{"field": "how_did_you_hear_about_us", "messages": ["This field is required."]}]
    result = submit(graphql, [*interest_answers, {"name": "how_did_you_hear_about_us", "value": "Website"}])
    assert result["ok"] is True


def test_a_valid_submission_is_stored_with_a_reference(graphql, interest_form, interest_answers) -> None:
    result = submit(graphql, interest_answers)
    assert result["ok"] is True and result["errors"] == []
    assert result["alreadyReceived"] is False
    assert result["thankYouText"] == "<p>Thank you; we will be in touch.</p>"
    submission = InterestSubmission.objects.get()
    assert result["reference"] == submission.reference
    assert submission.reference.startswith("PI-") and submission.page_id == interest_form.pk
    assert submission.form_data == {
        "organization_name": "Hilltop Bakery",
        "partner_type": "Business",
        "email": "ana@hilltop.example",
        "what_you_would_like_to_offer": ["Internship", "One-time donation"],
        "message": "We would like to host two interns.",
        "consent": True,
    }


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (lambda a: without(a, "organization_name"), "organization_name", "This field is required."),
        (
            lambda a: replace(a, "organization_name", value="x" * 256),
            "organization_name",
            "Ensure this value has at most 255 characters (it has 256).",
        ),
        (
            lambda a: replace(a, "partner_type", value="Pirate"),
            "partner_type",
            "Select a valid choice. Pirate is not one of the available choices.",
        ),
        (lambda a: replace(a, "email", value="ana at hilltop"), "email", "Enter a valid email address."),
        (lambda a: replace(a, "what_you_would_like_to_offer", values=[]), "what_you_would_like_to_offer", None),
        (
            lambda a: replace(a, "what_you_would_like_to_offer", values=["Internship", "Yacht"]),
            "what_you_would_like_to_offer",
            "Select a valid choice. Yacht is not one of the available choices.",
        ),
        (
            lambda a: replace(a, "message", value="m" * 5001),
            "message",
            "Ensure this value has at most 5000 characters (it has 5001).",
        ),
        (lambda a: replace(a, "consent", value="false"), "consent", "This field is required."),
        (lambda a: [*a, {"name": "is_admin", "value": "yes"}], "is_admin", "This form has no field named 'is_admin'."),
    ],
)
def test_each_field_is_checked_and_explained(graphql, interest_form, interest_answers, change, field, message) -> None:
    result = submit(graphql, change(interest_answers))
    assert result["ok"] is False and result["reference"] is None
    assert [e["field"] for e in result["errors"]] == [field]
    assert result["errors"][0]["messages"] == [message or "This field is required."]
    assert not InterestSubmission.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_several_problems_come_back_together(graphql, interest_form) -> None:
    result = submit(graphql, [{"name": "email", "value": "nope"}])
    assert {e["field"] for e in result["errors"]} == {
        "organization_name",
        "partner_type",
        "email",
        "what_you_would_like_to_offer",
        "consent",
    }


def test_the_honeypot_discards_quietly(graphql, interest_form, interest_answers) -> None:
    result = submit(graphql, interest_answers, honeypot="http://spam.example")
    assert result["ok"] is True and result["reference"] is None
    assert not InterestSubmission.objects.exists()
    assert not OutboundEmail.objects.exists() and mail.outbox == []


def test_the_same_key_is_stored_once(graphql, interest_form, interest_answers) -> None:
    key = str(uuid.uuid4())
    first = submit(graphql, interest_answers, key=key)
    again = submit(graphql, interest_answers, key=key)
    assert again["ok"] is True and again["alreadyReceived"] is True
    assert again["reference"] == first["reference"]
    assert InterestSubmission.objects.count() == 1
    assert OutboundEmail.objects.count() == 2


def test_an_unpublished_or_unknown_form_takes_nothing(graphql, interest_form, interest_answers) -> None:
    interest_form.unpublish()
    result = submit(graphql, interest_answers)
    assert result["errors"] == [{"field": None, "messages": ["There is no published form called 'interest-form'."]}]
    assert not InterestSubmission.objects.exists()


def test_a_mutation_by_get_is_refused(client: Client, interest_form, interest_answers) -> None:
    query = 'mutation { submitInterestForm(slug: "interest-form", values: []) { ok } }'
    response = client.get("/graphql/", {"query": query})
    assert response.status_code == 405
    assert not InterestSubmission.objects.exists()


def test_cross_site_form_posts_are_refused(client: Client, interest_form, interest_answers) -> None:
    query = 'mutation($v: [FormValueInput!]!) { submitInterestForm(slug: "interest-form", values: $v) { ok } }'
    as_form = client.post("/graphql/", {"query": query, "variables": json.dumps({"v": interest_answers})})
    assert as_form.status_code == 415
    as_text = client.post("/graphql/", json.dumps({"query": query}), content_type="text/plain")
    assert as_text.status_code == 415
    # The form page itself takes no posts either: Wagtail's form pages would, by default.
    to_page = client.post(interest_form.url, {"organization_name": "Spam"})
    assert to_page.status_code == 405
    assert not InterestSubmission.objects.exists()


def test_the_form_page_renders_for_the_browser(client: Client, interest_form) -> None:
    response = client.get(interest_form.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-form="interest"' in html and 'data-slug="interest-form"' in html
    assert "partners/intake.js" in html


@pytest.mark.django_db
def test_the_partnership_pages_buttons_lead_to_the_forms(seeded, gql) -> None:
    query = """{ page(slug: "partner-with-tps") { ... on PartnershipPage {
      pathways { ... on PathwayBlock { callsToAction { ... on CallToActionBlock { target page { url } } } } }
      letterOfSupportActions { ... on CallToActionBlock { target page { url } } }
    } } }"""
    page = gql(query)["page"]
    (button,) = page["pathways"][0]["callsToAction"]
    assert button == {"target": "interest_form", "page": {"url": "/partner-with-tps/interest-form/"}}
    (button,) = page["letterOfSupportActions"]
    assert button == {"target": "letter_of_support", "page": {"url": "/partner-with-tps/letter-of-support/"}}
