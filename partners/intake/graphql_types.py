"""The API types of intake: how a form is described, what a submission is sent as, and what it answers."""

from __future__ import annotations

import graphene
from graphql import GraphQLResolveInfo

from partners.intake.letters import LetterOfSupportRequest
from partners.intake.problems import FORM_ERROR_CODES


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


FormErrorCode = graphene.Enum(
    "FormErrorCode",
    [(code.name, code.value) for code in FORM_ERROR_CODES],
    description="What kind of problem a form error is, for a client to branch on; its messages say it in words.",
)


class FormError(graphene.ObjectType):
    """Why a submission was not accepted, in plain words."""

    field = graphene.String(description="The field's `name`; null when the problem is with the whole submission.")
    code = graphene.Field(
        FormErrorCode, required=True, description="The kind of the first of `messages`, where there are several."
    )
    messages = graphene.List(graphene.NonNull(graphene.String), required=True)

    @staticmethod
    def resolve_code(error: dict, info: GraphQLResolveInfo) -> str:
        return str(error["code"])


# The model's statuses, under their names: a status added there is in the API without a second list.
LetterStatus = graphene.Enum(
    "LetterStatus",
    [(status.name, status.value) for status in LetterOfSupportRequest.Status],
    description="Where a letter-of-support request stands.",
)


class LetterStatusChange(graphene.ObjectType):
    """One step of a request's history, as the requester sees it."""

    status = graphene.Field(LetterStatus, required=True)
    status_label = graphene.String(required=True)
    at = graphene.DateTime(required=True)


class FormValueInput(graphene.InputObjectType):
    """One field's answer, under the field's `name`."""

    name = graphene.String(required=True)
    value = graphene.String(description="The answer, for fields with one value. For CHECKBOX: 'true' or 'false'.")
    values = graphene.List(
        graphene.NonNull(graphene.String), description="The answers, for CHECKBOXES and MULTI_SELECT."
    )


class LetterAttachmentInput(graphene.InputObjectType):
    """A file sent with a request, base64-encoded inside the JSON body."""

    name = graphene.String(required=True, description="The file's name, with its extension, e.g. 'summary.pdf'.")
    data_base64 = graphene.String(required=True, description="The file's bytes, base64-encoded.")


class LetterOfSupportInput(graphene.InputObjectType):
    """A request for a letter of support. Every value is text; problems come back per field in `errors`."""

    organization = graphene.String()
    contact_name = graphene.String()
    email = graphene.String()
    phone = graphene.String(description="A ten-digit US number; optional.")
    grant_program = graphene.String()
    funder = graphene.String()
    amount = graphene.String(description="US dollars, e.g. '25000' or '25000.00'.")
    deadline = graphene.String(description="The grant deadline as YYYY-MM-DD.")
    project = graphene.String()
    district_role = graphene.String()
    attachments = graphene.List(graphene.NonNull(LetterAttachmentInput))
