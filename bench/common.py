"""What the production-profile benchmarks share: a PostgreSQL and a Redis of their own, the app's environment,
and the smoke mode.

Each benchmark starts its own PostgreSQL cluster and Redis (tests/services.py, as the cluster tests do) in a
temporary folder on free loopback ports, and stops and removes them when it ends, whether it finishes, fails,
is interrupted (Ctrl-C) or is sent SIGTERM or SIGHUP. The machine's shared servers are never used.

BENCH_SMOKE=1 runs each benchmark briefly at small sizes (`make bench-smoke`, for CI): it shows that the
benchmark runs and prints its figures; they are not meant to be compared with a full run's.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.services import AppServer, PostgresServer, RedisServer

__all__ = ["ROOT", "SMOKE", "AppServer", "Services", "environment", "manage", "own_services", "sized"]

ROOT = Path(__file__).resolve().parent.parent

SMOKE = os.environ.get("BENCH_SMOKE", "").lower() not in ("", "0", "false", "no")


def sized(name: str, full: float, smoke: float) -> float:
    """The environment's `name` if set, else `smoke` in smoke mode and `full` otherwise."""
    value = os.environ.get(name)
    return type(full)(value) if value else (smoke if SMOKE else full)


@dataclass
class Services:
    """The benchmark's own PostgreSQL cluster and Redis, and its temporary folder."""

    folder: Path
    postgres: PostgresServer
    redis: RedisServer
    databases: list[str] = field(default_factory=list)

    def database(self, name: str, template: str | None = None) -> str:
        """Make a database (a copy of `template`, if given) and return its URL."""
        import psycopg

        with psycopg.connect(self.postgres.url("postgres"), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self.databases.append(name)
        return self.postgres.url(name)

    def redis_url(self, number: int = 0) -> str:
        return f"redis://127.0.0.1:{self.redis.port}/{number}"


def _leave(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)  # so that every `finally` runs and the servers are stopped


@contextlib.contextmanager
def own_services(prefix: str) -> Iterator[Services]:
    """A PostgreSQL and a Redis of the benchmark's own, stopped and removed when the block is left, however."""
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _leave)
    folder = Path(tempfile.mkdtemp(prefix=f"btcms-bench-{prefix}-"))
    postgres = redis = None
    try:
        postgres = PostgresServer()
        postgres.start()
        redis = RedisServer(folder)
        redis.start()
        print(f"Own PostgreSQL on 127.0.0.1:{postgres.port}, Redis on 127.0.0.1:{redis.port} ({folder})", flush=True)
        yield Services(folder, postgres, redis)
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C would leave the servers running
        if redis is not None:
            redis.stop()
        if postgres is not None:
            with contextlib.suppress(BaseException):  # already gone (a Ctrl-C reaches its process group too)
                postgres.stop()
            postgres.remove()
        shutil.rmtree(folder, ignore_errors=True)
        signal.signal(signal.SIGINT, signal.default_int_handler)


def environment(workdir: Path, database_url: str, redis_url: str, **extra: str) -> dict[str, str]:
    """The production settings on this machine: the given database and Redis, media and static files in
    `workdir`, no TLS redirect, and gunicorn's workers and threads from the environment (2 x 4 by default)."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE", "REDIS"))}
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "PRIVATE_MEDIA_ROOT": str(workdir / "private"),
        "WAGTAIL_API_V2": "true",
        "LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "2"),
        "GUNICORN_THREADS": os.environ.get("GUNICORN_THREADS", "4"),
        **extra,
    }


def manage(env: dict[str, str], *args: str) -> str:
    """manage.py's output, run with `env` (as long as it takes: a full run's seeding can take minutes)."""
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)[:200]} failed:\n{result.stderr[-3000:]}")
    return result.stdout
