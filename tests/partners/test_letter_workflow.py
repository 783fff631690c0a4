"""The letter-of-support review workflow: who may move a request, its audit trail, emails and admin screens."""

from __future__ import annotations

import csv
import datetime
import html
import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from cms.dates import today
from cms.models import OutboundEmail
from partners.intake.attachments import Upload, save_attachments
from partners.intake.staff import GRANTS_GROUP, PARTNERSHIP_GROUP, SUPERINTENDENT_GROUP
from partners.intake.workflow import TransitionError, available_transitions, move
from partners.models import LetterOfSupportPage, LetterOfSupportRequest, LetterRequestEvent

Status = LetterOfSupportRequest.Status

REQUEST = """
mutation($i: LetterOfSupportInput!) {
  requestLetterOfSupport(input: $i) { ok reference statusToken errors { field messages } }
}"""
STATUS = """
query($t: String!) {
  letterOfSupportStatus(token: $t) { status statusLabel declineReason history { status statusLabel at } }
}"""
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def staff_user(username: str, group: str | None, *, email: str | None = None, active: bool = True) -> AbstractUser:
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@district.example" if email is None else email,
        first_name=username.title(),
        last_name="Staff",
        is_active=active,
    )
    if group is not None:
        user.groups.add(Group.objects.get(name=group))
    return user


def make_letter(
    page: LetterOfSupportPage | None, *, days: int = 60, status: str = Status.SUBMITTED, organization: str = "Eastside"
) -> LetterOfSupportRequest:
    letter = LetterOfSupportRequest(
        page=page,
        status=status,
        organization=organization,
        contact_name="Dana Reyes",
        email="dana@eastside.example",
        grant_program="Summer Learning Fund",
        funder="Washington Community Foundation",
        amount=Decimal("25000"),
        deadline=today() + datetime.timedelta(days=days),
        project="A six-week summer reading program.",
        district_role="Host the program in school libraries.",
    )
    letter.issue_status_token()
    letter.save()
    return letter


def submit(gql: Any, letter_input: dict[str, Any]) -> tuple[LetterOfSupportRequest, str]:
    result = gql(REQUEST, {"i": letter_input})["requestLetterOfSupport"]
    assert result["ok"] is True, result["errors"]
    return LetterOfSupportRequest.objects.get(), result["statusToken"]


def status_of(gql: Any, token: str) -> dict[str, Any]:
    return gql(STATUS, {"t": token})["letterOfSupportStatus"]


def assert_untouched(letter: LetterOfSupportRequest, status: str, emails_before: int) -> None:
    letter.refresh_from_db()
    assert letter.status == status and letter.decline_reason == ""
    assert not LetterRequestEvent.objects.filter(request=letter).exclude(from_status="").exists()
    assert OutboundEmail.objects.count() == emails_before


def test_the_grants_office_reviews_and_sends_for_signature_but_cannot_sign(letter_page: LetterOfSupportPage) -> None:
    grants = staff_user("grace", GRANTS_GROUP)
    letter = make_letter(letter_page)
    assert [t.action for t in available_transitions(letter, grants)] == ["start_review", "decline"]
    assert move(letter.pk, "start_review", grants).status == Status.GRANTS_REVIEW
    assert move(letter.pk, "send_for_signature", grants).status == Status.AWAITING_SIGNATURE
    letter.refresh_from_db()
    assert available_transitions(letter, grants) == []
    events, emails = LetterRequestEvent.objects.count(), OutboundEmail.objects.count()
    with pytest.raises(PermissionDenied, match="Only the Superintendent's office"):
        move(letter.pk, "mark_signed", grants)
    letter.refresh_from_db()
    assert letter.status == Status.AWAITING_SIGNATURE
    assert LetterRequestEvent.objects.count() == events and OutboundEmail.objects.count() == emails


def test_the_superintendents_office_signs_or_declines_but_cannot_start_review(
    letter_page: LetterOfSupportPage,
) -> None:
    superintendent = staff_user("sam", SUPERINTENDENT_GROUP)
    waiting = make_letter(letter_page, status=Status.AWAITING_SIGNATURE)
    assert [t.action for t in available_transitions(waiting, superintendent)] == ["mark_signed", "decline"]
    assert move(waiting.pk, "mark_signed", superintendent).status == Status.SIGNED
    other = make_letter(letter_page, status=Status.AWAITING_SIGNATURE)
    declined = move(other.pk, "decline", superintendent, reason="The project is outside our schools.")
    assert declined.status == Status.DECLINED
    fresh = make_letter(letter_page)
    assert available_transitions(fresh, superintendent) == []
    emails = OutboundEmail.objects.count()
    with pytest.raises(PermissionDenied, match="Only the Grants Office"):
        move(fresh.pk, "start_review", superintendent)
    assert_untouched(fresh, Status.SUBMITTED, emails)


