"""A family walks the public site in Debian's Chromium, in English and in Spanish, as the seed pages stood in
February 2023: home, the campaign, a released story whose captioned video plays, an upcoming story, the
partnership page and its interest form. Every page passes axe-core's WCAG 2.1 AA checks."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WALKS = {
    "en": {
        "prefix": "",
        "home": "Tacoma Public Schools community",
        "campaign": "Better Together",
        "upcoming": "Upcoming stories",
        "captions": "Better Together: Leila's story.",
        "premiere": "Video premiere: March 1, 2023.",
        "partnership": "Partner with Tacoma Public Schools",
        "form_cta": "Complete the interest form",
        "form": "Partnership interest form",
        "skip": "Skip to main content",
    },
    "es": {
        "prefix": "/es",
        "home": "Comunidad de las Escuelas Públicas de Tacoma",
        "campaign": "Mejores juntos",
        "upcoming": "Próximas historias",
        "captions": "Mejores juntos: la historia de Leila.",
        "premiere": "Estreno del video: 1 de marzo de 2023.",
        "partnership": "Asóciese con las Escuelas Públicas de Tacoma",
        "form_cta": "Complete el formulario de interés",
        "form": "Formulario de interés en asociarse",
        "skip": "Saltar al contenido principal",
    },
}


@pytest.fixture
def site(february_2023, cms_server):
    call_command("seed_demo", "--no-current-year", stdout=io.StringIO())
    return cms_server


def assert_wcag_aa(page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": WCAG_AA})
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


@pytest.mark.parametrize("language", WALKS)
def test_a_family_walks_the_site(site, browser_page, language: str) -> None:
    words, page = WALKS[language], browser_page
    prefix = words["prefix"]
    page.set_viewport_size({"width": 390, "height": 844})  # a phone

    page.goto(f"{site.url}{prefix}/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("h1")).to_have_text(words["home"])
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name=words["skip"])
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert_wcag_aa(page)

    page.locator(f'nav.sections a[href="{prefix}/better-together/"]').click()
    expect(page.locator("h1")).to_have_text(words["campaign"])
    expect(page.get_by_role("heading", name=words["upcoming"], level=2)).to_be_visible()
    assert_wcag_aa(page)

    page.locator(f'a[href="{prefix}/better-together/2022-12-leila/"]').first.click()
    expect(page.locator("h1")).to_have_text("Leila")
    video = page.locator("video")
    expect(video).to_be_visible()
    played = video.evaluate(
        """async video => {
            video.muted = true;
            const track = [...video.textTracks].find(t => t.mode === "showing");
            await video.play();
            await new Promise(done => {
                const tick = () => (video.currentTime > 1 ? done() : setTimeout(tick, 50));
                tick();
            });
            const cue = track && track.activeCues && track.activeCues[0];
            return { language: track && track.language, cue: cue ? cue.text : null, time: video.currentTime };
        }"""
    )
    assert played["language"] == language and played["time"] > 1
    assert played["cue"] == words["captions"]
    page.get_by_role("link", name="transcript").or_(page.locator('a[href="#transcript"]')).first.click()
    expect(page.locator("#transcript")).to_be_in_viewport()
    assert_wcag_aa(page)

    page.locator(f'main a[href="{prefix}/better-together/"]').first.click()
    page.locator(f'a[href="{prefix}/better-together/2023-03-jose/"]').first.click()
    expect(page.locator("h1")).to_have_text("José")
    expect(page.locator("video")).to_have_count(0)
    expect(page.locator(".premiere")).to_have_text(words["premiere"])
    assert_wcag_aa(page)

    page.locator(f'nav.sections a[href="{prefix}/partner-with-tps/"]').click()
    expect(page.locator("h1")).to_have_text(words["partnership"])
    assert_wcag_aa(page)

    page.get_by_role("link", name=words["form_cta"]).click()
    expect(page.locator("h1")).to_have_text(words["form"])
    expect(page.locator("#intake-form")).to_be_visible()
    expect(page.locator("#intake-fields input").first).to_be_visible()
    assert_wcag_aa(page)

    # The language switcher leads to the other language's version; a printed story keeps its words, not the menus.
    other = "es" if language == "en" else "en"
    page.goto(f"{site.url}{prefix}/better-together/2022-12-leila/")
    page.locator(f'nav.languages a[hreflang="{other}"]').click()
    expect(page.locator("html")).to_have_attribute("lang", other)
    expect(page.locator('nav.languages a[aria-current="page"]')).to_have_attribute("hreflang", other)
    page.emulate_media(media="print")
    expect(page.locator("nav.sections")).to_be_hidden()
    expect(page.locator("video")).to_be_hidden()
    expect(page.locator("#transcript")).to_be_visible()
