"""Factories for every content model; tests build exactly the content they need with these."""

from tests.factories.cms import DocumentFactory, ImageFactory, SchoolFactory
from tests.factories.pages import (
    CampaignIndexPageFactory,
    HomePageFactory,
    InterestFormFieldFactory,
    InterestFormPageFactory,
    LetterOfSupportPageFactory,
    PartnershipPageFactory,
    ShiningStarAwardPageFactory,
    StoryPageFactory,
)
from tests.factories.snippets import AwardRecipientFactory, ContactOfficeFactory

__all__ = [
    "AwardRecipientFactory",
    "CampaignIndexPageFactory",
    "ContactOfficeFactory",
    "DocumentFactory",
    "HomePageFactory",
    "ImageFactory",
    "InterestFormFieldFactory",
    "InterestFormPageFactory",
    "LetterOfSupportPageFactory",
    "PartnershipPageFactory",
    "SchoolFactory",
    "ShiningStarAwardPageFactory",
    "StoryPageFactory",
]
