"""One query for a school display: the story of the month, the award of the month, what comes next."""

from __future__ import annotations

import functools
import hashlib
import re
from typing import Any

import graphene
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from graphql import GraphQLResolveInfo
from grapple.registry import registry
from grapple.utils import get_media_item_url

from cms.dates import earliest
from cms.errors import user_error
from cms.graphql.instants import at_argument, resolve_at
from cms.graphql.locales import expect_locales, locale_argument
from cms.graphql.prefetch import prefetch_selected
from cms.models import CustomImage, School
from cms.preview import reachable_frontend
from cms.visibility import public_media_item
from partners.graphql import AwardOfTheMonthResult
from partners.monthly import award_of_the_month
from stories.graphql import MAX_UPCOMING, checked_school, school_slug_argument
from stories.models import StoryPage
from stories.monthly import display_story_ids, load_stories, with_stories

POSTER_SPECS = {"1080p": "fill-1920x1080", "4k": "fill-3840x2160"}


@functools.lru_cache(maxsize=512)
def qr_code_svg(url: str) -> str:
    """An SVG QR code for a URL, sized by its container (no fixed width or height).

    Drawing one costs ~20 ms, so it is drawn once for every app server: kept in the shared cache (a URL's code
    never changes), and in each worker's memory."""
    key = "display:qr:1:" + hashlib.sha256(url.encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=2)
        svg = re.sub(r' (width|height)="[^"]*"', "", image.to_string(encoding="unicode"), count=2)
        cache.set(key, svg, timeout=30 * 24 * 3600)
    return svg


def public_story_url(story: StoryPage, request: HttpRequest) -> str:
    """The story on the public website: the district's frontend while it answers, else this site's own page."""
    base = reachable_frontend(request) or settings.WAGTAILADMIN_BASE_URL
    parts = story.get_url_parts(request)
    path = parts[2] if parts else story.url_path
    return base.rstrip("/") + path


class DisplayImage(graphene.ObjectType):
    """A rendition sized for a screen."""

    url = graphene.String(required=True)
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)
    alt = graphene.String(required=True)


def _rendition(image: CustomImage | None, spec: str) -> DisplayImage | None:
    if image is None:
        return None
    rendition = image.get_rendition(spec)
    return DisplayImage(
        url=get_media_item_url(rendition), width=rendition.width, height=rendition.height, alt=image.alt_text
    )


class DisplayStory(graphene.ObjectType):
    """The story of the month, with what a screen needs to show it."""

    story = graphene.Field(lambda: registry.pages[StoryPage], required=True)
    is_from_earlier_month = graphene.Boolean(required=True)
    poster_1080p = graphene.Field(DisplayImage, name="poster1080p", description="1920x1080 poster.")
    poster_4k = graphene.Field(DisplayImage, name="poster4k", description="3840x2160 poster (or the largest made).")
    public_url = graphene.String(required=True, description="The full story on the public website.")
    qr_code_svg = graphene.String(required=True, description="An SVG QR code for publicUrl.")

    def resolve_poster_1080p(self, info: GraphQLResolveInfo) -> DisplayImage | None:
        return _rendition(public_media_item(self.story.poster_image, info.context), POSTER_SPECS["1080p"])

    def resolve_poster_4k(self, info: GraphQLResolveInfo) -> DisplayImage | None:
        return _rendition(public_media_item(self.story.poster_image, info.context), POSTER_SPECS["4k"])

    def resolve_public_url(self, info: GraphQLResolveInfo) -> str:
        if getattr(self, "_public_url", None) is None:  # asked for twice when the QR code is asked for too
            self._public_url = public_story_url(self.story, info.context)
        return self._public_url

    def resolve_qr_code_svg(self, info: GraphQLResolveInfo) -> str:
        return qr_code_svg(DisplayStory.resolve_public_url(self, info))


class Display(graphene.ObjectType):
    """Everything a school display shows, in one round trip."""

    at = graphene.DateTime(required=True, description="The instant this answer is for.")
    locale = graphene.String(
        required=True, description="The language asked for; items not yet translated say so with `isFallback`."
    )
    valid_until = graphene.DateTime(
        required=True, description="Ask again at this instant (next premiere, month's end, or an expiry)."
    )
    school = graphene.Field(lambda: registry.snippets[School])
    story = graphene.Field(DisplayStory, description="The story of the month; null before any premiere.")
    award = graphene.Field(graphene.NonNull(AwardOfTheMonthResult))
    upcoming = graphene.List(
        graphene.NonNull(lambda: registry.pages[StoryPage]),
        required=True,
        description="Stories still to premiere, soonest first (teasers).",
    )

    def resolve_upcoming(self, info: GraphQLResolveInfo) -> list[StoryPage]:
        return prefetch_selected(self.upcoming, info)


class DisplayQuery:
    display = graphene.Field(
        graphene.NonNull(Display),
        at=at_argument(),
        school=school_slug_argument(),
        upcoming_limit=graphene.Int(default_value=3, description=f"How many upcoming stories, at most {MAX_UPCOMING}."),
        locale=locale_argument(),
        description="What a school display shows at an instant: story and award of the month, and what is next.",
    )

    def resolve_display(
        self,
        info: GraphQLResolveInfo,
        at: Any = None,
        school: str | None = None,
        upcoming_limit: int | None = 3,
        locale: str | None = None,
    ) -> Display:
        locales = info.context.locale_choice(info)
        upcoming_limit = 3 if upcoming_limit is None else upcoming_limit
        if not 0 <= upcoming_limit <= MAX_UPCOMING:
            raise user_error(f"upcomingLimit must be between 0 and {MAX_UPCOMING}; got {upcoming_limit}.")
        found_school = checked_school(school)
        instant = resolve_at(at)
        story_id, upcoming_ids = display_story_ids(instant, school, upcoming_limit, locales, info.context.generation)
        award_pick = award_of_the_month(instant, locales, info.context.generation)
        stories = load_stories([story_id.item, *upcoming_ids])  # the story of the month and what is next, at once
        story_pick = with_stories(story_id, stories)
        story = None
        if story_pick.item is not None:
            story = DisplayStory(story=story_pick.item, is_from_earlier_month=story_pick.is_from_earlier_month)
        upcoming = [stories[pk] for pk in upcoming_ids if pk in stories]
        return Display(
            at=instant,
            locale=info.context.locales.code_of(locales.locale_id),
            valid_until=earliest(story_pick.valid_until, award_pick.valid_until),
            school=found_school,
            story=story,
            award=award_pick,
            upcoming=expect_locales(info, upcoming),
        )
