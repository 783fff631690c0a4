"""Letters of support: the page that takes requests, the requests, their attachments and history."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from graphql import GraphQLResolveInfo
from grapple.models import GraphQLInt
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms.fields import RICH_TEXT_FEATURES, optional_link
from cms.i18n import language_name
from cms.months import district_zone
from cms.preview import FrontendPreviewMixin
from partners.graphql_types import FieldSpec
from partners.models.intake_pages import IntakePageMixin, intake_graphql_fields
from partners.models.offices import PHONE_RE, ContactOffice


def private_storage():
    """Attachments live where no public URL reaches; staff download them through the admin."""
    return storages["private"]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def today() -> datetime.date:
    return timezone.now().astimezone(district_zone()).date()


class LetterOfSupportPage(FrontendPreviewMixin, IntakePageMixin, Page):
    """Where partners request a letter of support for a grant; the Grants Office reviews each request."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True, help_text="Shown above the request form.")
    office = optional_link(
        ContactOffice,
        "The office requesters are pointed to, e.g. the Grants Office. New requests are emailed to its address, "
        "if it has one, and to the members of the Grants Office group.",
    )
    minimum_notice_days = models.PositiveSmallIntegerField(
        default=10,
        validators=[MaxValueValidator(365)],
        help_text="Requests must arrive at least this many days before the grant's deadline. 0 accepts any future "
        "deadline.",
    )
    submit_label = models.CharField(max_length=40, default="Send request")
    thank_you_text = RichTextField(
        features=RICH_TEXT_FEATURES, help_text="Shown once a request is received: what happens next."
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("office"),
        FieldPanel("minimum_notice_days"),
        FieldPanel("submit_label"),
        FieldPanel("thank_you_text"),
    ]

    graphql_fields = [
        *intake_graphql_fields("send them as `requestLetterOfSupport`'s input"),
        GraphQLInt("minimum_notice_days", required=True),
    ]

    parent_page_types = ["partners.PartnershipPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "partners/intake_form_page.html"
    intake_kind = "letter"

    class Meta:
        verbose_name = "letter-of-support page"

    def field_specs(self, info: GraphQLResolveInfo | None = None, **kwargs: Any) -> list[FieldSpec]:
        """The request's fields; their labels and help in the answer's language (the page's own by default)."""
        from partners.letters import letter_field_specs

        language = info.context.language_of(info, self) if info is not None else self.locale.language_code
        with translation.override(language):
            return letter_field_specs()

    @property
    def notify_addresses(self) -> list[str]:
        from partners.staff import GRANTS_GROUP, group_addresses

        office = [self.office.email] if self.office and self.office.email else []
        return office + group_addresses(GRANTS_GROUP)


class LetterRequestQuerySet(models.QuerySet):
    def open(self) -> LetterRequestQuerySet:
        return self.filter(status__in=LetterOfSupportRequest.OPEN)

    def deadline_near(self) -> LetterRequestQuerySet:
        """Open requests whose deadline is within the warning window, or already past."""
        horizon = today() + datetime.timedelta(days=settings.LETTER_DEADLINE_WARNING_DAYS)
        return self.open().filter(deadline__lte=horizon)


class LetterOfSupportRequest(models.Model):
    """A partner's request for a letter of support for a grant, worked through by staff in admin."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        GRANTS_REVIEW = "grants_review", _("In Grants Office review")
        AWAITING_SIGNATURE = "awaiting_signature", _("Sent for the Superintendent's signature")
        SIGNED = "signed", _("Signed and sent")
        DECLINED = "declined", _("Declined")

    OPEN = (Status.SUBMITTED, Status.GRANTS_REVIEW, Status.AWAITING_SIGNATURE)

    page = models.ForeignKey(
        LetterOfSupportPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED, db_index=True)
    organization = models.CharField(
        _("organization"), max_length=200, help_text=_("The organization applying for the grant.")
    )
    contact_name = models.CharField(_("contact name"), max_length=120, help_text=_("Who we should talk to."))
    email = models.EmailField(_("email"), help_text=_("Status updates are sent here."))
    phone = models.CharField(
        _("phone"),
        max_length=30,
        blank=True,
        validators=[RegexValidator(PHONE_RE, _("Enter a ten-digit US phone number, e.g. 253-571-7980."))],
    )
    grant_program = models.CharField(
        _("grant program"), max_length=200, help_text=_("The grant or funding opportunity's name.")
    )
    funder = models.CharField(_("funder"), max_length=200, help_text=_("Who awards the grant."))
    amount = models.DecimalField(
        _("amount requested"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(1)],
        help_text=_("What you are applying for, in US dollars."),
    )
    deadline = models.DateField(_("grant deadline"), db_index=True, help_text=_("When the application is due."))
    project = models.TextField(
        _("the project"), help_text=_("What the project will do, and for which students, families or schools.")
    )
    district_role = models.TextField(
        _("the district's role"), help_text=_("What Tacoma Public Schools would do in the project, if anything.")
    )
    language = models.CharField(
        max_length=12,
        default="en",
        help_text="The language code the requester wrote in (e.g. 'es'); the emails they receive are in it.",
    )
    decline_reason = models.TextField(blank=True, help_text="Given when a request is declined; the requester sees it.")
    staff_notes = models.TextField(blank=True, help_text="For staff only; never shown to the requester.")
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    status_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = LetterRequestQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("status", read_only=True),
                FieldPanel("decline_reason", read_only=True),
                FieldPanel("staff_notes"),
            ],
            heading="Review",
        ),
        MultiFieldPanel(
            [
                FieldPanel("organization", read_only=True),
                FieldRowPanel(
                    [
                        FieldPanel("contact_name", read_only=True),
                        FieldPanel("email", read_only=True),
                        FieldPanel("phone", read_only=True),
                    ]
                ),
                FieldPanel("language", read_only=True),
            ],
            heading="Requester",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("grant_program", read_only=True), FieldPanel("funder", read_only=True)]),
                FieldRowPanel([FieldPanel("amount", read_only=True), FieldPanel("deadline", read_only=True)]),
                FieldPanel("project", read_only=True),
                FieldPanel("district_role", read_only=True),
            ],
            heading="Grant",
        ),
    ]

    class Meta:
        ordering = ["deadline", "submitted_at"]
        verbose_name = "letter-of-support request"
        permissions = [
            ("review_letterofsupportrequest", "Can review letter-of-support requests (Grants Office)"),
            ("sign_letterofsupportrequest", "Can record the Superintendent's decision on a letter of support"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} · {self.organization} · {self.grant_program}"

    @property
    def reference(self) -> str:
        return f"LS-{self.submitted_at.astimezone(district_zone()):%Y}-{self.pk or 0:05d}"

    @property
    def status_label(self) -> str:
        return self.get_status_display()

    @property
    def language_name(self) -> str:
        """The requester's language in words, e.g. 'Spanish', for staff."""
        return language_name(self.language)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def days_to_deadline(self) -> int:
        return (self.deadline - today()).days

    @property
    def deadline_is_near(self) -> bool:
        return self.is_open and self.days_to_deadline <= settings.LETTER_DEADLINE_WARNING_DAYS

    def deadline_note(self) -> str:
        days = self.days_to_deadline
        if days < 0:
            return f"Deadline passed {-days} day{'s' if days != -1 else ''} ago"
        if days == 0:
            return "Deadline today"
        return f"Deadline in {days} day{'s' if days != 1 else ''}"

    def issue_status_token(self) -> str:
        """A new private token for the requester; only its hash is stored."""
        token = secrets.token_urlsafe(32)
        self.status_token_hash = hash_token(token)
        return token


class LetterAttachment(models.Model):
    """A file sent with a request, kept private: staff download it in admin."""

    request = models.ForeignKey(LetterOfSupportRequest, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="letters/%Y/%m/", storage=private_storage)
    name = models.CharField(max_length=255, help_text="The file's name as the requester sent it.")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class LetterRequestEvent(models.Model):
    """One step of a request's history: who moved it, when, from what to what, and why."""

    request = models.ForeignKey(LetterOfSupportRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    from_status = models.CharField(max_length=20, choices=LetterOfSupportRequest.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=LetterOfSupportRequest.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=150, help_text="Kept if the user is later removed.")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_to_status_display()} by {self.actor_name} at {self.at:%Y-%m-%d %H:%M}"
