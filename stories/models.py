"""The Better Together campaign: one index page per school year, one story page per month."""

from __future__ import annotations

import datetime
import re
from typing import Any

import graphene
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from graphql import GraphQLResolveInfo
from grapple.models import (
    GraphQLBoolean,
    GraphQLCollection,
    GraphQLDocument,
    GraphQLField,
    GraphQLForeignKey,
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
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.fields import RICH_TEXT_FEATURES, BelongsToMonth, hashtag_validator, optional_document, optional_image
from cms.graphql.lists import public_list
from cms.graphql.locales import localize_queryset
from cms.i18n import language_name, locale_choice, relatives_in_any_locale
from cms.months import month_of
from cms.preview import FrontendPreviewMixin, is_preview
from cms.publishing import PublishCheckedPageForm, PublishChecksMixin
from cms.visibility import public_media_item, public_pages
from stories.graphql_types import StoryStatus, StoryVideo, build_story_video

VIDEO_EXTENSIONS = (".mp4", ".webm")


class CampaignIndexPage(PublishChecksMixin, FrontendPreviewMixin, Page):
    """A Better Together campaign for one school year; its stories are the pages below it."""

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

    def graphql_stories(self, info: GraphQLResolveInfo, **kwargs: Any):
        return public_list(self.public_stories(info), info, **kwargs)

    def graphql_released_stories(self, info: GraphQLResolveInfo, **kwargs: Any):
        return public_list(self.public_stories(info).filter(StoryPage.released_q()), info, **kwargs)

    def graphql_upcoming_stories(self, info: GraphQLResolveInfo, **kwargs: Any):
        upcoming = self.public_stories(info).filter(StoryPage.upcoming_q()).order_by("month", "premiere_at", "pk")
        return public_list(upcoming, info, **kwargs)


class CaptionTrack(Orderable):
    """A WebVTT captions track for a story's video, in one language."""

    page = ParentalKey("stories.StoryPage", on_delete=models.CASCADE, related_name="caption_tracks")
    language = models.CharField(max_length=12, help_text="The language spoken in the captions.")
    file = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="WebVTT file",
        help_text="A .vtt captions file in that language.",
    )

    panels = [
        FieldRowPanel(
            [
                FieldPanel("language", widget=forms.Select(choices=settings.WAGTAIL_CONTENT_LANGUAGES)),
                FieldPanel("file"),
            ]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = "captions track"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.language not in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
            errors["language"] = f"'{self.language}' is not one of the site's languages."
        if self.file_id and not self.file.file.name.lower().endswith(".vtt"):
            errors["file"] = "Captions must be a WebVTT file ending in .vtt."
        if errors:
            raise ValidationError(errors)


class StoryPageForm(PublishCheckedPageForm):
    """The story editor: checks captions against the tracks as posted, not as last saved."""

    def is_valid(self) -> bool:
        valid = super().is_valid()
        languages = self.publish_check_context()["caption_languages"]
        if valid and len(languages) != len(set(languages)):
            self.add_error(None, "Give each language one captions track; one language has two.")
            return False
        return valid

    def publish_check_context(self) -> dict[str, Any]:
        formset = self.formsets.get("caption_tracks")
        forms_ = formset.forms if formset is not None else []
        return {
            "caption_languages": [
                form.cleaned_data["language"]
                for form in forms_
                if getattr(form, "cleaned_data", None)
                and form.cleaned_data.get("language")
                and not form.cleaned_data.get("DELETE")
            ]
        }


class StoryProgramTag(TaggedItemBase):
    content_object = ParentalKey("stories.StoryPage", on_delete=models.CASCADE, related_name="program_items")


class StoryPage(PublishChecksMixin, FrontendPreviewMixin, BelongsToMonth, Page):
    """One month's student video story. Before its premiere only its teaser is public."""

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
                FieldPanel("video_file"),
                InlinePanel(
                    "caption_tracks",
                    heading="Captions",
                    label="Captions track",
                    help_text="A WebVTT file per language. The story's translations share these tracks: add the "
                    "Spanish track here for the Spanish story.",
                ),
                FieldPanel("transcript"),
            ],
            heading="Story and video (public from the premiere)",
        ),
        FieldPanel("poster_image"),
        FieldRowPanel([FieldPanel("school"), FieldPanel("programs")]),
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
        GraphQLField("status", StoryStatus, source="graphql_status", required=True),
        GraphQLBoolean("is_released", required=True),
        GraphQLRichText(
            "body",
            source="released_body",
            description="The full story; null before the premiere (except in a preview).",
        ),
        GraphQLField(
            "video",
            StoryVideo,
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
            problems.setdefault("transcript", []).append(
                f"The video needs captions in {language_name(language)} (a WebVTT track for '{language}') or a "
                "transcript, so that everyone can follow it."
            )
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
    def graphql_status(self) -> str:
        return StoryStatus.RELEASED.value if self.is_released else StoryStatus.UPCOMING.value

    @property
    def shows_full_story(self) -> bool:
        """Released, or an editor's preview of the story as it will be once it premieres."""
        return self.is_released or is_preview(self)

    @property
    def released_body(self) -> str | None:
        return self.body if self.shows_full_story else None

    @property
    def program_names(self) -> list[str]:
        # Through program_items so that a prefetch of "program_items__tag" serves every story at once.
        return sorted(item.tag.name for item in self.program_items.all())

    def graphql_video(self, info: GraphQLResolveInfo, **kwargs: Any):
        if not self.shows_full_story:
            return None
        tracks = [
            (track.language, document)
            for track in self.caption_tracks.all()
            if (document := public_media_item(track.file, info.context)) is not None
        ]
        language = info.context.locales.code_of(self.locale_id)
        return build_story_video(
            self, video_file=public_media_item(self.video_file, info.context), tracks=tracks, language=language
        )

    def public_poster_image(self, info: GraphQLResolveInfo, **kwargs: Any):
        return public_media_item(self.poster_image, info.context)


def with_teaser(stories: models.QuerySet, *, with_video: bool = True) -> models.QuerySet:
    """Stories with what a listing shows loaded up front (their poster, school and programs, and the video
    with its captions tracks), so a list costs the same queries whatever its length."""
    stories = stories.select_related("poster_image", "school", "video_file").prefetch_related(
        "poster_image__renditions", "program_items__tag"
    )
    if with_video:
        tracks = CaptionTrack.objects.select_related("file")
        stories = stories.prefetch_related(models.Prefetch("caption_tracks", queryset=tracks))
    return stories
