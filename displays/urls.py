"""The display page and the screens' own API, under /display/."""

from django.urls import path

from displays import api_fleet
from displays.views import display

urlpatterns = [
    path("", display, name="display"),
    path("api/heartbeat", api_fleet.heartbeat, name="display-heartbeat"),
    path("api/pulse", api_fleet.pulse, name="display-pulse"),
]

from displays.api_alerts import alerts as api_alerts  # noqa: E402

urlpatterns += [path("api/alerts", api_alerts, name="display-alerts")]