def test_a_decline_needs_a_reason_the_requester_reads(gql: Any, letter_page: LetterOfSupportPage, letter_input) -> None:
    grants = staff_user("grace", GRANTS_GROUP)
    letter, token = submit(gql, letter_input)
    emails = OutboundEmail.objects.count()
    for blank in ("", "   \n "):
        with pytest.raises(TransitionError, match="Give the reason for declining"):
            move(letter.pk, "decline", grants, reason=blank)
    assert_untouched(letter, Status.SUBMITTED, emails)
    reason = "The grant's deadline falls during winter break, when no one can sign."
    move(letter.pk, "decline", grants, reason=f"  {reason}  ")
    letter.refresh_from_db()
    assert letter.status == Status.DECLINED and letter.decline_reason == reason
    assert letter.events.last().note == reason
    status = status_of(gql, token)
    assert status["status"] == "DECLINED" and status["statusLabel"] == "Declined"
    assert status["declineReason"] == reason
    email = OutboundEmail.objects.get(topic="letter.status")
    assert email.to == ["dana@eastside.example"] and reason in email.body and "Declined" in email.subject


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (Status.SIGNED, "decline"),
        (Status.DECLINED, "start_review"),
        (Status.SUBMITTED, "mark_signed"),
        (Status.GRANTS_REVIEW, "start_review"),
    ],
)
def test_impossible_moves_are_refused_and_change_nothing(
    letter_page: LetterOfSupportPage, status: str, action: str
) -> None:
    admin = get_user_model().objects.create_superuser("root", "root@district.example", "pw")
    letter = make_letter(letter_page, status=status)
    with pytest.raises(TransitionError) as refused:
        move(letter.pk, action, admin, reason="A reason.")
    label = Status(status).label
    assert str(refused.value).startswith(f"{letter.reference} is '{label}';")
    assert "is not possible from there" in str(refused.value)
    assert_untouched(letter, status, 0)


def test_an_unknown_action_is_refused_and_changes_nothing(letter_page: LetterOfSupportPage) -> None:
    admin = get_user_model().objects.create_superuser("root", "root@district.example", "pw")
    letter = make_letter(letter_page)
    with pytest.raises(TransitionError, match="'approve' is not a step of the letter-of-support workflow"):
        move(letter.pk, "approve", admin)
    assert_untouched(letter, Status.SUBMITTED, 0)


def test_every_move_is_recorded_in_the_history_and_wagtails_log(gql: Any, letter_page, letter_input) -> None:
    grants, superintendent = staff_user("grace", GRANTS_GROUP), staff_user("sam", SUPERINTENDENT_GROUP)
    letter, token = submit(gql, letter_input)
    path = [
        ("start_review", grants, Status.GRANTS_REVIEW),
        ("send_for_signature", grants, Status.AWAITING_SIGNATURE),
        ("mark_signed", superintendent, Status.SIGNED),
    ]
    for action, user, _ in path:
        move(letter.pk, action, user)
    events = list(letter.events.order_by("at", "pk"))
    assert [(e.from_status, e.to_status) for e in events] == [
        ("", Status.SUBMITTED),
        (Status.SUBMITTED, Status.GRANTS_REVIEW),
        (Status.GRANTS_REVIEW, Status.AWAITING_SIGNATURE),
        (Status.AWAITING_SIGNATURE, Status.SIGNED),
    ]
    assert [(e.actor, e.actor_name) for e in events[1:]] == [
        (grants, "Grace Staff"),
        (grants, "Grace Staff"),
        (superintendent, "Sam Staff"),
    ]
    ats = [e.at for e in events]
    assert ats == sorted(ats) and ats[0] < ats[-1]
    history = status_of(gql, token)["history"]
    assert [h["status"] for h in history] == ["SUBMITTED", "GRANTS_REVIEW", "AWAITING_SIGNATURE", "SIGNED"]
    assert history[-1]["statusLabel"] == "Signed and sent"
    assert [h["at"] for h in history] == sorted(h["at"] for h in history)
    logged = ModelLogEntry.objects.for_instance(letter).filter(action="partners.letter_request.moved")
    entries = list(logged.order_by("timestamp", "pk"))
    assert [(e.user, e.data["from"], e.data["to"]) for e in entries] == [
        (grants, "submitted", "grants_review"),
        (grants, "grants_review", "awaiting_signature"),
        (superintendent, "awaiting_signature", "signed"),
    ]


