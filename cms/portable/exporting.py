"""Write the whole content to a folder (or a .tar.gz archive): `manage.py export_content`.

Each model is read in primary-key order in chunks and written as it is read, one JSON object a line; each file
a row names is copied from its storage (this machine's disk or S3) as a stream. So memory stays flat whatever the
size of the site. The export runs in one repeatable-read transaction on PostgreSQL, so every file agrees with the
others even while editors keep working.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import django
import wagtail
from django.core import serializers
from django.core.files.storage import storages
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder

from cms.portable.catalogue import FORMAT, LEFT_OUT, VERSION, content_models, file_fields, serialized_fields

CHUNK = 1000


class ExactEncoder(DjangoJSONEncoder):
    """Django's JSON, but times keep their microseconds (Django's own encoder cuts them to milliseconds, after
    ECMA-262), so an imported page's dates are the very instants it was published at."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


def counted(rows: Iterator[models.Model], tally: list[int]) -> Iterator[models.Model]:
    for row in rows:
        tally[0] += 1
        yield row


def applied_migrations() -> dict[str, str]:
    """The newest migration applied in each app: an import needs an install at the same point."""
    newest: dict[str, str] = {}
    for app, name in MigrationRecorder.Migration.objects.order_by("app", "name").values_list("app", "name"):
        newest[app] = max(newest.get(app, ""), name)
    return newest


def copy_file(name: str, media: Path, digests: dict[str, str]) -> None:
    if not name or name in digests:
        return
    target = media / name
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with storages["default"].open(name, "rb") as source, target.open("wb") as out:
        while chunk := source.read(1 << 20):
            digest.update(chunk)
            out.write(chunk)
    digests[name] = digest.hexdigest()


def write_folder(folder: Path, log: Any = None) -> dict[str, Any]:
    """The content into `folder` (created; it must be empty): data/*.jsonl, media/…, manifest.json."""
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise ValueError(f"{folder} is not empty: export into a new folder.")
    data, media = folder / "data", folder / "media"
    data.mkdir()
    media.mkdir()
    listed: list[dict[str, Any]] = []
    digests: dict[str, str] = {}
    missing: list[str] = []
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:  # one snapshot for every model and file list
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        for model in content_models():
            label = model._meta.label_lower
            rows = model._base_manager.order_by("pk")
            tally = [0]
            with (data / f"{label}.jsonl").open("w", encoding="utf-8") as stream:
                serializers.serialize(
                    "jsonl",
                    counted(rows.iterator(chunk_size=CHUNK), tally),
                    stream=stream,
                    use_natural_foreign_keys=True,
                    cls=ExactEncoder,
                    fields=serialized_fields(model),
                )
            for field in file_fields(model):
                for name in rows.exclude(**{field.name: ""}).values_list(field.name, flat=True).iterator(CHUNK):
                    try:
                        copy_file(name, media, digests)
                    except FileNotFoundError:
                        missing.append(name)
            listed.append({"model": model._meta.label, "file": f"data/{label}.jsonl", "rows": tally[0]})
            if log:
                log(f"{model._meta.label}: {tally[0]} rows")
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "software": {"django": django.__version__, "wagtail": wagtail.__version__},
            "migrations": applied_migrations(),
            "models": listed,
            "files": dict(sorted(digests.items())),
            "missing_files": sorted(set(missing)),
            "left_out": LEFT_OUT,
        }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def export(target: Path, log: Any = None) -> dict[str, Any]:
    """To a folder, or to a .tar.gz archive of one when `target` ends so."""
    if not target.name.endswith((".tar.gz", ".tgz")):
        return write_folder(target, log)
    if target.exists():
        raise ValueError(f"{target} exists already: choose a new name.")
    with tempfile.TemporaryDirectory(prefix="btcms-export-") as work:
        folder = Path(work) / "content"
        manifest = write_folder(folder, log)
        with tarfile.open(target, "w:gz") as archive:
            archive.add(folder, arcname="content")
        shutil.rmtree(folder)
    return manifest
