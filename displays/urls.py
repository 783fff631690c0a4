"""The display page and the screens' own API, under /display/."""

from django.urls import path

from displays import api_fleet
from displays.views import display, service_worker

urlpatterns = [
    path("", display, name="display"),
    path("api/heartbeat", api_fleet.heartbeat, name="display-heartbeat"),
    path("api/pulse", api_fleet.pulse, name="display-pulse"),
    path("sw.js", service_worker, name="display-sw"),
]
