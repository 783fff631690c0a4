"""Screens: a Display is one hallway screen or kiosk the district manages, paired once with a code."""

from __future__ import annotations

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from cms.i18n import content_language_codes


def _default_languages() -> list[str]:
    return content_language_codes()[:1]


class Display(models.Model):
    """A screen: where it hangs, what it shows, and what it last said about itself."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False, help_text="The screen's public id.")
    name = models.CharField(max_length=120, help_text="How staff call it, e.g. 'Main hallway, by the office'.")
    school = models.ForeignKey(
        "cms.School",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="displays",
        help_text="Leave blank for a district building: it shows the district's story.",
    )
    location = models.CharField(max_length=160, blank=True, help_text="Where to find it, e.g. 'Building B, 2nd floor'.")
    languages = models.JSONField(
        default=_default_languages, help_text="Content languages it rotates through, in order (at most four)."
    )
    rotate_seconds = models.PositiveIntegerField(
        default=20, validators=[MinValueValidator(3), MaxValueValidator(600)], help_text="Seconds each slide shows."
    )
    poll_seconds = models.PositiveIntegerField(
        default=60,
        validators=[MinValueValidator(10), MaxValueValidator(3600)],
        help_text="Seconds between content checks; also how often it reports that it is alive.",
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    # The credential the screen holds: only its SHA-256 is kept. Revoking clears it.
    credential_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    paired_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Health, written by the worker from the heartbeats it collects (never by the heartbeat request itself).
    last_seen_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    last_report = models.JSONField(default=dict, blank=True, editable=False)
    offline_since = models.DateTimeField(null=True, blank=True, editable=False)
    offline_notice_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    # A command for the screen ("identify" or "reload"), picked up with its next heartbeat.
    command = models.CharField(max_length=20, blank=True, editable=False)
    command_id = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["school__name", "name"]
        permissions = [("pair_display", "Can pair and revoke screens")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_paired(self) -> bool:
        return bool(self.credential_hash)


class PairingCode(models.Model):
    """A short code a new screen shows; an editor claims it in admin to make the screen a Display."""

    code = models.CharField(max_length=12, unique=True)
    # The screen asking to pair holds this secret; it alone can pick up the credential once the code is claimed.
    secret_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    screen_info = models.JSONField(default=dict, blank=True, help_text="What the screen said of itself.")
    display = models.ForeignKey(Display, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The credential, kept only between the claim and the screen picking it up, then erased.
    pending_credential = models.CharField(max_length=80, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.code


@register_setting(icon="desktop")
class FleetSettings(BaseSiteSetting):
    """When a screen counts as offline, and when its school hears about it."""

    offline_after_missed = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(2), MaxValueValidator(60)],
        help_text="A screen is offline after this many of its heartbeats are missed in a row.",
    )
    notify_after_minutes = models.PositiveIntegerField(
        default=30,
        validators=[MinValueValidator(1)],
        help_text="Email the school's display contact once a screen has been offline this long (and again when it "
        "is back).",
    )
    fallback_contact_email = models.EmailField(
        blank=True, help_text="Who hears about screens with no school, or a school with no display contact."
    )

    class Meta:
        verbose_name = "Display fleet"
