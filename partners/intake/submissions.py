"""Taking in what the public sends: checked, limited per client, stored once, then announced by email.

Order matters: a submission is validated, counted against the client's rate, and stored with its emails
queued in one transaction; the emails are sent only after that commits. A retried submission carrying
the same client key is recognised and stored once, even when both copies arrive at the same moment.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext, ngettext
from wagtail.models import Page

from cms.errors import ErrorCode
from cms.graphql.context import GraphQLContext
from cms.graphql.limits import spend
from partners.intake import emails
from partners.intake.attachments import decode_attachments, save_attachments
from partners.intake.fields import FieldSpec
from partners.intake.forms import FIELD_NAMES, LetterRequestForm
from partners.intake.interest import InterestSubmission
from partners.intake.letters import LetterOfSupportRequest, LetterRequestEvent
from partners.intake.pages import InterestFormPage, LetterOfSupportPage
from partners.intake.problems import Problem, problems_of

logger = logging.getLogger("partners.intake")

MAX_VALUES_PER_FIELD = 50


@dataclass
class Outcome:
    """What a submission came to: stored (with its reference), or refused with its problems per field."""

    errors: dict[str | None, list[Problem]] = field(default_factory=dict)
    reference: str | None = None
    submitted_at: object = None
    retry_after_seconds: int | None = None
    duplicate: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_list(self) -> list[dict]:
        """One entry per field; its code is its first problem's, the one a form shows first."""
        return [
            {"field": name, "code": problems[0].code, "messages": [problem.message for problem in problems]}
            for name, problems in self.errors.items()
        ]


def refused(code: ErrorCode, message: str) -> Outcome:
    """A refusal of the whole submission."""
    return Outcome(errors={None: [Problem(code, message)]})


def _automated(honeypot: str | None, what: str, request: GraphQLContext) -> bool:
    if honeypot:
        logger.info(
            "Discarded an automated %s from %s: the honeypot field was filled.", what, request.META.get("REMOTE_ADDR")
        )
        return True
    return False


def _rate_refusal(request: GraphQLContext, group: str) -> Outcome | None:
    refusal = spend(request, group, settings.INTAKE_SUBMIT_RATE)
    if refusal is None:
        return None
    outcome = refused(ErrorCode.RATE_LIMITED, refusal.message)
    outcome.retry_after_seconds = refusal.retry_after_seconds
    return outcome


def _store_once(model: type[models.Model], key: uuid.UUID | None, create: Callable[[], Any]) -> tuple[Any, bool]:
    """Run `create` in a savepoint; if another copy with the same key got there first, return that copy."""
    try:
        with transaction.atomic():
            return create(), False
    except IntegrityError:
        if key is None:
            raise
        return model._default_manager.get(key=key), True


def original_page(page: Page, request: GraphQLContext) -> Page:
    """Where a translated form's submissions are kept: its original in the default locale, if published,
    so the office finds every submission in one list whatever language it came in."""
    default_id = request.locales.default_id
    if page.locale_id == default_id:
        return page
    original = page.get_translation_or_none(default_id)
    return original if original is not None and original.live else page


def answers_in_original(specs: list[FieldSpec], original_specs: list[FieldSpec], cleaned: dict[str, Any]) -> dict:
    """Answers to a translated form, with each chosen option given as the original's option in its place.

    The office reads 'Business' whichever language the form was filled in. Where a translator changed the
    number of options, the answer is kept as it was given, so nothing is lost.
    """
    if specs is original_specs:
        return dict(cleaned)
    theirs = {spec.name: spec.choices for spec in specs}
    ours = {spec.name: spec.choices for spec in original_specs}
    result = {}
    for name, value in cleaned.items():
        local, canonical = theirs.get(name) or [], ours.get(name) or []
        if local and len(local) == len(canonical):
            mapping = dict(zip(local, canonical, strict=True))
            value = [mapping.get(v, v) for v in value] if isinstance(value, list) else mapping.get(value, value)
        result[name] = value
    return result


