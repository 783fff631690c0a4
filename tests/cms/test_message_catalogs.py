"""The project's own words (labels, messages, page texts) have a catalog in every content language."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import check_for_language, to_locale

APPS = ["cms", "home", "stories", "partners", "displays"]
CATALOGS = sorted(Path(settings.BASE_DIR).glob("*/locale/*/LC_MESSAGES/django.po"))


def test_every_content_language_has_a_catalog_in_every_app() -> None:
    for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES[1:]:
        for app in APPS:
            assert (Path(settings.BASE_DIR) / app / "locale" / to_locale(code) / "LC_MESSAGES" / "django.po").exists()
        # Django serves a language's pages (/so/...) only when it finds a catalog for it.
        assert check_for_language(code), code


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda path: str(path.relative_to(settings.BASE_DIR)))
def test_each_compiled_catalog_matches_its_source(catalog: Path) -> None:
    """`make messages` compiles the catalogs; a .po edited without compiling would not take effect."""
    source = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in polib.pofile(str(catalog)) if e.translated()}
    compiled = polib.mofile(str(catalog.with_suffix(".mo")))
    assert {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in compiled if e.msgid} == source


@pytest.mark.parametrize("app", APPS)
def test_the_spanish_catalogs_are_complete(app: str) -> None:
    catalog = polib.pofile(str(Path(settings.BASE_DIR) / app / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    assert catalog.untranslated_entries() == [] and catalog.fuzzy_entries() == []
    assert catalog.percent_translated() == 100


def test_an_untranslated_message_reads_in_english() -> None:
    with translation.override("km"):
        assert translation.gettext("Coming next") == "Coming next"
    with translation.override("es"):
        assert translation.gettext("Coming next") == "Próximamente"
