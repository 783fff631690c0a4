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

import datetime
import json
import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Locale

from cms.seed import child_page, generated_image, publish_translation
from home.models import HomePage
from partners.models import (
    AwardRecipient,
    ContactOffice,
    InterestFormField,
    InterestFormPage,
    LetterOfSupportPage,
    PartnershipPage,
    ShiningStarAwardPage,
)
from partners.staff import GRANTS_GROUP, PARTNERSHIP_GROUP, SUPERINTENDENT_GROUP

# Sample addresses for the demo: example.org is reserved and receives no mail.
SAMPLE_GRANTS_EMAIL = "grants-office.sample@example.org"
# (username, last name, email, staff group): one sample member per group that letter requests notify.
SAMPLE_STAFF = [
    ("grants.sample", "Grants Office (sample)", "grants-staff.sample@example.org", GRANTS_GROUP),
    ("superintendent.sample", "Superintendent (sample)", "superintendent.sample@example.org", SUPERINTENDENT_GROUP),
]

DEFINITION = (
    "Tacoma Public Schools defines partnership as a cooperative relationship between students, families, schools, "
    "school districts, and the greater Tacoma community. Partners are committed to supporting student academic "
    "success and the whole child. Partners work with and invest in the education of our children and youth - whose "
    "future, in turn, will affect the quality of life for the entire Tacoma community."
)
PARTNER_KINDS = [
    ("Community-based Organization", "CBOs"),
    ("Business Community", ""),
    ("Community Groups or Individuals", ""),
]
EXAMPLES_INTRO = (
    "Partnerships can be between many different people and institutions. For example, they could be between:"
)
EXAMPLES = [
    "Teachers and businesspeople",
    "Students and social worker",
    "Principals and pastors",
    "Schools and non-profits",
    "Parents and office administrators",
    "Tacoma Public Schools and universities",
]
PRINCIPLES = [
    "All partners are equally valued and respected",
    "Clear, consistent and transparent communication with all partners",
    "Contributions of partners are aligned to the common goal of supporting students",
    "Careful evaluation of success",
    "Diverse representation from all parts of the school system and greater community, especially those "
    "historically left out of the conversation (including young people, communities of color, and economically "
    "disadvantaged and limited English-speaking families)",
]
PATHWAY_BODY = [
    "Tacoma Public Schools values the support of the non-profit and business community. A formal Memorandum of "
    "Understanding (MOU) or contract may be in order if we are partnering for a youth program, goods and services, "
    "or an internship program.",
    "In support of a school or the district, one-time or recurring donations, as well as facilitating an employee "
    "volunteer activity, are welcome!",
]
AWARD_PURPOSE = (
    "The Shining Star Community Partner Award was established in 2014 to acknowledge that when it comes to student "
    "success, TPS cannot do it alone. To honor the investment of time, talent and resources for TPS students, "
    "families, and staff, the Star Community Partner Award is awarded each month to thank a community partner or "
    "community volunteer who has made a difference in the lives of TPS students and families."
)
LETTER_OF_SUPPORT = (
    "Tacoma Public Schools welcomes the opportunity to partner with organizations on grant-funded initiatives and "
    "provides letters in support of these partnerships. A letter of support is contingent upon review by the Grants "
    "Office and Superintendent signature."
)
SAMPLE_RECIPIENTS = [
    (
        "Sample recipient: Eastside Community Pantry",
        AwardRecipient.Kind.PARTNER,
        "Eastside Community Pantry (sample)",
        datetime.date(2023, 2, 1),
        "This is a sample recipient for demonstration, not a real award. It shows how a month's citation reads: "
        "weekend food bags for families, packed by volunteers every Friday.",
    ),
    (
        "Sample recipient: a reading volunteer",
        AwardRecipient.Kind.VOLUNTEER,
        "",
        datetime.date(2023, 1, 1),
        "This is a sample recipient for demonstration, not a real award. It shows how a volunteer's citation reads: "
        "two mornings a week reading with second graders.",
    ),
]


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
    _intake_pages(page, partnership_office, grants_office)
    _sample_staff()
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
    from partners import seed_spanish

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


INTEREST_FIELDS = [
    ("Organization name", "singleline", True, "", "If you are offering as an individual, write 'Individual'."),
    (
        "Partner type",
        "radio",
        True,
        "Community-based organization\nBusiness\nCommunity group\nIndividual",
        "",
    ),
    ("Contact name", "singleline", True, "", ""),
    ("Email", "email", True, "", "We reply here, and send you a copy of this form."),
    ("Phone", "singleline", False, "", ""),
    (
        "What you would like to offer",
        "checkboxes",
        True,
        "Youth program\nGoods and services\nInternship\nOne-time donation\nRecurring donation\n"
        "Employee volunteer activity",
        "Choose all that apply.",
    ),
    (
        "Grade levels of interest",
        "checkboxes",
        False,
        "Early learning\nElementary school\nMiddle school\nHigh school\nAny",
        "",
    ),
    ("Schools of interest", "singleline", False, "", "Name any schools you have in mind."),
    ("Message", "multiline", False, "", "Tell us about your idea, and anything we should know."),
    (
        "Consent",
        "checkbox",
        True,
        "",
        "I agree that Tacoma Public Schools may contact me about this partnership.",
    ),
]


def _intake_pages(parent: PartnershipPage, partnership_office: ContactOffice, grants_office: ContactOffice) -> None:
    form = child_page(
        parent,
        InterestFormPage,
        "interest-form",
        title="Partnership interest form",
        intro="<p>Tell us how you would like to partner with Tacoma Public Schools, and the Community Partnership "
        "office will contact you to talk it through.</p>",
        thank_you_text="<p>Thank you for your interest in partnering with Tacoma Public Schools. The Community "
        "Partnership office will be in touch soon.</p>",
        office=partnership_office,
        confirmation_text="Thank you for your interest in partnering with Tacoma Public Schools.",
        form_fields=[
            InterestFormField(label=label, field_type=kind, required=required, choices=choices, help_text=help_text)
            for label, kind, required, choices, help_text in INTEREST_FIELDS
        ],
    )
    child_page(
        parent,
        LetterOfSupportPage,
        "letter-of-support",
        title="Request a letter of support",
        intro=f"<p>{LETTER_OF_SUPPORT}</p>",
        office=grants_office,
        minimum_notice_days=10,
        thank_you_text="<p>Thank you. We emailed you a confirmation with a private status code; the Grants Office "
        "will email you at each step of its review.</p>",
    )
    # The Community Partnership office reads the interest form's submissions.
    group = Group.objects.filter(name=PARTNERSHIP_GROUP).first()
    if group is not None:
        for codename in ("change_page", "publish_page"):
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=form,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
            )


def _sample_staff() -> None:
    """A sample member with a sample email in each group a letter request notifies; no password, so no login."""
    user_model = get_user_model()
    for username, last_name, email, group_name in SAMPLE_STAFF:
        group, _ = Group.objects.get_or_create(name=group_name)
        if user_model.objects.filter(username=username).exists():
            continue
        user = user_model(username=username, first_name="Sample", last_name=last_name, email=email)
        user.set_unusable_password()
        user.save()
        user.groups.add(group)
