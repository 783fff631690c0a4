"""Letter-of-support requests: what a request must contain, its attachments, and its review workflow.

submitted → in Grants Office review → sent for the Superintendent's signature → signed and sent,
or declined (with a reason) at any open step. The Grants Office moves a request up to the signature;
the Superintendent's office records the signature or declines at that step.
"""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass

import filetype
from django import forms
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, SuspiciousFileOperation, ValidationError
from django.core.files.base import ContentFile
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext, ngettext
from wagtail.log_actions import log

from cms.dates import today
from partners.graphql_types import FieldSpec
from partners.models import LetterAttachment, LetterOfSupportPage, LetterOfSupportRequest, LetterRequestEvent

Status = LetterOfSupportRequest.Status

REVIEW = "partners.review_letterofsupportrequest"
SIGN = "partners.sign_letterofsupportrequest"

# Extension → the MIME type its content must really have.
ATTACHMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}

FIELD_NAMES = {
    "organization": "organization",
    "contact_name": "contactName",
    "email": "email",
    "phone": "phone",
    "grant_program": "grantProgram",
    "funder": "funder",
    "amount": "amount",
    "deadline": "deadline",
    "project": "project",
    "district_role": "districtRole",
}
AUTOCOMPLETE = {"organization": "organization", "contact_name": "name", "email": "email", "phone": "tel"}


