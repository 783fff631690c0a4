"""Partnerships: the partnership page, intake forms, the Shining Star award and contact offices."""

from partners.models.awards import AwardRecipient, ShiningStarAwardPage
from partners.models.interest import InterestFormField, InterestFormPage, InterestSubmission
from partners.models.letters import (
    LetterAttachment,
    LetterOfSupportPage,
    LetterOfSupportRequest,
    LetterRequestEvent,
)
from partners.models.offices import ContactOffice
from partners.models.pages import PartnershipPage

__all__ = [
    "AwardRecipient",
    "ContactOffice",
    "InterestFormField",
    "InterestFormPage",
    "InterestSubmission",
    "LetterAttachment",
    "LetterOfSupportPage",
    "LetterOfSupportRequest",
    "LetterRequestEvent",
    "PartnershipPage",
    "ShiningStarAwardPage",
]
