"""A benchmark's database with every migration applied, restored from a dump an earlier run made of the same
migrations: Django takes most of a minute to work out the state of some 230 migrations, which a benchmark does
not measure and `make bench-smoke` would pay four times.

The dump is kept in the system's temporary folder under a key of the migration files (this project's and those
of the installed packages, by version); any change to them makes a new one.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import subprocess
import tempfile
from pathlib import Path

from bench.common import ROOT, Services, manage

APPS = ("cms", "home", "stories", "partners", "displays")


def migrations_key() -> str:
    digest = hashlib.sha256()
    for app in APPS:
        for path in sorted((ROOT / app).rglob("migrations/*.py")):
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    for name, version in sorted(
        (dist.metadata["Name"] or "", dist.version) for dist in importlib.metadata.distributions()
    ):
        digest.update(f"{name}=={version}\n".encode())
    digest.update((ROOT / "config" / "settings" / "base.py").read_bytes())  # INSTALLED_APPS
    return digest.hexdigest()[:16]


def migrated_database(services: Services, name: str, env: dict[str, str]) -> str:
    """Make the database `name` with every migration applied and return its URL; `env` runs manage.py on it."""
    url = services.database(name)
    bin_dir = services.postgres.bin
    dump = Path(tempfile.gettempdir()) / f"btcms-bench-migrated-{migrations_key()}.dump"
    if dump.exists():
        subprocess.run([str(bin_dir / "pg_restore"), "--no-owner", "--exit-on-error", "-d", url, str(dump)],
                       check=True, capture_output=True)  # fmt: skip
        return url
    manage({**env, "DATABASE_URL": url}, "migrate", "--noinput")
    partial = dump.with_suffix(f".{os.getpid()}.partial")
    subprocess.run([str(bin_dir / "pg_dump"), "-Fc", "-f", str(partial), url], check=True, capture_output=True)
    partial.replace(dump)  # whole or not at all, should two benchmarks make it at once
    return url
