"""The Shining Star award: the program page and one recipient a month."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.factories import (
    AwardRecipientFactory,
    ContactOfficeFactory,
    ImageFactory,
    PartnershipPageFactory,
    SchoolFactory,
    ShiningStarAwardPageFactory,
)


@pytest.fixture
def award_page(home):
    return ShiningStarAwardPageFactory(parent=PartnershipPageFactory(parent=home))


@pytest.mark.django_db
def test_award_page_lists_published_recipients_newest_first(award_page, gql) -> None:
    school = SchoolFactory(name="Hunt Middle School", short_name="Hunt")
    AwardRecipientFactory(name="January", month=datetime.date(2023, 1, 1))
    AwardRecipientFactory(
        name="February",
        month=datetime.date(2023, 2, 14),
        kind="volunteer",
        organization="Reading Buddies",
        school=school,
        photo=ImageFactory(description="A volunteer reading"),
    )
    data = gql(
        """{ page(slug: "shining-star") { ... on ShiningStarAwardPage { establishedYear purpose
        recipients { name kind kindLabel organization month monthLabel citation
        school { shortName } photo { alt } } } } }"""
    )["page"]
    assert data["establishedYear"] == 2014
    assert data["purpose"] == "<p>To thank partners.</p>"
    assert data["recipients"][0] == {
        "name": "February",
        "kind": "volunteer",
        "kindLabel": "Community volunteer",
        "organization": "Reading Buddies",
        "month": "2023-02",
        "monthLabel": "February 2023",
        "citation": "<p>For everything they do.</p>",
        "school": {"shortName": "Hunt"},
        "photo": {"alt": "A volunteer reading"},
    }
    assert [r["name"] for r in data["recipients"]] == ["February", "January"]


@pytest.mark.django_db
def test_award_recipients_query_by_year(award_page, gql, graphql) -> None:
    AwardRecipientFactory(name="Old", month=datetime.date(2021, 5, 1))
    AwardRecipientFactory(name="New", month=datetime.date(2023, 5, 1))
    assert [r["name"] for r in gql("{ awardRecipients { name } }")["awardRecipients"]] == ["New", "Old"]
    assert [r["name"] for r in gql("{ awardRecipients(year: 2021) { name } }")["awardRecipients"]] == ["Old"]
    assert graphql("{ awardRecipients(year: 21) { name } }")["errors"][0]["message"] == (
        "year must be a four-digit year; got 21."
    )


@pytest.mark.django_db
def test_one_recipient_a_month(db) -> None:
    AwardRecipientFactory(name="First", month=datetime.date(2023, 3, 1))
    second = AwardRecipientFactory.build(name="Second", month=datetime.date(2023, 3, 20))
    with pytest.raises(ValidationError) as caught:
        second.full_clean()
    assert caught.value.message_dict["month"] == ["First is already the recipient for March 2023."]


@pytest.mark.django_db
def test_contact_office_phone_must_be_a_phone_number(db) -> None:
    office = ContactOfficeFactory.build(phone="call us")
    with pytest.raises(ValidationError) as caught:
        office.full_clean()
    assert caught.value.message_dict["phone"] == ["Enter a ten-digit US phone number, e.g. 253-571-7980."]
