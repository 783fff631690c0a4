"""The two intake form pages and what they share: their form in the API, their office, and serving GET only."""

from __future__ import annotations

from typing import Any

import graphene
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext, ngettext
from graphql import GraphQLResolveInfo
from grapple.models import GraphQLField, GraphQLInt, GraphQLRichText, GraphQLSnippet, GraphQLString
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractForm
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms.fields import RICH_TEXT_FEATURES, optional_link
from cms.preview import FrontendPreviewMixin
from cms.site.pages import SitePageMixin
from partners.intake.fields import FieldSpec
from partners.intake.forms import letter_field_specs
from partners.intake.interest import IntakeFormBuilder, InterestSubmission
from partners.intake.staff import GRANTS_GROUP, group_addresses
from partners.models.offices import ContactOffice, localized_office, public_office


def intake_graphql_fields(how_to_submit: str) -> list:
    return [
        GraphQLRichText("intro"),
        GraphQLField(
            "form_fields",
            # Named, not imported: the API's types build on the models, never the reverse.
            graphene.List(graphene.NonNull("partners.intake.graphql_types.FormField")),
            source="field_specs",
            required=True,
            description=f"The fields to render, in order; {how_to_submit}.",
        ),
        GraphQLString("submit_label", required=True),
        GraphQLRichText("thank_you_text", required=True),
        GraphQLSnippet("office", "partners.ContactOffice", source="graphql_office"),
    ]


class IntakePageMixin(SitePageMixin):
    """An intake page renders its form for browsers; submissions come as JSON over GraphQL only."""

    site_query = "partners/site/intake_page.graphql"
    site_template = "partners/site/intake_page.html"

    @property
    def public_office(self) -> ContactOffice | None:
        return public_office(self.office)

    def graphql_office(self, info: GraphQLResolveInfo, **kwargs: Any) -> ContactOffice | None:
        return localized_office(info, self.office, self)

    def site_context(self, request: HttpRequest) -> dict[str, Any]:
        """The form script's words and where it sends the form: the script asks the API for the fields."""
        return {
            "intake_kind": self.intake_kind,
            # In the visitor's language (the site renders in it), which may not be the page's own.
            "intake_strings": intake_strings(translation.get_language(), len(self.field_specs())),
        }


def intake_strings(language: str, field_count: int) -> dict[str, Any]:
    """The form script's own words, in the page's language. `fix[n]` asks to correct n fields, in the plural
    form the language uses for n (Russian and Ukrainian have three), for every n the form can have."""
    with translation.override(language):
        return {
            "choose": gettext("Choose…"),
            "fix": [
                ngettext(
                    "Please correct %(count)d field marked below.", "Please correct %(count)d fields marked below.", n
                )
                % {"count": n}
                for n in range(field_count + 1)
            ],
            "notSent": gettext("Your answers were not sent ({problem}). They are still here; please try again."),
            "serverRefused": gettext("The server could not take the form."),
            # Shown in brackets inside notSent, so it starts in lower case.
            "noConnection": gettext("no connection to the server"),
            "notLoaded": gettext("The form could not be loaded. Please reload the page to try again."),
            "checking": gettext("Checking…"),
            "noSuchCode": gettext("No request has this status code. Check it against your confirmation email."),
            "reason": gettext("Reason: {reason}"),
            "notChecked": gettext("The status could not be checked just now. Please try again."),
        }


class InterestFormPage(FrontendPreviewMixin, IntakePageMixin, AbstractForm):
    """The partnership interest form: its fields and texts, and who is told of each submission."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True, help_text="Shown above the form.")
    submit_label = models.CharField(max_length=40, default="Send", help_text="The submit button's words.")
    thank_you_text = RichTextField(
        features=RICH_TEXT_FEATURES,
        help_text="Shown once a submission is received, e.g. who will reply and when.",
    )
    office = optional_link(
        ContactOffice, "The office told of each submission by email, e.g. Community Partnership. It needs an email."
    )
    confirmation_subject = models.CharField(
        max_length=160,
        default="We received your partnership interest form",
        help_text="Subject of the copy emailed to the person who submitted the form.",
    )
    confirmation_text = models.TextField(
        blank=True,
        help_text="Opening of that email; a copy of their answers follows. "
        "It goes to the answer of the form's first email field.",
    )

    content_panels = AbstractForm.content_panels + [
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Form fields", min_num=1),
        FieldPanel("submit_label"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldPanel("office"), FieldPanel("confirmation_subject"), FieldPanel("confirmation_text")],
            heading="Email",
        ),
    ]

    graphql_fields = intake_graphql_fields("submit them with `submitInterestForm`")

    form_builder = IntakeFormBuilder
    preview_modes = [("form", "Form"), ("frontend", "Frontend")]
    parent_page_types = ["partners.PartnershipPage"]
    subpage_types: list[str] = []
    intake_kind = "interest"

    class Meta:
        verbose_name = "interest form page"

    def get_submission_class(self) -> type[InterestSubmission]:
        return InterestSubmission

    def get_submissions_list_view_class(self) -> type:
        # Imported when asked for: admin views cannot load while the models do.
        from partners.intake.exports import InterestSubmissionsView

        return InterestSubmissionsView

    def get_data_fields(self) -> list[tuple[str, str]]:
        return [*super().get_data_fields(), ("language", "Language")]

    def field_specs(self, *args, **kwargs) -> list[FieldSpec]:
        return [field.spec() for field in self.get_form_fields()]

    @property
    def notify_addresses(self) -> list[str]:
        return [self.office.email] if self.office and self.office.email else []

    def clean(self) -> None:
        super().clean()
        if self.office and not self.office.email:
            raise ValidationError({"office": f"{self.office.name} has no email address to notify."})


class LetterOfSupportPage(FrontendPreviewMixin, IntakePageMixin, Page):
    """Where partners request a letter of support for a grant; the Grants Office reviews each request."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True, help_text="Shown above the request form.")
    office = optional_link(
        ContactOffice,
        "The office requesters are pointed to, e.g. the Grants Office. New requests are emailed to its address, "
        "if it has one, and to the members of the Grants Office group.",
    )
    minimum_notice_days = models.PositiveSmallIntegerField(
        default=10,
        validators=[MaxValueValidator(365)],
        help_text="Requests must arrive at least this many days before the grant's deadline. 0 accepts any future "
        "deadline.",
    )
    submit_label = models.CharField(max_length=40, default="Send request")
    thank_you_text = RichTextField(
        features=RICH_TEXT_FEATURES, help_text="Shown once a request is received: what happens next."
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("office"),
        FieldPanel("minimum_notice_days"),
        FieldPanel("submit_label"),
        FieldPanel("thank_you_text"),
    ]

    graphql_fields = [
        *intake_graphql_fields("send them as `requestLetterOfSupport`'s input"),
        GraphQLInt("minimum_notice_days", required=True),
    ]

    parent_page_types = ["partners.PartnershipPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    intake_kind = "letter"

    class Meta:
        verbose_name = "letter-of-support page"

    def field_specs(self, info: GraphQLResolveInfo | None = None, **kwargs: Any) -> list[FieldSpec]:
        """The request's fields; their labels and help in the answer's language (the page's own by default)."""
        language = info.context.language_of(info, self) if info is not None else self.locale.language_code
        with translation.override(language):
            return letter_field_specs()

    @property
    def notify_addresses(self) -> list[str]:
        office = [self.office.email] if self.office and self.office.email else []
        return office + group_addresses(GRANTS_GROUP)
