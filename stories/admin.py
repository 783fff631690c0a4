"""Admin: every story in one listing, with its month, its premiere and whether it is still upcoming, so that an
editor can tell the stories still to come apart from the released ones at a glance."""

from __future__ import annotations

from django.utils.html import format_html
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet

from cms.dates import local_datetime_text, month_label
from stories.models import StoryPage


def _premiere(story: StoryPage) -> str:
    return local_datetime_text(story.premiere_at) if story.premiere_at else "Not set"


def _status(story: StoryPage) -> str:
    return "Released" if story.is_released else "Upcoming"


class StoryPremiereColumn(Column):
    """Upcoming or released, as a tag an editor sees at a glance."""

    def get_value(self, instance: StoryPage) -> str:
        released = instance.is_released
        return format_html(
            '<span class="w-status{}">{}</span>', " w-status--primary" if released else "", _status(instance)
        )


class StoryIndexView(IndexView):
    default_ordering = "-month"

    def get_valid_orderings(self) -> list[str]:
        return [*super().get_valid_orderings(), "month", "-month", "premiere_at", "-premiere_at"]


class StoryListingViewSet(PageListingViewSet):
    model = StoryPage
    index_view_class = StoryIndexView
    icon = "media"
    menu_label = "Stories"
    menu_order = 150
    add_to_admin_menu = True
    columns = [
        *PageListingViewSet.columns,
        Column("month", label="Month", accessor=lambda story: month_label(story.month), sort_key="month"),
        Column("premiere_at", label="Premiere", accessor=_premiere, sort_key="premiere_at"),
        StoryPremiereColumn("premiere_status", label="Upcoming or released"),
    ]


story_listing = StoryListingViewSet("stories")
