"""The emails intake causes: each is queued in the outbox inside the transaction that stores the change."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats

from cms.months import district_zone
from cms.outbox import deliver_after_commit, queue_email
from partners.graphql_types import FieldSpec
from partners.models import InterestFormPage, InterestSubmission, LetterOfSupportRequest, LetterRequestEvent
from partners.staff import SUPERINTENDENT_GROUP, group_addresses


def _when(instant: datetime.datetime) -> str:
    return formats.date_format(instant.astimezone(district_zone()), "l, F j, Y, g:i A T")


def _admin_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _as_text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (datetime.date, datetime.datetime, Decimal)):
        return formats.localize(value)
    return str(value) if value not in (None, "") else "—"


def interest_received(
    page: InterestFormPage, submission: InterestSubmission, specs: list[FieldSpec], cleaned: dict
) -> None:
    """Tell the office, and send the submitter a copy (to the form's first email field)."""
    lines = [{"label": spec.label, "value": _as_text(cleaned.get(spec.name))} for spec in specs]
    context = {
        "page": page,
        "reference": submission.reference,
        "submitted": _when(submission.submit_time),
        "lines": lines,
        "office": page.public_office,
        "submissions_url": _admin_url(reverse("wagtailforms:list_submissions", args=[page.pk])),
    }
    submitter = next((cleaned.get(s.name) for s in specs if s.kind == "email" and cleaned.get(s.name)), None)
    notify = queue_email(
        to=page.notify_addresses,
        reply_to=[submitter] if submitter else [],
        subject=f"{page.title}: {submission.reference}",
        body=render_to_string("partners/email/interest_notification.txt", context),
        topic="interest.notify",
        about=submission.reference,
    )
    confirm = queue_email(
        to=[submitter] if submitter else [],
        reply_to=page.notify_addresses,
        subject=page.confirmation_subject,
        body=render_to_string("partners/email/interest_confirmation.txt", context),
        topic="interest.confirm",
        about=submission.reference,
    )
    deliver_after_commit([notify, confirm])


def _letter_context(letter: LetterOfSupportRequest) -> dict:
    page = letter.page
    return {
        "letter": letter,
        "submitted": _when(letter.submitted_at),
        "office": page.public_office if page else None,
        "admin_url": _admin_url(reverse("letter_requests:edit", args=[letter.pk])),
        "attachment_count": letter.attachments.count(),
    }


def _office_addresses(letter: LetterOfSupportRequest) -> list[str]:
    return letter.page.notify_addresses if letter.page else []


def letter_received(letter: LetterOfSupportRequest, token: str) -> None:
    """Tell the Grants Office; send the requester a confirmation with the private status code."""
    context = _letter_context(letter)
    page = letter.page
    page_url = page.full_url if page else None
    context.update(token=token, status_url=f"{page_url}#status={token}" if page_url else None)
    notify = queue_email(
        to=_office_addresses(letter),
        reply_to=[letter.email],
        subject=f"Letter-of-support request {letter.reference}: {letter.organization}",
        body=render_to_string("partners/email/letter_received.txt", context),
        topic="letter.notify",
        about=letter.reference,
    )
    confirm = queue_email(
        to=[letter.email],
        reply_to=_office_addresses(letter),
        subject=f"We received your letter-of-support request ({letter.reference})",
        body=render_to_string("partners/email/letter_confirmation.txt", context),
        topic="letter.confirm",
        about=letter.reference,
    )
    deliver_after_commit([notify, confirm])


def letter_moved(letter: LetterOfSupportRequest, event: LetterRequestEvent) -> None:
    """Tell the requester of every move; tell the Superintendent's office when a signature is needed."""
    context = _letter_context(letter)
    messages = [
        queue_email(
            to=[letter.email],
            reply_to=_office_addresses(letter),
            subject=f"Your letter-of-support request {letter.reference}: {letter.get_status_display()}",
            body=render_to_string("partners/email/letter_status.txt", context),
            topic="letter.status",
            about=letter.reference,
        )
    ]
    if event.to_status == LetterOfSupportRequest.Status.AWAITING_SIGNATURE:
        messages.append(
            queue_email(
                to=group_addresses(SUPERINTENDENT_GROUP),
                subject=f"Signature needed: letter of support {letter.reference} ({letter.organization})",
                body=render_to_string("partners/email/letter_signature_needed.txt", context),
                topic="letter.signature",
                about=letter.reference,
            )
        )
    deliver_after_commit(messages)
