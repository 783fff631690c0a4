"""The content languages' names in the reader's language, for the admin ('Spanish' to an English-speaking editor,
'español' to a Spanish-speaking one). Django's own catalogs lack some of them (Somali, Samoan) in most languages."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import pgettext_lazy

NAMES: dict[str, Promise] = {
    "en": pgettext_lazy("language name", "English"),
    "es": pgettext_lazy("language name", "Spanish"),
    "vi": pgettext_lazy("language name", "Vietnamese"),
    "ru": pgettext_lazy("language name", "Russian"),
    "uk": pgettext_lazy("language name", "Ukrainian"),
    "km": pgettext_lazy("language name", "Khmer"),
    "so": pgettext_lazy("language name", "Somali"),
    "ko": pgettext_lazy("language name", "Korean"),
    "zh-hans": pgettext_lazy("language name", "Chinese (Simplified)"),
    "sm": pgettext_lazy("language name", "Samoan"),
}


def translated_language_name(code: str) -> str:
    """The language's name in the active language, capitalized to start a label; the code for one not known."""
    name = NAMES.get(code)
    return capfirst(str(name)) if name is not None else code
