"""Letter-of-support requests over GraphQL: what a request must hold, its attachments, and its status token."""

from __future__ import annotations

import base64
import datetime
import hashlib
import uuid

import pytest

from cms.models import OutboundEmail
from partners.models import LetterAttachment, LetterOfSupportRequest

REQUEST = """
mutation($input: LetterOfSupportInput!, $key: UUID, $honeypot: String) {
  requestLetterOfSupport(input: $input, key: $key, honeypot: $honeypot) {
    ok reference statusToken status alreadyReceived thankYouText errors { field messages }
  }
}"""

STATUS = """
query($token: String!) { letterOfSupportStatus(token: $token) {
  reference status statusLabel organization grantProgram deadline declineReason history { status statusLabel }
} }"""

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
NOT_ACCEPTED = "is not a PDF, Word (.docx), PNG or JPEG file."


def send(graphql, letter_input: dict, **extra) -> dict:
    body = graphql(REQUEST, {"input": letter_input, **extra})
    assert "errors" not in body, body
    return body["data"]["requestLetterOfSupport"]


def attachment(name: str, data: bytes) -> dict:
    return {"name": name, "dataBase64": base64.b64encode(data).decode()}


def days_from_today(days: int) -> str:
    return (datetime.date.today() + datetime.timedelta(days=days)).isoformat()


def test_the_page_describes_every_field(gql, letter_page) -> None:
    page = gql("{ letterOfSupportPage { minimumNoticeDays formFields { name kind required autocomplete accept } } }")
    fields = {f["name"]: f for f in page["letterOfSupportPage"]["formFields"]}
    assert list(fields) == [
        "organization",
        "contactName",
        "email",
        "phone",
        "grantProgram",
        "funder",
        "amount",
        "deadline",
        "project",
        "districtRole",
        "attachments",
    ]
    assert fields["email"]["kind"] == "EMAIL" and fields["phone"]["kind"] == "PHONE"
    assert fields["phone"]["required"] is False and fields["amount"]["kind"] == "NUMBER"
    assert fields["deadline"]["kind"] == "DATE" and fields["project"]["kind"] == "MULTI_LINE"
    assert fields["contactName"]["autocomplete"] == "name"
    assert fields["attachments"]["kind"] == "FILES" and ".pdf" in fields["attachments"]["accept"]
    assert page["letterOfSupportPage"]["minimumNoticeDays"] == 10


def test_a_request_is_stored_with_its_attachment_and_a_private_token(graphql, letter_page, letter_input) -> None:
    result = send(graphql, {**letter_input, "attachments": [attachment("summary.pdf", PDF)]})
    assert result["ok"] is True and result["status"] == "SUBMITTED"
    letter = LetterOfSupportRequest.objects.get()
    assert result["reference"] == letter.reference and letter.reference.startswith("LS-")
    assert letter.organization == "Eastside Youth Collective" and str(letter.amount) == "25000.00"
    assert letter.page == letter_page
    # Only the token's hash is kept.
    token = result["statusToken"]
    assert len(token) >= 40 and letter.status_token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = LetterAttachment.objects.get()
    assert (stored.name, stored.content_type, stored.size) == ("summary.pdf", "application/pdf", len(PDF))
    assert stored.file.read() == PDF
    with pytest.raises(ValueError):
        stored.file.url  # noqa: B018 — private storage has no public address
    assert letter.events.get().to_status == "submitted"
    topics = sorted(OutboundEmail.objects.values_list("topic", flat=True))
    assert topics == ["letter.confirm", "letter.notify"]
    confirmation = OutboundEmail.objects.get(topic="letter.confirm")
    assert token in confirmation.body and confirmation.to == ["dana@eastside.example"]
    assert OutboundEmail.objects.get(topic="letter.notify").to == ["grants@example.org"]


def test_the_status_token_shows_the_request_and_nothing_else(graphql, gql, letter_page, letter_input) -> None:
    token = send(graphql, letter_input)["statusToken"]
    status = gql(STATUS, {"token": token})["letterOfSupportStatus"]
    assert status["status"] == "SUBMITTED" and status["statusLabel"] == "Submitted"
    assert status["organization"] == "Eastside Youth Collective"
    assert status["deadline"] == letter_input["deadline"] and status["declineReason"] is None
    assert status["history"] == [{"status": "SUBMITTED", "statusLabel": "Submitted"}]
    assert gql(STATUS, {"token": token[:-1] + ("A" if token[-1] != "A" else "B")})["letterOfSupportStatus"] is None
    assert gql(STATUS, {"token": ""})["letterOfSupportStatus"] is None


def test_the_status_token_is_never_taken_from_a_url(client, letter_page) -> None:
    query = '{ letterOfSupportStatus(token: "abc") { status } }'
    body = client.get("/graphql/", {"query": query}).json()
    assert body["errors"][0]["message"] == "Send the status token in a POST body, not in a URL."


