"""The intake API: the forms' definitions, the mutations that submit them, and a letter request's status."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import graphene
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from graphql import GraphQLResolveInfo
from grapple.registry import registry
from grapple.types.rich_text import RichText

from cms.errors import ErrorCode, user_error
from cms.graphql.limits import spend_or_raise
from cms.graphql.locales import (
    locale_argument,
    localize_queryset,
)
from cms.visibility import first_public_page, public_pages
from partners.intake.forms import FIELD_NAMES
from partners.intake.graphql_types import (
    FormError,
    FormValueInput,
    LetterOfSupportInput,
    LetterStatus,
    LetterStatusChange,
)
from partners.intake.letters import LetterOfSupportRequest, hash_token
from partners.intake.pages import InterestFormPage, LetterOfSupportPage
from partners.intake.submissions import Outcome, refused, request_letter, submit_interest


def intake_page(info: GraphQLResolveInfo, model: type[Page], slug: str | None = None):
    """The published intake page (of a slug, or the first) in the answer's locale, else in English."""
    if slug is None:
        return first_public_page(model, info.context, info.context.locale_choice(info))
    # A translation may keep the original's slug or have its own: either names the form.
    keys = public_pages(model.objects.filter(slug=slug)).values("translation_key")
    pages = public_pages(model.objects.filter(translation_key__in=keys))
    return localize_queryset(info, pages).order_by("path").first()


def _page_type(model):
    return lambda: registry.pages[model]


KEY_DESCRIPTION = (
    "A UUID the client makes once per submission. Sending the same submission again with it (after a network "
    "failure, say) stores it once and answers with the first copy's reference."
)
HONEYPOT_DESCRIPTION = (
    "Leave empty. Render it as a field people never see; automated senders fill it, and what they send is discarded."
)


if TYPE_CHECKING:  # checked as the graphene type it is mixed into
    from graphene import ObjectType as _MixedInto
    from wagtail.models import Page
else:
    _MixedInto = object


class IntakePayload(_MixedInto):
    ok = graphene.Boolean(required=True, description="True when the submission is stored.")
    errors = graphene.List(
        graphene.NonNull(FormError), required=True, description="Why it was not accepted; empty when ok."
    )
    reference = graphene.String(description="Quote this in any correspondence.")
    submitted_at = graphene.DateTime()
    already_received = graphene.Boolean(
        required=True, description="True when this `key` was submitted before; nothing new was stored."
    )
    retry_after_seconds = graphene.Int(description="Set when this client sent too many; wait this long.")

    @classmethod
    def from_outcome(cls, outcome: Outcome, **extra: Any):
        return cls(
            ok=outcome.ok,
            errors=outcome.error_list(),
            reference=outcome.reference,
            submitted_at=outcome.submitted_at,
            already_received=outcome.duplicate,
            retry_after_seconds=outcome.retry_after_seconds,
            **extra,
        )


class SubmitInterestForm(IntakePayload, graphene.Mutation):
    """Submit an interest form. Field problems come back in `errors`, in plain words."""

    class Arguments:
        slug = graphene.String(required=True, description="The interest form page's slug.")
        values = graphene.List(graphene.NonNull(FormValueInput), required=True)
        key = graphene.UUID(description=KEY_DESCRIPTION)
        honeypot = graphene.String(description=HONEYPOT_DESCRIPTION)
        locale = locale_argument()

    thank_you_text = RichText(description="The form's thank-you text, when ok.")

    @classmethod
    def mutate(cls, root: Any, info: GraphQLResolveInfo, slug: str, values: list, key=None, honeypot=None, locale=None):
        language = info.context.language_of(info)
        page = intake_page(info, InterestFormPage, slug)
        with translation.override(language):
            if page is None:
                outcome = refused(
                    ErrorCode.FORM_UNAVAILABLE,
                    gettext("There is no published form called '%(slug)s'.") % {"slug": slug},
                )
            else:
                outcome = submit_interest(
                    page, values, request=info.context, key=key, honeypot=honeypot, language=language
                )
        return cls.from_outcome(outcome, thank_you_text=page.thank_you_text if page and outcome.ok else None)


