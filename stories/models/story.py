"""One month's student video story: public as a teaser until its premiere, in full from then on."""

from __future__ import annotations

import datetime
from typing import Any

import graphene
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from graphql import GraphQLResolveInfo
from grapple.models import (
    GraphQLBoolean,
    GraphQLCollection,
    GraphQLField,
    GraphQLImage,
    GraphQLRichText,
    GraphQLSnippet,
    GraphQLString,
)
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.dates import month_of
from cms.fields import RICH_TEXT_FEATURES, BelongsToMonth, optional_document, optional_image
from cms.preview import FrontendPreviewMixin, is_preview
from cms.publishing import PublishChecksMixin
from cms.site.pages import SitePageMixin
from cms.visibility import public_media_item
from stories.graphql_types import StoryStatusType, StoryVideoType
from stories.models.before_premiere import BeforePremierePreviewMixin
from stories.models.captions import CAPTIONS_HELP, StoryPageForm, missing_captions
from stories.models.teaser import related_rows, story_prefetches
from stories.models.upload_help import POSTER_HELP, PROGRAMS_HEADING, VIDEO_FILE_HELP
from stories.release import StoryStatus, StoryVideoValue, build_story_video

VIDEO_EXTENSIONS = (".mp4", ".webm")


class StoryProgramTag(TaggedItemBase):
    content_object = ParentalKey("stories.StoryPage", on_delete=models.CASCADE, related_name="program_items")


