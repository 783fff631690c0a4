"""Publishing a translation from wagtail-localize's translation editor, with every reason it is refused in words.

wagtail-localize shows a validation error only beside a translated string whose field it names; any other one
(a video without captions in the translation's language, an image without alt text) comes back as "New
validation errors were found", and publishing again changes nothing. Before it publishes, the translation is
tried in a transaction that is rolled back, and each message found is shown to the editor with its field. When
every refused field is a translated string, wagtail-localize still goes on, marks those strings and lets the
editor publish without them; otherwise the translation stays as it is, with the messages saying what to do.

Child objects a model names in `kept_in_step_with_source` (a story's captions tracks) are taken from the
source as published whenever a translation is published, with no "Sync translated pages" needed.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import DataError, models, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, Page
from wagtail_localize.models import StringSegment, Translation, TranslationSource


class _TriedOnly(Exception):
    """Rolls back a translation published only to find what would refuse it."""


def enabled_translation(obj: models.Model) -> Translation | None:
    """The synced translation whose target `obj` is, if any."""
    return (
        Translation.objects.filter(
            source__object_id=getattr(obj, "translation_key", None),
            target_locale_id=getattr(obj, "locale_id", None),
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )


def follow_source(source: TranslationSource) -> None:
    """Bring the source's `kept_in_step_with_source` child objects, as published, into its translation source."""
    try:
        instance = source.get_source_instance()
    except models.ObjectDoesNotExist:
        return
    names = getattr(type(instance), "kept_in_step_with_source", ())
    if not names or not isinstance(instance, ClusterableModel):
        return
    content = json.loads(source.content_json)
    current = json.loads(instance.to_json())
    if all(content.get(name) == current.get(name) for name in names):
        return
    for name in names:
        content[name] = current.get(name, [])
    source.content_json = json.dumps(content)
    source.save(update_fields=["content_json"])


TOO_LONG = (
    "A translated text is longer than its field allows (a title or headline, say): shorten it in the translation "
    "editor and publish again."
)


def refusals(translation: Translation, user: Any) -> dict[str, list[str]]:
    """Field name → why publishing this translation now would be refused; empty when it would be published."""
    try:
        with transaction.atomic():
            translation.save_target(user=user, publish=False)
            raise _TriedOnly
    except _TriedOnly:
        return {}
    except DataError:
        # The database refuses a value before any validation runs (PostgreSQL: a string longer than its column);
        # wagtail-localize would answer that with a server error, so the publish stops here, saying why.
        return {NON_FIELD_ERRORS: [TOO_LONG]}
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            return error.message_dict
        return {NON_FIELD_ERRORS: error.messages}


def field_label(model: type[models.Model], name: str) -> str:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return ""
    return str(getattr(field, "verbose_name", name)).capitalize()


def in_words(obj: models.Model, problems: dict[str, list[str]]) -> list[str]:
    """One sentence per problem, naming the field it is about, e.g. "Transcript: The video needs captions …"."""
    sentences = []
    for name, found in problems.items():
        label = "" if name == NON_FIELD_ERRORS else field_label(type(obj), name)
        sentences += [f"{label}: {message}" if label else message for message in found]
    return sentences


def translated_fields(source: TranslationSource) -> set[str]:
    paths = StringSegment.objects.filter(source=source).values_list("context__path", flat=True)
    return {path.split(".")[0] for path in paths}


def check_before_publishing(request: HttpRequest, obj: models.Model, can_publish: bool) -> HttpResponse | None:
    """For the translation editor's "Publish in …": say why it cannot be published, and stop when retrying
    would change nothing. None lets wagtail-localize's own view go on."""
    if request.method != "POST" or request.POST.get("action") != "publish" or not can_publish:
        return None
    translation = enabled_translation(obj)
    if translation is None:
        return None
    follow_source(translation.source)
    problems = refusals(translation, request.user)
    if not problems:
        return None
    where = translation.target_locale.get_display_name()
    messages.error(
        request,
        f"'{obj}' cannot be published in {where} yet. " + " ".join(in_words(obj, problems)),
    )
    if set(problems) <= translated_fields(translation.source):
        return None  # wagtail-localize marks those strings; publishing again leaves them out
    return redirect(request.get_full_path())


def check_page_before_publishing(request: HttpRequest, page: Page) -> HttpResponse | None:
    return check_before_publishing(request, page, page.permissions_for_user(request.user).can_publish())


def check_snippet_before_publishing(request: HttpRequest, instance: models.Model) -> HttpResponse | None:
    opts = type(instance)._meta
    can_publish = not isinstance(instance, DraftStateMixin) or request.user.has_perm(
        f"{opts.app_label}.publish_{opts.model_name}"
    )
    return check_before_publishing(request, instance, can_publish)


def follow_source_on_publish(sender: type, instance: models.Model, **kwargs: Any) -> None:
    """A source just published: its translations take its kept-in-step child objects when next published."""
    for source in TranslationSource.objects.filter(
        object_id=getattr(instance, "translation_key", None), locale_id=getattr(instance, "locale_id", None)
    ):
        follow_source(source)