def test_each_move_emails_the_requester_and_a_signature_request_reaches_the_superintendent(
    letter_page: LetterOfSupportPage, django_capture_on_commit_callbacks
) -> None:
    grants = staff_user("grace", GRANTS_GROUP)
    staff_user("sam", SUPERINTENDENT_GROUP, email="sam@district.example")
    staff_user("olga", SUPERINTENDENT_GROUP, email="olga@district.example", active=False)
    staff_user("nomail", SUPERINTENDENT_GROUP, email="")
    letter = make_letter(letter_page)

    with django_capture_on_commit_callbacks(execute=True):
        move(letter.pk, "start_review", grants)
    queued = OutboundEmail.objects.get()
    assert queued.topic == "letter.status" and queued.to == ["dana@eastside.example"]
    assert "In Grants Office review" in queued.body and "grants@example.org" in queued.reply_to
    assert queued.status == OutboundEmail.Status.SENT
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["dana@eastside.example"]
    assert "In Grants Office review" in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        move(letter.pk, "send_for_signature", grants)
        assert len(mail.outbox) == 1  # nothing leaves before the commit
    assert len(callbacks) == 1
    status_email = OutboundEmail.objects.filter(topic="letter.status").latest("pk")
    assert "Sent for the Superintendent's signature" in status_email.body
    signature = OutboundEmail.objects.get(topic="letter.signature")
    assert signature.to == ["sam@district.example"] and letter.reference in signature.subject
    assert "http://testserver" + reverse("letter_requests:edit", args=[letter.pk]) in signature.body
    assert sorted(m.to[0] for m in mail.outbox[1:]) == ["dana@eastside.example", "sam@district.example"]
    assert not OutboundEmail.objects.exclude(status=OutboundEmail.Status.SENT).exists()


def test_an_email_is_not_sent_when_the_transaction_does_not_commit(letter_page: LetterOfSupportPage) -> None:
    letter = make_letter(letter_page)
    move(letter.pk, "start_review", staff_user("grace", GRANTS_GROUP))
    assert OutboundEmail.objects.get().status == OutboundEmail.Status.QUEUED and mail.outbox == []


def edit_url(letter: LetterOfSupportRequest) -> str:
    return reverse("letter_requests:edit", args=[letter.pk])


def page_text(response: Any) -> str:
    return html.unescape(response.content.decode())


def test_the_review_screen_offers_the_users_next_step(client: Client, letter_page: LetterOfSupportPage) -> None:
    letter = make_letter(letter_page)
    save_attachments(letter, [Upload(name="plan.pdf", content_type="application/pdf", data=PDF)])
    client.force_login(staff_user("grace", GRANTS_GROUP))
    response = client.get(edit_url(letter))
    text = page_text(response)
    assert response.status_code == 200
    assert "Start Grants Office review" in text and 'value="decline"' in text and 'value="mark_signed"' not in text
    assert ">Attachments</h3>" in text and ">History</h3>" in text
    attachment = letter.attachments.get()
    assert reverse("letter_requests:attachment", args=[letter.pk, attachment.pk]) in text and "plan.pdf" in text


def test_a_move_the_user_may_not_make_is_refused_with_a_message(
    client: Client, letter_page: LetterOfSupportPage
) -> None:
    letter = make_letter(letter_page, status=Status.AWAITING_SIGNATURE)
    client.force_login(staff_user("grace", GRANTS_GROUP))
    move_url = reverse("letter_requests:move", args=[letter.pk])
    response = client.post(move_url, {"action": "mark_signed"}, follow=True)
    assert response.redirect_chain == [(edit_url(letter), 302)]
    assert "Only the Superintendent's office can 'Signed and sent' at this step." in page_text(response)
    assert "The next step belongs to another office." in page_text(response)
    assert_untouched(letter, Status.AWAITING_SIGNATURE, 0)
    assert client.get(move_url).status_code == 405


