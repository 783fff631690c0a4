"""What content needs before it goes public: a text alternative for every image it shows, and (for
stories) captions or a transcript for its video. Editors get a message on the field that needs it.

The rules bind at publishing, not while a draft is saved in the admin: the admin forms check them
when an editor publishes (or submits for moderation), with the form's own data, and the bulk publish
action checks each page's latest revision. Content saved any other way (a translation published from
wagtail-localize, the demo seed) is checked by the model's `clean()`; wagtail-localize's translation
editor shows those refusals in words through `cms.translation_publishing`.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.images.models import AbstractImage

from cms.page_slugs import AbandonedDraftSlugMixin

ProblemMap = dict[str, list[str]]

if TYPE_CHECKING:  # checked as the Wagtail models and admin forms they are mixed into
    from wagtail.admin.forms import WagtailAdminModelForm as _MixedIntoForm
    from wagtail.models import Page as _MixedIntoModel
else:
    _MixedIntoModel = _MixedIntoForm = object

# Instances an admin form checks itself, with what was posted (keyed by identity: an unsaved instance has no
# pk to hash). The model's own `clean()` leaves them alone, also when the view saves them later.
_checked_by_form: weakref.WeakValueDictionary[int, models.Model] = weakref.WeakValueDictionary()


def _is_checked_by_form(instance: models.Model) -> bool:
    return _checked_by_form.get(id(instance)) is instance


def missing_alt_text(image: AbstractImage) -> str:
    return (
        f"The image '{image.title}' has no alt text. Describe what it shows in Images → '{image.title}' "
        "(or mark it decorative) before publishing."
    )


class PublishChecksMixin(_MixedIntoModel):
    """A model with requirements at publishing; subclasses add theirs to `publish_problems()`."""

    def publish_problems(self, **context: Any) -> ProblemMap:
        """Field name → what it needs before this can be published; empty when nothing is missing."""
        problems: ProblemMap = {}
        for field in self._meta.get_fields():
            if (
                isinstance(field, models.ForeignKey)
                and isinstance(field.related_model, type)
                and issubclass(field.related_model, AbstractImage)
            ):
                image = getattr(self, field.name)
                if image is not None and not image.has_text_alternative:
                    problems.setdefault(field.name, []).append(missing_alt_text(image))
        return problems

    def clean(self) -> None:
        super().clean()
        if _is_checked_by_form(self):
            return
        problems = self.publish_problems()
        if problems:
            raise ValidationError(problems)


class PublishCheckedFormMixin(_MixedIntoForm):
    """For admin forms: the publishing rules, checked unless the editor is only saving a draft."""

    def clean(self) -> dict[str, Any]:
        # The model's own check, which the form runs after this, would read child objects (caption tracks) as
        # stored, not as posted: this form checks in `is_valid()` instead, with what was posted.
        _checked_by_form[id(self.instance)] = self.instance
        return super().clean()

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if not valid or self.is_deferred_validation or getattr(self, "_publish_checked", False):
            return valid
        self._publish_checked = True
        problems = self.instance.publish_problems(**self.publish_check_context())
        for name, messages in problems.items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)
        return not problems

    def publish_check_context(self) -> dict[str, Any]:
        return {}


class PublishCheckedPageForm(AbandonedDraftSlugMixin, PublishCheckedFormMixin, WagtailAdminPageForm):
    """The admin form of pages with publishing rules (and a way on past a draft autosave left behind)."""


class PublishCheckedModelForm(PublishCheckedFormMixin, WagtailAdminModelForm):
    """The admin form of snippets with publishing rules."""


def problems_in_words(obj: Any, problems: ProblemMap) -> str:
    details = " ".join(message for messages in problems.values() for message in messages)
    return f"'{obj}' cannot be published yet: {details}"
