"""Production: PostgreSQL, Redis, gunicorn behind a proxy. Refuses to start without its secrets."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import STORAGES
from .environment import env, env_bool, env_list
from .operations import logging_config

_missing = [name for name in ("DJANGO_SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS") if not env(name)]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables, which are unset: "
        + ", ".join(_missing)
        + ". See README.md, 'Deploy'."
    )

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
GRAPHIQL_ENABLED = env_bool("GRAPHIQL_ENABLED", False)
GRAPHQL_INTROSPECTION = env_bool("GRAPHQL_INTROSPECTION", False)

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "cms.storage.StaticFilesStorage"},
}

# One JSON object per log line, for the district's log pipeline (LOG_FORMAT=text for plain lines).
LOGGING = logging_config(env("LOG_FORMAT", "json"))

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# A balancer checks the app servers over plain HTTP on the internal network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# Intake notifications and confirmations need a real mail server; EMAIL_HOST in base.py sets it up.
if not env("EMAIL_HOST"):
    EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    EMAIL_HOST = "localhost"
    EMAIL_PORT = int(env("EMAIL_PORT", "25"))
    EMAIL_USE_TLS = False
