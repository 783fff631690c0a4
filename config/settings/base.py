"""Settings shared by every profile. Environment variables are read only in this package."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .caching import caches
from .environment import env, env_bool, env_list
from .storage import media_storages

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "cms",
    "home",
    "stories",
    "partners",
    "displays",
    # Editors translate pages and snippets side by side, with PO export/import; its locales admin
    # replaces wagtail.locales.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "grapple",
    "graphene_django",
    "graphene_django_graphiql_static",
    "corsheaders",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",  # login throttling; with csp, configured in config/settings/security.py
    "csp",
]

# Wagtail's own REST API v2, off by default: the benchmark turns it on to compare against it.
WAGTAIL_API_V2 = env_bool("WAGTAIL_API_V2", False)
if WAGTAIL_API_V2:
    INSTALLED_APPS += ["wagtail.api.v2", "rest_framework"]

MIDDLEWARE = [
    "cms.middleware.RequestIdMiddleware",  # first, so every answer (Django's own 500 page too) carries one
    "django.middleware.security.SecurityMiddleware",
    # Headers on every answer, those made early (a static file, a kept GraphQL answer, the screens' pulse) too.
    "cms.security.ContentSecurityPolicyMiddleware",
    "cms.security.PermissionsPolicyMiddleware",
    "displays.lean.ScreensFirstMiddleware",  # the screens' pulse, heartbeat and alerts skip what follows
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # A public GraphQL GET whose answer is cached is answered here, before what follows: cms/graphql/cached_first.py.
    "cms.graphql.cached_first.CachedAnswerMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Pages of other languages are served under their language prefix (/es/...); unprefixed paths, /graphql/
    # included, stay in the default language whatever the browser asks for: no response varies with Accept-Language.
    "cms.middleware.PathLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it answers a login refused during a lockout.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite file by default; DATABASE_URL switches to PostgreSQL (or anything dj-database-url reads).
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A statement run DB_PREPARE_THRESHOLD times on a connection is prepared there, so PostgreSQL plans it once
    # (planning cost more than running most of an answer's queries); "off" for a pooler that cannot keep them.
    _prepare = env("DB_PREPARE_THRESHOLD", "2")
    if _prepare != "off":
        DATABASES["default"]["OPTIONS"] = {
            **DATABASES["default"].get("OPTIONS", {}),
            "server_side_binding": True,
            "prepare_threshold": int(_prepare),
        }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several threads and processes write one file: WAL lets reads go on during a write, and IMMEDIATE makes a second
    # writer wait its turn (`timeout`) where it failed "database is locked" as its read became a write.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# In-process cache by default; REDIS_URL switches to Redis, shared by every app server (config/settings/caching.py).
REDIS_URL = env("REDIS_URL")
CACHES = caches(REDIS_URL, env("CACHE_KEY_PREFIX", "btcms"))
# Intake rate limits count in a cache of their own, which falls back to memory while Redis is down.
RATELIMIT_USE_CACHE = "counting"

# The district's time zone: months, premieres and "the monthly story" are reckoned in it.
TIME_ZONE = "America/Los_Angeles"
USE_I18N = True
# English dates written out in full (config/formats/en/formats.py); other languages keep Django's formats.
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

# Content languages: English first, then the languages Tacoma families speak most. Each code names a
# Wagtail locale (created by `migrate`); the API's `locale` arguments take these codes, and content
# missing in one comes back in English. CONTENT_LANGUAGES (comma-separated codes, English first)
# chooses among KNOWN_LANGUAGES (all of them by default); a language added there needs its message
# catalogs too (`manage.py makemessages -l <code>` in each app).
KNOWN_LANGUAGES = {
    # code: (name in English, name in the language itself)
    "en": ("English", "English"),
    "es": ("Spanish", "Español"),
    "vi": ("Vietnamese", "Tiếng Việt"),
    "ru": ("Russian", "Русский"),
    "uk": ("Ukrainian", "Українська"),
    "km": ("Khmer", "ខ្មែរ"),
    "so": ("Somali", "Soomaali"),
    "ko": ("Korean", "한국어"),
    "zh-hans": ("Chinese (Simplified)", "简体中文"),
    "sm": ("Samoan", "Gagana Sāmoa"),
}
LANGUAGE_CODE = "en"
_content_codes = env_list("CONTENT_LANGUAGES", list(KNOWN_LANGUAGES))
_unknown = [code for code in _content_codes if code not in KNOWN_LANGUAGES]
if _unknown or not _content_codes or _content_codes[0] != LANGUAGE_CODE:
    raise ImproperlyConfigured(
        f"CONTENT_LANGUAGES must start with '{LANGUAGE_CODE}' and use codes from {', '.join(KNOWN_LANGUAGES)}; "
        f"got {', '.join(_content_codes) or 'nothing'}."
    )
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [(code, KNOWN_LANGUAGES[code][0]) for code in _content_codes]
WAGTAIL_I18N_ENABLED = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Files the public must never reach (letter-of-support attachments): no URL, served only to staff.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
# Media on this machine's disk, or on S3-compatible object storage with MEDIA_STORAGE=s3 (docs/deploy.md).
STORAGES = media_storages(env, PRIVATE_MEDIA_ROOT)

# Wagtail
WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", "Better Together CMS")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "cms.CustomImage"
WAGTAILDOCS_EXTENSIONS = ["pdf", "vtt", "mp4", "webm", "txt", "docx", "xlsx"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Image renditions a client may ask for; anything else is refused.
IMAGE_RENDITION_WIDTHS = [320, 480, 640, 800, 960, 1280, 1600, 1920, 2560, 3840]

# GraphQL
GRAPHENE = {"SCHEMA": "grapple.schema.schema"}
GRAPPLE: dict = {
    "APPS": ["cms", "home", "stories", "partners"],
    "ADD_SEARCH_HIT": True,
    "PAGE_SIZE": 20,
    "MAX_PAGE_SIZE": 100,
    "RICHTEXT_FORMAT": "html",
    "EXPOSE_GRAPHIQL": False,
    "PAGE_INTERFACE": "cms.graphql.interfaces.PublicPageInterface",
    "ALLOWED_IMAGE_FILTERS": [
        spec
        for width in IMAGE_RENDITION_WIDTHS
        for spec in (f"width-{width}", f"width-{width}|format-webp", f"width-{width}|format-avif")
    ]
    + [
        "fill-320x180",
        "fill-640x360",
        "fill-1280x720",
        "fill-1920x1080",
        "fill-3840x2160",
        "fill-1080x1920",
        "fill-400x400",
        "original",
    ],
}
GRAPHIQL_ENABLED = env_bool("GRAPHIQL_ENABLED", False)
GRAPHQL_MAX_DEPTH = int(env("GRAPHQL_MAX_DEPTH", "12"))
# The most lexical tokens a query may have, and the most aliases.
GRAPHQL_MAX_TOKENS = int(env("GRAPHQL_MAX_TOKENS", "4000"))
GRAPHQL_MAX_ALIASES = int(env("GRAPHQL_MAX_ALIASES", "30"))
# Cost: each field 1, everything below a list counted once per item it may return (its literal `limit`,
# else GRAPPLE's MAX_PAGE_SIZE for paginated lists, else GRAPHQL_LIST_COST_SIZE).
GRAPHQL_MAX_COST = int(env("GRAPHQL_MAX_COST", "20000"))
GRAPHQL_LIST_COST_SIZE = int(env("GRAPHQL_LIST_COST_SIZE", "20"))
# Public answers are cached this long at most (less when a premiere, schedule or month end comes
# sooner); any edit makes them unreachable at once. Shared caches may serve a stale answer this much
# longer while they fetch a fresh one. 0 turns the cache off.
GRAPHQL_CACHE_SECONDS = int(env("GRAPHQL_CACHE_SECONDS", "300"))
GRAPHQL_CACHE_STALE_SECONDS = int(env("GRAPHQL_CACHE_STALE_SECONDS", "30"))
# With Redis, each worker also keeps this much of the answers it served last in its own memory, served while
# the content generation is unchanged (cms/graphql/local_answers.py). 0 turns it off.
GRAPHQL_LOCAL_ANSWERS_MB = int(env("GRAPHQL_LOCAL_ANSWERS_MB", "16"))
# How long a frontend preview token (for a page's draft) stays valid.
PREVIEW_TOKEN_SECONDS = int(env("PREVIEW_TOKEN_SECONDS", "3600"))
# Automatic persisted queries are kept this long in the cache (a client re-sends an evicted one).
GRAPHQL_PERSISTED_QUERY_SECONDS = int(env("GRAPHQL_PERSISTED_QUERY_SECONDS", str(30 * 24 * 3600)))
# Introspection (`__schema`, `__type`; `__typename` always works). Off in production.
GRAPHQL_INTROSPECTION = env_bool("GRAPHQL_INTROSPECTION", True)
GRAPHQL_MAX_BODY_BYTES = int(env("GRAPHQL_MAX_BODY_BYTES", "65536"))
# A mutation may carry attachments (base64 in JSON), so its body may be larger than a query's.
GRAPHQL_MAX_MUTATION_BODY_BYTES = int(env("GRAPHQL_MAX_MUTATION_BODY_BYTES", str(17 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = GRAPHQL_MAX_MUTATION_BODY_BYTES

# Public intake (the interest form, letter-of-support requests): per-client limits, counted in the cache.
# Rates are "count/period", e.g. "5/10m". Behind N proxies that append to X-Forwarded-For, set
# TRUSTED_PROXY_COUNT=N so the client's own address is counted, not the proxy's.
INTAKE_SUBMIT_RATE = env("INTAKE_SUBMIT_RATE", "5/10m")
INTAKE_STATUS_RATE = env("INTAKE_STATUS_RATE", "30/m")
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
RATELIMIT_IP_META_KEY = "cms.graphql.limits.client_ip"
INTAKE_TEXT_MAX_CHARS = 5000
LETTER_ATTACHMENT_MAX_BYTES = int(env("LETTER_ATTACHMENT_MAX_BYTES", str(4 * 1024 * 1024)))
LETTER_ATTACHMENT_MAX_COUNT = 3
# Open letter-of-support requests whose grant deadline is this close (or past) are flagged in admin.
LETTER_DEADLINE_WARNING_DAYS = int(env("LETTER_DEADLINE_WARNING_DAYS", "14"))

# Email. Every message goes through the outbox (cms.OutboundEmail): stored first, sent after the
# transaction commits, retried with backoff by the worker (`manage.py run_worker`) when the mail server fails.
EMAIL_HOST = env("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(env("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Better Together CMS <no-reply@localhost>")

CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", [])
CORS_URLS_REGEX = r"^/(graphql|documents|media)/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": env("WAGTAIL_LOG_LEVEL", "WARNING")},
    },
}

# Fields a client may sort by through an `order` argument (each optionally prefixed with "-").
GRAPHQL_ORDER_FIELDS = ["id", "title", "slug", "first_published_at", "last_published_at", "month", "premiere_at"]
GRAPHQL_ORDER_FIELDS += ["name", "created_at"]

# The first admin login, created by `manage.py ensure_admin` when none exists.
ADMIN_BOOTSTRAP_USERNAME = env("DJANGO_ADMIN_USERNAME", "admin")
ADMIN_BOOTSTRAP_PASSWORD = env("DJANGO_ADMIN_PASSWORD")

from .fleet import *  # noqa: E402, F403
from .frontends import *  # noqa: E402, F403
from .security import *  # noqa: E402, F403
from .worker import *  # noqa: E402, F403
