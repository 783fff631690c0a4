"""Demo content: the district's "Partner with Tacoma Public Schools" page, word for word.

The source names the award program but no recipient; the two recipients here are samples and say
so in their names and citations. The Grants Office has no address, email or phone in the source: the
demo gives it a sample email on example.org (a domain that receives no mail), and one sample staff
member with a sample email in each of the Grants Office and Superintendent's Office groups (they
cannot sign in until an administrator sets a password), so that every staff notification of a letter
request goes somewhere a demo can show, in the console or the outbox. A real install replaces them.

The source links to "the interest form" and to "request a letter of support"; both are pages here.
The interest form asks what the issue of record lists (organization, partner kind, contact, what they
offer, grade levels and schools, message, consent), with the partner kinds and pathways of the page
itself as its choices. Ten days' notice before a grant deadline is an editorial choice, editable on
the letter-of-support page.

The pages, the offices and the sample recipients have sample Spanish translations (`seed_spanish.py`),
written for the demo.
"""

from __future__ import annotations

import json
import uuid

from wagtail.models import Locale

from cms.seed import child_page, generated_image, publish_translation
from home.models import HomePage
from partners import seed_spanish
from partners.intake.seed import intake_pages, sample_staff
from partners.models import (
    AwardRecipient,
    ContactOffice,
    InterestFormPage,
    LetterOfSupportPage,
    PartnershipPage,
    ShiningStarAwardPage,
)
from partners.seed_text import (
    AWARD_PURPOSE,
    DEFINITION,
    EXAMPLES,
    EXAMPLES_INTRO,
    LETTER_OF_SUPPORT,
    PARTNER_KINDS,
    PATHWAY_BODY,
    PRINCIPLES,
    SAMPLE_RECIPIENTS,
)

# Sample addresses for the demo: example.org is reserved and receives no mail.
SAMPLE_GRANTS_EMAIL = "grants-office.sample@example.org"


def _stream(block_type: str, values: list[dict]) -> str:
    return json.dumps([{"type": block_type, "value": value} for value in values])


def _office(slug: str, **fields: object) -> ContactOffice:
    office = ContactOffice.objects.filter(slug=slug, locale=Locale.get_default()).first()
    if office is None:
        office = ContactOffice(slug=slug, **fields)
        office.save()
        office.save_revision().publish()
    return office


def seed(home: HomePage) -> PartnershipPage:
    partnership_office = _office(
        "community-partnership",
        name="Community Partnership",
        description="Partnership requests, meetings and the Shining Star Community Partner Award.",
        street_address="601 South 8th Street",
        city="Tacoma",
        state="WA",
        postal_code="98405",
        email="communitypartnership@tacoma.k12.wa.us",
        phone="253-571-7980",
        sort_order=1,
    )
    grants_office = _office(
        "grants-office",
        name="Grants Office",
        description="Reviews requests for letters of support for grant-funded initiatives.",
        email=SAMPLE_GRANTS_EMAIL,
        city="",
        state="",
        sort_order=2,
    )
    page = child_page(
        home,
        PartnershipPage,
        "partner-with-tps",
        title="Partner with Tacoma Public Schools",
        definition=f"<p>{DEFINITION}</p>",
        partner_kinds=_stream("partner_kind", [{"title": t, "abbreviation": a} for t, a in PARTNER_KINDS]),
        examples_intro=EXAMPLES_INTRO,
        examples=_stream("example", [{"text": text} for text in EXAMPLES]),
        principles=_stream("principle", [{"text": text} for text in PRINCIPLES]),
        pathways=_stream(
            "pathway",
            [
                {
                    "audience": "Business community and community-based organizations",
                    "body": "".join(f"<p>{p}</p>" for p in PATHWAY_BODY),
                    "ways": [
                        "youth_program",
                        "goods_and_services",
                        "internship_program",
                        "one_time_donation",
                        "recurring_donation",
                        "employee_volunteering",
                    ],
                    "closing": "For more information or to request a meeting, please complete the interest form.",
                    "calls_to_action": [
                        {
                            "type": "item",
                            "id": str(uuid.uuid4()),
                            "value": {"text": "Complete the interest form", "target": "interest_form", "url": ""},
                        }
                    ],
                }
            ],
        ),
        contact_office=partnership_office,
        letter_of_support_text=f"<p>{LETTER_OF_SUPPORT}</p>",
        letter_of_support_office=grants_office,
        letter_of_support_actions=_stream(
            "call_to_action",
            [{"text": "Request a letter of support", "target": "letter_of_support", "page": None, "url": ""}],
        ),
    )
    child_page(
        page,
        ShiningStarAwardPage,
        "shining-star-award",
        title="Shining Star Community Partner Award",
        established_year=2014,
        purpose=f"<p>{AWARD_PURPOSE}</p>",
    )
    intake_pages(page, partnership_office, grants_office)
    sample_staff()
    for name, kind, organization, month, citation in SAMPLE_RECIPIENTS:
        if AwardRecipient.objects.filter(month=month).exists():
            continue
        photo = generated_image(
            f"Shining Star sample: {month:%B %Y}",
            f"Sample Shining Star award photo, {month:%B %Y}",
            ["Shining Star", f"Sample recipient · {month:%B %Y}"],
            color="teal",
        )
        recipient = AwardRecipient(
            name=name, kind=kind, organization=organization, month=month, citation=f"<p>{citation}</p>", photo=photo
        )
        recipient.save()
        recipient.save_revision().publish()
    _translate(page)
    return page


def _translate(page: PartnershipPage) -> None:
    """Sample Spanish translations: the offices first, since the pages name them."""
    for slug, strings in seed_spanish.OFFICES.items():
        publish_translation(ContactOffice.objects.get(slug=slug, locale=page.locale), "es", strings)
    publish_translation(page, "es", seed_spanish.PARTNERSHIP)
    below = page.get_children().specific()
    for child, strings in (
        (below.type(ShiningStarAwardPage).first(), seed_spanish.AWARD_PAGE),
        (below.type(InterestFormPage).first(), seed_spanish.INTEREST_FORM),
        (below.type(LetterOfSupportPage).first(), seed_spanish.LETTER_PAGE),
    ):
        publish_translation(child, "es", strings)
    for _, _, _, month, _ in SAMPLE_RECIPIENTS:
        recipient = AwardRecipient.objects.filter(month=month, locale=page.locale).first()
        if recipient is not None:
            publish_translation(recipient, "es", seed_spanish.RECIPIENTS)