def test_a_permitted_move_is_made_from_the_review_screen(client: Client, letter_page: LetterOfSupportPage) -> None:
    letter = make_letter(letter_page)
    client.force_login(staff_user("grace", GRANTS_GROUP))
    response = client.post(reverse("letter_requests:move", args=[letter.pk]), {"action": "start_review"})
    assert response.status_code == 302 and response["Location"] == edit_url(letter)
    letter.refresh_from_db()
    assert letter.status == Status.GRANTS_REVIEW
    assert f"{letter.reference} is now 'In Grants Office review'" in page_text(client.get(edit_url(letter)))


@pytest.mark.parametrize("group", [PARTNERSHIP_GROUP, None])
def test_staff_without_the_view_permission_are_kept_out(
    client: Client, letter_page: LetterOfSupportPage, group: str | None
) -> None:
    letter = make_letter(letter_page)
    save_attachments(letter, [Upload(name="plan.pdf", content_type="application/pdf", data=PDF)])
    attachment = letter.attachments.get()
    client.force_login(staff_user("pat", group))
    requests = [
        ("get", edit_url(letter), {}),
        ("post", reverse("letter_requests:move", args=[letter.pk]), {"action": "decline", "reason": "No."}),
        ("get", reverse("letter_requests:attachment", args=[letter.pk, attachment.pk]), {}),
    ]
    for method, url, data in requests:
        response = getattr(client, method)(url, data)
        # Admin users are sent back to the dashboard; anyone else to the login page.
        away = reverse("wagtailadmin_home") if group else f"{reverse('wagtailadmin_login')}?next={url}"
        assert (response.status_code, response["Location"]) == (302, away)
    assert_untouched(letter, Status.SUBMITTED, 0)


def test_the_edit_form_cannot_change_the_status_or_the_request(
    client: Client, letter_page: LetterOfSupportPage
) -> None:
    letter = make_letter(letter_page)
    client.force_login(staff_user("grace", GRANTS_GROUP))
    data = {"status": "signed", "decline_reason": "x", "organization": "Other", "staff_notes": "Called Dana."}
    response = client.post(edit_url(letter), data)
    assert response.status_code == 302
    letter.refresh_from_db()
    assert (letter.status, letter.decline_reason, letter.organization) == (Status.SUBMITTED, "", "Eastside")
    assert letter.staff_notes == "Called Dana." and not OutboundEmail.objects.exists()


def test_nobody_adds_a_request_in_admin(client: Client, letter_page: LetterOfSupportPage) -> None:
    make_letter(letter_page)
    client.force_login(get_user_model().objects.create_superuser("root", "root@district.example", "pw"))
    add_url = reverse("letter_requests:add")
    index = client.get(reverse("letter_requests:index"))
    assert index.status_code == 200 and "Eastside" in page_text(index) and add_url not in page_text(index)
    for response in (client.get(add_url), client.post(add_url, {"organization": "Sneaky"})):
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert list(LetterOfSupportRequest.objects.values_list("organization", flat=True)) == ["Eastside"]


def test_an_attachment_downloads_privately(client: Client, letter_page: LetterOfSupportPage) -> None:
    letter = make_letter(letter_page)
    save_attachments(letter, [Upload(name="plan.pdf", content_type="application/pdf", data=PDF)])
    attachment = letter.attachments.get()
    with pytest.raises(ValueError, match="no public URL"):
        attachment.file.url  # noqa: B018
    client.force_login(staff_user("grace", GRANTS_GROUP))
    response = client.get(reverse("letter_requests:attachment", args=[letter.pk, attachment.pk]))
    assert response.status_code == 200
    assert (
        response["Content-Disposition"].startswith("attachment;")
        and 'filename="plan.pdf"' in response["Content-Disposition"]
    )
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    other = make_letter(letter_page, organization="Westside")
    assert client.get(reverse("letter_requests:attachment", args=[other.pk, attachment.pk])).status_code == 404


