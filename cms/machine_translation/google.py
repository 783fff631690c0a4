"""Google Cloud Translation (needs the `google-cloud-translate` package, which the project does not install)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from wagtail_localize.machine_translators.google import GoogleCloudTranslator

from cms.machine_translation.base import LanguagesMixin

# Google's codes where they differ from the content languages'.
GOOGLE_CODES = {"zh-hans": "zh-CN"}


class GoogleTranslator(LanguagesMixin, GoogleCloudTranslator):
    def translate(self, source_locale: Any, target_locale: Any, strings: Any) -> Any:
        return super().translate(_google(source_locale), _google(target_locale), strings)


def _google(locale: Any) -> Any:
    return SimpleNamespace(language_code=GOOGLE_CODES.get(locale.language_code, locale.language_code))
