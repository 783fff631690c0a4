import datetime

from wagtail import hooks
from wagtail.models import Page

from cms.timed import TimedChange
from stories import seed as stories_seed
from stories import seed_current as stories_seed_current
from stories import seed_languages as stories_languages
from stories.admin import StoryListingViewSet, story_listing
from stories.graphql import MonthlyStoryQuery, StoriesQuery
from stories.models import StoryPage


@hooks.register("register_schema_query")
def add_stories_queries(query_mixins: list) -> None:
    query_mixins += [StoriesQuery, MonthlyStoryQuery]


@hooks.register("graphql_answer_boundaries")
def next_premiere(now: datetime.datetime) -> list[datetime.datetime | None]:
    """A story's status, body and video change at its premiere, with no edit: cached answers end there."""
    upcoming = StoryPage.objects.live().filter(premiere_at__gt=now).order_by("premiere_at").first()
    return [upcoming.premiere_at if upcoming else None]


@hooks.register("timed_changes")
def premieres(since: datetime.datetime, until: datetime.datetime) -> list[TimedChange]:
    """Stories whose video went public in (since, until]: webhooks and sync tell of them then."""
    premiered = StoryPage.objects.live().filter(premiere_at__gt=since, premiere_at__lte=until).order_by("premiere_at")
    return [TimedChange("story.premiered", list(premiered))]


# Demo content after home's (10): it is built under the home page.
@hooks.register("register_demo_seed", order=20)
def seed_stories(seeded: dict[str, Page]) -> Page:
    campaign = stories_seed.seed(seeded["home"])
    stories_seed_current.seed(seeded["home"])
    return campaign


@hooks.register("register_demo_translations", order=20)
def translate_stories() -> int:
    return stories_languages.translate()


@hooks.register("register_admin_viewset")
def register_story_listing() -> StoryListingViewSet:
    return story_listing
