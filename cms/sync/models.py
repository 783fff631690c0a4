"""The sync journal: one row per item that has ever been public, and the counter that numbers changes."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class SyncEntry(models.Model):
    """The last change to an item the public has seen: it is public now (created or changed), or was and is
    no longer (a tombstone)."""

    model = models.CharField(max_length=100, help_text="The model, e.g. 'stories.storypage'.")
    object_id = models.PositiveBigIntegerField()
    type_name = models.CharField(max_length=100, help_text="The GraphQL type, e.g. 'StoryPage'.")
    is_page = models.BooleanField(default=False)
    locale = models.CharField(max_length=20, blank=True)
    fingerprint = models.CharField(max_length=255, blank=True, help_text="Changes whenever the public content does.")
    public = models.BooleanField(default=True)
    seq = models.PositiveBigIntegerField(db_index=True)
    created_seq = models.PositiveBigIntegerField()
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["model", "object_id"], name="cms_syncentry_item_once")]
        verbose_name_plural = "sync entries"

    def __str__(self) -> str:
        return f"{self.type_name} {self.object_id} #{self.seq}"


class SyncState(models.Model):
    """One row: the last change number given out, and below which number removals were forgotten."""

    counter = models.PositiveBigIntegerField(default=0)
    purged_through = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"sync at {self.counter}"
