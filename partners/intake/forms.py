"""What a letter-of-support request must contain, and its fields as a frontend renders them."""

from __future__ import annotations

from typing import Protocol

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext, ngettext

from partners.intake.attachments import ATTACHMENT_TYPES
from partners.intake.fields import FieldSpec
from partners.intake.letters import LetterOfSupportRequest, today
from partners.models.offices import ContactOffice

# The model's field → the name the API sends it under.
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


class NoticeRule(Protocol):
    """What the request form asks of the page it came through: the notice it needs, and whom to point to."""

    minimum_notice_days: int

    @property
    def public_office(self) -> ContactOffice | None: ...


class LetterRequestForm(forms.ModelForm):
    """Checks a request as the public sends it."""

    class Meta:
        model = LetterOfSupportRequest
        fields = list(FIELD_NAMES)

    def __init__(self, *args, page: NoticeRule | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.page = page
        for name in ("project", "district_role"):
            field = self.fields[name]
            assert isinstance(field, forms.CharField)  # both are text fields
            field.max_length = settings.INTAKE_TEXT_MAX_CHARS
            field.validators.append(MaxLengthValidator(settings.INTAKE_TEXT_MAX_CHARS))

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        days = (deadline - today()).days
        if days <= 0:
            raise ValidationError(gettext("The grant deadline must be a date after today."))
        notice = self.page.minimum_notice_days if self.page is not None else 0
        if days < notice and self.page is not None:
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
            raise ValidationError(message, code="deadline_too_soon")
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
    form = LetterRequestForm(page=None)
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
