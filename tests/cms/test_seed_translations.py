"""The demo's sample Spanish translations: made through wagtail-localize, complete, published, idempotent."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from partners.models import AwardRecipient, ContactOffice
from stories.models import StoryPage

pytestmark = pytest.mark.django_db

SPANISH_PAGES = {
    # Beside the English home page at the top of the tree, the Spanish one needs a slug of its own.
    "home-1": "Comunidad de las Escuelas Públicas de Tacoma",
    "better-together": "Mejores juntos",
    "2023-06-class-of-2023": "Generación 2023",
    "2023-05-kendy": "Kendy",
    "2023-03-jose": "José",
    "2022-12-leila": "Leila",
    "partner-with-tps": "Asóciese con las Escuelas Públicas de Tacoma",
    "shining-star-award": "Premio Estrella Brillante al Socio Comunitario",
    "interest-form": "Formulario de interés en asociarse",
    "letter-of-support": "Solicitar una carta de apoyo",
}


def test_the_spanish_pages_are_published_translations(seeded) -> None:
    spanish = Page.objects.filter(locale__language_code="es")
    assert {page.slug: page.title for page in spanish} == SPANISH_PAGES
    for page in spanish.filter(depth__gt=2):
        assert page.live, page
        assert page.get_translation(Locale.get_default()).slug == page.slug  # slugs stay the same


def test_the_home_page_says_the_translations_are_samples(seeded) -> None:
    home = Page.objects.get(depth=2, locale__language_code="es").specific
    assert "traducciones de muestra, escritas para esta demostración" in home.intro


def test_editors_find_every_translation_complete_in_wagtail_localize(seeded) -> None:
    translations = Translation.objects.filter(target_locale__language_code="es")
    assert translations.count() == len(SPANISH_PAGES) + 2 + 2  # and two offices, two recipients
    for translation in translations:
        total, translated = translation.get_progress()
        assert total == translated > 0, translation
        assert all(entry.msgstr for entry in translation.export_po()), translation


def test_snippets_have_spanish_versions_that_keep_their_numbers_and_names(seeded) -> None:
    office = ContactOffice.objects.get(slug="community-partnership", locale__language_code="es")
    assert (office.name, office.phone, office.email) == (
        "Asociaciones Comunitarias",
        "253-571-7980",
        "communitypartnership@tacoma.k12.wa.us",
    )
    for recipient in AwardRecipient.objects.filter(locale__language_code="es"):
        assert recipient.name.startswith("Sample recipient")
        assert recipient.live


def test_the_story_of_a_translated_month_reads_in_spanish_over_the_api(seeded, gql) -> None:
    story = gql(
        '{ monthlyStory(at: "2023-05-15T12:00:00", locale: "es") { story { title themeHeadline summary '
        "monthLabel isFallback availableLocales { code } } } }"
    )["monthlyStory"]["story"]
    assert story["themeHeadline"] == "JUNTOS NOS COMPROMETEMOS"
    assert story["summary"].startswith("De niña, en las Escuelas Públicas de Tacoma, Kendy sintió")
    assert (story["monthLabel"], story["isFallback"]) == ("mayo de 2023", False)
    assert story["availableLocales"] == [{"code": "en"}, {"code": "es"}]


def test_the_partnership_page_reads_in_spanish_over_the_api(seeded, gql) -> None:
    page = gql(
        '{ page(slug: "partner-with-tps", locale: "es") { title ... on PartnershipPage { contactHeading '
        "contactOffice { name } principles { ... on PrincipleBlock { text } } "
        "pathways { ... on PathwayBlock { callsToAction { ... on CallToActionBlock { text page { url } } } } } } } }"
    )["page"]
    assert page["contactHeading"] == "Contáctenos"
    assert page["contactOffice"] == {"name": "Asociaciones Comunitarias"}
    assert page["principles"][0] == {"text": "Todos los socios son valorados y respetados por igual"}
    action = page["pathways"][0]["callsToAction"][0]
    assert action["text"] == "Complete el formulario de interés"
    assert action["page"] == {"url": "/es/partner-with-tps/interest-form/"}


def _content() -> tuple:
    return (
        Page.objects.count(),
        StoryPage.objects.count(),
        ContactOffice.objects.count(),
        Translation.objects.count(),
        sorted(Page.objects.filter(depth__gt=1).values_list("latest_revision_id", flat=True)),
    )


def test_seeding_again_changes_nothing(seeded) -> None:
    before = _content()
    call_command("seed_demo", "--no-current-year", stdout=io.StringIO())
    assert _content() == before
