"""The translations a person has not yet checked (kept by `cms.reviews`); a model of the cms app."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.models import Locale, Page


class TranslationReview(models.Model):
    """One translation a person has not yet checked."""

    MACHINE = "machine"
    SEEDED = "seeded"
    ORIGINS = [(MACHINE, "filled in by a machine translator"), (SEEDED, "a sample written for the demo")]

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    translation_key = models.UUIDField()
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    origin = models.CharField(max_length=20, choices=ORIGINS)
    tool_name = models.CharField(max_length=255, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "translation_key", "locale"], name="one_review_per_translation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type} {self.translation_key} in {self.locale}"

    def item(self) -> Any:
        """The translated page or snippet, or None when it is gone."""
        model = self.content_type.model_class()
        if model is None:
            return None
        found = model._default_manager.filter(translation_key=self.translation_key, locale=self.locale).first()
        return found.specific if isinstance(found, Page) else found
