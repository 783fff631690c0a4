"""Partnerships: the partnership page, the Shining Star award and contact offices; the intake forms' models
live in `partners.intake` and are imported here so that Django registers them with the app."""

# isort: off
# Registration order is the order the API's types are listed in (schema.graphql): the award's models first.
from partners.models.awards import AwardRecipient, ShiningStarAwardPage
from partners.intake.pages import InterestFormPage, LetterOfSupportPage
from partners.intake.interest import InterestFormField, InterestSubmission
from partners.intake.letters import LetterOfSupportRequest, LetterRequestEvent
from partners.intake.attachments import LetterAttachment
from partners.models.offices import ContactOffice
from partners.models.pages import PartnershipPage
# isort: on

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
