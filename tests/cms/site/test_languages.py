"""Every content language is served under its prefix: a page with no translation in it shows its source with
the site's own words in the visitor's language, each piece of other-language text marked with its `lang`."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from cms.site import languages
from tests.page_text import page_words as words

pytestmark = pytest.mark.django_db

CODES = [code for code, _ in settings.LANGUAGES]


def get(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.content[:300])
    return response.content.decode()


def switcher(html: str) -> list[tuple[str, str, str, bool]]:
    nav = re.search(r'<nav class="languages"[^>]*>(.*?)</nav>', html, re.S)
    assert nav, "no language switcher"
    links = re.findall(r'<a href="([^"]*)" lang="([^"]+)" hreflang="[^"]+"( aria-current="page")?>([^<]+)</a>', nav[1])
    return [(url, code, name, bool(current)) for url, code, current, name in links]


def test_a_language_with_no_translation_shows_the_english_page_in_its_own_frame(seeded, client: Client) -> None:
    html = get(client, "/vi/partner-with-tps/")
    assert '<html lang="vi">' in html
    # The site's own words are Vietnamese; the page's content is English, and marked so, piece by piece.
    assert "Chuyển đến nội dung chính" in html  # the skip link
    assert '<main id="main" tabindex="-1">' in html  # no lang on the whole: the headings of the site are Vietnamese
    assert '<h1 lang="en">Partner with Tacoma Public Schools</h1>' in html
    # The sections and the calls to action keep the visitor under /vi/.
    assert 'href="/vi/better-together/" lang="en">Better Together</a>' in html
    assert 'href="/vi/partner-with-tps/interest-form/"' in html
    assert 'href="/partner-with-tps/interest-form/"' not in html
    # The ways to partner are the API's words, in the language asked for.
    assert "Quyên góp định kỳ" in words(html) and "Recurring donation" not in words(html)
    response = client.get("/vi/partner-with-tps/")
    assert response["Content-Language"] == "vi"


def test_every_language_is_served_and_switched_to(seeded, client: Client) -> None:
    for code in CODES:
        prefix = "" if code == "en" else f"/{code}"
        html = get(client, f"{prefix}/better-together/")
        assert f'<html lang="{code}">' in html
        entries = switcher(html)
        # Every content language, in its own name, the current one marked, each leading to the page in it.
        assert [entry[1] for entry in entries] == CODES
        assert [entry[1] for entry in entries if entry[3]] == [code]
        for url, other, name, _ in entries:
            assert name == settings.KNOWN_LANGUAGES[other][1]
            assert url == ("/better-together/" if other == "en" else f"/{other}/better-together/")


def test_a_spanish_page_marks_what_stays_english(seeded, client: Client) -> None:
    html = get(client, "/es/partner-with-tps/")
    # The six ways to partner are in Spanish, not English left unmarked.
    for spanish in ("Programa juvenil (MOU o contrato)", "Donación periódica"):
        assert f"<li>{spanish}</li>" in html
    assert "Youth program" not in html
    # Alt text has no translation: an image with English alt text is marked English on a Spanish page.
    for page in ("/es/better-together/", "/es/", "/es/partner-with-tps/shining-star-award/"):
        images = re.findall(r"<img [^>]*>", get(client, page))
        assert images
        for image in images:
            assert 'alt=""' in image or ' lang="en"' in image, image
    # The district's name is English on every page.
    assert re.search(r'<a class="brand" href="/es/" lang="en">', html)


def test_the_status_code_has_a_copy_button_in_the_page_s_language(seeded, client: Client) -> None:
    html = get(client, "/ko/partner-with-tps/letter-of-support/")
    assert '<button type="button" id="intake-copy" class="copy" hidden>상태 코드 복사</button>' in html
    assert 'aria-live="polite" data-copied="복사했습니다"' in html
    assert 'data-locale="ko"' in html


def test_ways_to_partner_come_in_the_language_asked_for(seeded, gql) -> None:
    query = """query($locale: String) { page(urlPath: "/partner-with-tps/", locale: $locale) {
      ... on PartnershipPage { pathways { ... on PathwayBlock { ways wayLabels } } } } }"""
    for locale, label in (("en", "Recurring donation"), ("es", "Donación periódica"), ("vi", "Quyên góp định kỳ")):
        pathway = gql(query, {"locale": locale})["page"]["pathways"][0]
        assert label in pathway["wayLabels"]
        assert "recurring_donation" in pathway["ways"]


def test_addresses_follow_the_visitor_s_language() -> None:
    assert languages.url_in_language("/better-together/", "vi") == "/vi/better-together/"
    assert languages.url_in_language("/better-together/?a=1#x", "zh-hans") == "/zh-hans/better-together/?a=1#x"
    assert languages.url_in_language("/better-together/", "en") == "/better-together/"
    # Already in a language, elsewhere, or not a page: kept.
    for kept in ("/es/better-together/", "https://example.org/a/", "/documents/4/calendar.pdf", "mailto:a@b.c"):
        assert languages.url_in_language(kept, "vi") == kept
    html = '<p><a href="/partner-with-tps/">Partner</a> <a href="/media/x.png">x</a> <a href="#t">t</a></p>'
    assert languages.links_in_language(html, "ko") == (
        '<p><a href="/ko/partner-with-tps/">Partner</a> <a href="/media/x.png">x</a> <a href="#t">t</a></p>'
    )


def test_text_in_another_direction_says_so() -> None:
    assert languages.lang_attributes("en", "en") == ""
    assert languages.lang_attributes("en", "vi") == ' lang="en"'
    assert languages.lang_attributes("ar", "en") == ' lang="ar" dir="rtl"'
    assert languages.lang_attributes("en", "he") == ' lang="en" dir="ltr"'


def test_a_required_field_s_problem_reads_in_somali_and_samoan(seeded, graphql) -> None:
    mutation = """mutation($locale: String) { submitInterestForm(slug: "interest-form", values: [], locale: $locale) {
      ok errors { field messages } } }"""
    for locale, words_for_it in (("so", "Goobtan waa in la buuxiyaa."), ("sm", "E tatau ona faatumu lenei vaega.")):
        result = graphql(mutation, {"locale": locale})["data"]["submitInterestForm"]
        assert result["ok"] is False
        assert words_for_it in {message for error in result["errors"] for message in error["messages"]}
