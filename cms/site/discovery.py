"""What crawlers and browsers look for at fixed addresses: /robots.txt, /sitemap.xml and /favicon.ico."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page
from wagtail.query import PageQuerySet

from cms.i18n import default_language_code
from cms.site.meta import absolute, page_address
from cms.visibility import public_pages

# Paths that are not the public site: the admin, the APIs, the screens' pages.
NOT_FOR_CRAWLERS = ("/admin/", "/graphql/", "/display/", "/api/")
DISCOVERY_SECONDS = 3600


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Allow: /", *(f"Disallow: {path}" for path in NOT_FOR_CRAWLERS)]
    lines += ["", f"Sitemap: {absolute(reverse('sitemap'))}", ""]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={DISCOVERY_SECONDS}"
    return response


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask /favicon.ico whatever a page links; the icon itself is a static file."""
    return HttpResponsePermanentRedirect(static("cms/favicon.ico"))


class PublicSitemap(Sitemap):
    """Every live page the public may see, in every language it is published in, each listing the others (and
    the English original as `x-default`), at the site's configured address."""

    def items(self) -> PageQuerySet:
        site = self.get_wagtail_site()
        tree = Page.objects.none()
        for root in site.root_page.get_translations(inclusive=True):
            tree = tree | Page.objects.descendant_of(root, inclusive=True)
        return public_pages(tree).select_related("locale").order_by("path")

    def get_urls(self, page: int = 1, site: Any = None, protocol: str | None = None) -> list[dict[str, Any]]:
        pages = list(self.paginator.page(page).object_list)
        keys = {item.translation_key for item in pages}
        versions: dict[Any, list[tuple[str, str]]] = {}
        for version in public_pages(Page.objects.filter(translation_key__in=keys)).select_related("locale"):
            address = page_address(version)
            if address:
                versions.setdefault(version.translation_key, []).append((version.locale.language_code, address))
        default = default_language_code()
        urls = []
        for item in pages:
            address = page_address(item)
            if not address:
                continue
            same = sorted(versions.get(item.translation_key, []))
            alternates = [{"lang_code": code, "location": href} for code, href in same]
            original = next((href for code, href in same if code == default), None)
            if original:
                alternates.append({"lang_code": "x-default", "location": original})
            lastmod = item.last_published_at or item.latest_revision_created_at
            urls.append({"item": item, "location": address, "lastmod": lastmod, "alternates": alternates})
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


def sitemap(request: HttpRequest) -> HttpResponse:
    response = wagtail_sitemap(
        request, sitemaps={"pages": PublicSitemap(request)}, template_name="cms/site/sitemap.xml"
    )
    response["Cache-Control"] = f"public, max-age={DISCOVERY_SECONDS}"
    return response
