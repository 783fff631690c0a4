"""Field helpers shared by content models."""

from __future__ import annotations

import datetime

from django.utils.dateformat import format as date_format

# Rich text features editors get everywhere: no inline images or embeds, whose visibility rich text
# could not enforce.
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


def first_of_month(value: datetime.date | None) -> datetime.date | None:
    """Months are stored as their first day."""
    return value.replace(day=1) if value else None


def month_key(value: datetime.date | None) -> str | None:
    """'2023-03' for March 2023."""
    return value.strftime("%Y-%m") if value else None


def month_label(value: datetime.date | None) -> str | None:
    """'March 2023'."""
    return date_format(value, "F Y") if value else None
