"""The embedded default (a SQLite file, `make run`'s settings) takes writers from several threads at once, as the
server, its webhook senders and the worker do: each waits its turn, none fails with "database is locked"."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

WRITERS = """
import threading
import django
django.setup()
from django.db import OperationalError, connection, connections, transaction
from cms import counters
from cms.models import Counter

with connection.schema_editor() as editor:
    editor.create_model(Counter)
errors = []

def write() -> None:
    try:
        for _ in range(15):
            try:
                with transaction.atomic():  # a read, then a write: the shape of an admin edit
                    Counter.objects.filter(name="probe").exists()
                    counters.bump("probe")
            except OperationalError as error:
                errors.append(str(error))
    finally:
        connections.close_all()

threads = [threading.Thread(target=write) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(len(errors), errors[:1])
"""


def test_eight_threads_writing_at_once_to_the_sqlite_file_all_succeed(tmp_path: Path) -> None:
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "REDIS", "DATABASE"))},
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    done = subprocess.run(
        [sys.executable, "-c", WRITERS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "0 []", done.stdout
