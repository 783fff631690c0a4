"""A story video's captions tracks, and the story editor that checks them as posted."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from cms.i18n import language_name
from cms.publishing import PublishCheckedPageForm
from cms.translation_publishing import enabled_translation
from stories.models.upload_help import CAPTIONS_FILE_HELP

CAPTIONS_HELP = (
    "A WebVTT file per language, for this story and all its translations. To caption a translation, choose "
    '"Add Captions track" here, pick its language, upload the .vtt file and publish this story: the '
    'translation takes the track when it is next published ("Publish in Spanish" in its translation editor).'
)


def missing_captions(page: Any, language: str) -> str:
    """What a story's video lacks in `language`, and where the editor adds it."""
    name = language_name(language)
    lacking = (
        f"The video needs captions in {name} (a WebVTT track for '{language}') or a transcript, so that "
        "everyone can follow it."
    )
    translation = enabled_translation(page) if page.pk else None
    if translation is None:
        return (
            f'{lacking} Under Captions, choose "Add Captions track", pick {name} and upload the .vtt file, '
            "or write the transcript."
        )
    source = translation.source
    return (
        f"{lacking} A translation takes its captions from the {source.locale.get_display_name()} story: edit "
        f"'{source.object_repr}', under Captions choose \"Add Captions track\", pick {name}, upload the .vtt "
        f'file and publish that story, then click "Publish in {translation.target_locale.get_display_name()}" '
        "here again."
    )


class CaptionTrack(Orderable):
    """A WebVTT captions track for a story's video, in one language."""

    page = ParentalKey("stories.StoryPage", on_delete=models.CASCADE, related_name="caption_tracks")
    language = models.CharField(max_length=12, help_text="The language spoken in the captions.")
    file = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="WebVTT file",
        help_text="A .vtt captions file in that language.",
    )

    panels = [
        FieldRowPanel(
            [
                FieldPanel("language", widget=forms.Select(choices=settings.WAGTAIL_CONTENT_LANGUAGES)),
                FieldPanel("file", help_text=CAPTIONS_FILE_HELP),
            ]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = "captions track"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.language not in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
            errors["language"] = f"'{self.language}' is not one of the site's languages."
        if self.file_id and not self.file.file.name.lower().endswith(".vtt"):
            errors["file"] = "Captions must be a WebVTT file ending in .vtt."
        if errors:
            raise ValidationError(errors)


class StoryPageForm(PublishCheckedPageForm):
    """The story editor: checks captions against the tracks as posted, not as last saved."""

    def is_valid(self) -> bool:
        valid = super().is_valid()
        languages = self.publish_check_context()["caption_languages"]
        if valid and len(languages) != len(set(languages)):
            self.add_error(None, "Give each language one captions track; one language has two.")
            return False
        return valid

    def publish_check_context(self) -> dict[str, Any]:
        formset = self.formsets.get("caption_tracks")
        forms_ = formset.forms if formset is not None else []
        return {
            "caption_languages": [
                form.cleaned_data["language"]
                for form in forms_
                if getattr(form, "cleaned_data", None)
                and form.cleaned_data.get("language")
                and not form.cleaned_data.get("DELETE")
            ]
        }
