"""Load an export into a fresh install: `manage.py import_content`.

The install must be migrated to the very migrations the export names, and hold no content of its own yet: what
its migrations created (the root page and welcome page, the default site, collection, locale, groups and
workflow) is replaced by the export's. Rows load in one transaction, a line at a time, with every reference
checked at the end: an import that fails leaves the install as it was. Then what is derived from the content is
rebuilt: the reference index, the search index and the delta-sync journal; and the content generation moves,
so no cached answer from before survives.
"""

from __future__ import annotations

import io
import json
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.files import File
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Page

from cms.portable.catalogue import CONTENT, FORMAT, VERSION
from cms.portable.exporting import applied_migrations


class ImportRefused(Exception):
    """Why an export cannot be loaded here, in words an operator can act on."""


def read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / "manifest.json"
    if not path.exists():
        raise ImportRefused(f"{folder} has no manifest.json: it is not an export made by export_content.")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise ImportRefused(
            f"{path} is format {manifest.get('format')!r} version {manifest.get('version')!r}; "
            f"this install reads {FORMAT!r} version {VERSION}."
        )
    return manifest


def check_install(manifest: dict[str, Any]) -> None:
    ours, theirs = applied_migrations(), manifest["migrations"]
    differ = sorted(app for app in set(ours) | set(theirs) if ours.get(app) != theirs.get(app))
    if differ:
        detail = ", ".join(f"{app}: export {theirs.get(app)}, here {ours.get(app)}" for app in differ[:5])
        raise ImportRefused(
            f"The export was made at other migrations ({detail}). Install the same release as the export's "
            "(or migrate the source first), then import."
        )
    pages = Page.objects.count()
    if pages > 2:
        raise ImportRefused(
            f"This install holds {pages} pages already: import into a fresh install (a new database, "
            "`manage.py migrate`, nothing else), so nothing of either is lost."
        )


def clear_fresh_install() -> None:
    """What a fresh install's migrations made, in the models the export fills: the export brings its own."""
    for label in reversed(CONTENT):
        model = apps.get_model(label)
        if model is Page or issubclass(model, Page):
            continue
        if label in ("wagtailcore.Locale", "wagtailcore.Collection"):
            continue
        model._base_manager.all().delete()
    Page.objects.all().delete()  # the welcome page below the root, then the root (treebeard deletes the tree)
    apps.get_model("wagtailcore.Collection")._base_manager.all().delete()
    apps.get_model("wagtailcore.Locale")._base_manager.all().delete()


def copy_media(folder: Path, manifest: dict[str, Any]) -> int:
    storage = storages["default"]
    for name in manifest["files"]:
        if storage.exists(name):
            storage.delete(name)
        with (folder / "media" / name).open("rb") as source:
            saved = storage.save(name, File(source, name=name))
        if saved != name:
            raise ImportRefused(f"The media storage saved {name} as {saved}: it must keep the export's names.")
    return len(manifest["files"])


def load_folder(folder: Path, log: Any = None) -> dict[str, Any]:
    manifest = read_manifest(folder)
    check_install(manifest)
    files = [str(folder / entry["file"]) for entry in manifest["models"] if entry["rows"]]
    with transaction.atomic():
        clear_fresh_install()
        call_command("loaddata", *files, verbosity=0)
    copied = copy_media(folder, manifest)
    rebuild(log)
    if log:
        log(f"{sum(entry['rows'] for entry in manifest['models'])} rows and {copied} files imported.")
    return manifest


def rebuild(log: Any = None) -> None:
    """What is derived from the content: references, search, the sync journal; then every cache is stale."""
    from cms import generation
    from cms.sync.journal import sync_everything

    quiet = io.StringIO()
    call_command("rebuild_references_index", stdout=quiet)
    call_command("update_index", stdout=quiet)
    sync_everything()
    generation.content_changed()
    if log:
        log("Reference index, search index and sync journal rebuilt.")


def load(source: Path, log: Any = None) -> dict[str, Any]:
    """From an export folder, or from a .tar.gz archive of one."""
    if source.is_dir():
        return load_folder(source, log)
    if not source.name.endswith((".tar.gz", ".tgz")) or not source.exists():
        raise ImportRefused(f"{source} is neither an export folder nor a .tar.gz archive of one.")
    with tempfile.TemporaryDirectory(prefix="btcms-import-") as work:
        with tarfile.open(source, "r:gz") as archive:
            archive.extractall(work, filter="data")  # refuses absolute paths, links out, devices
        folders = [path for path in Path(work).iterdir() if path.is_dir()]
        if len(folders) != 1:
            raise ImportRefused(f"{source} should hold one export folder; it holds {len(folders)}.")
        return load_folder(folders[0], log)
