"""Production refuses several worker processes with no cache they share, saying why; one process may keep its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.services import AppServer

ROOT = Path(__file__).resolve().parents[2]


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    return {
        **env,
        "DJANGO_SECRET_KEY": "gunicorn-test-key",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        **extra,
    }


def test_several_workers_and_no_shared_cache_refuse_to_start_saying_why(tmp_path: Path) -> None:
    started = subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "--bind", "127.0.0.1:0", "config.wsgi"],
        cwd=ROOT, env=production_env(tmp_path, WEB_CONCURRENCY="3"), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert started.returncode == 1
    assert "3 worker processes need a cache they share, and none is set: set REDIS_URL" in started.stderr


def test_one_worker_keeps_its_own_cache(tmp_path: Path) -> None:
    server = AppServer(production_env(tmp_path, WEB_CONCURRENCY="1"), "one-worker")
    try:
        server.start()  # fails the test, with the server's log, if it does not listen
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("backend", "shared"),
    [("django.core.cache.backends.locmem.LocMemCache", False), ("cms.resilient_cache.FailFastRedisCache", True)],
)
def test_a_cache_is_shared_only_when_it_is_outside_the_process(backend: str, shared: bool) -> None:
    from config.settings.caching import is_shared

    assert is_shared({"BACKEND": backend}) is shared
