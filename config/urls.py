from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.graphql.view import graphql_view
from cms.health import healthz, readyz
from cms.metrics import metrics_view
from cms.site import discovery
from stories.calendar import premieres_ics
from stories.feeds import StoriesFeed

urlpatterns = [
    # For the balancer and the operator: the process answers; this server can do its work (docs/operations.md).
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("metrics", metrics_view, name="metrics"),
    path("graphql/", graphql_view, name="graphql"),
    path("display/", include("displays.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # What crawlers, feed readers and calendar apps look for (cms/site/discovery.py, stories/feeds.py).
    path("robots.txt", discovery.robots_txt, name="robots-txt"),
    path("sitemap.xml", discovery.sitemap, name="sitemap"),
    path("favicon.ico", discovery.favicon, name="favicon"),
    path("feeds/<str:language>/stories.atom", StoriesFeed(), name="stories-feed"),
    path("feeds/<str:language>/premieres/<int:campaign_id>.ics", premieres_ics, name="premieres-calendar"),
]

if settings.WAGTAIL_API_V2:
    from wagtail.api.v2.router import WagtailAPIRouter
    from wagtail.api.v2.views import PagesAPIViewSet

    api_router = WagtailAPIRouter("wagtailapi")
    api_router.register_endpoint("pages", PagesAPIViewSet)
    urlpatterns.append(path("api/v2/", api_router.urls))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page routing stays last: it claims every remaining path and gives pages their URLs. Pages in
# English keep unprefixed paths; a translation is served under its language, e.g. /es/better-together/.
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)
