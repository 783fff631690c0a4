"""District offices the public can contact."""

from __future__ import annotations

import re
from typing import Any

from django.core.validators import RegexValidator
from django.db import models
from graphql import GraphQLResolveInfo
from grapple.models import GraphQLCollection, GraphQLString
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.graphql.locales import TranslatedItemMixin, localize_item
from cms.visibility import is_live_snippet, live_snippets

PHONE_RE = re.compile(r"^\+?1?[\s.-]?\(?(\d{3})\)?[\s.-]?(\d{3})[\s.-]?(\d{4})$")


class ContactOffice(
    TranslatedItemMixin, TranslatableMixin, DraftStateMixin, RevisionMixin, LockableMixin, index.Indexed, models.Model
):
    """A district office the public can contact, e.g. Community Partnership or the Grants Office."""

    name = models.CharField(max_length=120, help_text="e.g. 'Community Partnership'.")
    slug = models.SlugField(max_length=120, help_text="Frontends ask for an office by this; its translations share it.")
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
        *TranslatedItemMixin.localized_graphql_fields(),
    ]

    # Translators translate the name and description; the address and numbers stay the office's own.
    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in ("slug", "street_address", "city", "state", "postal_code", "phone", "sort_order")
    ]

    search_fields = [index.SearchField("name"), index.SearchField("description"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = "contact office"
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

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


def public_office(office: ContactOffice | None) -> ContactOffice | None:
    return office if is_live_snippet(office) else None


def localized_office(info: GraphQLResolveInfo, office: ContactOffice | None, holder: Any) -> ContactOffice | None:
    """The office a page names, in the answer's locale where it is translated and published."""
    return public_office(localize_item(info, office, live_snippets, parent=holder))
