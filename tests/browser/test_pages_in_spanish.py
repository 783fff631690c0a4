"""The display and the interest form in Spanish, in Debian's Chromium, each checked with axe-core."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from playwright.sync_api import expect
from wagtail.documents import get_document_model

from partners.models import InterestSubmission
from stories.models import CaptionTrack, StoryPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MAY_2023 = "2023-05-15T12:00:00"  # Kendy's month: her story, the February award and June's are translated
APRIL_2023 = "2023-04-15T12:00:00"  # Gary's month: his story has no Spanish translation


@pytest.fixture
def seeded_server(cms_server):
    call_command("seed_demo", "--no-current-year", stdout=io.StringIO())
    return cms_server


def display_url(server, **params: object) -> str:
    return f"{server.url}/display/?" + "&".join(f"{key}={value}" for key, value in params.items())


def assert_wcag_aa(page, settle_ms: int = 0) -> None:
    """No axe-core WCAG 2.1 AA violations on the page as it stands (after a slide's fade, if asked)."""
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_timeout(settle_ms)
    results = Axe().run(page, options={"runOnly": WCAG_AA})
    assert results.violations_count == 0, results.generate_report()


def test_the_display_in_spanish(seeded_server, browser_page) -> None:
    page = browser_page
    page.goto(display_url(seeded_server, locale="es", at=MAY_2023, rotate=4))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page).to_have_title("Mejores juntos · Pantalla escolar")

    story = page.locator("#slide-story")
    expect(story.locator(".headline")).to_have_text("JUNTOS NOS COMPROMETEMOS")
    expect(story.locator(".names")).to_have_text("Kendy")
    expect(story.locator(".month")).to_have_text("mayo de 2023")
    expect(story.locator(".campaign")).to_have_text("Mejores juntos")
    expect(story.locator(".summary")).to_contain_text("De niña, en las Escuelas Públicas de Tacoma")
    expect(story.locator(".qr-caption")).to_have_text("Escanee para ver la historia completa")
    expect(story.locator(".qr")).to_have_attribute("aria-label", "Código QR que lleva a la historia completa")
    expect(story).to_have_attribute("lang", "es")
    # "COMPROMETEMOS" is longer than any English word on the slide: it still fits, and nothing is cut off.
    fits = story.evaluate(
        """slide => { const h = slide.querySelector('h1'), text = slide.querySelector('.text');
        return h.scrollWidth <= h.clientWidth + 1 && text.getBoundingClientRect().bottom <= innerHeight; }"""
    )
    assert fits
    assert_wcag_aa(page, settle_ms=1300)  # the fade finished, so contrast is measured on the slide itself

    award = page.locator("#slide-award")
    expect(award).to_be_visible(timeout=8000)
    expect(award.locator(".award-name")).to_have_text("Premio Estrella Brillante al Socio Comunitario")
    expect(award.locator(".citation")).to_contain_text("Este es un ganador de muestra para la demostración")
    expect(award.locator(".month")).to_have_text("febrero de 2023")
    assert_wcag_aa(page, settle_ms=1300)

    upcoming = page.locator("#slide-next")
    expect(upcoming).to_be_visible(timeout=8000)
    expect(upcoming.locator(".coming-next")).to_have_text("Próximamente")
    expect(upcoming.locator(".headline")).to_have_text("Generación 2023")
    expect(upcoming.locator(".premiere")).to_have_text("Fecha de estreno por anunciar")
    assert_wcag_aa(page, settle_ms=1300)


def test_content_not_translated_is_marked_as_english_inside_a_spanish_slide(seeded_server, browser_page) -> None:
    page = browser_page
    page.goto(display_url(seeded_server, locale="es", at=APRIL_2023, rotate=600))
    story = page.locator("#slide-story")
    expect(story.locator(".headline")).to_have_text("WE ARE ADVENTUROUS TOGETHER")
    expect(story.locator(".campaign")).to_have_text("Mejores juntos")  # the display's own words
    expect(story).to_have_attribute("lang", "es")
    expect(story.locator(".headline")).to_have_attribute("lang", "en")  # WCAG 3.1.2, language of parts
    expect(story.locator(".month")).to_have_text("April 2023")
    assert_wcag_aa(page)