class StoryPage(
    BeforePremierePreviewMixin, SitePageMixin, PublishChecksMixin, FrontendPreviewMixin, BelongsToMonth, Page
):
    """One month's student video story. Before its premiere only its teaser is public."""

    site_query = "stories/site/story_page.graphql"
    graphql_prefetches = staticmethod(story_prefetches)  # what a list loads at once for a field (cms.graphql.prefetch)
    site_template = "stories/site/story_page.html"

    student_names = models.CharField(
        max_length=200,
        blank=True,
        help_text="The student or students the story is about, e.g. 'Truth and Honesty'. Leave blank for a story "
        "about a group, such as a graduating class.",
    )
    theme_headline = models.CharField(
        max_length=120, blank=True, help_text="The month's theme, e.g. 'WE ARE SMARTER TOGETHER'."
    )
    summary = models.TextField(
        help_text="A short paragraph, public before the premiere as the teaser and after it as the lead."
    )
    body = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="The full story. Not shown publicly until the premiere.",
    )
    month = models.DateField(
        help_text="The month this story belongs to. Pick any day in it; the month is what counts.",
    )
    premiere_at = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name="video premiere",
        help_text="When the video and full story go public (Pacific time). Leave blank while the date is not "
        "set: the story stays upcoming.",
    )
    video_url = models.URLField(
        blank=True,
        verbose_name="video link",
        help_text="A link to the video on a video service (for example YouTube or Vimeo). Use this or an "
        "uploaded video file, not both.",
    )
    video_file = optional_document("An uploaded video file (MP4 or WebM).")
    transcript = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Everything said in the video, for people who cannot watch or hear it. Translators translate "
        "it with the story.",
    )
    poster_image = optional_image("Still image shown before the video plays and on displays.")
    school = models.ForeignKey("cms.School", null=True, blank=True, on_delete=models.SET_NULL, related_name="stories")
    programs = ClusterTaggableManager(
        through=StoryProgramTag,
        blank=True,
        help_text="District programs in the story, e.g. 'CAB Cafe', 'Beyond the Bell', 'Tacoma Online'.",
    )
    closing_note = models.CharField(
        max_length=200, blank=True, help_text="A short line after the story, e.g. 'Graduation websites coming soon'."
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("student_names"),
                FieldPanel("theme_headline"),
                FieldRowPanel([FieldPanel("month"), FieldPanel("premiere_at")]),
                FieldPanel("summary"),
            ],
            heading="Teaser (public before the premiere)",
        ),
        MultiFieldPanel(
            [
                FieldPanel("body"),
                FieldPanel("video_url"),
                FieldPanel("video_file", help_text=VIDEO_FILE_HELP),
                InlinePanel(
                    "caption_tracks",
                    heading="Captions",
                    label="Captions track",
                    help_text=CAPTIONS_HELP,
                ),
                FieldPanel("transcript"),
            ],
            heading="Story and video (public from the premiere)",
        ),
        FieldPanel("poster_image", help_text=POSTER_HELP),
        FieldRowPanel([FieldPanel("school"), FieldPanel("programs", heading=PROGRAMS_HEADING)]),
        FieldPanel("closing_note"),
    ]

    # For Wagtail's REST API v2 when it is switched on (WAGTAIL_API_V2); GraphQL is the public API.
    api_fields = [
        APIField("month"),
        APIField("premiere_at"),
        APIField("theme_headline"),
        APIField("student_names"),
        APIField("summary"),
        APIField("poster_1080p", serializer=ImageRenditionField("fill-1920x1080", source="poster_image")),
    ]

    graphql_fields = [
        GraphQLString("student_names"),
        GraphQLString("theme_headline"),
        GraphQLString("summary", required=True),
        GraphQLString("month", source="month_key", required=True, description="The story's month, as 'YYYY-MM'."),
        GraphQLString(
            "month_label",
            source="graphql_month_label",
            required=True,
            description="The month in words, in the story's language, e.g. 'March 2023', 'marzo de 2023'.",
        ),
        GraphQLField("premiere_at", graphene.DateTime, description="When the video goes public."),
        GraphQLField("status", StoryStatusType, source="graphql_status", required=True),
        GraphQLBoolean("is_released", required=True),
        GraphQLRichText(
            "body",
            source="released_body",
            description="The full story; null before the premiere (except in a preview).",
        ),
        GraphQLField(
            "video",
            StoryVideoType,
            source="graphql_video",
            description="The video; null if none, or before the premiere (except in a preview).",
        ),
        GraphQLImage("poster_image", source="public_poster_image"),
        GraphQLSnippet("school", "cms.School"),
        GraphQLCollection(GraphQLString, "programs", source="program_names", required=True, item_required=True),
        GraphQLString("closing_note"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("student_names"),
        index.SearchField("theme_headline"),
        index.SearchField("summary"),
        index.FilterField("month"),
        index.FilterField("premiere_at"),
    ]

    base_form_class = StoryPageForm
    # The tracks of every language are kept here; a translation takes them each time it is published.
    kept_in_step_with_source = ["caption_tracks"]
    # Names, dates and the video are the story's own in every language; translators translate its words.
    override_translatable_fields = [
        SynchronizedField("student_names"),
        SynchronizedField("month", overridable=False),
        SynchronizedField("premiere_at", overridable=False),
    ]

    parent_page_types = ["stories.CampaignIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "story"
        verbose_name_plural = "stories"
        # Listings (newest month first) walk an index instead of sorting every story; premieres are found by date.
        indexes = [models.Index(fields=["-month", "-premiere_at", "page_ptr"], name="story_newest_first"),
                   models.Index(fields=["premiere_at"], name="story_premiere")]  # fmt: skip

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.video_url and self.video_file_id:
            errors["video_file"] = "Give either a video link or an uploaded video file, not both."
        if self.video_file and not self.video_file.file.name.lower().endswith(VIDEO_EXTENSIONS):
            errors["video_file"] = "The uploaded video must be an MP4 or WebM file."
        if errors:
            raise ValidationError(errors)
        super().clean()

    @property
    def has_video(self) -> bool:
        return bool(self.video_url or self.video_file_id)

    def publish_problems(self, caption_languages: list[str] | None = None, **context: Any) -> dict[str, list[str]]:
        """Besides alt text: a video is released only with captions in the story's language, or a transcript."""
        problems = super().publish_problems(**context)
        if caption_languages is None:
            caption_languages = [track.language for track in self.caption_tracks.all()]
        language = self.locale.language_code if self.locale_id else settings.LANGUAGE_CODE
        if self.has_video and language not in caption_languages and not strip_tags(self.transcript).strip():
            problems.setdefault("transcript", []).append(missing_captions(self, language))
        return problems

    @staticmethod
    def released_q() -> models.Q:
        return models.Q(premiere_at__lte=timezone.now())

    @staticmethod
    def upcoming_q(at: datetime.datetime | None = None) -> models.Q:
        """Coming at `at`: premiering after it, or with no premiere date yet in a month not over.

        The one rule for every "upcoming" list (a campaign's, `upcomingStories`, a display's "coming next"). A
        story whose month ended with no premiere date never premiered: it stays UPCOMING, its full text and
        video hidden, but it is no longer announced as coming.
        """
        at = at or timezone.now()
        return models.Q(premiere_at__gt=at) | models.Q(premiere_at__isnull=True, month__gte=month_of(at))

    @property
    def is_released(self) -> bool:
        return self.premiere_at is not None and self.premiere_at <= timezone.now()

    @property
    def graphql_status(self) -> StoryStatus:
        released = self.is_released and not self.previewed_before_premiere
        return StoryStatus.RELEASED if released else StoryStatus.UPCOMING

    @property
    def shows_full_story(self) -> bool:
        """Released, or an editor's preview of the story as it will be once it premieres (not "before premiere")."""
        return (self.is_released or is_preview(self)) and not self.previewed_before_premiere

    @property
    def released_body(self) -> str | None:
        return self.body if self.shows_full_story else None

    @property
    def program_names(self) -> list[str]:
        # Through program_items, so that a list's prefetch of them (story_prefetches) serves every story at once.
        return sorted(item.tag.name for item in related_rows(self, "program_items", "tag"))

    def graphql_video(self, info: GraphQLResolveInfo, **kwargs: Any) -> StoryVideoValue | None:
        if not self.shows_full_story:
            return None
        tracks = [
            (track.language, document)
            for track in related_rows(self, "caption_tracks", "file")
            if (document := public_media_item(track.file, info.context)) is not None
        ]
        language = info.context.locales.code_of(self.locale_id)
        return build_story_video(
            video_url=self.video_url,
            video_file=public_media_item(self.video_file, info.context),
            transcript=self.transcript,
            tracks=tracks,
            language=language,
        )

    def public_poster_image(self, info: GraphQLResolveInfo, **kwargs: Any):
        return public_media_item(self.poster_image, info.context)
