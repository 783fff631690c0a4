"""The partnership page: what partnering means, the pathways to it, and whom to contact."""

from __future__ import annotations

from typing import Any

from django.db import models
from graphql import GraphQLResolveInfo
from grapple.models import GraphQLForeignKey, GraphQLRichText, GraphQLSnippet, GraphQLStreamfield, GraphQLString
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.fields import RICH_TEXT_FEATURES, optional_link
from cms.graphql.locales import localize_queryset
from cms.i18n import relatives_in_any_locale
from cms.preview import FrontendPreviewMixin
from cms.site.pages import SitePageMixin
from cms.visibility import public_pages
from partners.blocks import CallToActionBlock, PartnerKindBlock, PartnershipExampleBlock, PathwayBlock, PrincipleBlock
from partners.models.awards import ShiningStarAwardPage
from partners.models.offices import ContactOffice, localized_office, public_office


class PartnershipPage(SitePageMixin, FrontendPreviewMixin, Page):
    """What partnering with the district means, the pathways to it, and whom to contact."""

    site_query = "partners/site/partnership_page.graphql"
    site_template = "partners/site/partnership_page.html"

    definition = RichTextField(features=RICH_TEXT_FEATURES, help_text="How the district defines partnership.")
    partner_kinds = StreamField([("partner_kind", PartnerKindBlock())], blank=True, help_text="Kinds of partners.")
    examples_heading = models.CharField(max_length=120, default="What is a partnership?")
    examples_intro = models.TextField(blank=True, help_text="e.g. 'Partnerships can be between many different ...'.")
    examples = StreamField([("example", PartnershipExampleBlock())], blank=True)
    principles_heading = models.CharField(
        max_length=160, default="What does a successful and authentic partnership look like?"
    )
    principles = StreamField([("principle", PrincipleBlock())], blank=True)
    pathways_heading = models.CharField(max_length=120, default="Pathways to partnership")
    pathways = StreamField([("pathway", PathwayBlock())], blank=True)
    contact_heading = models.CharField(max_length=120, default="Contact us")
    contact_office = optional_link(ContactOffice, "The office partners contact, e.g. Community Partnership.")
    letter_of_support_heading = models.CharField(max_length=120, default="Requesting a Letter of Support")
    letter_of_support_text = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    letter_of_support_office = optional_link(
        ContactOffice, "The office that reviews letter-of-support requests, e.g. the Grants Office."
    )
    letter_of_support_actions = StreamField([("call_to_action", CallToActionBlock())], blank=True, max_num=2)

    content_panels = Page.content_panels + [
        FieldPanel("definition"),
        FieldPanel("partner_kinds"),
        MultiFieldPanel(
            [FieldPanel("examples_heading"), FieldPanel("examples_intro"), FieldPanel("examples")],
            heading="Examples",
        ),
        MultiFieldPanel([FieldPanel("principles_heading"), FieldPanel("principles")], heading="Principles"),
        MultiFieldPanel([FieldPanel("pathways_heading"), FieldPanel("pathways")], heading="Pathways"),
        MultiFieldPanel([FieldPanel("contact_heading"), FieldPanel("contact_office")], heading="Contact"),
        MultiFieldPanel(
            [
                FieldPanel("letter_of_support_heading"),
                FieldPanel("letter_of_support_text"),
                FieldPanel("letter_of_support_office"),
                FieldPanel("letter_of_support_actions"),
            ],
            heading="Letters of support",
        ),
    ]

    graphql_fields = [
        GraphQLRichText("definition", required=True),
        GraphQLStreamfield("partner_kinds", required=True),
        GraphQLString("examples_heading", required=True),
        GraphQLString("examples_intro"),
        GraphQLStreamfield("examples", required=True),
        GraphQLString("principles_heading", required=True),
        GraphQLStreamfield("principles", required=True),
        GraphQLString("pathways_heading", required=True),
        GraphQLStreamfield("pathways", required=True),
        GraphQLString("contact_heading", required=True),
        GraphQLSnippet("contact_office", "partners.ContactOffice", source="graphql_contact_office"),
        GraphQLString("letter_of_support_heading", required=True),
        GraphQLRichText("letter_of_support_text"),
        GraphQLSnippet("letter_of_support_office", "partners.ContactOffice", source="graphql_letter_of_support_office"),
        GraphQLStreamfield("letter_of_support_actions", required=True),
        GraphQLForeignKey(
            "award_program",
            "partners.ShiningStarAwardPage",
            source="graphql_award_program",
            description="The Shining Star award program page below this page, if published.",
        ),
    ]

    search_fields = Page.search_fields + [index.SearchField("definition")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["partners.ShiningStarAwardPage", "partners.InterestFormPage", "partners.LetterOfSupportPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "partnership page"

    @property
    def public_contact_office(self) -> ContactOffice | None:
        return public_office(self.contact_office)

    def graphql_contact_office(self, info: GraphQLResolveInfo, **kwargs: Any) -> ContactOffice | None:
        return localized_office(info, self.contact_office, self)

    def graphql_letter_of_support_office(self, info: GraphQLResolveInfo, **kwargs: Any) -> ContactOffice | None:
        return localized_office(info, self.letter_of_support_office, self)

    def graphql_award_program(self, info: GraphQLResolveInfo, **kwargs: Any) -> ShiningStarAwardPage | None:
        candidates = public_pages(ShiningStarAwardPage.objects.filter(pk__in=relatives_in_any_locale(self, "children")))
        return localize_queryset(info, candidates, self).first()
