"""The public site renders every page type in full from the API's answers, in English and Spanish."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import Page

from tests.factories import StoryPageFactory
from tests.page_text import page_words as words

pytestmark = pytest.mark.django_db

PAGES = {
    "/": "Tacoma Public Schools community",
    "/better-together/": "Better Together",
    "/better-together/2022-12-leila/": "Leila",
    "/better-together/2023-03-jose/": "José",
    "/partner-with-tps/": "Partner with Tacoma Public Schools",
    "/partner-with-tps/shining-star-award/": "Shining Star Community Partner Award",
    "/partner-with-tps/interest-form/": None,
    "/partner-with-tps/letter-of-support/": None,
}


def get(client: Client, path: str):
    response = client.get(path)
    assert response.status_code == 200, (path, response.content[:500])
    return response


def test_every_page_type_renders_in_english_and_spanish(seeded, client: Client) -> None:
    for path, title in PAGES.items():
        english = get(client, path).content.decode()
        assert '<html lang="en">' in english
        assert '<a class="skip-link" href="#main">' in english and '<main id="main"' in english
        if title:
            assert f"<h1>{title}</h1>" in english
        spanish = get(client, f"/es{path}").content.decode()
        assert '<html lang="es">' in spanish
        assert "Saltar al contenido principal" in spanish
        # The language switcher links each version in its own language.
        assert f'<a href="{path}" lang="en" hreflang="en">English</a>' in spanish
        assert f'<a href="/es{path}" lang="es" hreflang="es" aria-current="page">Español</a>' in spanish
    # Today every story of the 2022-23 campaign has premiered: no premiere is announced any more.
    assert "Video premiere" not in words(get(client, "/better-together/2023-03-jose/").content.decode())
    assert "Upcoming stories" not in words(get(client, "/better-together/").content.decode())


def test_the_home_and_campaign_pages_in_february_2023(seeded, client: Client, february_2023) -> None:
    text = words(get(client, "/").content.decode())
    assert "Story of the month" in text and "WE ARE SMARTER TOGETHER" not in text
    # In February the story of the month is January's (Issiah's), the latest released.
    assert "Issiah keeps showing the world" in text
    assert "Sample recipient" in text and "Shining Star Community Partner Award" in text
    assert "Better Together" in text and "Partner with Tacoma Public Schools" in text

    # The campaign follows the API's rules for upcoming stories.
    html = get(client, "/better-together/").content.decode()
    released, _, upcoming = words(html).partition("Upcoming stories")
    assert "For Leila, dancing" in released and "For Pi Day" not in released
    assert "March - Better Together WE ARE SMARTER TOGETHER: Video Premiere March 1, 2023" in upcoming
    assert "June - Better Together This month, the graduating Class of 2023" in upcoming
    assert "Graduation Websites Coming Soon" in upcoming
    # The printed calendar and the banner are the API's: a document URL and a srcset of renditions.
    assert re.search(r'href="[^"]*/documents/\d+/[^"]*\.pdf"', html)
    assert re.search(r'srcset="[^"]+ 640w, [^"]+ 1280w, [^"]+ 1920w" sizes=', html)

    # The Spanish campaign marks the stories that stand in, in English.
    html = get(client, "/es/better-together/").content.decode()
    assert "Próximas historias" in html or "upcoming" not in html.lower()
    # Gary's April story has no Spanish translation: its teaser stands in, in English, and says so; the card's
    # heading is the page's Spanish (the month's name, the campaign's title), and it links under /es/.
    cards = re.findall(r'<li class="card">\s*<article aria-labelledby="upcoming-[^"]+">.*?</li>', html, re.S)
    gary = [card for card in cards if "Gary" in card]
    assert len(gary) == 1 and re.search(r'<p lang="en">[^<]*Gary', gary[0])
    heading = r'<h3 id="upcoming-[^"]+"><a href="/es/better-together/2023-04-[^"]+">Abril - Mejores juntos</a>'
    assert re.search(heading, gary[0])
    assert '<span lang="en">WE ARE ADVENTUROUS TOGETHER</span>' in gary[0]
    # Leila's story is translated: no lang of its own, so it reads as the page's Spanish.
    leila = re.search(
        r'<li class="card"( lang="\w+")?>\s*<article[^>]*>\s*<h3[^>]*><a href="/es/better-together/2022-12-leila/"',
        html,
    )
    assert leila and leila[1] is None
    assert "JUNTOS SOMOS MÁS INTELIGENTES: estreno del video el 1 de marzo de 2023" in words(html)


def test_released_and_upcoming_stories_in_february_2023(seeded, client: Client, february_2023) -> None:
    html = get(client, "/es/better-together/2022-12-leila/").content.decode()
    assert re.search(r'<source src="[^"]+\.webm" type="video/webm">', html)
    tracks = re.findall(
        r'<track kind="captions" src="[^"]+\.(\w+)\.vtt" srclang="(\w+)" label="([^"]+)"( default)?>', html
    )
    assert tracks == [("es", "es", "Español", " default"), ("en", "en", "English", "")]
    assert '<a href="#transcript">' in html and 'id="transcript"' in html
    assert "Un video de muestra" in html

    # An upcoming story shows its teaser and premiere date only.
    html = get(client, "/better-together/2023-03-jose/").content.decode()
    text = words(html)
    assert "<video" not in html and "<iframe" not in html
    assert "Video premiere: March 1, 2023." in text
    assert "For Pi Day" in text  # the teaser's summary


def test_the_partnership_and_award_pages_have_every_list_and_call_to_action(seeded, client: Client) -> None:
    html = get(client, "/partner-with-tps/").content.decode()
    assert re.search(r'<a class="button" href="/partner-with-tps/interest-form/">Complete the interest form</a>', html)
    assert re.search(
        r'<a class="button" href="/partner-with-tps/letter-of-support/">Request a letter of support</a>', html
    )
    assert '<a href="mailto:communitypartnership@tacoma.k12.wa.us">' in html and 'href="tel:' in html
    assert 'href="/partner-with-tps/shining-star-award/"' in html
    spanish = get(client, "/es/partner-with-tps/").content.decode()
    assert 'href="/es/partner-with-tps/interest-form/"' in spanish
    # The award page lists its recent recipients.
    text = words(get(client, "/partner-with-tps/shining-star-award/").content.decode())
    assert "Recent recipients" in text and "Established 2014" in text
    assert text.count("Sample recipient") >= 2


@pytest.fixture
def story(campaign):
    return StoryPageFactory(
        parent=campaign, slug="ada", summary="Ada's teaser.", premiere_at=timezone.now() - datetime.timedelta(days=1)
    )


def test_a_page_the_public_may_not_see_is_not_found(story, client: Client) -> None:
    assert f"<h1>{story.title}</h1>" in get(client, "/better-together/ada/").content.decode()
    story.unpublish()
    assert client.get("/better-together/ada/").status_code == 404


def test_a_page_past_its_expiry_is_not_found_before_the_worker_unpublishes_it(story, client: Client) -> None:
    Page.objects.filter(pk=story.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.get("/better-together/ada/")
    assert response.status_code == 404 and story.title not in response.content.decode()


def test_only_get_and_head_are_served(campaign, client: Client) -> None:
    assert client.post("/better-together/").status_code == 405
    assert client.head("/better-together/").status_code == 200


def test_an_address_with_no_page_gets_the_site_s_own_not_found_page(home, client: Client) -> None:
    response = client.get("/es/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="es">' in html and "Esta página no está disponible" in html
