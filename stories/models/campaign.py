"""A Better Together campaign: one index page per school year, whose stories are the pages below it.

The campaign page is declared before the story page, as it always was: grapple lists page types in the order
they are declared, and that order is the order of types in schema.graphql. So this module reaches the story
page only when it runs a query, never when it is imported.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from graphql import GraphQLResolveInfo
from grapple.models import (
    GraphQLCollection,
    GraphQLDocument,
    GraphQLForeignKey,
    GraphQLImage,
    GraphQLRichText,
    GraphQLString,
)
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.fields import RICH_TEXT_FEATURES, hashtag_validator, optional_document, optional_image
from cms.graphql.lists import public_list
from cms.graphql.locales import localize_queryset
from cms.i18n import locale_choice, relatives_in_any_locale
from cms.preview import FrontendPreviewMixin
from cms.publishing import PublishCheckedPageForm, PublishChecksMixin
from cms.site.pages import SitePageMixin
from cms.visibility import public_media_item, public_pages


class CampaignIndexPage(SitePageMixin, PublishChecksMixin, FrontendPreviewMixin, Page):
    """A Better Together campaign for one school year; its stories are the pages below it."""

    site_query = "stories/site/campaign_index_page.graphql"
    site_template = "stories/site/campaign_index_page.html"

    def site_context(self, request: HttpRequest) -> dict[str, Any]:
        """The premieres calendar in the page's language (stories/calendar.py)."""
        if self.pk is None:  # the admin's preview of a campaign not saved yet
            return {}
        language = translation.get_language()
        return {"calendar_url": reverse("premieres-calendar", kwargs={"language": language, "campaign_id": self.pk})}

    school_year = models.CharField(
        max_length=7,
        validators=[RegexValidator(r"^\d{4}-\d{2}$", "Write the school year as '2022-23'.")],
        help_text="The school year this campaign runs, e.g. '2022-23'.",
    )
    intro = RichTextField(features=RICH_TEXT_FEATURES, help_text="What the campaign is about, shown above the stories.")
    hashtag = models.CharField(
        max_length=60,
        blank=True,
        validators=[hashtag_validator],
        help_text="The campaign hashtag without the '#', e.g. 'BetterTogether'.",
    )
    printed_calendar = optional_document("The printed campaign calendar (PDF) families can download.")
    banner_image = optional_image("Wide banner shown at the top of the campaign page.")
    upcoming_heading = models.CharField(
        max_length=80, default="Upcoming stories", help_text="Heading above the stories not yet premiered."
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("school_year"), FieldPanel("hashtag")]),
        FieldPanel("intro"),
        FieldPanel("banner_image"),
        FieldPanel("printed_calendar"),
        FieldPanel("upcoming_heading"),
    ]

    graphql_fields = [
        GraphQLString("school_year", required=True),
        GraphQLRichText("intro", required=True),
        GraphQLString("hashtag", description="Without the '#'."),
        GraphQLDocument("printed_calendar", source="public_printed_calendar"),
        GraphQLImage("banner_image", source="public_banner_image"),
        GraphQLString("upcoming_heading", required=True),
        GraphQLCollection(
            GraphQLForeignKey,
            "stories",
            "stories.StoryPage",
            source="graphql_stories",
            required=True,
            item_required=True,
            description="Published stories of this campaign, newest month first.",
        ),
        GraphQLCollection(
            GraphQLForeignKey,
            "released_stories",
            "stories.StoryPage",
            source="graphql_released_stories",
            required=True,
            item_required=True,
            description="Stories whose premiere has passed, newest month first.",
        ),
        GraphQLCollection(
            GraphQLForeignKey,
            "upcoming_stories",
            "stories.StoryPage",
            source="graphql_upcoming_stories",
            required=True,
            item_required=True,
            description="Stories still to premiere, soonest month first; one with no premiere date drops out "
            "when its month ends.",
        ),
    ]

    search_fields = Page.search_fields + [index.SearchField("intro"), index.FilterField("school_year")]

    # The year and the hashtag are the same in every language; translators translate the words.
    override_translatable_fields = [
        SynchronizedField("school_year", overridable=False),
        SynchronizedField("hashtag", overridable=False),
    ]

    base_form_class = PublishCheckedPageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.StoryPage"]

    class Meta:
        verbose_name = "campaign"

    def clean(self) -> None:
        super().clean()
        match = re.fullmatch(r"(\d{4})-(\d{2})", self.school_year or "")
        if match and (int(match[1]) + 1) % 100 != int(match[2]):
            raise ValidationError(
                {
                    "school_year": f"'{self.school_year}' is not one school year; did you mean "
                    f"'{match[1]}-{(int(match[1]) + 1) % 100:02d}'?"
                }
            )

    def public_stories(self, info: GraphQLResolveInfo | None = None) -> models.QuerySet:
        """Its published stories, newest month first, one version of each: in an answer's locale, else in this
        page's own (English where a story is not translated)."""
        from stories.models.story import StoryPage
        from stories.models.teaser import with_teaser

        candidates = public_pages(StoryPage.objects.filter(pk__in=relatives_in_any_locale(self, "children")))
        if info is not None:
            stories = localize_queryset(info, candidates, self)
        else:
            stories = locale_choice(locale_id=self.locale_id).apply(candidates)
        return with_teaser(stories).order_by("-month", "-premiere_at", "pk")

    def public_printed_calendar(self, info: GraphQLResolveInfo, **kwargs: Any):
        return public_media_item(self.printed_calendar, info.context)

    def public_banner_image(self, info: GraphQLResolveInfo, **kwargs: Any):
        return public_media_item(self.banner_image, info.context)

    def _list_key(self, info: GraphQLResolveInfo, which: str) -> tuple:
        """What decides one of this campaign's story lists besides its arguments (see `public_list`)."""
        return ("campaign-stories", which, self.pk, info.context.locale_of(info, self))

    def graphql_stories(self, info: GraphQLResolveInfo, **kwargs: Any):
        return public_list(self.public_stories(info), info, order_key=self._list_key(info, "all"), **kwargs)

    def graphql_released_stories(self, info: GraphQLResolveInfo, **kwargs: Any):
        stories = self.public_stories(info)
        released = stories.filter(stories.model.released_q())
        return public_list(released, info, order_key=self._list_key(info, "released"), **kwargs)

    def graphql_upcoming_stories(self, info: GraphQLResolveInfo, **kwargs: Any):
        stories = self.public_stories(info)
        upcoming = stories.filter(stories.model.upcoming_q()).order_by("month", "premiere_at", "pk")
        return public_list(upcoming, info, order_key=self._list_key(info, "upcoming"), **kwargs)
