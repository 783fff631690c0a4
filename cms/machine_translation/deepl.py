"""DeepL (`POST /v2/translate`), at DeepL's own address unless `API_URL` names another."""

from __future__ import annotations

from wagtail_localize.machine_translators.deepl import DeepLTranslator as LocalizeDeepLTranslator

from cms.machine_translation.base import LanguagesMixin


class DeepLTranslator(LanguagesMixin, LocalizeDeepLTranslator):
    def get_api_endpoint(self) -> str:
        return self.options.get("API_URL") or super().get_api_endpoint()
