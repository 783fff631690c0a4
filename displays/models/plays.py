"""Proof of play: how often and how long each item was on each screen, a row per screen, day and item."""

from __future__ import annotations

from django.db import models


class PlayTally(models.Model):
    """A screen's running totals for one item on one district day; screens send totals, so a repeat is harmless."""

    class Kind(models.TextChoices):
        STORY = "story", "Story of the month"
        AWARD = "award", "Award of the month"
        NEXT = "next", "Coming next"
        ALERT = "alert", "Emergency alert"

    display = models.ForeignKey("displays.Display", on_delete=models.CASCADE, related_name="plays")
    day = models.DateField(db_index=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    item_id = models.CharField(max_length=40, help_text="The page, snippet or alert id.")
    item_label = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=10)
    shows = models.PositiveIntegerField(default=0)
    seconds = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["display", "day", "kind", "item_id", "language"], name="displays_playtally_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.display} {self.day} {self.kind} {self.item_id} ({self.language})"
