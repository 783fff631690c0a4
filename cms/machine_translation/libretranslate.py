"""LibreTranslate (`POST <LIBRETRANSLATE_URL>/translate`), a server the district may run itself."""

from wagtail_localize.machine_translators.libretranslate import LibreTranslator

from cms.machine_translation.base import LanguagesMixin


class LibreTranslateTranslator(LanguagesMixin, LibreTranslator):
    pass
