"""Settings: SQLite and in-process cache by default, env switches, production fails fast."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "Test-only-3kQ9zvT2pL8mW4nR6bY1cX7eU5hJ0aS-not-a-real-secret",
    "DATABASE_URL": "postgres://cms@db.internal:5432/cms",
    "ALLOWED_HOSTS": "cms.example.org",
}


def _load_settings(module: str, env: dict[str, str], expression: str) -> subprocess.CompletedProcess:
    """Import a settings module in a clean interpreter with exactly this environment."""
    code = f"import importlib; s = importlib.import_module('config.settings.{module}'); print(repr([{expression}]))"
    clean_env = {"PATH": os.environ.get("PATH", ""), **env}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=clean_env, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_its_secrets(missing: str) -> None:
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = _load_settings("production", env, "s.DEBUG")
    assert result.returncode != 0
    assert "ImproperlyConfigured: Production settings need these environment variables, which are unset: " in (
        result.stderr
    )
    assert missing in result.stderr.splitlines()[-1]


def test_production_starts_with_its_secrets_and_no_fallbacks() -> None:
    result = _load_settings(
        "production", PRODUCTION_ENV, "s.DEBUG, s.DATABASES['default']['ENGINE'], s.SECRET_KEY.startswith('Test-only')"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[False, 'django.db.backends.postgresql', True]"


def test_production_turns_introspection_and_graphiql_off() -> None:
    result = _load_settings("production", PRODUCTION_ENV, "s.GRAPHQL_INTROSPECTION, s.GRAPHIQL_ENABLED")
    assert result.stdout.strip() == "[False, False]", result.stderr


def test_development_defaults_to_sqlite_and_local_memory_cache() -> None:
    result = _load_settings("dev", {}, "s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND']")
    assert result.stdout.strip() == (
        "['django.db.backends.sqlite3', 'django.core.cache.backends.locmem.LocMemCache']"
    ), result.stderr


def test_database_and_redis_urls_switch_backends() -> None:
    result = _load_settings(
        "dev",
        {"DATABASE_URL": "postgres://u@127.0.0.1:5432/cms", "REDIS_URL": "redis://127.0.0.1:6379/1"},
        "s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION']",
    )
    assert result.stdout.strip() == (
        "['django.db.backends.postgresql', 'cms.resilient_cache.FailFastRedisCache', 'redis://127.0.0.1:6379/1']"
    ), result.stderr


def test_a_malformed_boolean_is_named() -> None:
    result = _load_settings("dev", {"DEBUG": "maybe"}, "s.DEBUG")
    assert "DEBUG must be true or false, not 'maybe'." in result.stderr


def test_production_passes_the_deploy_check() -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env={
            "PATH": os.environ.get("PATH", ""),
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            **PRODUCTION_ENV,
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_the_configured_database_and_cache_answer() -> None:
    """On CI's second run (REQUIRE_SERVICES) this proves the suite really ran on PostgreSQL and Redis."""
    cache.set("btcms-probe", "ok", 30)
    assert cache.get("btcms-probe") == "ok"
    if settings.REQUIRE_SERVICES:
        assert connection.vendor == "postgresql"
        assert settings.CACHES["default"]["BACKEND"] == "cms.resilient_cache.FailFastRedisCache"


def test_the_gunicorn_config_loads_the_production_app() -> None:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    env = {"PATH": os.environ.get("PATH", ""), **PRODUCTION_ENV, "WEB_CONCURRENCY": "3"}
    result = subprocess.run(
        [str(gunicorn), "--check-config", "--print-config", "-c", "config/gunicorn.conf.py", "config.wsgi"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    printed = {
        name.strip(): value.strip()
        for name, _, value in (line.partition("=") for line in result.stdout.splitlines())
        if value
    }
    assert (printed["workers"], printed["worker_class"], printed["preload_app"]) == ("3", "gthread", "True")


def test_collectstatic_works_with_the_production_storage(tmp_path: Path) -> None:
    env = {"PATH": os.environ.get("PATH", ""), **PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path)}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    assert "displays/display.js" in manifest and "partners/intake.js" in manifest
    assert "graphene_django_graphiql_static/graphiql.min.css" in manifest
