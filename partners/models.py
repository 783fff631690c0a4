"""Partnerships: the partnership page, the Shining Star award, its recipients and contact offices."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from graphql import GraphQLResolveInfo
from grapple.models import (
    GraphQLCollection,
    GraphQLForeignKey,
    GraphQLImage,
    GraphQLInt,
    GraphQLRichText,
    GraphQLSnippet,
    GraphQLStreamfield,
    GraphQLString,
)
from grapple.utils import resolve_queryset
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, LockableMixin, Page, RevisionMixin
from wagtail.search import index

from cms.fields import RICH_TEXT_FEATURES, BelongsToMonth, month_label, optional_image, optional_link
from cms.visibility import is_live_snippet, live_snippets, public_media_item, public_pages
from partners.blocks import CallToActionBlock, PartnerKindBlock, PartnershipExampleBlock, PathwayBlock, PrincipleBlock

PHONE_RE = re.compile(r"^\+?1?[\s.-]?\(?(\d{3})\)?[\s.-]?(\d{3})[\s.-]?(\d{4})$")


class ContactOffice(DraftStateMixin, RevisionMixin, LockableMixin, index.Indexed, models.Model):
    """A district office the public can contact, e.g. Community Partnership or the Grants Office."""

    name = models.CharField(max_length=120, help_text="e.g. 'Community Partnership'.")
    slug = models.SlugField(max_length=120, unique=True, help_text="Frontends ask for an office by this.")
    description = models.TextField(blank=True, help_text="What this office helps with.")
    street_address = models.CharField(max_length=200, blank=True, help_text="e.g. '601 South 8th Street'.")
    city = models.CharField(max_length=80, blank=True, default="Tacoma")
    state = models.CharField(max_length=2, blank=True, default="WA")
    postal_code = models.CharField(
        max_length=10, blank=True, validators=[RegexValidator(r"^\d{5}(-\d{4})?$", "Enter a ZIP code like 98405.")]
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(
        max_length=30,
        blank=True,
        validators=[RegexValidator(PHONE_RE, "Enter a ten-digit US phone number, e.g. 253-571-7980.")],
    )
    sort_order = models.PositiveIntegerField(default=0, help_text="Lower numbers are listed first.")

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("state"), FieldPanel("postal_code")]),
            ],
            heading="Address",
        ),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("sort_order"),
    ]

    graphql_fields = [
        GraphQLString("name", required=True),
        GraphQLString("slug", required=True),
        GraphQLString("description"),
        GraphQLString("street_address"),
        GraphQLString("city"),
        GraphQLString("state"),
        GraphQLString("postal_code"),
        GraphQLCollection(GraphQLString, "address_lines", required=True, item_required=True, source="address_lines"),
        GraphQLString("email"),
        GraphQLString("phone"),
        GraphQLString("phone_href", description="The phone number as a 'tel:' link."),
    ]

    search_fields = [index.SearchField("name"), index.SearchField("description"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "contact office"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.state:
            self.state = self.state.upper()

    @property
    def address_lines(self) -> list[str]:
        locality = " ".join(p for p in [f"{self.city}," if self.city else "", self.state, self.postal_code] if p)
        return [line for line in (self.street_address, locality.strip(" ,")) if line]

    @property
    def phone_href(self) -> str | None:
        match = PHONE_RE.match(self.phone or "")
        return f"tel:+1{''.join(match.groups())}" if match else None


class AwardRecipient(BelongsToMonth, DraftStateMixin, RevisionMixin, LockableMixin, index.Indexed, models.Model):
    """One month's Shining Star Community Partner Award recipient."""

    class Kind(models.TextChoices):
        PARTNER = "partner", "Community partner"
        VOLUNTEER = "volunteer", "Community volunteer"

    name = models.CharField(max_length=160, help_text="The partner organization's or volunteer's name.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PARTNER)
    organization = models.CharField(
        max_length=160, blank=True, help_text="For a volunteer, the organization they serve with, if any."
    )
    citation = RichTextField(
        features=RICH_TEXT_FEATURES, help_text="Why they are honored: what they did for students and families."
    )
    photo = optional_image("")
    school = models.ForeignKey(
        "cms.School",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="award_recipients",
        help_text="The school they served, if one.",
    )
    month = models.DateField(help_text="The month of the award. Pick any day in it; the month is what counts.")

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldPanel("organization"),
        FieldPanel("month"),
        FieldPanel("citation"),
        FieldPanel("photo"),
        FieldPanel("school"),
    ]

    graphql_fields = [
        GraphQLString("name", required=True),
        GraphQLString("kind", required=True, description="'partner' or 'volunteer'."),
        GraphQLString("kind_label", required=True),
        GraphQLString("organization"),
        GraphQLRichText("citation", required=True),
        GraphQLImage("photo", source="public_photo"),
        GraphQLSnippet("school", "cms.School"),
        GraphQLString("month", source="month_key", required=True, description="As 'YYYY-MM'."),
        GraphQLString("month_label", required=True, description="e.g. 'March 2023'."),
    ]

    search_fields = [index.SearchField("name"), index.SearchField("organization"), index.FilterField("month")]

    class Meta:
        ordering = ["-month"]
        verbose_name = "award recipient"

    def __str__(self) -> str:
        return f"{self.name} ({month_label(self.month)})" if self.month else self.name

    def clean(self) -> None:
        super().clean()
        if self.month:
            taken = AwardRecipient.objects.filter(month=self.month).exclude(pk=self.pk)
            if taken.exists():
                raise ValidationError(
                    {"month": f"{taken.first().name} is already the recipient for {month_label(self.month)}."}
                )

    @property
    def kind_label(self) -> str:
        return self.get_kind_display()

    def public_photo(self, info: GraphQLResolveInfo, **kwargs: Any):
        return public_media_item(self.photo, info.context)


