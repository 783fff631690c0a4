"""The emails intake causes: each is queued in the outbox inside the transaction that stores the change."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext

from cms.dates import local_datetime_text
from cms.i18n import in_active_language, language_name
from cms.outbox import deliver_after_commit, queue_email
from cms.site.meta import absolute, page_address
from cms.visibility import live_snippets, public_pages
from partners.intake.fields import FieldSpec
from partners.intake.interest import InterestSubmission
from partners.intake.letters import LetterOfSupportRequest, LetterRequestEvent
from partners.intake.pages import InterestFormPage
from partners.intake.staff import SUPERINTENDENT_GROUP, group_addresses


def _admin_url(path: str) -> str:
    return absolute(path)


def _as_text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "—"
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, (datetime.date, datetime.datetime, Decimal)):
        return formats.localize(value)
    return str(value) if value not in (None, "") else "—"


@dataclass(frozen=True)
class Answers:
    """A submission as one reader sees it: the form page (in their language), its fields, the values."""

    page: InterestFormPage
    specs: list[FieldSpec]
    values: dict

    def lines(self) -> list[dict[str, str]]:
        return [{"label": spec.label, "value": _as_text(self.values.get(spec.name))} for spec in self.specs]

    def first_email(self) -> str | None:
        return next(
            (self.values.get(s.name) for s in self.specs if s.kind == "email" and self.values.get(s.name)), None
        )


def interest_received(submission: InterestSubmission, *, office_copy: Answers, submitter_copy: Answers) -> None:
    """Tell the office (in English, with the original form's labels and options), and send the submitter a
    copy in the language they used (to the form's first email field)."""
    page = office_copy.page
    submitter = submitter_copy.first_email()
    with translation.override(settings.LANGUAGE_CODE):
        context: dict[str, Any] = {
            "page": page,
            "reference": submission.reference,
            "submitted": local_datetime_text(submission.submit_time),
            "lines": office_copy.lines(),
            "language": language_name(submission.language),
            "submissions_url": _admin_url(reverse("wagtailforms:list_submissions", args=[page.pk])),
        }
        notify = queue_email(
            to=page.notify_addresses,
            reply_to=[submitter] if submitter else [],
            subject=f"{page.title}: {submission.reference}",
            body=render_to_string("partners/email/interest_notification.txt", context),
            topic="interest.notify",
            about=submission.reference,
        )
    with translation.override(submission.language):
        context = {
            "page": submitter_copy.page,
            "reference": submission.reference,
            "submitted": local_datetime_text(submission.submit_time),
            "lines": submitter_copy.lines(),
            "office": submitter_copy.page.public_office,
        }
        confirm = queue_email(
            to=[submitter] if submitter else [],
            reply_to=page.notify_addresses,
            subject=submitter_copy.page.confirmation_subject,
            body=render_to_string("partners/email/interest_confirmation.txt", context),
            topic="interest.confirm",
            about=submission.reference,
        )
    deliver_after_commit([notify, confirm])


def _staff_context(letter: LetterOfSupportRequest) -> dict:
    """What the emails to the district's offices show."""
    return {
        "letter": letter,
        "submitted": local_datetime_text(letter.submitted_at),
        "admin_url": _admin_url(reverse("letter_requests:edit", args=[letter.pk])),
        "attachment_count": letter.attachments.count(),
    }


def _requester_context(letter: LetterOfSupportRequest) -> dict:
    """What the emails to the requester show, with the office in their language where it is translated."""
    office = letter.page.public_office if letter.page else None
    return {
        "letter": letter,
        "submitted": local_datetime_text(letter.submitted_at),
        "office": in_active_language(office, live_snippets),
    }


def _office_addresses(letter: LetterOfSupportRequest) -> list[str]:
    return letter.page.notify_addresses if letter.page else []


def letter_received(letter: LetterOfSupportRequest, token: str) -> None:
    """Tell the Grants Office; send the requester a confirmation with the private status code, in their language."""
    with translation.override(settings.LANGUAGE_CODE):
        context = _staff_context(letter)
        notify = queue_email(
            to=_office_addresses(letter),
            reply_to=[letter.email],
            subject=f"Letter-of-support request {letter.reference}: {letter.organization}",
            body=render_to_string("partners/email/letter_received.txt", context),
            topic="letter.notify",
            about=letter.reference,
        )
    with translation.override(letter.language):
        context = _requester_context(letter)
        page = in_active_language(letter.page, public_pages)
        page_url = page_address(page) if page is not None else None
        context.update(token=token, status_url=f"{page_url}#status={token}" if page_url else None)
        confirm = queue_email(
            to=[letter.email],
            reply_to=_office_addresses(letter),
            subject=gettext("We received your letter-of-support request (%(reference)s)")
            % {"reference": letter.reference},
            body=render_to_string("partners/email/letter_confirmation.txt", context),
            topic="letter.confirm",
            about=letter.reference,
        )
    deliver_after_commit([notify, confirm])


def letter_moved(letter: LetterOfSupportRequest, event: LetterRequestEvent) -> None:
    """Tell the requester of every move, in their language; tell the Superintendent's office when a signature
    is needed."""
    with translation.override(letter.language):
        context = _requester_context(letter)
        messages = [
            queue_email(
                to=[letter.email],
                reply_to=_office_addresses(letter),
                subject=gettext("Your letter-of-support request %(reference)s: %(status)s")
                % {"reference": letter.reference, "status": letter.get_status_display()},
                body=render_to_string("partners/email/letter_status.txt", context),
                topic="letter.status",
                about=letter.reference,
            )
        ]
    if event.to_status == LetterOfSupportRequest.Status.AWAITING_SIGNATURE:
        with translation.override(settings.LANGUAGE_CODE):
            context = _staff_context(letter)
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
