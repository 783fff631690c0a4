"""The embedded default, as `make run` runs it: the development settings on one SQLite file with the in-process
cache, `runserver` and `run_worker --loop` as two processes, webhooks sent from background threads of the server.

Editors working at once while deliveries are in flight each get their change made (SQLite takes the writers in
turn instead of answering 500 "database is locked"), and a change made by another process (a shell) reaches the
server's answers within a second or so (the content generation is a counter in the database, not in a process).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.cluster.conftest import ADMIN_PASSWORD, AdminSession, graphql
from tests.services import ROOT, WebhookReceiver, WorkerProcess, free_port, manage, wait_for_port

pytestmark = [pytest.mark.cluster, pytest.mark.xdist_group("cluster")]

EDITORS = 4
ACTIONS_PER_EDITOR = 10
DOCUMENT = "Better Together 2022-23 printed calendar"
DOCUMENTS = "{ documents { title } }"

SETUP = """
import json
from cms.webhooks.models import WebhookEndpoint
from stories.models import StoryPage
WebhookEndpoint.objects.create(name="Slow site build", url="{url}")
print(json.dumps(list(StoryPage.objects.live().filter(locale__language_code="en").values_list("pk", flat=True))))
"""
# What a district staffer might do from `manage.py shell`: file a public document away in a staff-only collection.
RESTRICT = """
import time
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction
staff = Collection.get_first_root_node().add_child(name="Staff only")
CollectionViewRestriction.objects.create(collection=staff, restriction_type=CollectionViewRestriction.LOGIN)
document = get_document_model().objects.get(title="{title}")
document.collection = staff
document.save()
print(time.time())  # committed: the shell runs in autocommit
"""


def embedded_env(folder: Path, port: int) -> dict[str, str]:
    """The environment `make run` gives its commands: a SQLite file, no Redis."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_", "REDIS", "DATABASE"))}
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "DJANGO_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "WEBHOOK_ALLOW_PRIVATE_ADDRESSES": "true",
    }


@contextmanager
def dev_server(env: dict[str, str], port: int, log: Path) -> Iterator[subprocess.Popen]:
    """`manage.py runserver` as `make run` starts it (threaded), without the reloader's second process."""
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            wait_for_port(port, "runserver", process)
            yield process
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)


def edit(base: str, pages: list[int]) -> list[tuple[str, int]]:
    """One editor: unpublish a story, publish it again, on to the next; each action's path and status."""
    editor = AdminSession(base, scheme="http")
    done = []
    for n in range(ACTIONS_PER_EDITOR):
        page = pages[n // 2 % len(pages)]
        if n % 2 == 0:
            path = f"/admin/pages/{page}/unpublish/"
            answer = editor.post(path, {"include_descendants": ""})
        else:
            # The page listing's bulk "Publish": publishes the latest revision, as the edit form's Publish does.
            path = f"/admin/bulk/wagtailcore/page/publish/?id={page}&next=/admin/"
            answer = editor.post(path, {})
        done.append((path, answer.status_code))
    return done


def titles(base: str) -> list[str]:
    return [document["title"] for document in graphql(base, DOCUMENTS)["data"]["documents"]]


def first_answer_without(base: str, title: str, give_up: list[float]) -> float:
    """The wall-clock time the server first answered the list without `title` (`inf` if not before `give_up[0]`,
    which the caller moves once it knows when the change committed)."""
    while time.time() < give_up[0]:
        if title not in titles(base):
            return time.time()
        time.sleep(0.1)
    return float("inf")


def test_editors_at_once_and_a_shell_edit_are_served_by_the_embedded_default(tmp_path: Path) -> None:
    started = time.monotonic()
    port = free_port()
    env = embedded_env(tmp_path, port)
    base = f"http://127.0.0.1:{port}"
    manage(env, "migrate", "--noinput")
    manage(env, "seed_demo", "--no-current-year")
    manage(env, "ensure_admin")
    # Each POST is answered 0.3 s late, so the server's sending threads write delivery rows while editors write.
    receiver = WebhookReceiver(delay=0.3)
    stories = json.loads(manage(env, "shell", "-c", SETUP.format(url=receiver.url)).strip().splitlines()[-1])
    assert len(stories) >= EDITORS
    log = tmp_path / "runserver.log"
    worker = WorkerProcess(env)
    try:
        with dev_server(env, port, log):
            shares = [stories[i::EDITORS] for i in range(EDITORS)]
            edits_began = time.monotonic()
            with ThreadPoolExecutor(EDITORS) as pool:
                actions = [action for done in pool.map(lambda pages: edit(base, pages), shares) for action in done]
            edits_ended = time.monotonic()
            failed = [(path, status) for path, status in actions if status != 302]
            server_errors = sum(1 for _, status in actions if status >= 500)
            during = sum(1 for at in list(receiver.received_at) if edits_began <= at <= edits_ended)

            # The server has answered (and cached) the list with the document; a shell then restricts it, while
            # the list is asked for all along, so the server holds a generation it read less than a second before.
            assert DOCUMENT in titles(base)
            with ThreadPoolExecutor(1) as pool:
                give_up = [time.time() + 60]
                gone = pool.submit(first_answer_without, base, DOCUMENT, give_up)
                committed = float(manage(env, "shell", "-c", RESTRICT.format(title=DOCUMENT)).split()[-1])
                give_up[0] = committed + 5
                seen_after = gone.result() - committed
    finally:
        worker.stop()
        receiver.stop()
    locked = log.read_text(errors="replace").count("database is locked")
    print(
        f"\nembedded default: {len(actions)} admin actions from {EDITORS} editors, {server_errors} answered 5xx "
        f"({locked} 'database is locked' in the server log), {len(receiver.bodies)} webhook deliveries "
        f"({during} while the edits went on), the shell's change showed {seen_after:.2f} s after it committed; "
        f"{time.monotonic() - started:.0f} s in all"
    )
    assert not failed, f"{len(failed)} of {len(actions)} admin actions did not redirect: {failed[:8]}"
    assert during > 0, "no webhook delivery reached the receiver while the edits went on"
    # The server reads the generation at most once a second; the rest is a busy 2-core machine's slack.
    assert seen_after < 5, f"the server still listed {DOCUMENT!r} 5 s after a shell put it in a restricted collection"
