"""Local development: SQLite and in-process cache unless DATABASE_URL / REDIS_URL say otherwise."""

from .base import *  # noqa: F403
from .environment import env, env_bool

DEBUG = env_bool("DEBUG", True)
# A development-only key: production.py refuses to start without DJANGO_SECRET_KEY.
SECRET_KEY = env("DJANGO_SECRET_KEY", "dev-only-insecure-key-not-for-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
GRAPHIQL_ENABLED = env_bool("GRAPHIQL_ENABLED", True)

# Static files come from the apps' folders; no collectstatic needed outside production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
