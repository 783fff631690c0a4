"""The project's own words (labels, messages, page texts) are translated in every content language."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from django.utils.translation import check_for_language, to_locale

APPS = ["cms", "home", "stories", "partners", "displays"]
CATALOGS = sorted(Path(settings.BASE_DIR).glob("*/locale/*/LC_MESSAGES/django.po"))
OTHER_LANGUAGES = [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES[1:]]
# %(name)s / %d as Python formats them, {name} as the display's and the form's scripts replace them.
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[#0\- +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|\{\w+\}")
TAG = re.compile(r"<[^>]+>")


def catalog_id(path: Path) -> str:
    return str(path.relative_to(settings.BASE_DIR))


def test_every_content_language_has_a_catalog_in_every_app() -> None:
    for code in OTHER_LANGUAGES:
        for app in APPS:
            assert (Path(settings.BASE_DIR) / app / "locale" / to_locale(code) / "LC_MESSAGES" / "django.po").exists()
        # Django serves a language's pages (/so/...) only when it finds a catalog for it.
        assert check_for_language(code), code


@pytest.mark.parametrize("catalog", CATALOGS, ids=catalog_id)
def test_each_compiled_catalog_matches_its_source(catalog: Path) -> None:
    """`make messages` compiles the catalogs; a .po edited without compiling would not take effect."""
    source = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in polib.pofile(str(catalog)) if e.translated()}
    compiled = polib.mofile(str(catalog.with_suffix(".mo")))
    assert {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in compiled if e.msgid} == source


@pytest.mark.parametrize("catalog", CATALOGS, ids=catalog_id)
def test_every_catalog_is_complete(catalog: Path) -> None:
    """A message left untranslated, or marked fuzzy (which Django ignores), would show in English."""
    po = polib.pofile(str(catalog))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert po.percent_translated() == 100


@pytest.mark.parametrize("catalog", CATALOGS, ids=catalog_id)
def test_every_translation_keeps_its_placeholders_and_markup(catalog: Path) -> None:
    """A placeholder missing or renamed in a translation raises (KeyError) or leaves {name} on the screen."""
    po = polib.pofile(str(catalog))
    nplurals = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
    for entry in po.translated_entries():
        if not entry.msgid_plural:
            assert Counter(PLACEHOLDER.findall(entry.msgstr)) == Counter(PLACEHOLDER.findall(entry.msgid)), entry.msgid
            assert sorted(TAG.findall(entry.msgstr)) == sorted(TAG.findall(entry.msgid)), entry.msgid
            continue
        forms = [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
        assert len(forms) == nplurals, entry.msgid
        allowed = set(PLACEHOLDER.findall(entry.msgid)) | set(PLACEHOLDER.findall(entry.msgid_plural))
        for form in forms:
            # A form used only for one may leave the number out ("Corrija el campo señalado abajo.").
            assert set(PLACEHOLDER.findall(form)) <= allowed, (entry.msgid, form)
        # The last form serves most numbers (2, 5, 11, ...): it must say all the plural says.
        assert set(PLACEHOLDER.findall(forms[-1])) == set(PLACEHOLDER.findall(entry.msgid_plural)), entry.msgid


# One message of each app, as the site, the display and the forms show them.
KNOWN_WORDS = ["Skip to main content", "Story of the month", "Transcript", "Coming next", "Check status"]


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_each_language_reads_in_its_own_words(code: str) -> None:
    for message in KNOWN_WORDS:
        with translation.override(code):
            assert translation.gettext(message) != message, (code, message)
    singular, plural = "Choose at most %(count)d answer.", "Choose at most %(count)d answers."
    with translation.override(code):
        # Two and five take different forms in Russian and Ukrainian; each must name its number.
        answers = [translation.ngettext(singular, plural, n) % {"count": n} for n in (2, 5)]
    assert "Choose at most" not in answers[0] and "2" in answers[0] and "5" in answers[1]


@pytest.mark.django_db
@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_the_not_found_page_renders_in_each_language(home, client: Client, code: str) -> None:
    response = client.get(f"/{code}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    with translation.override(code):
        expected = translation.gettext("This page is not available")
    assert f'<html lang="{code}">' in html and expected in html
    assert "This page is not available" not in html and "Go to the home page" not in html
