"""What a page's <head> tells search engines and link previews, and what its footer tells a family."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client, override_settings
from wagtail.models import Site

from cms.models import DistrictSettings
from tests.factories import ImageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db

BASE = "https://schools.example.org"


class Head(HTMLParser):
    """The <meta> and <link> tags of a page, and the text and links of its footer."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.metas: list[dict[str, str]] = []
        self.links: list[dict[str, str]] = []
        self.footer_links: list[str] = []
        self.footer_text = ""
        self._in_footer = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "meta":
            self.metas.append(found)
        elif tag == "link":
            self.links.append(found)
        elif tag == "footer":
            self._in_footer = True
        elif tag == "a" and self._in_footer:
            self.footer_links.append(found.get("href", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "footer":
            self._in_footer = False

    def handle_data(self, data: str) -> None:
        if self._in_footer:
            self.footer_text += data

    def meta(self, key: str) -> list[str]:
        return [m["content"] for m in self.metas if m.get("property") == key or m.get("name") == key]

    def link(self, rel: str, **extra: str) -> list[str]:
        return [
            link["href"]
            for link in self.links
            if link.get("rel") == rel and all(link.get(k) == v for k, v in extra.items())
        ]


@pytest.fixture
def story(campaign, translate):
    poster = ImageFactory(title="Poster", file__width=1920, file__height=1080, description="Ada at the robotics club")
    english = StoryPageFactory(
        parent=campaign,
        slug="ada",
        title="Ada",
        search_description="",
        summary="Ada builds robots   with her <b>friends</b>.",
        poster_image=poster,
    )
    translate(campaign, title="Mejor Juntos")
    translate(english, title="Ada (es)", summary="Ada construye robots con sus amigas.")
    return english


def parse(client: Client, path: str) -> Head:
    response = client.get(path)
    assert response.status_code == 200, response.content[:300]
    return Head(response.content.decode())


@override_settings(WAGTAILADMIN_BASE_URL=BASE)
def test_a_story_has_its_description_image_canonical_address_and_languages(story, client: Client) -> None:
    head = parse(client, "/es/better-together/ada/")
    english, spanish = f"{BASE}/better-together/ada/", f"{BASE}/es/better-together/ada/"
    assert head.meta("description") == ["Ada construye robots con sus amigas."]
    assert head.link("canonical") == [spanish]
    assert head.link("alternate", hreflang="en") == [english]
    assert head.link("alternate", hreflang="es") == [spanish]
    assert head.link("alternate", hreflang="x-default") == [english]
    assert head.meta("og:url") == [spanish] and head.meta("og:title") == ["Ada (es)"]
    assert head.meta("og:description") == ["Ada construye robots con sus amigas."]
    assert head.meta("og:locale") == ["es_US"] and head.meta("og:locale:alternate") == ["en_US"]
    [image] = head.meta("og:image")
    assert image.startswith(f"{BASE}/media/images/") and ".width-1280." in image
    assert head.meta("og:image:width") == ["1280"] and head.meta("og:image:height") == ["720"]
    assert head.meta("og:image:alt") == ["Ada at the robotics club"]
    assert head.meta("twitter:card") == ["summary_large_image"] and head.meta("twitter:image") == [image]
    assert head.link("alternate", type="application/atom+xml") == [f"{BASE}/feeds/es/stories.atom"]
    assert head.link("icon", type="image/svg+xml") == ["/static/cms/favicon.svg"]
    assert head.link("icon", type="image/png")


@override_settings(WAGTAILADMIN_BASE_URL=BASE)
def test_the_description_falls_back_to_the_teaser_as_plain_text(story, client: Client) -> None:
    head = parse(client, "/better-together/ada/")
    assert head.meta("description") == ["Ada builds robots with her friends."]
    story.search_description = "Written for search engines."
    story.save_revision().publish()
    head = parse(client, "/better-together/ada/")
    assert head.meta("description") == ["Written for search engines."]


@override_settings(WAGTAILADMIN_BASE_URL=BASE, GRAPHQL_CACHE_SECONDS=300)
def test_absolute_addresses_come_from_the_configured_site_whatever_host_asked(story, client: Client) -> None:
    path = "/better-together/ada/"
    first = parse(client, path)
    again = Head(client.get(path, HTTP_HOST="127.0.0.1").content.decode())
    assert first.link("canonical") == again.link("canonical") == [f"{BASE}{path}"]


def test_a_page_without_an_image_has_a_plain_summary_card(campaign, client: Client) -> None:
    head = parse(client, "/better-together/")
    assert head.meta("twitter:card") == ["summary"] and head.meta("og:image") == []
    assert head.meta("description") == ["Campaign intro"]


def test_the_footer_tells_a_family_whom_to_contact_and_not_about_the_api(home, translate, client: Client) -> None:
    translate(home)
    DistrictSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={
            "district_name": "Tacoma Public Schools",
            "short_name": "TPS",
            "website_url": "https://www.tacomaschools.org/",
            "contact_phone": "253-571-1000",
        },
    )
    for path, question in (("/", "Questions? Contact the district:"), ("/es/", "¿Preguntas?")):
        head = parse(client, path)
        assert "GraphQL" not in head.footer_text and "/graphql/" not in head.footer_links
        assert question in head.footer_text and "Tacoma Public Schools" in head.footer_text
        assert head.footer_links == ["tel:+12535711000", "https://www.tacomaschools.org/"]
