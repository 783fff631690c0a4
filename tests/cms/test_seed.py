"""The demo content: both district pages in full, word for word, and a re-run changes nothing."""

from __future__ import annotations

import datetime
import html
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from cms.dates import district_zone
from cms.models import School
from partners.models import AwardRecipient, ContactOffice

SOURCES = Path(__file__).resolve().parent.parent / "data"
ZONE = district_zone()

# The one place the demo content departs from the source on purpose (see stories/seed.py).
DELIBERATE_CHANGES = {"January 2022": "January 2023"}

QUERY = """{
  campaign: page(slug: "better-together") { title ... on CampaignIndexPage {
    intro upcomingHeading bannerImage { alt }
    stories(limit: 100) { title studentNames themeHeadline summary body monthLabel premiereAt status closingNote } } }
  partnership: page(slug: "partner-with-tps") { title ... on PartnershipPage {
    definition examplesHeading examplesIntro principlesHeading pathwaysHeading contactHeading
    letterOfSupportHeading letterOfSupportText
    partnerKinds { ... on PartnerKindBlock { title abbreviation } }
    examples { ... on PartnershipExampleBlock { text } }
    principles { ... on PrincipleBlock { text } }
    pathways { ... on PathwayBlock { audience body closing callsToAction { ... on CallToActionBlock { text } } } }
    contactOffice { name addressLines email phone }
    letterOfSupportActions { ... on CallToActionBlock { text } }
    awardProgram { title establishedYear purpose } } }
}"""


def _normalize(text: str) -> str:
    text = re.sub(r"</?(a|strong|em|b|i)\b[^>]*>", "", text)  # inline markup stays within its line
    text = html.unescape(re.sub(r"<[^>]+>", "\n", text)).replace("\xa0", " ")
    return re.sub(r"[ \t]+", " ", text).strip()


def _source_lines(name: str) -> list[str]:
    lines = [_normalize(line).lstrip("• ").strip() for line in (SOURCES / name).read_text().splitlines()]
    return [DELIBERATE_CHANGES.get(line, line) for line in lines if line]


def _rendered_lines(data: dict) -> list[str]:
    """What a frontend shows for the seeded content: fields, and headings composed from them."""
    campaign, partnership = data["campaign"], data["partnership"]
    out = [campaign["title"], campaign["intro"], campaign["upcomingHeading"], campaign["bannerImage"]["alt"]]
    for story in campaign["stories"]:
        month_name = story["monthLabel"].split()[0]
        out += [story["summary"], story["monthLabel"], f"{month_name} - {campaign['title']}"]
        out += [story["closingNote"] or ""]
        if story["premiereAt"]:
            premiere = datetime.datetime.fromisoformat(story["premiereAt"]).astimezone(ZONE)
            out.append(f"{story['themeHeadline']}: Video Premiere {premiere:%B} {premiere.day}, {premiere.year}")
    out += [partnership["title"], partnership["definition"], partnership["examplesHeading"]]
    out += [partnership["examplesIntro"], partnership["principlesHeading"], partnership["pathwaysHeading"]]
    out += [partnership["contactHeading"], partnership["letterOfSupportHeading"], partnership["letterOfSupportText"]]
    out += [
        f"{k['title']} ({k['abbreviation']})" if k["abbreviation"] else k["title"] for k in partnership["partnerKinds"]
    ]
    out += [e["text"] for e in partnership["examples"]] + [p["text"] for p in partnership["principles"]]
    for pathway in partnership["pathways"]:
        out += [pathway["audience"], pathway["body"], pathway["closing"]]
        out += [action["text"] for action in pathway["callsToAction"]]
    office = partnership["contactOffice"]
    out += [office["name"], *office["addressLines"], f"Email: {office['email']}", f"Phone: {office['phone']}"]
    out += [action["text"] for action in partnership["letterOfSupportActions"]]
    award = partnership["awardProgram"]
    out += [award["title"], award["purpose"]]
    return [line for chunk in out for line in _normalize(chunk).splitlines() if line.strip()]


@pytest.mark.django_db
@pytest.mark.parametrize("source", ["better-together.txt", "partner-with-tps.txt"])
def test_seeded_site_publishes_the_source_page_word_for_word(seeded, gql, source: str) -> None:
    rendered = _rendered_lines(gql(QUERY))
    missing = [line for line in _source_lines(source) if line not in rendered]
    assert missing == []


@pytest.mark.django_db
def test_seeded_stories_follow_the_source(seeded, gql) -> None:
    stories = gql(QUERY)["campaign"]["stories"]
    assert [s["monthLabel"] for s in stories] == [
        "June 2023",
        "May 2023",
        "April 2023",
        "March 2023",
        "January 2023",
        "December 2022",
        "November 2022",
        "October 2022",
        "September 2022",
        "August 2022",
    ]
    june = stories[0]
    assert (june["studentNames"], june["premiereAt"], june["status"]) == ("", None, "UPCOMING")
    assert june["closingNote"] == "Graduation Websites Coming Soon"
    assert all(s["status"] == "RELEASED" and s["body"] for s in stories[1:])


@pytest.mark.django_db
def test_sample_award_recipients_say_they_are_samples(seeded) -> None:
    recipients = AwardRecipient.objects.filter(locale__language_code="en")
    assert recipients.count() == 2
    for recipient in recipients:
        assert recipient.name.startswith("Sample recipient")
        assert "sample recipient for demonstration, not a real award" in recipient.citation
    for translated in AwardRecipient.objects.filter(locale__language_code="es"):
        assert "ganador de muestra para la demostración, no un premio real" in translated.citation


@pytest.mark.django_db
def test_home_page_is_the_default_sites_root(seeded) -> None:
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class.__name__ == "HomePage"
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()


def _snapshot() -> dict[str, object]:
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "title", "live", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "offices": list(ContactOffice.objects.values_list("pk", "latest_revision_id")),
        "recipients": list(AwardRecipient.objects.values_list("pk", "latest_revision_id")),
        "schools": School.objects.count(),
        "tags": Tag.objects.count(),
        "sites": list(Site.objects.values_list("pk", "root_page_id")),
    }


@pytest.mark.django_db
def test_running_the_seed_again_changes_nothing(seeded) -> None:
    before = _snapshot()
    out = io.StringIO()
    call_command("seed_demo", "--no-current-year", stdout=out)
    assert _snapshot() == before
    assert "Demo content ready" in out.getvalue()
