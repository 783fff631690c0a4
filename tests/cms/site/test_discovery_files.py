"""robots.txt, the sitemap and the favicon: what crawlers and browsers ask for at fixed addresses."""

from __future__ import annotations

import defusedxml.ElementTree as ET
import pytest
from django.contrib.staticfiles import finders
from django.test import Client, override_settings
from wagtail.models import PageViewRestriction

from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

BASE = "https://schools.example.org"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


@override_settings(WAGTAILADMIN_BASE_URL=BASE)
def test_robots_allow_the_site_keep_crawlers_off_admin_and_api_and_name_the_sitemap(home, client: Client) -> None:
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    rules = [line.split(":", 1) for line in response.content.decode().splitlines() if ":" in line]
    rules = [(name.strip().lower(), value.strip()) for name, value in rules]
    assert ("user-agent", "*") in rules and ("allow", "/") in rules
    for path in ("/admin/", "/graphql/", "/display/"):
        assert ("disallow", path) in rules
    assert ("sitemap", f"{BASE}/sitemap.xml") in rules


@override_settings(WAGTAILADMIN_BASE_URL=BASE)
def test_the_sitemap_lists_live_public_pages_with_their_translations(campaign, translate, client: Client) -> None:
    story = StoryPageFactory(parent=campaign, slug="ada")
    story.save_revision().publish()
    translate(story)
    StoryPageFactory(parent=campaign, slug="draft-story", live=False)
    private = StoryPageFactory(parent=campaign, slug="private-story")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urls = {url.findtext("sm:loc", namespaces=NS): url for url in ET.fromstring(response.content).findall("sm:url", NS)}
    ada, ada_es = f"{BASE}/better-together/ada/", f"{BASE}/es/better-together/ada/"
    assert {f"{BASE}/", f"{BASE}/better-together/", ada, ada_es} <= set(urls)
    assert not any("draft-story" in loc or "private-story" in loc for loc in urls)
    assert all(loc.startswith(f"{BASE}/") for loc in urls)
    for loc in (ada, ada_es):
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in urls[loc].findall("xhtml:link", NS)
            if link.get("rel") == "alternate"
        }
        assert alternates == {"en": ada, "es": ada_es, "x-default": ada}
        assert urls[loc].findtext("sm:lastmod", namespaces=NS)


def test_the_favicon_is_served_as_svg_png_and_ico(home, client: Client) -> None:
    for name in ("cms/favicon.svg", "cms/favicon-32.png", "cms/favicon.ico", "cms/apple-touch-icon.png"):
        assert finders.find(name), name
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/cms/favicon.ico"
    with open(finders.find("cms/favicon.ico"), "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # an ICO file's header