def submit_interest(
    page: InterestFormPage,
    values: list[dict],
    *,
    request: GraphQLContext,
    key: uuid.UUID | None = None,
    honeypot: str | None = None,
    language: str = settings.LANGUAGE_CODE,
) -> Outcome:
    """Check and store a submission of `page` (in any language), sent in `language`; the caller words its
    problems in that language (`translation.override`)."""
    if _automated(honeypot, "interest form", request):
        return Outcome()
    if key is not None and (earlier := InterestSubmission.objects.filter(key=key).first()):
        return Outcome(reference=earlier.reference, submitted_at=earlier.submit_time, duplicate=True)

    specs = page.field_specs()
    known = {spec.name for spec in specs}
    data: MultiValueDict[str, Any] = MultiValueDict()
    errors: dict[str | None, list[Problem]] = {}
    for item in values:
        name = item.get("name") or ""
        if name not in known:
            message = gettext("This form has no field named '%(name)s'.") % {"name": name}
            errors[name] = [Problem(ErrorCode.UNKNOWN_FIELD, message)]
            continue
        many = item.get("values")
        answers = list(many) if many is not None else [item.get("value") or ""]
        if len(answers) > MAX_VALUES_PER_FIELD:
            message = ngettext(
                "Choose at most %(count)d answer.", "Choose at most %(count)d answers.", MAX_VALUES_PER_FIELD
            ) % {"count": MAX_VALUES_PER_FIELD}
            errors[name] = [Problem(ErrorCode.TOO_MANY, message)]
            continue
        data.setlist(name, answers)
    form = page.get_form(data, page=page, user=None)
    if not form.is_valid():
        errors.update({name: problems_of(found) for name, found in form.errors.as_data().items()})
    if errors:
        return Outcome(errors=errors)
    if refusal := _rate_refusal(request, "intake.interest"):
        return refusal

    original = original_page(page, request)
    original_specs = specs if original.pk == page.pk else original.field_specs()
    stored = answers_in_original(specs, original_specs, form.cleaned_data)
    with transaction.atomic():
        submission, duplicate = _store_once(
            InterestSubmission,
            key,
            lambda: InterestSubmission.objects.create(page=original, form_data=stored, key=key, language=language),
        )
        if not duplicate:
            emails.interest_received(
                submission,
                office_copy=emails.Answers(original, original_specs, stored),
                submitter_copy=emails.Answers(page, specs, form.cleaned_data),
            )
    return Outcome(reference=submission.reference, submitted_at=submission.submit_time, duplicate=duplicate)


def request_letter(
    page: LetterOfSupportPage,
    data: dict[str, Any],
    attachments: list[dict],
    *,
    request: GraphQLContext,
    key: uuid.UUID | None = None,
    honeypot: str | None = None,
    language: str = settings.LANGUAGE_CODE,
) -> Outcome:
    """Check and store a request sent through `page` (in any language), in `language`: the caller words its
    problems in that language (`translation.override`), and the requester's emails are in it."""
    if _automated(honeypot, "letter-of-support request", request):
        return Outcome()
    if key is not None and (earlier := LetterOfSupportRequest.objects.filter(key=key).first()):
        return _letter_outcome(earlier, token=None, duplicate=True)

    form = LetterRequestForm({name: data.get(name) for name in FIELD_NAMES}, page=page)
    uploads, attachment_errors = decode_attachments(attachments)
    errors: dict[str | None, list[Problem]] = {}
    if not form.is_valid():
        errors.update(
            {FIELD_NAMES.get(name, name): problems_of(found) for name, found in form.errors.as_data().items()}
        )
    if attachment_errors:
        errors["attachments"] = attachment_errors
    if errors:
        return Outcome(errors=errors)
    if refusal := _rate_refusal(request, "intake.letter"):
        return refusal

    letter = form.save(commit=False)
    letter.page = original_page(page, request)
    letter.key = key
    letter.language = language
    token = letter.issue_status_token()
    with transaction.atomic():
        letter, duplicate = _store_once(LetterOfSupportRequest, key, lambda: _saved(letter))
        if duplicate:
            return _letter_outcome(letter, token=None, duplicate=True)
        save_attachments(letter, uploads)
        LetterRequestEvent.objects.create(
            request=letter, from_status="", to_status=letter.status, actor=None, actor_name=letter.contact_name
        )
        emails.letter_received(letter, token)
    return _letter_outcome(letter, token=token, duplicate=False)


def _saved(instance: models.Model) -> models.Model:
    instance.save()
    return instance


def _letter_outcome(letter: LetterOfSupportRequest, *, token: str | None, duplicate: bool) -> Outcome:
    return Outcome(
        reference=letter.reference,
        submitted_at=letter.submitted_at,
        duplicate=duplicate,
        extra={"status_token": token, "status": str(letter.status)},
    )
