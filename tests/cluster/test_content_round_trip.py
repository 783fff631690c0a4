"""Leave whenever you like, and come back from a backup: on PostgreSQL with media on S3, as production runs.

The demo content, with a letter-of-support request (its attachment in the private bucket) and an interest-form
submission beside it, is
- exported with `export_content` and imported with `import_content` into a new database and new buckets: every
  answer of docs/queries.md in every language and of the schema walk is the same;
- backed up with `backup_site` and restored with `restore_site` into another new database and buckets: the same
  answers, every submission and letter, and every attachment byte for byte.
Each install names its media by the same public domain (S3_MEDIA_DOMAIN), as a district's CDN would, so that
answers carrying media addresses can be compared whole.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from moto.server import ThreadedMotoServer

from tests.services import PostgresServer, manage, s3_buckets

pytestmark = [pytest.mark.cluster, pytest.mark.xdist_group("cluster")]

SETUP = """
from partners.intake.attachments import Upload, save_attachments
from partners.models import InterestFormPage, InterestSubmission, LetterOfSupportPage
from tests.partners.test_letter_workflow import PDF, make_letter
letter = make_letter(LetterOfSupportPage.objects.get(locale__language_code="en"))
save_attachments(letter, [Upload(name="plan for 2027.pdf", content_type="application/pdf", data=PDF)])
page = InterestFormPage.objects.get(locale__language_code="en")
InterestSubmission.objects.create(page=page, form_data={"organization": "Eastside", "email": "ana@example.org"})
"""

RECORDS = """
import hashlib, json, sys
from django.core import serializers
from partners.models import InterestSubmission, LetterOfSupportRequest
from partners.intake.attachments import LetterAttachment
rows = {
    "submissions": json.loads(serializers.serialize("json", InterestSubmission.objects.order_by("pk"))),
    "letters": json.loads(serializers.serialize("json", LetterOfSupportRequest.objects.order_by("pk"))),
    "attachments": [
        [a.file.name, hashlib.sha256(a.file.open("rb").read()).hexdigest()]
        for a in LetterAttachment.objects.order_by("pk")
    ],
}
open(sys.argv[-1], "w").write(json.dumps(rows, sort_keys=True))
"""


class Installs:
    def __init__(self, folder: Path, postgres: PostgresServer, s3: str) -> None:
        self.folder, self.postgres, self.s3 = folder, postgres, s3
        self.inherited = {
            k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_", "REDIS", "DATABASE"))
        }

    def env(self, name: str) -> dict[str, str]:
        """Production settings on database `name` and buckets of that name."""
        self.postgres.create_database(name)
        return {
            **self.inherited,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": "round-trip-secret-key-0123456789-0123456789-0123456789",
            "DATABASE_URL": self.postgres.url(name),
            "ALLOWED_HOSTS": "testserver,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "LOG_LEVEL": "WARNING",
            "LOG_REQUESTS": "false",
            "S3_MEDIA_DOMAIN": "media.district.example",
            "PATH": f"{self.postgres.bin}:{os.environ['PATH']}",
            **s3_buckets(self.s3, f"{name}-media", f"{name}-private"),
        }

    def answers(self, env: dict[str, str], name: str) -> dict:
        path = self.folder / f"{name}.json"
        manage(env, "shell", "-c", f"from tests.portable_answers import main; main({str(path)!r})")
        return json.loads(path.read_text())

    def records(self, env: dict[str, str], name: str) -> dict:
        path = self.folder / f"{name}-records.json"
        script = self.folder / "records.py"
        script.write_text(RECORDS)
        manage(env, "shell", "-c", f"import sys; sys.argv.append({str(path)!r}); exec(open({str(script)!r}).read())")
        return json.loads(path.read_text())


@pytest.fixture(scope="module")
def installs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installs]:
    postgres = PostgresServer()
    postgres.start()
    s3 = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    s3.start()
    host, port = s3.get_host_and_port()
    try:
        yield Installs(tmp_path_factory.mktemp("round-trip"), postgres, f"http://{host}:{port}")
    finally:
        s3.stop()
        postgres.stop()
        postgres.remove()


@pytest.fixture(scope="module")
def source(installs: Installs) -> tuple[dict[str, str], dict, dict]:
    env = installs.env("source")
    manage(env, "migrate", "--noinput")
    manage(env, "seed_demo")
    manage(env, "shell", "-c", SETUP)
    return env, installs.answers(env, "source"), installs.records(env, "source")


def differences(before: dict, after: dict) -> list[str]:
    return [key for key in sorted(set(before) | set(after)) if before.get(key) != after.get(key)]


def test_the_content_exported_and_imported_into_a_new_install_answers_the_same(installs: Installs, source) -> None:
    env, answers, _ = source
    archive = installs.folder / "content.tar.gz"
    printed = manage(env, "export_content", str(archive))
    assert "Exported" in printed and "missing" not in printed
    target = installs.env("imported")
    manage(target, "migrate", "--noinput")
    manage(target, "import_content", str(archive))
    after = installs.answers(target, "imported")
    assert len(answers) > 60
    assert differences(answers, after) == []
    # Nothing a person sent travels with the content.
    assert installs.records(target, "imported") == {"submissions": [], "letters": [], "attachments": []}


def test_a_backup_restored_into_a_new_database_and_buckets_is_the_same_site(installs: Installs, source) -> None:
    env, answers, records = source
    assert len(records["letters"]) == 1 and len(records["attachments"]) == 1 and len(records["submissions"]) == 1
    folder = installs.folder / "backup"
    manage(env, "backup_site", str(folder))
    target = installs.env("restored")
    manage(target, "restore_site", str(folder))
    manage(target, "migrate", "--noinput")
    assert installs.records(target, "restored") == records
    assert differences(answers, installs.answers(target, "restored")) == []
