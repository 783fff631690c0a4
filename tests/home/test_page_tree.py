"""Which page may go where: editors only get sensible choices in the admin."""

from __future__ import annotations

import pytest
from wagtail.models import Page

from home.models import HomePage
from partners.models import InterestFormPage, LetterOfSupportPage, PartnershipPage, ShiningStarAwardPage
from stories.models import CampaignIndexPage, StoryPage
from tests.factories import CampaignIndexPageFactory, PartnershipPageFactory


def test_allowed_children() -> None:
    assert set(HomePage.allowed_subpage_models()) == {CampaignIndexPage, PartnershipPage}
    assert CampaignIndexPage.allowed_subpage_models() == [StoryPage]
    assert PartnershipPage.allowed_subpage_models() == [ShiningStarAwardPage, InterestFormPage, LetterOfSupportPage]
    assert StoryPage.allowed_subpage_models() == []
    assert ShiningStarAwardPage.allowed_subpage_models() == []
    assert InterestFormPage.allowed_subpage_models() == LetterOfSupportPage.allowed_subpage_models() == []


def test_allowed_parents() -> None:
    assert HomePage.allowed_parent_page_models() == [Page]
    assert StoryPage.allowed_parent_page_models() == [CampaignIndexPage]
    assert ShiningStarAwardPage.allowed_parent_page_models() == [PartnershipPage]
    assert InterestFormPage.allowed_parent_page_models() == [PartnershipPage]
    assert LetterOfSupportPage.allowed_parent_page_models() == [PartnershipPage]


@pytest.mark.django_db
def test_a_story_cannot_be_created_under_the_home_page(home) -> None:
    assert not StoryPage.can_create_at(home)
    assert CampaignIndexPage.can_create_at(home)


@pytest.mark.django_db
def test_one_partnership_page_and_one_award_page_per_parent(home) -> None:
    assert PartnershipPage.can_create_at(home)
    partnership = PartnershipPageFactory(parent=home)
    assert not PartnershipPage.can_create_at(home)
    assert ShiningStarAwardPage.can_create_at(partnership)


@pytest.mark.django_db
def test_several_campaigns_may_sit_under_home(home) -> None:
    CampaignIndexPageFactory(parent=home, school_year="2022-23")
    assert CampaignIndexPage.can_create_at(home)
