"""Demo content that lives on any date: a Better Together campaign for the current school year.

The 2022-23 campaign (`seed.py`) is the district's own, word for word, and its last story is long past. So that
the demo shows a story of the month and stories still to come whatever the date, the seed also builds a campaign
for the school year around the day it runs (`cms.demo_day`): a sample story a month from August to July, each
premiering on the first of its month at 8 a.m. Pacific. The months before the day's are released, the day's own
month has its story of the month, the later ones are upcoming. When fewer than four months of the year remain,
the next school year's campaign is built too, so that something is always coming.

Its stories are samples written for the demo, and say so.
"""

from __future__ import annotations

import datetime

from cms.dates import district_zone
from cms.demo_day import living_demo_day, living_school_years, school_year_label
from cms.seed import child_page, generated_image, school
from home.models import HomePage
from stories.models import CampaignIndexPage, StoryPage
from stories.seed import SCHOOLS

INTRO = (
    "<p>A sample campaign for the demo: a new Better Together story each month of the {year} school year, "
    "premiering on the first of the month. Its stories are samples, written to show how a campaign in progress "
    "reads: the months gone by are released, this month's is the story of the month, and the rest are coming.</p>"
)

# (month number, student, theme, school slug or None, programs, color, sample text)
SAMPLE_STORIES = [
    (8, "Amara", "WE ARE READY TOGETHER", "lincoln", ["Summer Bridge"], "navy",
     "Amara spent August in a summer bridge program, meeting the teachers and older students who would help her "
     "find her way through her first year of high school."),
    (9, "Mateo", "WE ARE WELCOMING TOGETHER", "lyon", [], "teal",
     "Mateo arrived at Lyon speaking little English. A classmate who speaks Spanish showed him around, and by the "
     "end of September he was showing the next new student around himself."),
    (10, "Sione", "WE ARE STRONGER TOGETHER", "mount-tahoma", ["Beyond the Bell"], "forest",
     "Sione coaches younger students after school. He says the children taught him patience as much as he "
     "taught them footwork."),
    (11, "Grace", "WE ARE GRATEFUL TOGETHER", None, ["Special Education"], "plum",
     "Grace and her family thank the teachers, therapists and aides who have helped her speak up for herself in "
     "class and at home."),
    (12, "Minh", "WE ARE GENEROUS TOGETHER", "hunt", [], "brick",
     "Minh organized a winter coat drive at Hunt. Families, teachers and a neighborhood business filled the "
     "school's front hall in two weeks."),
    (1, "Hodan", "WE ARE CURIOUS TOGETHER", "tacoma-online", ["Tacoma Online"], "navy",
     "Hodan studies online so she can help at her family's shop. Her science teacher meets her on video each "
     "week, and this January she built her first circuit at the kitchen table."),
    (2, "Dmytro", "WE ARE BRAVE TOGETHER", "lincoln", [], "teal",
     "Dmytro joined Lincoln mid-year from Ukraine. The debate club gave him a place to practice English out loud, "
     "and friends who cheer him on."),
    (3, "Sokha", "WE ARE SMARTER TOGETHER", "lyon", [], "forest",
     "Sokha and her reading buddy, a volunteer from the neighborhood library, read thirty books together this "
     "year. In March she read one aloud to the whole class."),
    (4, "Ji-woo", "WE ARE CREATIVE TOGETHER", "hunt", [], "plum",
     "Ji-woo painted a mural with her art class and a local artist. It now greets everyone who walks into Hunt."),
    (5, "Malia", "WE ARE COMMITTED TOGETHER", "mount-tahoma", ["Tautua Pasifika"], "brick",
     "Malia leads the Pacific Islander club's spring performance, teaching the dances her grandmother taught her."),
    (6, "The graduating class", "WE ARE PROUD TOGETHER", None, [], "navy",
     "This month the graduating class crosses the stage, carried there by families, teachers and a whole city."),
    (7, "Leo", "WE ARE GROWING TOGETHER", None, ["Summer Learning"], "forest",
     "Leo spends July in the district's summer learning program, tending a school garden and the vegetables he "
     "takes home to share."),
]  # fmt: skip


def story_month(start_year: int, month_number: int) -> datetime.date:
    return datetime.date(start_year if month_number >= 8 else start_year + 1, month_number, 1)


def seed(home: HomePage) -> list[CampaignIndexPage]:
    """The campaigns the living demo needs today (`cms.demo_day`); none when the seed was told to leave them out."""
    day = living_demo_day()
    return [seed_year(home, start) for start in living_school_years(day)] if day else []


def seed_year(home: HomePage, start: int) -> CampaignIndexPage:
    year = school_year_label(start)
    banner = generated_image(
        f"Better Together {year} banner",
        f"Better Together {year} banner",
        ["Better Together", f"{year} · #BetterTogether · Tacoma Public Schools"],
        size=(2400, 600),
    )
    campaign = child_page(
        home,
        CampaignIndexPage,
        f"better-together-{year}",
        title=f"Better Together {year}",
        school_year=year,
        intro=INTRO.format(year=year),
        hashtag="BetterTogether",
        banner_image=banner,
    )
    zone = district_zone()
    for month_number, names, theme, school_slug, programs, color, text in SAMPLE_STORIES:
        month = story_month(start, month_number)
        found_school = school(SCHOOLS[school_slug][0], school_slug, *SCHOOLS[school_slug][1:]) if school_slug else None
        label = month.strftime("%B %Y")
        title = f"{names} (sample)"
        poster = generated_image(
            f"Better Together poster: {title}, {label}",
            f"Sample Better Together story poster for {names}, {label}",
            [theme, f"{names} · {label}"],
            color=color,
        )
        summary = f"A sample story for the demo. {text}"
        child_page(
            campaign,
            StoryPage,
            f"{month:%Y-%m}-{names.lower().replace(' ', '-')}",
            title=title,
            student_names=names,
            theme_headline=theme,
            summary=summary,
            body=f"<p>{summary}</p>",
            month=month,
            premiere_at=datetime.datetime.combine(month, datetime.time(8, 0), tzinfo=zone),
            poster_image=poster,
            school=found_school,
            tags=programs,
        )
    return campaign
