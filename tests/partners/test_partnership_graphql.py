"""The partnership page, its pathways and contacts, as a frontend queries them."""

from __future__ import annotations

import json

import pytest

from tests.factories import ContactOfficeFactory, PartnershipPageFactory, ShiningStarAwardPageFactory

QUERY = """{ page(slug: "partner") { ... on PartnershipPage {
  definition examplesHeading examplesIntro principlesHeading pathwaysHeading contactHeading letterOfSupportHeading
  partnerKinds { ... on PartnerKindBlock { title abbreviation description } }
  examples { ... on PartnershipExampleBlock { text } }
  principles { ... on PrincipleBlock { text } }
  pathways { ... on PathwayBlock { audience body ways wayLabels closing
    callsToAction { ... on CallToActionBlock { text target url page { title urlPath } } } } }
  contactOffice { name addressLines email phone phoneHref }
  letterOfSupportOffice { name }
  letterOfSupportActions { ... on CallToActionBlock { text target } }
  awardProgram { title establishedYear }
} } }"""


def _stream(block_type: str, values: list[dict]) -> str:
    return json.dumps([{"type": block_type, "value": value} for value in values])


@pytest.fixture
def partnership(home):
    office = ContactOfficeFactory(name="Community Partnership")
    grants = ContactOfficeFactory(name="Grants Office", phone="", street_address="", postal_code="")
    page = PartnershipPageFactory(
        parent=home,
        examples_intro="For example:",
        partner_kinds=_stream("partner_kind", [{"title": "Community-based Organization", "abbreviation": "CBOs"}]),
        examples=_stream("example", [{"text": "Teachers and businesspeople"}]),
        principles=_stream("principle", [{"text": "All partners are equally valued"}]),
        pathways=_stream(
            "pathway",
            [
                {
                    "audience": "Businesses",
                    "body": "<p>MOU or contract.</p>",
                    "ways": ["youth_program", "recurring_donation"],
                    "closing": "Ask us.",
                    "calls_to_action": [
                        {"text": "Complete the interest form", "target": "interest_form", "page": None, "url": ""},
                        {"text": "Home", "target": "page", "page": home.pk, "url": ""},
                    ],
                }
            ],
        ),
        contact_office=office,
        letter_of_support_office=grants,
        letter_of_support_actions=_stream(
            "call_to_action", [{"text": "Request a letter of support", "target": "letter_of_support", "url": ""}]
        ),
    )
    return page


@pytest.mark.django_db
def test_partnership_page_shape(partnership, gql) -> None:
    page = gql(QUERY)["page"]
    assert page["definition"] == "<p>Partnership is working together.</p>"
    assert page["examplesHeading"] == "What is a partnership?"
    assert page["principlesHeading"] == "What does a successful and authentic partnership look like?"
    assert page["pathwaysHeading"] == "Pathways to partnership"
    assert page["letterOfSupportHeading"] == "Requesting a Letter of Support"
    assert page["partnerKinds"] == [
        {"title": "Community-based Organization", "abbreviation": "CBOs", "description": ""}
    ]
    assert page["examples"] == [{"text": "Teachers and businesspeople"}]
    assert page["principles"] == [{"text": "All partners are equally valued"}]
    pathway = page["pathways"][0]
    assert pathway["ways"] == ["youth_program", "recurring_donation"]
    assert pathway["wayLabels"] == ["Youth program (MOU or contract)", "Recurring donation"]
    assert pathway["body"] == "<p>MOU or contract.</p>"
    assert pathway["callsToAction"] == [
        {"text": "Complete the interest form", "target": "interest_form", "url": "", "page": None},
        {"text": "Home", "target": "page", "url": "", "page": {"title": "Home", "urlPath": "/"}},
    ]
    assert page["contactOffice"] == {
        "name": "Community Partnership",
        "addressLines": ["601 South 8th Street", "Tacoma, WA 98405"],
        "email": "office@example.org",
        "phone": "253-571-7980",
        "phoneHref": "tel:+12535717980",
    }
    assert page["letterOfSupportOffice"] == {"name": "Grants Office"}
    assert page["letterOfSupportActions"] == [{"text": "Request a letter of support", "target": "letter_of_support"}]
    assert page["awardProgram"] is None


@pytest.mark.django_db
def test_award_program_appears_once_published(partnership, gql) -> None:
    ShiningStarAwardPageFactory(parent=partnership)
    assert gql(QUERY)["page"]["awardProgram"] == {"title": "Shining Star", "establishedYear": 2014}


@pytest.mark.django_db
def test_an_unpublished_contact_office_is_not_shown_on_the_page(partnership, gql) -> None:
    partnership.contact_office.unpublish()
    assert gql(QUERY)["page"]["contactOffice"] is None


@pytest.mark.django_db
def test_contact_offices_query(partnership, gql) -> None:
    data = gql(
        "query($slug: String!) { contactOffices { name } contactOffice(slug: $slug) { name } }",
        {"slug": partnership.contact_office.slug},
    )
    assert [o["name"] for o in data["contactOffices"]] == ["Community Partnership", "Grants Office"]
    assert data["contactOffice"] == {"name": "Community Partnership"}
    assert gql('{ contactOffice(slug: "nope") { name } }')["contactOffice"] is None