def test_the_listing_filters_by_status_and_near_deadlines(
    client: Client, settings, letter_page: LetterOfSupportPage
) -> None:
    settings.LETTER_DEADLINE_WARNING_DAYS = 14
    due_soon = make_letter(letter_page, days=14, organization="Soon Org")
    overdue = make_letter(letter_page, days=-2, status=Status.GRANTS_REVIEW, organization="Overdue Org")
    later = make_letter(letter_page, days=15, organization="Later Org")
    closed = make_letter(letter_page, days=3, status=Status.SIGNED, organization="Closed Org")
    assert [due_soon.deadline_is_near, overdue.deadline_is_near, later.deadline_is_near, closed.deadline_is_near] == [
        True,
        True,
        False,
        False,
    ]
    assert overdue.deadline_note() == "Deadline passed 2 days ago" and due_soon.deadline_note() == "Deadline in 14 days"
    client.force_login(staff_user("grace", GRANTS_GROUP))
    index = reverse("letter_requests:index")

    def listed(**params: str) -> set[str]:
        response = client.get(index, params)
        assert response.status_code == 200
        text = page_text(response)
        return {org for org in ("Soon Org", "Overdue Org", "Later Org", "Closed Org") if org in text}

    assert listed() == {"Soon Org", "Overdue Org", "Later Org", "Closed Org"}
    assert listed(deadline_near="true") == {"Soon Org", "Overdue Org"}
    assert listed(deadline_near="false") == {"Later Org", "Closed Org"}
    assert listed(status="signed") == {"Closed Org"}
    assert listed(status="grants_review", deadline_near="true") == {"Overdue Org"}
    assert "Deadline passed 2 days ago" in page_text(client.get(index))


def test_the_listing_exports_csv(client: Client, letter_page: LetterOfSupportPage) -> None:
    letters = [make_letter(letter_page, organization=f"Org {n}") for n in range(3)]
    move(letters[0].pk, "decline", get_user_model().objects.create_superuser("root", "r@x.example", "pw"), "Late.")
    client.force_login(staff_user("grace", GRANTS_GROUP))
    response = client.get(reverse("letter_requests:index"), {"export": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "letter-of-support-requests" in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert rows and {"Reference", "Status", "Language"} <= set(rows[0])
    assert {row["Language"] for row in rows} == {"English"}
    assert sorted((row["Reference"], row["Status"]) for row in rows) == sorted(
        (letter.reference, "Declined" if letter is letters[0] else "Submitted") for letter in letters
    )


# What a requester may type, each of which a spreadsheet would run as a formula (OWASP's list).
FORMULAS = {
    "organization": '=HYPERLINK("http://evil.example","Open")',
    "contact_name": "+1+2",
    "funder": "-3+4",
    "grant_program": "@SUM(A1:A9)",
    "project": "\t=1+1",
    "district_role": "\r=1+1",
}


def test_the_exports_write_formulas_as_text(client: Client, letter_page: LetterOfSupportPage) -> None:
    letter = make_letter(letter_page)
    LetterOfSupportRequest.objects.filter(pk=letter.pk).update(**FORMULAS)
    client.force_login(staff_user("grace", GRANTS_GROUP))
    index = reverse("letter_requests:index")
    content = b"".join(client.get(index, {"export": "csv"}).streaming_content).decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(content)))
    headings = {"organization": "Organization", "contact_name": "Contact name", "funder": "Funder"}
    for field, heading in headings.items():
        assert row[heading] == f"'{FORMULAS[field]}"
    assert row["Grant program"] == "'@SUM(A1:A9)" and row["Amount requested"].startswith("25000")

    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(client.get(index, {"export": "xlsx"}).streaming_content)))
    cells = next(workbook.active.iter_rows(min_row=2, max_row=2))
    escaped = [cell for cell in cells if isinstance(cell.value, str) and cell.value.startswith("'")]
    # XML stores a carriage return as a line feed: compare what follows the first character.
    assert sorted(cell.value[2:] for cell in escaped) == sorted(value[1:] for value in FORMULAS.values())
    assert {cell.data_type for cell in escaped} == {"s"}


def test_the_dashboard_lists_letters_due_soon_for_reviewers_only(
    client: Client, letter_page: LetterOfSupportPage
) -> None:
    near = make_letter(letter_page, days=3, organization="Near Deadline Org")
    client.force_login(staff_user("grace", GRANTS_GROUP))
    text = page_text(client.get("/admin/"))
    assert "Letters of support due soon" in text
    assert f"{near.reference} · Near Deadline Org" in text and "Deadline in 3 days" in text
    client.force_login(staff_user("pat", PARTNERSHIP_GROUP))
    response = client.get("/admin/")
    assert response.status_code == 200 and "Letters of support due soon" not in page_text(response)


def test_the_dashboard_panel_is_left_out_when_nothing_is_due_soon(
    client: Client, letter_page: LetterOfSupportPage
) -> None:
    make_letter(letter_page, days=60)
    make_letter(letter_page, days=1, status=Status.DECLINED)
    client.force_login(staff_user("grace", GRANTS_GROUP))
    assert "Letters of support due soon" not in page_text(client.get("/admin/"))
