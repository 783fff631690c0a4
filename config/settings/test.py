"""The test suite: fast hashing, in-memory media, no outside calls."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES
from .caching import caches
from .environment import env, env_bool

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="btcms-test-media-"))
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="btcms-test-private-"))
STORAGES = {
    **STORAGES,
    "private": {
        "BACKEND": "cms.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT)},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
GRAPHIQL_ENABLED = True
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None  # no outside calls: a test that needs one sets its own
# The `seeded` demo in English and Spanish, as the suite reads it; tests of the other languages' samples set them.
DEMO_TRANSLATION_LANGUAGES = []
WAGTAILADMIN_BASE_URL = "http://testserver"
if (_redis_url := env("REDIS_URL")) and (_xdist_worker := env("PYTEST_XDIST_WORKER")):
    # Each pytest-xdist worker (gw0, gw1, ...) has a Redis database of its own: the suite empties the cache
    # between tests, which must never empty another worker's in the middle of one of its tests.
    _url = _redis_url.rstrip("/")
    _base, _, _number = _url.rpartition("/")
    if not _number.isdigit():
        _base, _number = _url, "0"
    _worker = int(_xdist_worker.removeprefix("gw"))
    CACHES = caches(f"{_base}/{(int(_number) + 1 + _worker) % 16}")

# Set by CI for its PostgreSQL + Redis run: the suite then checks it really ran on them.
REQUIRE_SERVICES = env_bool("REQUIRE_SERVICES", False)

# Static files come from the apps' folders; no collectstatic needed outside production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Browser tests drive Debian's Chromium; on CI (CI=true) a missing browser fails instead of skipping.
CHROMIUM_PATH = env("CHROMIUM_PATH", "/usr/bin/chromium")
REQUIRE_BROWSER = env_bool("CI", False)

# One process: a counter moved here is read afresh at once, so SQL counts do not depend on the clock.
COUNTER_READ_SECONDS = 3600.0

# CAP signature tests sign with Debian's xmlsec1 (make xmlsec); on CI a missing xmlsec1 fails instead of skipping.
XMLSEC1_PATH = env("XMLSEC1_PATH", "/usr/bin/xmlsec1")
REQUIRE_XMLSEC = env_bool("CI", False)

# Tests measure and check uncached answers; the response cache's own tests switch it on.
GRAPHQL_CACHE_SECONDS = 0

# The schema fuzz test: examples per root field, and a seed for `make fuzz` (none: derandomized, as in CI).
FUZZ_EXAMPLES = int(env("FUZZ_EXAMPLES", "40"))
FUZZ_SEED = env("FUZZ_SEED")

# Webhook deliveries are sent inline after commit, so a test sees them at once.
WEBHOOK_SEND_IN_BACKGROUND = False