class LetterRequestForm(forms.ModelForm):
    """Checks a request as the public sends it."""

    class Meta:
        model = LetterOfSupportRequest
        fields = list(FIELD_NAMES)

    def __init__(self, *args, page: LetterOfSupportPage, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.page = page
        for name in ("project", "district_role"):
            self.fields[name].max_length = settings.INTAKE_TEXT_MAX_CHARS
            self.fields[name].validators.append(MaxLengthValidator(settings.INTAKE_TEXT_MAX_CHARS))

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        days = (deadline - today()).days
        if days <= 0:
            raise ValidationError(gettext("The grant deadline must be a date after today."))
        notice = self.page.minimum_notice_days
        if days < notice:
            office = self.page.public_office
            message = ngettext(
                "Requests need at least %(notice)d days before the grant deadline for review and the "
                "Superintendent's signature; this deadline is %(days)d day away.",
                "Requests need at least %(notice)d days before the grant deadline for review and the "
                "Superintendent's signature; this deadline is %(days)d days away.",
                days,
            ) % {"notice": notice, "days": days}
            if office and office.email:
                message += " " + gettext("For a sooner deadline, contact %(office)s at %(email)s.") % {
                    "office": office.name,
                    "email": office.email,
                }
            raise ValidationError(message)
        return deadline


def _kind(field: forms.Field, name: str) -> str:
    if name == "phone":
        return "phone"
    if isinstance(field, forms.EmailField):
        return "email"
    if isinstance(field, forms.DecimalField):
        return "number"
    if isinstance(field, forms.DateField):
        return "date"
    if isinstance(field.widget, forms.Textarea):
        return "multiline"
    return "singleline"


def letter_field_specs() -> list[FieldSpec]:
    """The request's fields as a frontend renders them, attachments last."""
    form = LetterRequestForm(page=LetterOfSupportPage(minimum_notice_days=0))
    specs = [
        FieldSpec(
            name=FIELD_NAMES[name],
            label=str(field.label),
            kind=_kind(field, name),
            required=field.required,
            help_text=str(field.help_text or ""),
            max_length=getattr(field, "max_length", None),
            autocomplete=AUTOCOMPLETE.get(name),
        )
        for name, field in form.fields.items()
    ]
    specs.append(
        FieldSpec(
            name="attachments",
            label=gettext("Attachments"),
            kind="files",
            required=False,
            help_text=gettext(
                "Where needed: the grant's guidelines, a project summary or a draft letter. PDF, Word (.docx), PNG "
                "or JPEG; up to %(count)d files of %(megabytes)d MB each."
            )
            % {
                "count": settings.LETTER_ATTACHMENT_MAX_COUNT,
                "megabytes": settings.LETTER_ATTACHMENT_MAX_BYTES // (1024 * 1024),
            },
            accept=[f".{ext}" for ext in ATTACHMENT_TYPES],
            max_files=settings.LETTER_ATTACHMENT_MAX_COUNT,
            max_file_bytes=settings.LETTER_ATTACHMENT_MAX_BYTES,
        )
    )
    return specs


@dataclass(frozen=True)
class Upload:
    name: str
    content_type: str
    data: bytes


def _file_name(sent: object) -> str:
    """The name an attachment is stored and reported under: what is safe of the name sent, else 'attachment'."""
    try:
        return get_valid_filename(os.path.basename(str(sent or "").strip()))[:200]
    except SuspiciousFileOperation:
        # Nothing usable is left of a name such as '', '..' or '???'.
        return "attachment"


def decode_attachments(items: list[dict]) -> tuple[list[Upload], list[str]]:
    """Decode and check attachments sent as {name, dataBase64}; returns the files and plain-word errors."""
    limit, max_bytes = settings.LETTER_ATTACHMENT_MAX_COUNT, settings.LETTER_ATTACHMENT_MAX_BYTES
    if len(items) > limit:
        return [], [
            ngettext(
                "Send at most %(limit)d attachment; you sent %(count)d.",
                "Send at most %(limit)d attachments; you sent %(count)d.",
                limit,
            )
            % {"limit": limit, "count": len(items)}
        ]
    uploads, errors = [], []
    megabytes = max_bytes // (1024 * 1024)
    for item in items:
        name = _file_name(item.get("name"))
        encoded = item.get("data_base64") or ""
        too_large = gettext("'%(name)s' is larger than %(megabytes)d MB.") % {"name": name, "megabytes": megabytes}
        if len(encoded) > (max_bytes * 4) // 3 + 8:
            errors.append(too_large)
            continue
        try:
            data = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            errors.append(gettext("'%(name)s' did not arrive as valid base64 data.") % {"name": name})
            continue
        if not data:
            errors.append(gettext("'%(name)s' is empty.") % {"name": name})
            continue
        if len(data) > max_bytes:
            errors.append(too_large)
            continue
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        expected = ATTACHMENT_TYPES.get(extension)
        detected = filetype.guess_mime(data)
        if expected is None or detected != expected:
            errors.append(gettext("'%(name)s' is not a PDF, Word (.docx), PNG or JPEG file.") % {"name": name})
            continue
        uploads.append(Upload(name=name, content_type=expected, data=data))
    return uploads, errors


def save_attachments(request_obj: LetterOfSupportRequest, uploads: list[Upload]) -> None:
    for upload in uploads:
        attachment = LetterAttachment(
            request=request_obj, name=upload.name, content_type=upload.content_type, size=len(upload.data)
        )
        attachment.file.save(upload.name, ContentFile(upload.data), save=False)
        attachment.save()


@dataclass(frozen=True)
class Transition:
    """A move staff can make: from which statuses, by which permission, to which status."""

    action: str
    label: str
    target: str
    allowed_from: dict[str, str]
    needs_reason: bool = False

    def permission_at(self, status: str) -> str | None:
        return self.allowed_from.get(status)


TRANSITIONS = {
    t.action: t
    for t in (
        Transition("start_review", "Start Grants Office review", Status.GRANTS_REVIEW, {Status.SUBMITTED: REVIEW}),
        Transition(
            "send_for_signature",
            "Send for the Superintendent's signature",
            Status.AWAITING_SIGNATURE,
            {Status.GRANTS_REVIEW: REVIEW},
        ),
        Transition("mark_signed", "Signed and sent", Status.SIGNED, {Status.AWAITING_SIGNATURE: SIGN}),
        Transition(
            "decline",
            "Decline",
            Status.DECLINED,
            {Status.SUBMITTED: REVIEW, Status.GRANTS_REVIEW: REVIEW, Status.AWAITING_SIGNATURE: SIGN},
            needs_reason=True,
        ),
    )
}

WHO_MAY = {REVIEW: "the Grants Office", SIGN: "the Superintendent's office"}


class TransitionError(Exception):
    """A move that cannot be made, in words staff can act on."""


def available_transitions(request_obj: LetterOfSupportRequest, user: AbstractBaseUser) -> list[Transition]:
    return [
        t
        for t in TRANSITIONS.values()
        if (permission := t.permission_at(request_obj.status)) is not None and user.has_perm(permission)
    ]


def move(pk: int, action: str, user: AbstractBaseUser, reason: str = "") -> LetterOfSupportRequest:
    """Make one move, record it, and queue the emails it causes; all or nothing."""
    from partners import emails

    transition = TRANSITIONS.get(action)
    if transition is None:
        raise TransitionError(f"'{action}' is not a step of the letter-of-support workflow.")
    reason = reason.strip()
    with transaction.atomic():
        request_obj = LetterOfSupportRequest.objects.select_for_update().get(pk=pk)
        permission = transition.permission_at(request_obj.status)
        if permission is None:
            raise TransitionError(
                f"{request_obj.reference} is '{request_obj.get_status_display()}'; "
                f"'{transition.label}' is not possible from there."
            )
        if not user.has_perm(permission):
            raise PermissionDenied(f"Only {WHO_MAY[permission]} can '{transition.label}' at this step.")
        if transition.needs_reason and not reason:
            raise TransitionError("Give the reason for declining; the requester will read it.")
        previous = request_obj.status
        request_obj.status = transition.target
        if transition.target == Status.DECLINED:
            request_obj.decline_reason = reason
        request_obj.updated_at = timezone.now()
        request_obj.save(update_fields=["status", "decline_reason", "updated_at"])
        event = LetterRequestEvent.objects.create(
            request=request_obj,
            from_status=previous,
            to_status=transition.target,
            actor=user,
            actor_name=user.get_full_name() or user.get_username(),
            note=reason,
        )
        log(
            instance=request_obj,
            action="partners.letter_request.moved",
            user=user,
            data={"from": previous, "to": transition.target, "reason": reason},
        )
        emails.letter_moved(request_obj, event)
    return request_obj
