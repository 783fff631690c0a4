"""A large site for the API benchmark: the demo, then published stories up to a number, spread over 13 years.

Run inside Django (bench/api_throughput.py calls `manage.py shell -c "from bench.api_seed import grow; grow(N)"`).
Stories are added as a district's editors leave them: live, under the campaign, with a poster (one of 100, or of
as many as asked, so media stays small), a program tag and a school, their search index entries made as they are
saved. What is skipped is the revision history, which no public answer reads.
"""

from __future__ import annotations

import datetime
import itertools

from django.core.management import call_command
from django.db import transaction

POSTERS = 100
FIRST = datetime.datetime(2010, 1, 4, 8)
LAST = datetime.datetime(2022, 12, 20, 8)


def grow(total: int, poster_count: int = POSTERS) -> None:
    from taggit.models import Tag

    from cms.dates import district_zone
    from cms.models import School
    from cms.seed import generated_image
    from stories.models import CampaignIndexPage, StoryPage

    if not CampaignIndexPage.objects.exists():
        call_command("seed_demo")
    campaign = CampaignIndexPage.objects.get(slug="better-together", locale__language_code="en")
    posters = [
        generated_image(f"Bench poster {n}", f"Poster {n} of a bench story", [f"Story {n}"], size=(480, 270))
        for n in range(poster_count)
    ]
    programs = [Tag.objects.get_or_create(name=name, defaults={"slug": slug})[0]
                for name, slug in (("Beyond the Bell", "beyond-the-bell"), ("CAB Cafe", "cab-cafe"))]  # fmt: skip
    schools = itertools.cycle(list(School.objects.all()) or [None])
    have = StoryPage.objects.filter(locale=campaign.locale, slug__startswith="bench-").count()
    step = (LAST - FIRST) / max(total, 1)
    zone = district_zone()
    for first in range(have, total, 1000):
        batch = range(first, min(first + 1000, total))
        _add_batch(campaign, [(FIRST + step * n).replace(tzinfo=zone) for n in batch], batch, posters, schools,
                   programs)  # fmt: skip
        print(f"  {batch[-1] + 1} bench stories", flush=True)
    print(StoryPage.objects.filter(locale=campaign.locale).count())


def _add_batch(campaign, instants, numbers, posters, schools, programs) -> None:
    """Stories numbered `numbers` under the campaign, in three bulk inserts (the pages, their story rows, their
    tags), then their search index entries in one go."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from stories.models import StoryPage, StoryProgramTag

    last = campaign.get_last_child()
    after = Page._str2int(last.path[-Page.steplen :]) if last else 0
    kind = ContentType.objects.get_for_model(StoryPage)
    stories = []
    for offset, (n, when) in enumerate(zip(numbers, instants, strict=True)):
        story = StoryPage(
            title=f"Bench story {n}", slug=f"bench-{n}", summary=f"Teaser {n}: students and partners together.",
            student_names="Ada", theme_headline="WE ARE BETTER TOGETHER", month=when.date().replace(day=1),
            premiere_at=when, poster_image=posters[n % len(posters)], school=next(schools), live=True,
            first_published_at=when, last_published_at=when, locale=campaign.locale, content_type=kind,
            depth=campaign.depth + 1, path=Page._get_path(campaign.path, campaign.depth + 1, after + offset + 1),
            url_path=f"{campaign.url_path}bench-{n}/", draft_title=f"Bench story {n}",
        )  # fmt: skip
        stories.append(story)
    with transaction.atomic():
        pages = Page.objects.bulk_create([Page(**{f.attname: getattr(s, f.attname) for f in Page._meta.concrete_fields
                                                  if f.attname != "id"}) for s in stories])  # fmt: skip
        for story, page in zip(stories, pages, strict=True):
            story.pk = story.page_ptr_id = page.pk
            story.id = page.pk
        StoryPage.objects._insert(stories, fields=StoryPage._meta.local_concrete_fields)
        StoryProgramTag.objects.bulk_create(
            [StoryProgramTag(content_object=s, tag=programs[n % 2]) for n, s in zip(numbers, stories, strict=True)]
        )
        Page.objects.filter(pk=campaign.pk).update(numchild=campaign.get_children().count())
    get_search_backend().add_bulk(StoryPage, list(StoryPage.objects.filter(pk__in=[s.pk for s in stories])))
