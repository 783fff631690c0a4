"""The award of the month: the recipient for the month at a given instant, else the latest before it."""

from __future__ import annotations

import datetime

from cms.dates import MonthlyPick, earliest, end_of_month, month_of
from cms.i18n import LocaleChoice
from cms.memo import remembered_from
from partners.models import AwardRecipient
from partners.models.awards import public_recipients


def award_of_the_month(
    at: datetime.datetime, locales: LocaleChoice, generation: int | None = None
) -> MonthlyPick[AwardRecipient]:
    """The recipient at `at`, and until when that holds (the month's end, or the recipient's expiry if sooner).

    Nothing changes the pick before then but an edit, which starts a new content `generation`: each worker decides
    it once for that stretch (not at all while the generation is unknown), and reads the recipient by its id.
    """

    def decide(instant: datetime.datetime) -> tuple[MonthlyPick[int], datetime.datetime]:
        month = month_of(instant)
        found = public_recipients(locales).filter(month__lte=month).values_list("pk", "expire_at").first()
        valid_until = earliest(end_of_month(instant), found[1] if found else None)
        return MonthlyPick(item=found[0] if found else None, month=month, valid_until=valid_until), valid_until

    pick = remembered_from(("award-of-the-month", locales), at, decide, generation)
    recipient = (
        AwardRecipient.objects.select_related("photo", "school").filter(pk=pick.item).first()
        if pick.item is not None
        else None
    )
    return MonthlyPick(item=recipient, month=pick.month, valid_until=pick.valid_until)