def test_status_lookups_are_rate_limited(graphql, settings, letter_page) -> None:
    settings.INTAKE_STATUS_RATE = "3/m"
    for _ in range(3):
        assert graphql(STATUS, {"token": "guess"})["data"]["letterOfSupportStatus"] is None
    refused = graphql(STATUS, {"token": "guess"})
    assert refused["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert "Too many requests" in refused["errors"][0]["message"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("organization", "", "This field is required."),
        ("contactName", None, "This field is required."),
        ("email", "dana at eastside", "Enter a valid email address."),
        ("phone", "12", "Enter a ten-digit US phone number, e.g. 253-571-7980."),
        ("grantProgram", "g" * 201, "Ensure this value has at most 200 characters (it has 201)."),
        ("funder", "", "This field is required."),
        ("amount", "lots", "Enter a number."),
        ("amount", "0", "Ensure this value is greater than or equal to 1."),
        ("deadline", "next March", "Enter a valid date."),
        ("deadline", days_from_today(0), "The grant deadline must be a date after today."),
        ("project", "p" * 5001, "Ensure this value has at most 5000 characters (it has 5001)."),
        ("districtRole", "", "This field is required."),
    ],
)
def test_each_field_is_checked_and_explained(graphql, letter_page, letter_input, field, value, message) -> None:
    result = send(graphql, {**letter_input, field: value})
    assert result["ok"] is False and result["statusToken"] is None
    assert result["errors"] == [{"field": field, "messages": [message]}]
    assert not LetterOfSupportRequest.objects.exists() and not OutboundEmail.objects.exists()


def test_a_deadline_inside_the_notice_period_says_whom_to_call(graphql, letter_page, letter_input) -> None:
    result = send(graphql, {**letter_input, "deadline": days_from_today(4)})
    (message,) = result["errors"][0]["messages"]
    assert message.startswith("Requests need at least 10 days before the grant deadline")
    assert "4 days away" in message and "contact Grants Office at grants@example.org" in message
    letter_page.minimum_notice_days = 0
    letter_page.save_revision().publish()
    assert send(graphql, {**letter_input, "deadline": days_from_today(4)})["ok"] is True


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            [attachment("plan.exe", b"MZ\x90\x00" + b"\x00" * 60)],
            "'plan.exe' is not a PDF, Word (.docx), PNG or JPEG file.",
        ),
        ([attachment("plan.pdf", PNG)], f"'plan.pdf' {NOT_ACCEPTED}"),
        ([{"name": "plan.pdf", "dataBase64": "not base64!"}], "'plan.pdf' did not arrive as valid base64 data."),
        ([attachment("empty.pdf", b"")], "'empty.pdf' is empty."),
        ([attachment(f"p{i}.pdf", PDF) for i in range(4)], "Send at most 3 attachments; you sent 4."),
        # Nothing is left of these names once made safe to store: the file is called 'attachment'.
        ([attachment("", PDF)], f"'attachment' {NOT_ACCEPTED}"),
        ([attachment("..", PDF)], f"'attachment' {NOT_ACCEPTED}"),
        ([attachment("???", PDF)], f"'attachment' {NOT_ACCEPTED}"),
    ],
)
def test_attachments_are_checked(graphql, letter_page, letter_input, files, message) -> None:
    result = send(graphql, {**letter_input, "attachments": files})
    assert result["errors"] == [{"field": "attachments", "messages": [message]}]
    assert not LetterAttachment.objects.exists()


def test_an_attachment_over_the_size_limit_is_refused(graphql, settings, letter_page, letter_input) -> None:
    settings.LETTER_ATTACHMENT_MAX_BYTES = 1024 * 1024
    big = PDF + b"0" * (1024 * 1024)
    result = send(graphql, {**letter_input, "attachments": [attachment("big.pdf", big), attachment("ok.png", PNG)]})
    assert result["errors"] == [{"field": "attachments", "messages": ["'big.pdf' is larger than 1 MB."]}]
    assert not LetterOfSupportRequest.objects.exists()


def test_a_path_in_a_file_name_is_dropped(graphql, letter_page, letter_input) -> None:
    send(graphql, {**letter_input, "attachments": [attachment("../../etc/plan.pdf", PDF)]})
    stored = LetterAttachment.objects.get()
    assert stored.name == "plan.pdf" and ".." not in stored.file.name


def test_the_same_key_is_stored_once(graphql, letter_page, letter_input) -> None:
    key = str(uuid.uuid4())
    first = send(graphql, letter_input, key=key)
    again = send(graphql, letter_input, key=key)
    assert again["ok"] is True and again["alreadyReceived"] is True
    assert again["reference"] == first["reference"] and again["statusToken"] is None
    assert LetterOfSupportRequest.objects.count() == 1


def test_the_honeypot_discards_quietly(graphql, letter_page, letter_input) -> None:
    result = send(graphql, letter_input, honeypot="filled by a bot")
    assert result["ok"] is True and result["reference"] is None and result["statusToken"] is None
    assert not LetterOfSupportRequest.objects.exists() and not OutboundEmail.objects.exists()


def test_no_published_page_means_no_requests(graphql, letter_page, letter_input) -> None:
    letter_page.unpublish()
    result = send(graphql, letter_input)
    assert result["errors"] == [
        {"field": None, "messages": ["Letter-of-support requests are not being taken right now."]}
    ]


def test_the_letter_page_renders_the_form_and_a_status_check(client, letter_page) -> None:
    response = client.get(letter_page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-form="letter"' in html and 'id="status-form"' in html
    assert client.post(letter_page.url, {"organization": "x"}).status_code == 405
