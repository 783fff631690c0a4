"""Models shared by every content domain: the image model, schools, district-wide settings, the outbox, and the
translations awaiting review (kept by `cms.reviews`)."""

import re

from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from grapple.models import GraphQLBoolean, GraphQLString
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images.models import AbstractImage, AbstractRendition, Filter, Image
from wagtail.search import index

from cms.fields import hashtag_validator


class CustomImage(AbstractImage):
    """An uploaded image; its description is the alt text read to people using screen readers."""

    description = models.CharField(
        "alt text",
        max_length=255,
        blank=True,
        default="",
        help_text="What the image shows, for people who cannot see it, e.g. 'Kendy reading with first graders'. "
        "Content using the image cannot be published without it, unless the image is marked decorative.",
    )
    is_decorative = models.BooleanField(
        "decorative",
        default=False,
        help_text="Tick only if the image adds nothing to the words around it (a pattern, a flourish): "
        "screen readers then skip it.",
    )

    admin_form_fields = (*Image.admin_form_fields, "is_decorative")

    graphql_fields = [
        GraphQLString(
            "alt",
            source="alt_text",
            required=True,
            description="The text alternative to put in `alt`: empty for a decorative image.",
        ),
        GraphQLString("description", required=True),
        GraphQLBoolean("is_decorative", required=True, description="True when screen readers should skip it."),
    ]

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"

    @property
    def alt_text(self) -> str:
        """What `alt` says: nothing for a decorative image, else its description (its title if it has none)."""
        return "" if self.is_decorative else self.default_alt_text

    @property
    def has_text_alternative(self) -> bool:
        return self.is_decorative or bool(self.description.strip())

    def get_rendition(self, filter: Filter | str) -> AbstractRendition:
        """A rendition loaded with the image (a list prefetches its items' renditions), or found in the rendition
        cache, is used as it is. Wagtail writes every rendition it hands out back to the rendition cache, which
        cost each answer a Redis round trip and a pickled rendition for each image it shows, found or not."""
        spec = self.clean_filter_for_svg(Filter(spec=filter) if isinstance(filter, str) else filter)
        Rendition = self.get_rendition_model()
        if getattr(self, "prefetched_renditions", None) is not None:  # set by `prefetch_renditions()`
            try:
                return self.find_existing_rendition(spec)
            except Rendition.DoesNotExist:
                pass
        else:
            key = Rendition.construct_cache_key(self, spec.get_cache_key(self), spec.spec)
            cached = Rendition.cache_backend.get(key)
            if cached is not None:
                cached.image = self  # as Wagtail does, so what is set on this image (its alt text) holds
                return cached
        return super().get_rendition(filter)


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class School(index.Indexed, models.Model):
    """A school of the district, named on stories and award recipients."""

    class Level(models.TextChoices):
        ELEMENTARY = "elementary", "Elementary school"
        MIDDLE = "middle", "Middle school"
        K8 = "k8", "K-8 school"
        HIGH = "high", "High school"
        PROGRAM = "program", "District program"

    name = models.CharField(max_length=120, unique=True, help_text="Full name, e.g. 'Mount Tahoma High School'.")
    short_name = models.CharField(
        max_length=60, blank=True, help_text="How people say it, e.g. 'Mount Tahoma'. Leave blank to use the full name."
    )
    slug = models.SlugField(max_length=120, unique=True, help_text="Used by displays to pick their school.")
    level = models.CharField(max_length=20, choices=Level.choices)
    website = models.URLField(blank=True)
    display_contact_email = models.EmailField(
        blank=True, help_text="Who hears when one of the school's screens goes dark, and when it is back."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("slug"),
        FieldPanel("level"),
        FieldPanel("website"),
        FieldPanel("display_contact_email"),
    ]

    graphql_fields = [
        GraphQLString("name", required=True),
        GraphQLString("short_name", source="display_name", required=True),
        GraphQLString("slug", required=True),
        GraphQLString("level", required=True),
        GraphQLString("website"),
    ]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


US_PHONE = re.compile(r"^\+?1?[\s.-]?\(?(\d{3})\)?[\s.-]?(\d{3})[\s.-]?(\d{4})$")


