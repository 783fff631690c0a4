"""The partnership page, its Shining Star award page and the sample recipients (the award of the month on the
home page and the displays), the current month's among them (`seed_current`), in every content language
(`seed_languages.json`), awaiting review (`cms.seed_translations`)."""

from __future__ import annotations

from pathlib import Path

from wagtail.models import Locale

from cms.seed_translations import load_texts, translate_for_review
from partners import seed_current
from partners.models import AwardRecipient, ContactOffice, PartnershipPage, ShiningStarAwardPage
from partners.seed_text import SAMPLE_RECIPIENTS

TEXTS = Path(__file__).with_name("seed_languages.json")


def translate() -> int:
    english = Locale.get_default()
    months = [month for _, _, _, month, _ in SAMPLE_RECIPIENTS]
    recipients = AwardRecipient.objects.filter(month__in=months, locale=english).order_by("-month")
    current = AwardRecipient.objects.filter(citation=seed_current.CITATION, locale=english).order_by("-month")
    # The offices the pages name, and the award page's parent, first: a page is translated under its parent's
    # translation, and names the translations of its snippets.
    offices = ContactOffice.objects.filter(locale=english).order_by("sort_order", "pk")
    partnership = PartnershipPage.objects.filter(locale=english).first()
    award = ShiningStarAwardPage.objects.child_of(partnership).first() if partnership else None
    return translate_for_review([*offices, partnership, award, *current, *recipients], load_texts(TEXTS))
