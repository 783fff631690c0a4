"""Emergency alerts: a message that replaces every slide on the screens in its scope, and the prewritten
templates and the outside senders (CAP 1.2) that issue them."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


def _language_choices() -> list[tuple[str, str]]:
    from django.conf import settings

    return list(settings.WAGTAIL_CONTENT_LANGUAGES)


class Severity(models.TextChoices):
    EXTREME = "extreme", "Extreme: danger to life (lockdown, shelter in place)"
    SEVERE = "severe", "Severe: act now (evacuation, closure)"
    ADVISORY = "advisory", "Advisory: be aware (weather, delays)"
    INFO = "info", "Information (all clear)"


class Scope(models.TextChoices):
    DISTRICT = "district", "The whole district"
    SCHOOLS = "schools", "Chosen schools"
    DISPLAYS = "displays", "Chosen screens"


class Alert(ClusterableModel):
    """An emergency message, in force from `starts_at` until `ends_at` or its all-clear, whichever is first."""

    Severity = Severity
    Scope = Scope

    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.EXTREME)
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.DISTRICT)
    schools = models.ManyToManyField("cms.School", blank=True, related_name="+")
    displays = models.ManyToManyField("displays.Display", blank=True, related_name="+")
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(null=True, blank=True, help_text="Optional: it ends by itself then.")
    cleared_at = models.DateTimeField(null=True, blank=True, editable=False)
    cleared_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    issued_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    source = models.ForeignKey(
        "displays.AlertSource", null=True, blank=True, on_delete=models.SET_NULL, related_name="alerts"
    )
    # For alerts from a CAP sender: the message's <sender> and <identifier>, so a repeat is not a second alert.
    # They are unique per source (a source may only use its own registered <sender> values, AlertSource.cap_senders):
    # another source can neither pre-empt nor reach an identifier of this one.
    cap_sender = models.CharField(max_length=255, blank=True)
    cap_identifier = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        permissions = [("issue_alert", "Can issue and end emergency alerts")]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "cap_sender", "cap_identifier"],
                condition=~models.Q(cap_identifier=""),
                name="displays_alert_cap_identifier_once_per_source",
            )
        ]

    def __str__(self) -> str:
        text = self.texts.all()[0] if self.texts.all() else None
        return text.title if text else f"Alert {self.pk}"

    def is_active(self, at=None) -> bool:
        at = at or timezone.now()
        return (
            self.starts_at <= at
            and (self.ends_at is None or at < self.ends_at)
            and (self.cleared_at is None or at < self.cleared_at)
        )


class AlertText(models.Model):
    """An alert's words in one language."""

    alert = ParentalKey(Alert, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=10, choices=_language_choices)
    title = models.CharField(max_length=120)
    message = models.TextField(max_length=600)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["alert", "language"], name="displays_alerttext_language_once")]

    def __str__(self) -> str:
        return f"{self.language}: {self.title}"


class AlertTemplate(ClusterableModel):
    """Prewritten words for an alert (lockdown, shelter in place, weather closure, all clear)."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def sender_values(self) -> list[str]:
        """The registered <sender> values, one per line of cap_senders (blank lines and spaces ignored)."""
        return [line.strip() for line in self.cap_senders.splitlines() if line.strip()]


class AlertTemplateText(models.Model):
    template = ParentalKey(AlertTemplate, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=10, choices=_language_choices)
    title = models.CharField(max_length=120)
    message = models.TextField(max_length=600)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["template", "language"], name="displays_alerttemplatetext_language_once")
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.title}"


class AlertSource(models.Model):
    """A system allowed to issue alerts as CAP 1.2 XML (a district's mass-notification service)."""

    name = models.CharField(max_length=120)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    certificate = models.TextField(
        help_text="PEM certificate whose key signs the sender's CAP messages (XML Signature); unsigned or "
        "otherwise signed messages are refused."
    )
    cap_senders = models.TextField(
        "CAP sender values",
        default="",
        help_text="The <sender> value(s) this system writes in its CAP messages, one per line (for example "
        "alerts@tacoma.k12.wa.us). A message whose <sender> is not listed here is refused (403), so one system "
        "can never update or cancel another's alerts.",
    )
    enabled = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    def __str__(self) -> str:
        return self.name

    @property
    def sender_values(self) -> list[str]:
        """The registered <sender> values, one per line of cap_senders (blank lines and spaces ignored)."""
        return [line.strip() for line in self.cap_senders.splitlines() if line.strip()]
