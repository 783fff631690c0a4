"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

django_application = get_wsgi_application()

from displays.lean import screens_first  # noqa: E402 (Django is set up first)

# The display fleet's own requests (pulse, heartbeat, alerts), a few hundred a second from a large fleet,
# skip Django's middleware.
application = screens_first(django_application)
