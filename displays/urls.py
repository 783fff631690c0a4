"""The display page and the screens' own API, under /display/."""

from django.urls import path

from displays.views import display

urlpatterns = [
    path("", display, name="display"),
]

from displays.api_alerts import alerts as api_alerts  # noqa: E402

urlpatterns += [path("api/alerts", api_alerts, name="display-alerts")]
