"""Demo content that lives on any date: a sample Shining Star recipient for the month the seed runs in.

The two recipients of `seed_text.SAMPLE_RECIPIENTS` belong to early 2023; with this one, the award of the month
is the current month's on the day the demo is seeded (`cms.demo_day`), and stays the latest in the months after.
"""

from __future__ import annotations

from wagtail.models import Locale

from cms.demo_day import living_demo_day
from cms.seed import generated_image
from partners.models import AwardRecipient

CITATION = (
    "<p>This is a sample recipient for demonstration, not a real award. It shows the award of the current month: "
    "neighbors who tutor students in math twice a week at their branch library.</p>"
)


def seed() -> AwardRecipient | None:
    """The sample recipient of the living demo day's month, made once; none when the seed leaves that day out."""
    day = living_demo_day()
    if day is None:
        return None
    month = day.replace(day=1)
    existing = AwardRecipient.objects.filter(month=month, locale=Locale.get_default()).first()
    if existing is not None:
        return existing
    photo = generated_image(
        f"Shining Star sample: {month:%B %Y}",
        f"Sample Shining Star award photo, {month:%B %Y}",
        ["Shining Star", f"Sample recipient · {month:%B %Y}"],
        color="forest",
    )
    recipient = AwardRecipient(
        name="Sample recipient: Library Math Tutors",
        kind=AwardRecipient.Kind.PARTNER,
        organization="Library Math Tutors (sample)",
        month=month,
        citation=CITATION,
        photo=photo,
    )
    recipient.save()
    recipient.save_revision().publish()
    return recipient
