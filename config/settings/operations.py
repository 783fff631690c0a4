"""What an operator watches (docs/operations.md): logs, error reporting, metrics and readiness."""

from typing import Any

from .environment import env


def logging_config(form: str) -> dict[str, Any]:
    """LOGGING with every line as text (`text`) or as one JSON object (`json`, python-json-logger), the request
    lines of cms/logs.py and the worker's duty lines carrying their fields (request_id, route, status, …)."""
    formatters = {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    }
    if form not in formatters:
        raise ValueError(f"LOG_FORMAT must be 'json' or 'text', not {form!r}.")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": formatters,
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": form}},
        "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            "django_tasks": {"level": "WARNING"},
            "wagtail": {"level": env("WAGTAIL_LOG_LEVEL", "WARNING")},
            # One line per answer (cms/logs.py) and per worker duty: INFO; LOG_REQUESTS=false keeps them out.
            "cms.requests": {"level": "INFO" if env("LOG_REQUESTS", "true") != "false" else "WARNING"},
            # The request line replaces Django's own, which would say the same twice (and name the path).
            "django.server": {"level": "WARNING"},
            "django.request": {"level": "ERROR"},
        },
    }


LOGGING = logging_config(env("LOG_FORMAT", "text"))


SCRUBBED_HEADERS = {"authorization", "cookie", "x-csrftoken", "x-display-credential"}


def scrub(event: dict[str, Any], hint: object) -> dict[str, Any]:
    """Nothing a person sent goes to Sentry: no form or body, no cookies, no query string, no credentials (and no
    frame's local variables, see below)."""
    request = event.get("request") or {}
    for field in ("data", "cookies", "query_string", "env"):
        request.pop(field, None)
    headers = request.get("headers") or {}
    request["headers"] = {k: v for k, v in headers.items() if k.lower() not in SCRUBBED_HEADERS}
    event.pop("user", None)
    return event


def report_errors_to_sentry(dsn: str | None) -> bool:
    """With SENTRY_DSN, errors (and, at SENTRY_TRACES_SAMPLE_RATE, traces) go to Sentry, scrubbed."""
    if not dsn:
        return False
    import sentry_sdk

    sentry_sdk.init(
        dsn=dsn,
        environment=env("SENTRY_ENVIRONMENT", "production"),
        release=env("SENTRY_RELEASE"),
        traces_sample_rate=float(env("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=False,
        include_local_variables=False,  # a frame's locals can hold what a form sent
        before_send=scrub,  # type: ignore[arg-type]
    )
    return True


SENTRY_ENABLED = report_errors_to_sentry(env("SENTRY_DSN"))

# /readyz gives each dependency (database, cache, storages) this long to answer before it says 503 (cms/health.py).
READY_CHECK_SECONDS = float(env("READY_CHECK_SECONDS", "2"))
# /metrics (cms/metrics.py) answers a request bearing this token; without one, only a request made on the app
# server itself, not through a proxy.
METRICS_TOKEN = env("METRICS_TOKEN")
