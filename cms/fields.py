"""Field helpers shared by content models."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.validators import RegexValidator
from django.db import models
from django.utils import translation

from cms.dates import first_of_month, month_key, month_label

# Rich text features editors get everywhere: no inline images or embeds, whose visibility rich text
# could not enforce.
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


hashtag_validator = RegexValidator(r"^[A-Za-z0-9_]+$", "Letters, digits and underscores only, without the '#'.")


if TYPE_CHECKING:  # checked as the Wagtail models it is mixed into
    from wagtail.models import Page as _MixedInto
else:
    _MixedInto = object


def optional_link(model: str | type[models.Model], help_text: str, **kwargs: Any) -> models.ForeignKey[Any, Any]:
    """An optional reference that becomes empty, rather than deleting its holder, when the target goes."""
    return models.ForeignKey(
        model, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", help_text=help_text, **kwargs
    )


def optional_image(help_text: str) -> models.ForeignKey[Any, Any]:
    """An optional image; the image's description is its alt text."""
    return optional_link("cms.CustomImage", f"{help_text} Give the image a description for its alt text.".strip())


def optional_document(help_text: str, **kwargs: Any) -> models.ForeignKey[Any, Any]:
    return optional_link("wagtaildocs.Document", help_text, **kwargs)


class BelongsToMonth(_MixedInto):
    """Content that belongs to a calendar month, kept in a `month` date field as the month's first day."""

    month: datetime.date | None

    def clean(self) -> None:
        super().clean()
        self.month = first_of_month(self.month)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.month = first_of_month(self.month)
        super().save(*args, **kwargs)

    @property
    def month_key(self) -> str | None:
        return month_key(self.month)

    @property
    def month_label(self) -> str | None:
        return month_label(self.month)

    def month_label_in(self, language: str) -> str | None:
        """The month in words in a language, e.g. 'marzo de 2023' (English where Django has no translation)."""
        with translation.override(language):
            return month_label(self.month)

    def graphql_month_label(self, info: Any, **kwargs: Any) -> str | None:
        """The month in words in the item's own language, so it reads with the rest of its text."""
        return self.month_label_in(info.context.locales.code_of(getattr(self, "locale_id", None)))
