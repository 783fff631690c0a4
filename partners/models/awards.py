"""The Shining Star Community Partner Award: the program page and its monthly recipients."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import pgettext_lazy
from graphql import GraphQLResolveInfo
from grapple.models import (
    GraphQLCollection,
    GraphQLForeignKey,
    GraphQLImage,
    GraphQLInt,
    GraphQLRichText,
    GraphQLSnippet,
    GraphQLString,
)
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, LockableMixin, Page, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.dates import month_label
from cms.fields import RICH_TEXT_FEATURES, BelongsToMonth, optional_image
from cms.graphql.lists import public_list
from cms.graphql.locales import TranslatedItemMixin
from cms.i18n import LocaleChoice
from cms.preview import FrontendPreviewMixin
from cms.publishing import PublishCheckedModelForm, PublishChecksMixin
from cms.site.pages import SitePageMixin
from cms.visibility import live_snippets, public_media_item


class AwardRecipient(
    PublishChecksMixin,
    TranslatedItemMixin,
    TranslatableMixin,
    BelongsToMonth,
    DraftStateMixin,
    RevisionMixin,
    LockableMixin,
    index.Indexed,
    models.Model,
):
    """One month's Shining Star Community Partner Award recipient."""

    class Kind(models.TextChoices):
        PARTNER = "partner", pgettext_lazy("award recipient kind", "Community partner")
        VOLUNTEER = "volunteer", pgettext_lazy("award recipient kind", "Community volunteer")

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
        GraphQLString(
            "kind_label",
            source="graphql_kind_label",
            required=True,
            description="The kind of recipient in words, in the recipient's language, e.g. 'Community partner'.",
        ),
        GraphQLString("organization"),
        GraphQLRichText("citation", required=True),
        GraphQLImage("photo", source="public_photo"),
        GraphQLSnippet("school", "cms.School"),
        GraphQLString("month", source="month_key", required=True, description="As 'YYYY-MM'."),
        GraphQLString(
            "month_label",
            source="graphql_month_label",
            required=True,
            description="In the item's language, e.g. 'marzo de 2023'.",
        ),
        *TranslatedItemMixin.localized_graphql_fields(),
    ]

    base_form_class = PublishCheckedModelForm

    # Translators translate the citation; names are the recipient's own.
    override_translatable_fields = [
        SynchronizedField("name"),
        SynchronizedField("organization"),
        SynchronizedField("month", overridable=False),
    ]

    search_fields = [index.SearchField("name"), index.SearchField("organization"), index.FilterField("month")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["-month"]
        verbose_name = "award recipient"

    def __str__(self) -> str:
        return f"{self.name} ({month_label(self.month)})" if self.month else self.name

    def clean(self) -> None:
        super().clean()
        if self.month:
            taken = AwardRecipient.objects.filter(month=self.month).exclude(translation_key=self.translation_key)
            if (other := taken.first()) is not None:
                raise ValidationError(
                    {"month": f"{other.name} is already the recipient for {month_label(self.month)}."}
                )

    @property
    def kind_label(self) -> str:
        return str(self.get_kind_display())

    def graphql_kind_label(self, info: GraphQLResolveInfo, **kwargs: Any) -> str:
        """The kind in words in the recipient's own language, so it reads with the rest of its text."""
        with translation.override(info.context.locales.code_of(self.locale_id)):
            return self.kind_label

    def public_photo(self, info: GraphQLResolveInfo, **kwargs: Any):
        return public_media_item(self.photo, info.context)


def public_recipients(locales: LocaleChoice):
    """Published recipients, one version of each in the locale, newest month first, with their photo and school
    joined (a list loads renditions for every item at once when a query asks for one: cms.graphql.prefetch)."""
    return (
        locales.apply(live_snippets(AwardRecipient.objects.all())).select_related("photo", "school").order_by("-month")
    )


class ShiningStarAwardPage(SitePageMixin, FrontendPreviewMixin, Page):
    """The Shining Star Community Partner Award program; its recipients are snippets, one a month."""

    site_query = "partners/site/shining_star_award_page.graphql"
    site_template = "partners/site/shining_star_award_page.html"

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
        locales = info.context.locale_choice(info, self)
        return public_list(public_recipients(locales), info, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.established_year and not 1900 <= self.established_year <= 2100:
            raise ValidationError({"established_year": "Enter a four-digit year, e.g. 2014."})