@register_setting(icon="site")
class DistrictSettings(BaseSiteSetting):
    """Who publishes this site and where its public frontend lives."""

    district_name = models.CharField(max_length=120, default="Tacoma Public Schools")
    short_name = models.CharField(max_length=30, default="TPS", help_text="Abbreviation used in running text.")
    frontend_base_url = models.URLField(
        blank=True,
        help_text="The public website that renders this content, e.g. 'https://www.tacomaschools.org'. "
        "Links to stories on displays and in QR codes start with it.",
    )
    social_hashtag = models.CharField(
        max_length=60,
        blank=True,
        validators=[hashtag_validator],
        help_text="The district's campaign hashtag, without the '#'.",
    )
    website_url = models.URLField(
        blank=True, help_text="The district's main website, linked at the foot of every public page."
    )
    contact_phone = models.CharField(
        max_length=30,
        blank=True,
        validators=[RegexValidator(US_PHONE, "Enter a ten-digit US phone number, e.g. 253-571-1000.")],
        help_text="The number families call with questions, shown at the foot of every public page.",
    )

    panels = [
        FieldPanel("district_name"),
        FieldPanel("short_name"),
        FieldPanel("frontend_base_url"),
        FieldPanel("social_hashtag"),
        FieldPanel("website_url"),
        FieldPanel("contact_phone"),
    ]

    graphql_fields = [
        GraphQLString("district_name", required=True),
        GraphQLString("short_name", required=True),
        GraphQLString("frontend_base_url"),
        GraphQLString("social_hashtag"),
        GraphQLString("website_url"),
        GraphQLString("contact_phone"),
        GraphQLString("contact_phone_href", description="The contact phone number as a 'tel:' link."),
    ]

    @property
    def contact_phone_href(self) -> str | None:
        match = US_PHONE.match(self.contact_phone or "")
        return f"tel:+1{''.join(match.groups())}" if match else None

    class Meta:
        verbose_name = "district settings"


class OutboundEmail(models.Model):
    """One email the site owes someone, stored before it is sent so a failing mail server loses nothing."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        FAILED = "failed", "Gave up"

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    topic = models.CharField(max_length=60, help_text="What the message is about, e.g. 'letter.status'.")
    about = models.CharField(max_length=60, blank=True, help_text="The record it concerns, e.g. 'LS-2026-00012'.")
    to = models.JSONField(help_text="Recipient addresses.")
    reply_to = models.JSONField(default=list, blank=True)
    subject = models.CharField(max_length=255)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    locked_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    panels = [
        FieldPanel(name, read_only=True)
        for name in (
            "status",
            "topic",
            "about",
            "to",
            "reply_to",
            "subject",
            "body",
            "attempts",
            "last_error",
            "next_attempt_at",
            "sent_at",
        )
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "outgoing email"
        verbose_name_plural = "outgoing email"

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"


# Webhook and sync models live with their features' code; imported here so Django finds them in this app.
from cms.review_models import TranslationReview  # noqa: E402, F401
from cms.sync.models import SyncEntry, SyncState  # noqa: E402, F401
from cms.webhooks.models import WebhookClock, WebhookDelivery, WebhookEndpoint, WebhookEvent  # noqa: E402, F401


class Counter(models.Model):
    """A number the database decides and every process reads (cms.counters): it moves in the same transaction as
    the change it tells of (an alert issued, a screen revoked), so no change waits on a cache write."""

    name = models.CharField(max_length=60, primary_key=True)
    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name} = {self.value}"


class WorkerBeat(models.Model):
    """When a worker (`run_worker`) last finished a tick, so admin and a health check can tell it is alive."""

    name = models.CharField(max_length=200, unique=True, help_text="Host and process id.")
    started_at = models.DateTimeField(default=timezone.now)
    last_tick_at = models.DateTimeField(db_index=True)
    interval_seconds = models.FloatField(help_text="The time between its ticks.")
    failing = models.JSONField(default=list, blank=True, help_text="The duties whose last run failed.")

    def __str__(self) -> str:
        return f"{self.name}: {self.last_tick_at:%Y-%m-%d %H:%M:%S}"
