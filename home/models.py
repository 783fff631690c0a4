"""The site's home page."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLResolveInfo
from grapple.models import GraphQLCollection, GraphQLPage, GraphQLRichText
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms.fields import RICH_TEXT_FEATURES
from cms.graphql.lists import public_relatives
from cms.preview import FrontendPreviewMixin
from cms.site.pages import SitePageMixin


class HomePage(SitePageMixin, FrontendPreviewMixin, Page):
    """The site root: a welcome and links to each section (stories, partnerships)."""

    site_query = "home/site/home_page.graphql"
    site_template = "home/site/home_page.html"

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True, help_text="A short welcome above the sections.")

    content_panels = Page.content_panels + [FieldPanel("intro")]

    graphql_fields = [
        GraphQLRichText("intro"),
        GraphQLCollection(
            GraphQLPage,
            "sections",
            source="graphql_sections",
            required=True,
            item_required=True,
            is_queryset=True,
            description="The published sections below the home page, in the page tree's order.",
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["stories.CampaignIndexPage", "partners.PartnershipPage"]

    class Meta:
        verbose_name = "home page"

    def graphql_sections(self, info: GraphQLResolveInfo, **kwargs: Any):
        return public_relatives(self, info, "children", **kwargs)
