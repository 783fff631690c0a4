"""Demo content: the 2022-23 Better Together campaign, word for word from the district's page.

Editorial choices the source leaves open, made as an editor would:
- Issiah's story is dated "January 2022" but sits above December 2022 in a 2022-23 campaign, so it
  is January 2023.
- Truth and Honesty's story has no month and sits below September 2022: it is the campaign's
  opening story, August 2022.
- Released stories carry no premiere line, so each premiered on the first of its month at 8 a.m.
  Pacific; the upcoming ones premiere on the dates the page gives, at the same hour.
- June's story (the Class of 2023) has no student and no premiere date: it was announced as coming
  during June 2023, and since that month ended it is no longer (it stays UPCOMING, its full text kept back,
  until an editor sets a premiere date).
- The campaign and four stories have sample Spanish translations (`seed_spanish.py`), written for the demo.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from cms.dates import district_zone
from cms.seed import child_page, generated_image, generated_pdf, publish_translation, school, stored_document
from home.models import HomePage
from stories import seed_spanish
from stories.models import CampaignIndexPage, CaptionTrack, StoryPage

INTRO = [
    "Tacoma Public Schools is committed to the belief that we are better together. That means every student, "
    "teacher, parent, staff member, volunteer and community member connected to our schools plays a role in "
    "helping our students thrive. As a result, our community grows stronger.",
    "Throughout the 2022-23 school year, we’re telling the stories of TPS students growing and thriving with the "
    "help of the people around them. Check out our {calendar} and watch this page for a new video story each month.",
    "Let's continue to come together this year to strengthen our community and help every student learn and "
    "succeed. We can and should do this because we are truly better together.",
]

# (slug, title, student names, month, premiere day or None, theme, school slug, programs, color, text)
STORIES = [
    (
        "2023-06-class-of-2023",
        "Class of 2023",
        "",
        datetime.date(2023, 6, 1),
        None,
        "",
        None,
        [],
        "navy",
        "This month, the graduating Class of 2023 will enter the world as confident, educated adults. At every step "
        "of their school journey, they were nurtured, supported, served and sustained by their communities – at "
        "school, at home and throughout this city. They are living proof that we are better together.",
    ),
    (
        "2023-05-kendy",
        "Kendy",
        "Kendy",
        datetime.date(2023, 5, 1),
        datetime.date(2023, 5, 1),
        "WE ARE COMMITTED TOGETHER",
        "lincoln",
        ["Teach 253"],
        "plum",
        "As a child in Tacoma Public Schools, Kendy felt the power of good teachers. In the Teach 253 program at "
        "Lincoln High School, Lisa Egenes helped her envision a future where she could have that power. Now she’s "
        "back in Tacoma as a first-year teacher, committed to serving the kids of her community.",
    ),
    (
        "2023-04-gary",
        "Gary",
        "Gary",
        datetime.date(2023, 4, 1),
        datetime.date(2023, 4, 1),
        "WE ARE ADVENTUROUS TOGETHER",
        "hunt",
        [],
        "forest",
        "Gary isn’t interested in social divisions—he’s got too much to do. He performs in musicals and plays. He "
        "dances. He runs track. He plays soccer and basketball. His adventurous spirit means he’s at home among many "
        "types of students, and Hunt gives him plenty of chances to explore his talents.",
    ),
    (
        "2023-03-jose",
        "José",
        "José",
        datetime.date(2023, 3, 1),
        datetime.date(2023, 3, 1),
        "WE ARE SMARTER TOGETHER",
        "lyon",
        [],
        "teal",
        "For Pi Day, March 14, Lyon students memorized as many digits of pi as they could. José soon found he had a "
        "knack for numbers and could remember more digits than anyone at school. His teacher and classmates helped "
        "him uncover an unexpected talent, and together, they celebrate it.",
    ),
    (
        "2023-01-issiah",
        "Issiah",
        "Issiah",
        datetime.date(2023, 1, 1),
        datetime.date(2023, 1, 1),
        "",
        None,
        ["CAB Cafe"],
        "brick",
        "Issiah keeps showing the world, and himself, what he’s capable of. While he manages his schooling, he also "
        "delivers lunches for the district’s CAB Cafe, which provides high schoolers with disabilities the "
        "opportunity to gain work experience. During the summer, he maintains forest trails. As Issiah’s confidence "
        "grows, he’s becoming an example of positivity and kindness to his peers.",
    ),
    (
        "2022-12-leila",
        "Leila",
        "Leila",
        datetime.date(2022, 12, 1),
        datetime.date(2022, 12, 1),
        "",
        "mount-tahoma",
        ["Tautua Pasifika"],
        "plum",
        "For Leila, dancing is more than just fun – it’s an expression of her heritage. She’s a member of Tautua "
        "Pasifika, a student club celebrating Pacific Islander culture through traditional dance and music. The Mount "
        "Tahoma group helps Leila connect to her Samoan roots and better understand her identity.",
    ),
    (
        "2022-11-david",
        "David",
        "David",
        datetime.date(2022, 11, 1),
        datetime.date(2022, 11, 1),
        "",
        None,
        ["Special Education"],
        "teal",
        "David is an example of what happens when an education community unites to meet a student’s needs. From the "
        "time he entered preschool, he’s had the backing of dozens of special education and general education "
        "teachers, administrators, therapists and coaches – and the unconditional love of his mom. Now he’s thriving "
        "and growing more independent every day.",
    ),
    (
        "2022-10-gabe",
        "Coach Gabe",
        "Gabe",
        datetime.date(2022, 10, 1),
        datetime.date(2022, 10, 1),
        "",
        None,
        ["Beyond the Bell"],
        "forest",
        "A growing number of elementary students know him simply as Coach Gabe. As one of many student coaches for "
        "Beyond the Bell, he learns the joys and challenges of being a role model, teacher and mentor, while the "
        "young athletes discover a greater sense of belonging.",
    ),
    (
        "2022-09-ellie",
        "Ellie",
        "Ellie",
        datetime.date(2022, 9, 1),
        datetime.date(2022, 9, 1),
        "",
        "tacoma-online",
        ["Tacoma Online"],
        "navy",
        "Tacoma Online (TOL) keeps students and educators together, even when they are miles apart. TOL’s flexible "
        "schedule lets Ellie do her schoolwork anytime, anywhere, allowing her to focus on her passion for dance and "
        "support her family.",
    ),
    (
        "2022-08-truth-and-honesty",
        "Truth and Honesty",
        "Truth and Honesty",
        datetime.date(2022, 8, 1),
        datetime.date(2022, 8, 1),
        "",
        None,
        ["Rainier Scholars"],
        "brick",
        "Truth and Honesty are Rainier Scholars, achieving students, role models and leaders, but it wasn’t always "
        "that way. In kindergarten, they struggled to stay in class and keep up with school work. What made the "
        "difference? Their own hard work and the unwavering support, consistency and patience of their family and "
        "school staff.",
    ),
]

# Leila's story carries a short sample video (a title card, made for the demo) with English and Spanish
# captions and a transcript, so the site's video player, captions and transcript link have something to show.
SAMPLE_VIDEO = Path(__file__).with_name("seed_media") / "leila-sample.webm"
SAMPLE_CAPTIONS = {
    "en": ["Better Together: Leila's story.", "A sample video for the demo content."],
    "es": ["Mejores juntos: la historia de Leila.", "Un video de muestra para el contenido de demostración."],
}
SAMPLE_TRANSCRIPT = (
    "<p>[A sample video for the demo content: a title card, with no speech.]</p>"
    "<p>On screen: Better Together. Leila, December 2022.</p>"
)


def sample_video() -> dict[str, Any]:
    """The sample video's fields for Leila's story: the file, a captions track per language, the transcript."""
    video = stored_document("Better Together video: Leila (sample)", "leila-sample.webm", SAMPLE_VIDEO.read_bytes())
    tracks = []
    for language, lines in SAMPLE_CAPTIONS.items():
        cues = "".join(f"\n00:0{4 * i}.000 --> 00:0{4 * i + 4}.000\n{line}\n" for i, line in enumerate(lines))
        captions = stored_document(
            f"Better Together video: Leila (sample), captions ({language})",
            f"leila-sample.{language}.vtt",
            f"WEBVTT\n{cues}".encode(),
        )
        tracks.append(CaptionTrack(language=language, file=captions))
    return {"video_file": video, "caption_tracks": tracks, "transcript": SAMPLE_TRANSCRIPT}


SCHOOLS = {
    "lincoln": ("Lincoln High School", "high", "Lincoln"),
    "hunt": ("Hunt Middle School", "middle", "Hunt"),
    "lyon": ("Lyon Elementary School", "elementary", "Lyon"),
    "mount-tahoma": ("Mount Tahoma High School", "high", "Mount Tahoma"),
    "tacoma-online": ("Tacoma Online", "program", "TOL"),
}


def seed(home: HomePage) -> CampaignIndexPage:
    calendar = generated_pdf(
        "Better Together 2022-23 printed calendar",
        [["Better Together", "2022-23 calendar", "Tacoma Public Schools"]]
        + [[month, "#BetterTogether"] for month in ("September", "October", "November", "December", "January")],
    )
    banner = generated_image(
        "Better Together Web Banner",
        "Better Together Web Banner",
        ["Better Together", "#BetterTogether · Tacoma Public Schools"],
        size=(2400, 600),
    )
    calendar_link = f'<a linktype="document" id="{calendar.pk}">printed #BetterTogether calendar</a>'
    intro = "".join(f"<p>{paragraph.format(calendar=calendar_link)}</p>" for paragraph in INTRO)
    campaign = child_page(
        home,
        CampaignIndexPage,
        "better-together",
        title="Better Together",
        school_year="2022-23",
        intro=intro,
        hashtag="BetterTogether",
        printed_calendar=calendar,
        banner_image=banner,
    )
    zone = district_zone()
    for slug, title, names, month, premiere_day, theme, school_slug, programs, color, text in STORIES:
        found_school = school(SCHOOLS[school_slug][0], school_slug, *SCHOOLS[school_slug][1:]) if school_slug else None
        label = month.strftime("%B %Y")
        poster = generated_image(
            f"Better Together poster: {title}",
            f"Better Together story poster for {title}, {label}",
            [theme or "Better Together", f"{title} · {label}"],
            color=color,
        )
        premiere_at = (
            datetime.datetime.combine(premiere_day, datetime.time(8, 0), tzinfo=zone) if premiere_day else None
        )
        child_page(
            campaign,
            StoryPage,
            slug,
            title=title,
            student_names=names,
            theme_headline=theme,
            summary=text,
            body=f"<p>{text}</p>",
            month=month,
            premiere_at=premiere_at,
            poster_image=poster,
            school=found_school,
            closing_note="Graduation Websites Coming Soon" if slug == "2023-06-class-of-2023" else "",
            tags=programs,
            **(sample_video() if slug == "2022-12-leila" else {}),
        )
    publish_translation(campaign, "es", seed_spanish.CAMPAIGN)
    for slug, strings in seed_spanish.STORIES.items():
        publish_translation(StoryPage.objects.child_of(campaign).get(slug=slug), "es", strings)
    return campaign
