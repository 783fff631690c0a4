"""GraphQL types for the intake forms: how a form is described, and what a submission answers."""

from __future__ import annotations

from dataclasses import dataclass, field

import graphene


class FormFieldKind(graphene.Enum):
    """How a field is entered; a frontend picks its input from this."""

    SINGLE_LINE = "singleline"
    MULTI_LINE = "multiline"
    EMAIL = "email"
    NUMBER = "number"
    URL = "url"
    PHONE = "phone"
    CHECKBOX = "checkbox"
    CHECKBOXES = "checkboxes"
    DROPDOWN = "dropdown"
    MULTI_SELECT = "multiselect"
    RADIO = "radio"
    DATE = "date"
    DATETIME = "datetime"
    HIDDEN = "hidden"
    FILES = "files"


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form, as a frontend needs it to render and check the field."""

    name: str
    label: str
    kind: str
    required: bool
    help_text: str = ""
    choices: list[str] = field(default_factory=list)
    default_values: list[str] = field(default_factory=list)
    max_length: int | None = None
    autocomplete: str | None = None
    accept: list[str] = field(default_factory=list)
    max_files: int | None = None
    max_file_bytes: int | None = None


class FormField(graphene.ObjectType):
    """One field of an intake form. Send its value under `name`."""

    name = graphene.String(required=True, description="The key to submit this field's value under.")
    label = graphene.String(required=True)
    kind = graphene.Field(FormFieldKind, required=True)
    required = graphene.Boolean(required=True)
    help_text = graphene.String(required=True, description="Guidance to show with the field; may be empty.")
    choices = graphene.List(graphene.NonNull(graphene.String), required=True, description="For choice kinds.")
    default_values = graphene.List(graphene.NonNull(graphene.String), required=True)
    max_length = graphene.Int(description="The most characters accepted, for text kinds.")
    autocomplete = graphene.String(description="An HTML autocomplete token (WCAG 1.3.5), e.g. 'email'.")
    accept = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="For FILES: accepted file extensions."
    )
    max_files = graphene.Int(description="For FILES: how many files at most.")
    max_file_bytes = graphene.Int(description="For FILES: the largest file accepted, in bytes.")


class FormError(graphene.ObjectType):
    """Why a submission was not accepted, in plain words."""

    field = graphene.String(description="The field's `name`; null when the problem is with the whole submission.")
    messages = graphene.List(graphene.NonNull(graphene.String), required=True)


@dataclass
class Outcome:
    """What a submission came to: stored (with its reference), or refused with errors."""

    errors: dict[str | None, list[str]] = field(default_factory=dict)
    reference: str | None = None
    submitted_at: object = None
    retry_after_seconds: int | None = None
    duplicate: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_list(self) -> list[dict]:
        return [{"field": name, "messages": messages} for name, messages in self.errors.items()]


class LetterStatus(graphene.Enum):
    """Where a letter-of-support request stands."""

    SUBMITTED = "submitted"
    GRANTS_REVIEW = "grants_review"
    AWAITING_SIGNATURE = "awaiting_signature"
    SIGNED = "signed"
    DECLINED = "declined"


class LetterStatusChange(graphene.ObjectType):
    """One step of a request's history, as the requester sees it."""

    status = graphene.Field(LetterStatus, required=True)
    status_label = graphene.String(required=True)
    at = graphene.DateTime(required=True)
