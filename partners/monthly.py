"""The award of the month: the recipient for the month at a given instant, else the latest before it."""

from __future__ import annotations

import datetime

from cms.dates import MonthlyPick, earliest, end_of_month, month_of
from cms.i18n import LocaleChoice
from partners.models import AwardRecipient
from partners.models.awards import public_recipients


def award_of_the_month(at: datetime.datetime, locales: LocaleChoice) -> MonthlyPick[AwardRecipient]:
    month = month_of(at)
    recipient = public_recipients(locales).filter(month__lte=month).first()
    valid_until = earliest(end_of_month(at), recipient.expire_at if recipient else None)
    return MonthlyPick(item=recipient, month=month, valid_until=valid_until)