def test_the_display_rotates_through_its_languages(seeded_server, browser_page) -> None:
    page = browser_page
    page.goto(display_url(seeded_server, locale="en,es", at=MAY_2023, rotate=3))
    body = page.locator("body")
    headline = page.locator("#slide-story .headline")
    expect(body).to_have_attribute("data-slide", "slide-story")
    expect(body).to_have_attribute("data-slide-locale", "en")
    expect(headline).to_have_text("WE ARE COMMITTED TOGETHER")
    expect(body).to_have_attribute("data-slide-locale", "es", timeout=5000)
    expect(body).to_have_attribute("data-slide", "slide-story")
    expect(headline).to_have_text("JUNTOS NOS COMPROMETEMOS")
    expect(body).to_have_attribute("data-slide", "slide-award", timeout=5000)
    expect(body).to_have_attribute("data-slide-locale", "en")
    expect(body).to_have_attribute("data-slide-locale", "es", timeout=5000)
    expect(page.locator("#slide-award .award-name")).to_have_text("Premio Estrella Brillante al Socio Comunitario")


def test_a_story_video_plays_on_across_languages_with_each_language_s_captions(seeded_server, browser_page) -> None:
    documents = get_document_model()
    video = documents.objects.create(title="Kendy's video", file=ContentFile(b"not a real video", name="kendy.webm"))
    tracks = {
        code: documents.objects.create(title=f"Captions ({code})", file=ContentFile(b"WEBVTT\n", name=f"{code}.vtt"))
        for code in ("en", "es")
    }
    for story in StoryPage.objects.filter(slug="2023-05-kendy"):  # the English story and its translation
        StoryPage.objects.filter(pk=story.pk).update(video_url="", video_file=video)
        for code, document in tracks.items():
            CaptionTrack.objects.create(page=story, language=code, file=document)
    page = browser_page
    page.goto(display_url(seeded_server, locale="en,es", at=MAY_2023, rotate=3))
    body = page.locator("body")
    expect(body).to_have_attribute("data-slide-locale", "en")
    showing = (
        "() => [...document.querySelector('#slide-story video').textTracks].filter(t => t.mode === 'showing')"
        ".map(t => t.language)"
    )
    expect(page.locator("#slide-story video track")).to_have_count(2)
    assert page.evaluate(showing) == ["en"]
    page.evaluate("() => document.querySelector('#slide-story video track').dataset.marker = 'loaded once'")
    expect(body).to_have_attribute("data-slide-locale", "es", timeout=5000)
    expect(body).to_have_attribute("data-slide", "slide-story")
    assert page.evaluate(showing) == ["es"]
    # The same tracks: the video and its captions were not loaded again for the Spanish slide.
    expect(page.locator("#slide-story video track").first).to_have_attribute("data-marker", "loaded once")


def test_a_story_with_no_translation_is_shown_once_when_rotating(seeded_server, browser_page) -> None:
    page = browser_page
    page.goto(display_url(seeded_server, locale="en,es", at=APRIL_2023, rotate=3))
    body = page.locator("body")
    expect(page.locator("#slide-story .headline")).to_have_text("WE ARE ADVENTUROUS TOGETHER")
    expect(body).to_have_attribute("data-slide-locale", "en")
    # Gary's story has no Spanish version: after it comes the award, not the same story again.
    expect(body).to_have_attribute("data-slide", "slide-award", timeout=5000)
    expect(body).to_have_attribute("data-slide-locale", "en")


