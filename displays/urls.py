"""The display page and the screens' own API, under /display/."""

from django.urls import path

from displays import api_alerts, api_cap, api_fleet, api_pairing
from displays.views import display, service_worker

urlpatterns = [
    path("", display, name="display"),
    path("sw.js", service_worker, name="display-sw"),
    path("api/pair", api_pairing.pair, name="display-pair"),
    path("api/pair/status", api_pairing.pair_status, name="display-pair-status"),
    path("api/heartbeat", api_fleet.heartbeat, name="display-heartbeat"),
    path("api/pulse", api_fleet.pulse, name="display-pulse"),
    path("api/alerts", api_alerts.alerts, name="display-alerts"),
    path("api/cap", api_cap.cap, name="display-cap"),
]
