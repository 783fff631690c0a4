"""A campaign's premieres as an iCalendar (RFC 5545) feed that families subscribe to in their calendar app.

One event per story with a premiere date, at the premiere's instant in the district's time zone (with its
VTIMEZONE), linking to the story's page. A story keeps its UID across edits and languages' feeds differ only by
their language tag, so a calendar app updates an event in place when a premiere moves.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from icalendar import Calendar, Event

from cms.dates import district_zone
from cms.i18n import best_translation, locale_choice, locale_table, relatives_in_any_locale, supported_language
from cms.site.meta import absolute, page_address, site_origin
from cms.visibility import public_pages
from stories.models import CampaignIndexPage, StoryPage

# A premiere is an instant; calendars show it as a short event.
PREMIERE_LENGTH = datetime.timedelta(minutes=30)
# How often a subscribed calendar should look again (RFC 7986 REFRESH-INTERVAL), and how long a CDN keeps it.
REFRESH = datetime.timedelta(hours=12)
CALENDAR_SECONDS = 300


def calendar_address(campaign_id: int | str, language: str) -> str:
    return absolute(reverse("premieres-calendar", kwargs={"language": language, "campaign_id": int(campaign_id)}))


def premieres(campaign: CampaignIndexPage, language: str) -> list[StoryPage]:
    """The campaign's stories that have a premiere date, in `language` where translated, else in English."""
    table = locale_table()
    candidates = public_pages(StoryPage.objects.filter(pk__in=relatives_in_any_locale(campaign, "children")))
    choice = locale_choice(locale_id=table.by_code.get(language), table=table)
    return list(choice.apply(candidates).filter(premiere_at__isnull=False).order_by("premiere_at", "pk"))


def premieres_calendar(campaign: CampaignIndexPage, language: str) -> Calendar:
    host = urlsplit(site_origin()).hostname or "localhost"
    zone = district_zone()
    calendar = Calendar()
    calendar.add("prodid", "-//Better Together CMS//Premieres//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    title = gettext("%(campaign)s: video premieres") % {"campaign": campaign.title}
    calendar.add("name", title)
    calendar.add("x-wr-calname", title)
    calendar.add("x-wr-timezone", str(zone))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    address = page_address(campaign)
    if address:
        calendar.add("url", address)
    stories = premieres(campaign, language)
    for story in stories:
        start = story.premiere_at.astimezone(zone)
        link = page_address(story) or ""
        event = Event()
        event.add("uid", f"premiere-{story.translation_key}-{language}@{host}")
        event.add("dtstamp", (story.last_published_at or timezone.now()).astimezone(datetime.UTC))
        event.add("dtstart", start)
        event.add("dtend", start + PREMIERE_LENGTH)
        names = story.student_names or story.title
        headline = f"{names}: {story.theme_headline}" if story.theme_headline else names
        event.add("summary", gettext("Video premiere: %(headline)s") % {"headline": headline})
        description = "\n\n".join(part for part in (story.summary, link) if part)
        event.add("description", description)
        if link:
            event.add("url", link)
        calendar.add_component(event)
    # The time zone's rules for the years the premieres fall in (calendar apps know the zone by its name too).
    years = [story.premiere_at.astimezone(zone).year for story in stories] or [timezone.now().year]
    calendar.add_missing_timezones(datetime.date(min(years) - 1, 1, 1), datetime.date(max(years) + 2, 1, 1))
    return calendar


def premieres_ics(request: HttpRequest, language: str, campaign_id: int) -> HttpResponse:
    """The calendar file: `language` is the calendar's, `campaign_id` the campaign page in any language."""
    if supported_language(language) != language:
        raise Http404("No such language.")
    table = locale_table()
    found = public_pages(CampaignIndexPage.objects.filter(pk=campaign_id)).first()
    visible = best_translation(found, table.by_code.get(language), table.default_id, public_pages)
    if visible is None:
        raise Http404("No such campaign.")
    with translation.override(language):
        body = premieres_calendar(visible, language).to_ical()
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="premieres-{visible.slug}.ics"'
    response["Cache-Control"] = f"public, max-age={CALENDAR_SECONDS}"
    return response