def _public_office(office: ContactOffice | None) -> ContactOffice | None:
    return office if is_live_snippet(office) else None


class PartnershipPage(Page):
    """What partnering with the district means, the pathways to it, and whom to contact."""

    definition = RichTextField(features=RICH_TEXT_FEATURES, help_text="How the district defines partnership.")
    partner_kinds = StreamField([("partner_kind", PartnerKindBlock())], blank=True, help_text="Kinds of partners.")
    examples_heading = models.CharField(max_length=120, default="What is a partnership?")
    examples_intro = models.TextField(blank=True, help_text="e.g. 'Partnerships can be between many different ...'.")
    examples = StreamField([("example", PartnershipExampleBlock())], blank=True)
    principles_heading = models.CharField(
        max_length=160, default="What does a successful and authentic partnership look like?"
    )
    principles = StreamField([("principle", PrincipleBlock())], blank=True)
    pathways_heading = models.CharField(max_length=120, default="Pathways to partnership")
    pathways = StreamField([("pathway", PathwayBlock())], blank=True)
    contact_heading = models.CharField(max_length=120, default="Contact us")
    contact_office = optional_link(ContactOffice, "The office partners contact, e.g. Community Partnership.")
    letter_of_support_heading = models.CharField(max_length=120, default="Requesting a Letter of Support")
    letter_of_support_text = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    letter_of_support_office = optional_link(
        ContactOffice, "The office that reviews letter-of-support requests, e.g. the Grants Office."
    )
    letter_of_support_actions = StreamField([("call_to_action", CallToActionBlock())], blank=True, max_num=2)

    content_panels = Page.content_panels + [
        FieldPanel("definition"),
        FieldPanel("partner_kinds"),
        MultiFieldPanel(
            [FieldPanel("examples_heading"), FieldPanel("examples_intro"), FieldPanel("examples")],
            heading="Examples",
        ),
        MultiFieldPanel([FieldPanel("principles_heading"), FieldPanel("principles")], heading="Principles"),
        MultiFieldPanel([FieldPanel("pathways_heading"), FieldPanel("pathways")], heading="Pathways"),
        MultiFieldPanel([FieldPanel("contact_heading"), FieldPanel("contact_office")], heading="Contact"),
        MultiFieldPanel(
            [
                FieldPanel("letter_of_support_heading"),
                FieldPanel("letter_of_support_text"),
                FieldPanel("letter_of_support_office"),
                FieldPanel("letter_of_support_actions"),
            ],
            heading="Letters of support",
        ),
    ]

    graphql_fields = [
        GraphQLRichText("definition", required=True),
        GraphQLStreamfield("partner_kinds", required=True),
        GraphQLString("examples_heading", required=True),
        GraphQLString("examples_intro"),
        GraphQLStreamfield("examples", required=True),
        GraphQLString("principles_heading", required=True),
        GraphQLStreamfield("principles", required=True),
        GraphQLString("pathways_heading", required=True),
        GraphQLStreamfield("pathways", required=True),
        GraphQLString("contact_heading", required=True),
        GraphQLSnippet("contact_office", "partners.ContactOffice", source="public_contact_office"),
        GraphQLString("letter_of_support_heading", required=True),
        GraphQLRichText("letter_of_support_text"),
        GraphQLSnippet("letter_of_support_office", "partners.ContactOffice", source="public_letter_of_support_office"),
        GraphQLStreamfield("letter_of_support_actions", required=True),
        GraphQLForeignKey(
            "award_program",
            "partners.ShiningStarAwardPage",
            source="public_award_program",
            description="The Shining Star award program page below this page, if published.",
        ),
    ]

    search_fields = Page.search_fields + [index.SearchField("definition")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["partners.ShiningStarAwardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "partnership page"

    @property
    def public_contact_office(self) -> ContactOffice | None:
        return _public_office(self.contact_office)

    @property
    def public_letter_of_support_office(self) -> ContactOffice | None:
        return _public_office(self.letter_of_support_office)

    @property
    def public_award_program(self) -> ShiningStarAwardPage | None:
        return public_pages(ShiningStarAwardPage.objects.child_of(self)).first()


class ShiningStarAwardPage(Page):
    """The Shining Star Community Partner Award program; its recipients are snippets, one a month."""

    established_year = models.PositiveSmallIntegerField(help_text="The year the award was established, e.g. 2014.")
    purpose = RichTextField(features=RICH_TEXT_FEATURES, help_text="Why the award exists and whom it honors.")
    selection = RichTextField(
        features=RICH_TEXT_FEATURES, blank=True, help_text="How recipients are chosen, and how to nominate."
    )

    content_panels = Page.content_panels + [
        FieldPanel("established_year"),
        FieldPanel("purpose"),
        FieldPanel("selection"),
    ]

    graphql_fields = [
        GraphQLInt("established_year", required=True),
        GraphQLRichText("purpose", required=True),
        GraphQLRichText("selection"),
        GraphQLCollection(
            GraphQLForeignKey,
            "recipients",
            "partners.AwardRecipient",
            source="public_recipients",
            required=True,
            item_required=True,
            description="Published recipients, newest month first.",
        ),
    ]

    search_fields = Page.search_fields + [index.SearchField("purpose")]

    parent_page_types = ["partners.PartnershipPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "Shining Star award page"

    def public_recipients(self, info: GraphQLResolveInfo, **kwargs: Any):
        qs = live_snippets(AwardRecipient.objects.all()).order_by("-month")
        return resolve_queryset(qs, info, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.established_year and not 1900 <= self.established_year <= 2100:
            raise ValidationError({"established_year": "Enter a four-digit year, e.g. 2014."})
