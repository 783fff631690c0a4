"""The export's format, and what an import refuses, saying why (the round trip itself is
tests/cluster/test_content_round_trip.py, on PostgreSQL and S3)."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from cms.portable import catalogue
from stories.models import StoryPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(seeded, tmp_path: Path) -> Path:
    User.objects.create_user("editor", "editor@example.org", "a-real-password-1")
    out = io.StringIO()
    call_command("export_content", str(tmp_path / "content"), stdout=out)
    assert out.getvalue().startswith("Exported ")
    return tmp_path / "content"


def lines(folder: Path, label: str) -> list[dict]:
    return [json.loads(line) for line in (folder / "data" / f"{label}.jsonl").read_text().splitlines()]


def test_the_export_is_json_lines_per_model_with_its_media_and_a_manifest(exported: Path) -> None:
    manifest = json.loads((exported / "manifest.json").read_text())
    assert manifest["format"] == "better-together-cms-content" and manifest["version"] == 1
    assert [entry["model"] for entry in manifest["models"]] == catalogue.CONTENT
    for entry in manifest["models"]:
        assert len((exported / entry["file"]).read_text().splitlines()) == entry["rows"]
    stories = lines(exported, "stories.storypage")
    assert len(stories) == StoryPage.objects.count() and all(row["model"] == "stories.storypage" for row in stories)
    pages = {row["pk"]: row for row in lines(exported, "wagtailcore.page")}
    assert pages[stories[0]["pk"]]["fields"]["content_type"] == ["stories", "storypage"]  # named, not numbered
    # Every file a row names is there, whole.
    assert manifest["files"] and manifest["missing_files"] == []
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((exported / "media" / name).read_bytes()).hexdigest() == digest
    assert "partners.LetterOfSupportRequest" in manifest["left_out"]["personal data, in the backups"]


def test_no_password_or_personal_submission_leaves_with_the_content(exported: Path) -> None:
    users = lines(exported, "auth.user")
    assert [row["fields"]["username"] for row in users if row["fields"]["username"] == "editor"] == ["editor"]
    assert all("password" not in row["fields"] and "last_login" not in row["fields"] for row in users)
    assert not list((exported / "data").glob("partners.interestsubmission*"))
    assert not list((exported / "data").glob("partners.letterofsupportrequest*"))


def test_an_import_into_an_install_with_content_is_refused_and_changes_nothing(exported: Path) -> None:
    pages = StoryPage.objects.count()
    with pytest.raises(CommandError, match=r"holds \d+ pages already: import into a fresh install"):
        call_command("import_content", str(exported))
    assert StoryPage.objects.count() == pages


def test_what_is_not_an_export_is_refused_saying_what_it_is(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"has no manifest\.json: it is not an export"):
        call_command("import_content", str(tmp_path))
    (tmp_path / "manifest.json").write_text(json.dumps({"format": "other", "version": 7}))
    with pytest.raises(CommandError, match="is format 'other' version 7"):
        call_command("import_content", str(tmp_path))
    with pytest.raises(CommandError, match=r"neither an export folder nor a \.tar\.gz archive"):
        call_command("import_content", str(tmp_path / "nothing.zip"))


def test_an_export_from_other_migrations_is_refused_naming_them(exported: Path, db) -> None:
    manifest = json.loads((exported / "manifest.json").read_text())
    manifest["migrations"]["stories"] = "0099_from_the_future"
    (exported / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match=r"other migrations \(stories: export 0099_from_the_future, here 0"):
        call_command("import_content", str(exported))


def test_an_archive_holds_one_export_folder_and_no_folder_is_written_twice(seeded, tmp_path: Path) -> None:
    call_command("export_content", str(tmp_path / "content.tar.gz"), stdout=io.StringIO())
    with tarfile.open(tmp_path / "content.tar.gz") as archive:
        names = archive.getnames()
    assert "content/manifest.json" in names and all(name.startswith("content") for name in names)
    with pytest.raises(CommandError, match="exists already"):
        call_command("export_content", str(tmp_path / "content.tar.gz"), stdout=io.StringIO())
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    with pytest.raises(CommandError, match="is not empty: export into a new folder"):
        call_command("export_content", str(tmp_path / "full"), stdout=io.StringIO())


def test_every_model_is_either_exported_or_left_out_for_a_stated_reason() -> None:
    """A new model must be placed: in the export, or in LEFT_OUT with why (docs/export.md)."""
    from django.apps import apps

    placed = set(catalogue.CONTENT) | {label for labels in catalogue.LEFT_OUT.values() for label in labels}
    models = {m._meta.label for m in apps.get_models() if not m._meta.proxy and not m._meta.auto_created}
    assert models - placed == set()
    # And nothing listed is unknown, but for the search index's SQLite-only model.
    assert placed - models <= {"wagtailsearch.SQLiteFTSIndexEntry"}
