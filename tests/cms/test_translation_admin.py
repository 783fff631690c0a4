"""Editors translate in admin with wagtail-localize: submit, translate side by side, PO files, publish."""

from __future__ import annotations

import polib
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from partners.models import ContactOffice
from stories.models import StoryPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(seeded, client: Client) -> Client:
    client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.org", "pw"))
    return client


def english(slug: str) -> Page:
    return Page.objects.get(slug=slug, locale__language_code="en").specific


def test_a_page_is_submitted_for_translation_and_stays_unpublished_until_translated(editor, gql) -> None:
    gary = english("2023-04-gary")
    url = reverse("wagtail_localize:submit_page_translation", args=[gary.pk])
    form = editor.get(url)
    assert form.status_code == 200
    assert "Vietnamese" in form.content.decode()
    vietnamese = Locale.objects.get(language_code="vi")
    response = editor.post(url, {"locales": [vietnamese.pk]})
    assert response.status_code == 302
    draft = gary.get_translation(vietnamese)
    assert not draft.live  # its ancestors were copied for it, and it waits for its translator
    answer = gql('{ page(slug: "2023-04-gary", locale: "vi") { title locale isFallback } }')["page"]
    assert answer == {"title": "Gary", "locale": "en", "isFallback": True}


def test_a_translated_page_opens_in_the_side_by_side_editor(editor) -> None:
    spanish = Page.objects.get(slug="2023-05-kendy", locale__language_code="es")
    html = editor.get(reverse("wagtailadmin_pages:edit", args=[spanish.pk])).content.decode()
    assert "wagtail-localize" in html or "edit-translation" in html
    assert "JUNTOS NOS COMPROMETEMOS" in html


def test_translators_work_with_po_files(editor, gql) -> None:
    spanish = Page.objects.get(slug="2023-05-kendy", locale__language_code="es")
    translation = Translation.objects.get(source__object_id=spanish.translation_key, target_locale=spanish.locale)
    downloaded = editor.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert downloaded.status_code == 200
    po = polib.pofile(downloaded.content.decode())
    entry = next(e for e in po if e.msgid == "WE ARE COMMITTED TOGETHER")
    assert entry.msgstr == "JUNTOS NOS COMPROMETEMOS"

    entry.msgstr = "COMPROMETIDOS, JUNTOS"
    upload = SimpleUploadedFile("kendy-es.po", str(po).encode(), content_type="text/x-gettext-translation")
    editor.post(reverse("wagtail_localize:upload_pofile", args=[translation.pk]), {"file": upload})
    editor.post(reverse("wagtailadmin_pages:edit", args=[spanish.pk]), {"action": "publish"})
    assert StoryPage.objects.get(pk=spanish.pk).theme_headline == "COMPROMETIDOS, JUNTOS"
    story = gql('{ page(slug: "2023-05-kendy", locale: "es") { ... on StoryPage { themeHeadline } } }')["page"]
    assert story == {"themeHeadline": "COMPROMETIDOS, JUNTOS"}


def test_snippets_are_translated_the_same_way(editor) -> None:
    office = ContactOffice.objects.get(slug="grants-office", locale__language_code="en")
    url = reverse("wagtail_localize:submit_snippet_translation", args=["partners", "contactoffice", office.pk])
    assert editor.get(url).status_code == 200
    spanish = ContactOffice.objects.get(slug="grants-office", locale__language_code="es")
    edit = reverse("wagtailsnippets_partners_contactoffice:edit", args=[spanish.pk])
    assert "Oficina de Subvenciones" in editor.get(edit).content.decode()


def test_the_locales_and_the_translations_report_open(editor) -> None:
    locales = editor.get(reverse("wagtaillocales:index")).content.decode()
    for name in ("Spanish", "Vietnamese", "Russian", "Ukrainian", "Khmer", "Somali", "Korean", "Samoan"):
        assert name in locales
    assert "Chinese (Simplified)" in locales
    assert editor.get(reverse("wagtail_localize:translations_report")).status_code == 200
