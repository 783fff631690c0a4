"""The display page and the screens' own API, under /display/."""

from django.urls import path

from displays.views import display

urlpatterns = [
    path("", display, name="display"),
]
