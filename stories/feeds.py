"""The released stories as an Atom feed, one per content language, for feed readers and the district's other sites.

Only stories whose premiere has passed are in it: an upcoming story, its text and its video stay out until the
instant it premieres. Each story comes in the feed's language where it is translated, else in English.
"""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from cms.i18n import default_language_code, locale_choice, locale_table, supported_language
from cms.models import DistrictSettings
from cms.site.meta import absolute, page_address
from cms.visibility import public_pages
from stories.models import StoryPage

FEED_LENGTH = 30
# How long a reader or a CDN may keep the feed: a premiere shows in it at most this late.
FEED_SECONDS = 300


def released_stories(language: str) -> list[StoryPage]:
    """The newest released stories, one version of each: in `language` where translated, else in English."""
    table = locale_table()
    choice = locale_choice(locale_id=table.by_code.get(language), table=table)
    candidates = public_pages(StoryPage.objects.all()).filter(StoryPage.released_q())
    stories = choice.apply(candidates).select_related("locale").order_by("-premiere_at", "pk")
    return list(stories[:FEED_LENGTH])


class StoriesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, language: str) -> str:
        code = supported_language(language)
        if code is None or code != language:
            raise Http404("No such language.")
        return code

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with translation.override(kwargs.get("language") or None):
            response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = f"public, max-age={FEED_SECONDS}"
        return response

    def title(self, language: str) -> str:
        district = DistrictSettings.objects.values_list("district_name", flat=True).first()
        return f"{district} · {gettext('Student stories')}" if district else gettext("Student stories")

    def subtitle(self, language: str) -> str:
        return gettext("Student stories, as each one premieres.")

    def link(self, language: str) -> str:
        return absolute("/" if language == default_language_code() else f"/{language}/")

    def feed_url(self, language: str) -> str:
        return absolute(reverse("stories-feed", kwargs={"language": language}))

    def items(self, language: str) -> list[StoryPage]:
        return released_stories(language)

    def item_title(self, item: StoryPage) -> str:
        names = item.student_names or item.title
        return f"{names}: {item.theme_headline}" if item.theme_headline else names

    def item_description(self, item: StoryPage) -> str:
        return item.summary

    def item_link(self, item: StoryPage) -> str:
        return page_address(item) or absolute(item.url)

    def item_guid(self, item: StoryPage) -> str:
        return f"urn:uuid:{item.translation_key}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: StoryPage) -> Any:
        return item.premiere_at

    def item_updateddate(self, item: StoryPage) -> Any:
        return max(filter(None, [item.premiere_at, item.last_published_at]))
