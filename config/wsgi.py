"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

django_application = get_wsgi_application()

from displays.pulse import answer_pulse_first  # noqa: E402 (Django is set up first)

# The display fleet's pulse, asked every few seconds by every screen, is answered before Django's middleware.
application = answer_pulse_first(django_application)
