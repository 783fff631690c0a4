"""A backup of one install, whole, and its restore: `manage.py backup_site` and `manage.py restore_site`.

Unlike a content export (which leaves out people's submissions and this install's operations, and can move to
another install), a backup is everything this install needs to come back as it was: the database as the
database itself dumps it (`pg_dump`'s custom format on PostgreSQL; SQLite's `VACUUM INTO`, a consistent copy),
then the public media and the private files (letter attachments) copied through their storages, disk or S3, each
with its SHA-256 in the manifest. The database is dumped first: a file uploaded while the files are copied is
an extra the database does not name, never a row without its file. Secrets (DJANGO_SECRET_KEY, the storage and
mail credentials) are not in it: docs/operations.md says where they belong.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path, PurePosixPath
from typing import Any

from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import connection

STORAGES = {"media": "default", "private": "private"}


class BackupFailed(Exception):
    """What went wrong, in words an operator can act on."""


def walk(storage: Storage, folder: str = "") -> list[str]:
    folders, files = storage.listdir(folder)
    found = [str(PurePosixPath(folder, name)) if folder else name for name in files]
    for name in folders:
        found += walk(storage, str(PurePosixPath(folder, name)) if folder else name)
    return found


def copy_out(storage: Storage, target: Path) -> dict[str, str]:
    digests = {}
    for name in sorted(walk(storage)):
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with storage.open(name, "rb") as source, path.open("wb") as out:
            while chunk := source.read(1 << 20):
                digest.update(chunk)
                out.write(chunk)
        digests[name] = digest.hexdigest()
    return digests


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def database_url_parts() -> dict[str, Any]:
    return connection.settings_dict


def dump_database(target: Path) -> str:
    settings = database_url_parts()
    if connection.vendor == "sqlite":
        path = target / "database.sqlite3"
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(path)])
        return path.name
    if connection.vendor != "postgresql":
        raise BackupFailed(f"backup_site knows SQLite and PostgreSQL, not {connection.vendor}.")
    path = target / "database.dump"
    run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(path)], settings)
    return path.name


def run(command: list[str], settings: dict[str, Any], *extra: str) -> None:
    """A PostgreSQL client program with this install's connection, passed in the environment, not the command line
    (where `ps` would show the password)."""
    env = {
        "PGHOST": str(settings.get("HOST") or ""),
        "PGPORT": str(settings.get("PORT") or ""),
        "PGUSER": str(settings.get("USER") or ""),
        "PGPASSWORD": str(settings.get("PASSWORD") or ""),
        "PGDATABASE": str(settings["NAME"]),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    }
    program = shutil.which(command[0], path=env["PATH"])
    if program is None:
        raise BackupFailed(f"{command[0]} is not installed: install PostgreSQL's client programs (postgresql-client).")
    environment = {k: v for k, v in env.items() if v}
    result = subprocess.run([program, *command[1:], *extra], env=environment, capture_output=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupFailed(f"{command[0]} failed: {result.stderr.decode(errors='replace').strip()[-2000:]}")


def backup(target: Path) -> dict[str, Any]:
    target.mkdir(parents=True, exist_ok=True)
    if any(target.iterdir()):
        raise BackupFailed(f"{target} is not empty: back up into a new folder.")
    database = dump_database(target)
    files = {folder: copy_out(storages[name], target / folder) for folder, name in STORAGES.items()}
    manifest = {
        "kind": "better-together-cms-backup",
        "taken_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "database": {"vendor": connection.vendor, "file": database},
        "files": files,
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return manifest


def restore(source: Path) -> dict[str, Any]:
    """Into this install's database (empty: no tables yet) and storages, from a folder `backup` wrote."""
    manifest = json.loads((source / "manifest.json").read_text())
    if manifest.get("kind") != "better-together-cms-backup":
        raise BackupFailed(f"{source} is not a backup made by backup_site.")
    if manifest["database"]["vendor"] != connection.vendor:
        raise BackupFailed(
            f"The backup is of a {manifest['database']['vendor']} database; this install uses {connection.vendor}."
        )
    if connection.introspection.table_names():
        raise BackupFailed("This install's database has tables already: restore into a new, empty database.")
    dump = source / manifest["database"]["file"]
    if connection.vendor == "sqlite":
        connection.close()
        shutil.copyfile(dump, connection.settings_dict["NAME"])
    else:
        run(["pg_restore", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"],
            database_url_parts(), "--dbname", str(connection.settings_dict["NAME"]), str(dump))  # fmt: skip
    for folder, name in STORAGES.items():
        storage = storages[name]
        for path, digest in manifest["files"][folder].items():
            local = source / folder / path
            if sha256_of(local) != digest:
                raise BackupFailed(f"{folder}/{path} does not match its checksum: the backup is damaged.")
            if storage.exists(path):
                storage.delete(path)
            with local.open("rb") as stream:
                storage.save(path, File(stream, name=path))
    return manifest
