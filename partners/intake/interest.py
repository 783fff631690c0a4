"""The interest form's questions as editors set them, and its stored submissions."""

from __future__ import annotations

import django.forms
from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractFormField, AbstractFormSubmission
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.i18n import language_name
from partners.intake.fields import FieldSpec

SINGLE_LINE_MAX = 255
NUMBER_MAX_DIGITS = 15

# WCAG 1.3.5: fields that ask about the submitter say so to browsers and assistive technology.
AUTOCOMPLETE_BY_NAME = [
    ("email", "email"),
    ("phone", "tel"),
    ("organization", "organization"),
    ("organisation", "organization"),
    ("contact_name", "name"),
    ("full_name", "name"),
    ("your_name", "name"),
    ("website", "url"),
    ("address", "street-address"),
    ("zip", "postal-code"),
]


class IntakeFormBuilder(FormBuilder):
    """Wagtail's form builder with an upper bound on every text a stranger can send."""

    def create_singleline_field(self, field, options):
        options["max_length"] = SINGLE_LINE_MAX
        return django.forms.CharField(**options)

    def create_multiline_field(self, field, options):
        options["max_length"] = settings.INTAKE_TEXT_MAX_CHARS
        options.setdefault("widget", django.forms.Textarea)
        return django.forms.CharField(**options)

    def create_email_field(self, field, options):
        options["max_length"] = 254
        return django.forms.EmailField(**options)

    def create_url_field(self, field, options):
        options["max_length"] = 2000
        return super().create_url_field(field, options)

    def create_number_field(self, field, options):
        options["max_digits"] = NUMBER_MAX_DIGITS
        return django.forms.DecimalField(**options)

    def create_hidden_field(self, field, options):
        options["max_length"] = SINGLE_LINE_MAX
        return super().create_hidden_field(field, options)


class InterestFormField(TranslatableMixin, AbstractFormField):
    """One question on the interest form, as editors set it; translators translate its words."""

    page = ParentalKey("partners.InterestFormPage", on_delete=models.CASCADE, related_name="form_fields")

    # The field's name and kind stay the same in every language, so every translation's submissions
    # share one set of columns; its label, help text and choices are translated.
    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        TranslatableField("default_value"),
        SynchronizedField("clean_name", overridable=False),
        SynchronizedField("field_type", overridable=False),
        SynchronizedField("required", overridable=False),
        SynchronizedField("sort_order", overridable=False),
    ]

    class Meta(AbstractFormField.Meta):
        unique_together = [("translation_key", "locale")]

    def spec(self) -> FieldSpec:
        builder = FormBuilder([])
        kind = self.field_type
        name = self.clean_name or self.get_field_clean_name()
        max_length = {
            "singleline": SINGLE_LINE_MAX,
            "multiline": settings.INTAKE_TEXT_MAX_CHARS,
            "email": 254,
            "url": 2000,
            "hidden": SINGLE_LINE_MAX,
        }.get(kind)
        choices = [value for value, _ in builder.get_formatted_field_choices(self)] if self.choices.strip() else []
        defaults = builder.get_formatted_field_initial(self) if self.default_value.strip() else []
        autocomplete = next((token for key, token in AUTOCOMPLETE_BY_NAME if key in name), None)
        if kind == "email":
            autocomplete = "email"
        return FieldSpec(
            name=name,
            label=self.label,
            kind=kind,
            required=self.required,
            help_text=self.help_text,
            choices=choices,
            default_values=defaults,
            max_length=max_length,
            autocomplete=autocomplete,
        )


class InterestSubmission(AbstractFormSubmission):
    """One stored interest-form submission; its key makes a retried submission arrive once."""

    key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    language = models.CharField(
        max_length=12, default="en", help_text="The language code the form was filled in (e.g. 'es')."
    )

    class Meta:
        verbose_name = "interest-form submission"

    @property
    def reference(self) -> str:
        return f"PI-{self.submit_time:%Y}-{self.pk:05d}"

    def get_data(self) -> dict:
        """The answers and, for the office, the language they were given in (its listing and exports)."""
        return {**super().get_data(), "language": language_name(self.language)}