class RequestLetterOfSupport(IntakePayload, graphene.Mutation):
    """Request a letter of support. Keep `statusToken`: it is the only way to ask for the request's status."""

    class Arguments:
        input = LetterOfSupportInput(required=True)
        key = graphene.UUID(description=KEY_DESCRIPTION)
        honeypot = graphene.String(description=HONEYPOT_DESCRIPTION)
        locale = locale_argument()

    status_token = graphene.String(
        description="Private; shown once. Null when ok is false or the request was already received."
    )
    status = graphene.Field(LetterStatus)
    thank_you_text = RichText(description="The page's thank-you text, when ok.")

    @classmethod
    def mutate(cls, root: Any, info: GraphQLResolveInfo, input: dict, key=None, honeypot=None, locale=None):
        language = info.context.language_of(info)
        page = intake_page(info, LetterOfSupportPage)
        with translation.override(language):
            if page is None:
                outcome = refused(
                    ErrorCode.FORM_UNAVAILABLE, gettext("Letter-of-support requests are not being taken right now.")
                )
            else:
                data = {name: input.get(name) for name in FIELD_NAMES}
                attachments = input.get("attachments") or []
                outcome = request_letter(
                    page, data, attachments, request=info.context, key=key, honeypot=honeypot, language=language
                )
        return cls.from_outcome(
            outcome,
            status_token=outcome.extra.get("status_token"),
            status=outcome.extra.get("status"),
            thank_you_text=page.thank_you_text if page and outcome.ok else None,
        )


class LetterOfSupportStatus(graphene.ObjectType):
    """Where a letter-of-support request stands, for its requester."""

    reference = graphene.String(required=True)
    status = graphene.Field(LetterStatus, required=True)
    status_label = graphene.String(required=True)
    organization = graphene.String(required=True)
    grant_program = graphene.String(required=True)
    deadline = graphene.Date(required=True)
    submitted_at = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    decline_reason = graphene.String(description="Set when declined.")
    history = graphene.List(graphene.NonNull(LetterStatusChange), required=True, description="Oldest first.")

    @staticmethod
    def resolve_status_label(letter: LetterOfSupportRequest, info: GraphQLResolveInfo) -> str:
        with translation.override(_status_language(info, letter)):
            return str(letter.get_status_display())

    @staticmethod
    def resolve_decline_reason(letter: LetterOfSupportRequest, info: GraphQLResolveInfo) -> str | None:
        return letter.decline_reason or None

    @staticmethod
    def resolve_history(letter: LetterOfSupportRequest, info: GraphQLResolveInfo) -> list[dict]:
        with translation.override(_status_language(info, letter)):
            return [
                {"status": event.to_status, "status_label": str(event.get_to_status_display()), "at": event.at}
                for event in letter.events.all()
            ]


def _status_language(info: GraphQLResolveInfo, letter: LetterOfSupportRequest) -> str:
    """Status names in the language asked for, else in the one the request was written in."""
    return info.context.language_of(info) if info.context.asked_locale(info) is not None else letter.language


class IntakeQuery:
    interest_form = graphene.Field(
        _page_type(InterestFormPage),
        slug=graphene.String(description="Which form; the first published one when omitted."),
        locale=locale_argument(),
        description="A published interest form page, with the fields to render.",
    )
    letter_of_support_page = graphene.Field(
        _page_type(LetterOfSupportPage),
        locale=locale_argument(),
        description="The published letter-of-support page, with the request's fields.",
    )
    letter_of_support_status = graphene.Field(
        LetterOfSupportStatus,
        token=graphene.String(required=True, description="The private status token given when the request was sent."),
        locale=locale_argument(),
        description="A request's status; null when no request has this token. Status names come in `locale`, "
        "else in the language the request was written in.",
    )

    def resolve_interest_form(self, info: GraphQLResolveInfo, slug: str | None = None, locale: str | None = None):
        return intake_page(info, InterestFormPage, slug)

    def resolve_letter_of_support_page(self, info: GraphQLResolveInfo, locale: str | None = None):
        return intake_page(info, LetterOfSupportPage)

    def resolve_letter_of_support_status(self, info: GraphQLResolveInfo, token: str, locale: str | None = None):
        with translation.override(info.context.language_of(info)):
            if info.context.method != "POST":
                # URLs end up in logs, proxies and browser history; a private token must not.
                raise user_error(gettext("Send the status token in a POST body, not in a URL."))
            spend_or_raise(info.context, "intake.status", settings.INTAKE_STATUS_RATE)
        if not token or len(token) > 128:
            return None
        return (
            LetterOfSupportRequest.objects.filter(status_token_hash=hash_token(token))
            .prefetch_related("events")
            .first()
        )


class IntakeMutation:
    submit_interest_form = SubmitInterestForm.Field()
    request_letter_of_support = RequestLetterOfSupport.Field()
