"""Webhook endpoints, the events they hear of, and each delivery's log."""

from __future__ import annotations

import base64
import secrets
import uuid
from typing import Any

from django.db import models
from django.utils import timezone


def new_secret() -> str:
    """A signing secret as Standard Webhooks writes one: 'whsec_' and 32 random bytes in base64."""
    return f"whsec_{base64.b64encode(secrets.token_bytes(32)).decode()}"


class EventType(models.TextChoices):
    """What an endpoint can hear of. The value is the payload's `type`."""

    PAGE_PUBLISHED = "page.published", "Page published"
    PAGE_UNPUBLISHED = "page.unpublished", "Page unpublished"
    PAGE_MOVED = "page.moved", "Page moved"
    PAGE_DELETED = "page.deleted", "Page deleted"
    SNIPPET_SAVED = "snippet.saved", "Snippet saved"
    SNIPPET_DELETED = "snippet.deleted", "Snippet deleted"
    SCHEDULE_WENT_LIVE = "schedule.went_live", "Scheduled go-live took effect"
    SCHEDULE_EXPIRED = "schedule.expired", "Scheduled expiry took effect"
    STORY_PREMIERED = "story.premiered", "Story premiered"
    MONTH_TURNED = "month.turned", "Month turned"
    ALERT_ISSUED = "alert.issued", "Emergency alert issued"
    ALERT_ENDED = "alert.ended", "Emergency alert ended"
    TEST = "test", "Test event"


class WebhookEndpoint(models.Model):
    """A URL told, by a signed POST, when content changes."""

    name = models.CharField(max_length=100, help_text="Who listens here, e.g. 'Netlify build for tacoma.k12.wa.us'.")
    url = models.URLField(
        "URL",
        max_length=500,
        help_text="Where each event is POSTed: http or https, with no user name or password in it.",
    )
    secret = models.CharField(
        max_length=100,
        default=new_secret,
        editable=False,
        help_text="Signs every delivery (HMAC-SHA256); the receiver checks the signature with it.",
    )
    events = models.JSONField(
        default=list,
        blank=True,
        help_text="The events to send; none ticked means every event.",
    )
    page_types = models.ManyToManyField(
        "contenttypes.ContentType",
        blank=True,
        related_name="+",
        help_text="Only page events for these page types; none means every type.",
    )
    locales: models.ManyToManyField[Any, Any] = models.ManyToManyField(  # Wagtail's Locale has no types
        "wagtailcore.Locale",
        blank=True,
        related_name="+",
        help_text="Only events about content in these languages; none means every language.",
    )
    is_active = models.BooleanField("on", default=True, help_text="Untick to stop sending without losing the log.")
    created_at = models.DateTimeField(auto_now_add=True)
    failing_since = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When deliveries started failing; empty while they succeed."
    )
    last_success_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = "webhook"
        verbose_name_plural = "webhooks"

    def __str__(self) -> str:
        return self.name


class WebhookEvent(models.Model):
    """Something that happened, as every endpoint that wants it is told."""

    type = models.CharField(max_length=40, choices=EventType.choices, db_index=True)
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    items = models.JSONField(
        default=list, help_text="What it concerns: [{type, id, locale, urlPath}], never hidden content."
    )
    locale = models.CharField(max_length=20, blank=True, help_text="The language it concerns, when it is one.")
    page_type = models.CharField(max_length=100, blank=True, help_text="The page model, e.g. 'stories.storypage'.")
    generation = models.PositiveBigIntegerField(default=0, help_text="The content generation after the change.")
    surrogate_keys = models.JSONField(
        default=list, blank=True, help_text="The surrogate keys of the cached answers it changes: what a CDN purges."
    )

    class Meta:
        ordering = ["-occurred_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.type} at {self.occurred_at:%Y-%m-%d %H:%M:%S}"


class WebhookDelivery(models.Model):
    """One event owed to one endpoint, with how its attempts went."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Gave up"

    uuid = models.UUIDField("delivery id", default=uuid.uuid4, unique=True, editable=False)
    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(WebhookEvent, on_delete=models.CASCADE, related_name="deliveries")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    locked_until = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    latency_ms = models.PositiveIntegerField(null=True, blank=True)
    response_excerpt = models.TextField(blank=True, help_text="The first bytes the receiver answered.")
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "webhook deliveries"

    def __str__(self) -> str:
        return f"{self.event.type} → {self.endpoint}"


class WebhookClock(models.Model):
    """How far the worker has looked for changes that happen by time alone (a premiere, a month's end), so
    each fires once however many workers run and however long one was stopped."""

    name = models.CharField(max_length=40, unique=True)
    checked_until = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name}: {self.checked_until:%Y-%m-%d %H:%M:%S}"
