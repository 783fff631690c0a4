"""Typed blocks of the partnership page."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from graphql import GraphQLResolveInfo
from grapple.helpers import register_streamfield_block
from grapple.models import GraphQLCollection, GraphQLPage, GraphQLRichText, GraphQLStreamfield, GraphQLString
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from cms.fields import RICH_TEXT_FEATURES
from cms.graphql.locales import localize_item
from cms.visibility import first_public_page, is_public_page, public_pages


@register_streamfield_block
class PartnerKindBlock(blocks.StructBlock):
    """A kind of partner the district works with, e.g. community-based organizations."""

    title = blocks.CharBlock(max_length=120, help_text="e.g. 'Community-based Organization'.")
    abbreviation = blocks.CharBlock(max_length=20, required=False, default="", help_text="e.g. 'CBOs'.")
    description = blocks.TextBlock(required=False, default="")

    graphql_fields = [
        GraphQLString("title", required=True),
        GraphQLString("abbreviation"),
        GraphQLString("description"),
    ]

    class Meta:
        icon = "group"


@register_streamfield_block
class PartnershipExampleBlock(blocks.StructBlock):
    """One example of who partners with whom, e.g. 'Teachers and businesspeople'."""

    text = blocks.CharBlock(max_length=200)

    graphql_fields = [GraphQLString("text", required=True)]

    class Meta:
        icon = "link"


@register_streamfield_block
class PrincipleBlock(blocks.StructBlock):
    """One mark of a successful and authentic partnership."""

    text = blocks.TextBlock()

    graphql_fields = [GraphQLString("text", required=True)]

    class Meta:
        icon = "tick"


# The labels are words of the API's own vocabulary, in the message catalogs: `wayLabels` gives them in the
# language asked for.
PATHWAY_WAYS = [
    ("youth_program", gettext_noop("Youth program (MOU or contract)")),
    ("goods_and_services", gettext_noop("Goods and services (MOU or contract)")),
    ("internship_program", gettext_noop("Internship program (MOU or contract)")),
    ("one_time_donation", gettext_noop("One-time donation")),
    ("recurring_donation", gettext_noop("Recurring donation")),
    ("employee_volunteering", gettext_noop("Employee volunteer activity")),
]

CALL_TO_ACTION_TARGETS = [
    ("interest_form", "The partnership interest form"),
    ("letter_of_support", "The letter-of-support request"),
    ("page", "A page on this site"),
    ("url", "A web address"),
]


INTAKE_PAGE_TYPES = {"interest_form": "partners.InterestFormPage", "letter_of_support": "partners.LetterOfSupportPage"}


@register_streamfield_block
class CallToActionBlock(blocks.StructBlock):
    """A button that leads somewhere: one of the intake forms, a page, or a web address."""

    text = blocks.CharBlock(max_length=80, help_text="The button's words, e.g. 'Complete the interest form'.")
    target = blocks.ChoiceBlock(choices=CALL_TO_ACTION_TARGETS, default="interest_form")
    page = blocks.PageChooserBlock(required=False, help_text="When the target is a page.")
    url = blocks.URLBlock(required=False, default="", help_text="When the target is a web address.")

    graphql_fields = [
        GraphQLString("text", required=True),
        GraphQLString("target", required=True, description="interest_form, letter_of_support, page or url."),
        GraphQLPage(
            "page",
            source="public_page",
            description="Where the button leads: the chosen page, or the published intake form for those targets.",
        ),
        GraphQLString("url"),
    ]

    class Meta:
        icon = "pick"

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        if value["target"] == "page" and not value["page"]:
            raise StructBlockValidationError({"page": ValidationError("Choose the page this button leads to.")})
        if value["target"] == "url" and not value["url"]:
            raise StructBlockValidationError({"url": ValidationError("Enter the web address this button leads to.")})
        return value

    def public_page(self, info: GraphQLResolveInfo, values: dict[str, Any], **kwargs: Any):
        target = values.get("target")
        locales = info.context.locale_choice(info)
        if target in INTAKE_PAGE_TYPES:
            return first_public_page(apps.get_model(INTAKE_PAGE_TYPES[target]), info.context, locales)
        page = localize_item(info, values.get("page"), public_pages)
        # specific_deferred: the page's own type, without a query until a field of that type is asked for.
        return page.specific_deferred if page is not None and is_public_page(page, info.context) else None


@register_streamfield_block
class PathwayBlock(blocks.StructBlock):
    """One pathway to partnership: who it is for, the ways to take part, and where to start."""

    audience = blocks.CharBlock(
        max_length=160,
        help_text="Who this pathway is for, e.g. 'Business community and community-based organizations'.",
    )
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, help_text="How partnering works on this pathway.")
    ways = blocks.MultipleChoiceBlock(
        choices=PATHWAY_WAYS,
        required=False,
        help_text="The ways of partnering this pathway covers; forms and filters use them.",
    )
    closing = blocks.TextBlock(
        required=False, default="", help_text="A last line, e.g. 'For more information or to request a meeting, ...'."
    )
    calls_to_action = blocks.ListBlock(CallToActionBlock(), min_num=0, max_num=3, default=[])

    graphql_fields = [
        GraphQLString("audience", required=True),
        GraphQLRichText("body", required=True),
        GraphQLCollection(GraphQLString, "ways", required=True, item_required=True, description="Way codes."),
        GraphQLCollection(GraphQLString, "way_labels", required=True, item_required=True, source="way_labels"),
        GraphQLString("closing"),
        GraphQLStreamfield("calls_to_action"),
    ]

    class Meta:
        icon = "route"

    def way_labels(self, info: GraphQLResolveInfo, values: dict[str, Any], **kwargs: Any) -> list[str]:
        labels = dict(PATHWAY_WAYS)
        with translation.override(info.context.language_of(info)):
            return [gettext(labels[code]) for code in values.get("ways") or [] if code in labels]