def test_a_spanish_screen_that_never_loaded_says_so_in_spanish(seeded_server, browser_page) -> None:
    page = browser_page
    page.route("**/graphql/**", lambda route: route.abort())
    page.goto(display_url(seeded_server, locale="es", poll=1))
    unavailable = page.locator("#slide-unavailable")
    expect(unavailable.locator("h1")).to_have_text("Contenido no disponible")
    expect(unavailable.locator("p")).to_have_text("Esta pantalla se actualizará sola cuando vuelva la conexión.")


def test_a_family_fills_the_interest_form_in_spanish(seeded_server, browser_page) -> None:
    page = browser_page
    page.goto(f"{seeded_server.url}/es/partner-with-tps/interest-form/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("#intake-form")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Formulario de interés en asociarse")
    assert_wcag_aa(page)

    page.get_by_label("Nombre de la organización").fill("Panadería Hilltop")
    page.get_by_label("Empresa", exact=True).check()
    page.get_by_label("Nombre de contacto").fill("Ana Flores")
    page.get_by_label("Correo electrónico").fill("ana en hilltop")
    page.get_by_label("Pasantía", exact=True).check()
    page.get_by_role("button", name="Enviar").click()
    expect(page.locator("#field-email-error")).to_have_text("Introduzca una dirección de correo electrónico válida.")
    expect(page.locator("#field-consent-error")).to_have_text("Este campo es necesario.")
    expect(page.locator("#intake-problems")).to_have_text("Corrija los 2 campos señalados abajo.")
    assert_wcag_aa(page)

    page.get_by_label("Correo electrónico").fill("ana@hilltop.example")
    page.get_by_label("Consentimiento").check()
    page.get_by_role("button", name="Enviar").click()
    done = page.locator("#intake-done")
    expect(done).to_be_visible()
    expect(done.get_by_role("heading")).to_have_text("Recibido")
    expect(page.locator("#intake-reference")).to_have_text(re.compile(r"^PI-\d{4}-\d{5}$"))
    expect(done).to_contain_text("La oficina de Asociaciones Comunitarias se comunicará con usted pronto.")
    submission = InterestSubmission.objects.get()
    assert submission.language == "es"
    assert submission.form_data["partner_type"] == "Business"
    assert submission.page.locale.language_code == "en"


def test_the_letter_request_page_in_spanish(seeded_server, browser_page) -> None:
    page = browser_page
    page.goto(f"{seeded_server.url}/es/partner-with-tps/letter-of-support/")
    expect(page.locator("#intake-form")).to_be_visible()
    expect(page.get_by_label("Nombre de contacto")).to_be_visible()
    expect(page.get_by_role("heading", name="Consultar el estado de una solicitud")).to_be_visible()
    assert_wcag_aa(page)


def test_a_story_in_neither_language_of_a_display_is_shown_once(seeded_server, browser_page) -> None:
    page = browser_page
    page.goto(display_url(seeded_server, locale="es,vi", at=APRIL_2023, rotate=3))
    body = page.locator("body")
    expect(page.locator("#slide-story .headline")).to_have_text("WE ARE ADVENTUROUS TOGETHER")
    expect(body).to_have_attribute("data-slide-locale", "es")
    # Gary's story is in English only: the Vietnamese turn would show it again, so the award comes next.
    expect(body).to_have_attribute("data-slide", "slide-award", timeout=5000)


def test_a_lost_connection_is_told_in_spanish(seeded_server, browser_page) -> None:
    page = browser_page
    page.goto(f"{seeded_server.url}/es/partner-with-tps/interest-form/")
    expect(page.locator("#intake-form")).to_be_visible()
    page.route(re.compile(r"/graphql/"), lambda route: route.abort())
    page.get_by_label("Nombre de la organización").fill("Panadería Hilltop")
    page.get_by_role("button", name="Enviar").click()
    expect(page.locator("#intake-problems")).to_have_text(
        "Sus respuestas no se enviaron (sin conexión con el servidor). Siguen aquí; vuelva a intentarlo."
    )
    expect(page.get_by_label("Nombre de la organización")).to_have_value("Panadería Hilltop")
