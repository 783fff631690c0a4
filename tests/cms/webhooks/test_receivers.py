"""The receivers docs/webhooks.md shows, in Python and in JavaScript, run as written against real
deliveries: they accept a signed event and refuse a tampered or replayed one."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from cms.webhooks.models import WebhookDelivery, WebhookEndpoint
from cms.webhooks.signing import headers as signed_headers
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"
DOC = EXAMPLES.parent / "webhooks.md"
RECEIVERS = {
    "python": [sys.executable, str(EXAMPLES / "webhook_receiver.py")],
    "node": ["node", str(EXAMPLES / "webhook-receiver.mjs")],
}


@pytest.fixture(params=sorted(RECEIVERS))
def documented_receiver(request, settings, free_port, campaign) -> Iterator[tuple[WebhookEndpoint, subprocess.Popen]]:
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True
    endpoint = WebhookEndpoint.objects.create(name="Docs receiver", url=f"http://127.0.0.1:{free_port}/")
    env = {**os.environ, "WEBHOOK_SECRET": endpoint.secret, "PORT": str(free_port)}
    process = subprocess.Popen(RECEIVERS[request.param], env=env, stdout=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 15
    while True:
        try:
            socket.create_connection(("127.0.0.1", free_port), timeout=1).close()
            break
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, "the receiver did not start"
            time.sleep(0.05)
    yield endpoint, process
    process.kill()
    process.wait()


def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, body, {**headers, "Content-Type": "application/json"}, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:  # noqa: S310
            return answer.status
    except urllib.error.HTTPError as refused:
        return refused.code


def test_the_documented_receiver_accepts_a_signed_event_and_refuses_forgeries(
    documented_receiver, campaign, django_capture_on_commit_callbacks
) -> None:
    endpoint, process = documented_receiver
    story = StoryPageFactory(parent=campaign, slug="ada")
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.response_code) == ("delivered", 204)
    assert process.stdout.readline().split() == ["page.published", "/better-together/ada/"]

    body = b'{"id":"x","type":"page.published","items":[]}'
    now = int(time.time())
    signed = signed_headers(endpoint.secret, "msg_1", now, body)
    assert post(endpoint.url, body, signed) == 204
    assert post(endpoint.url, body.replace(b"published", b"deleted"), signed) == 401  # tampered
    old = signed_headers(endpoint.secret, "msg_1", now - 3600, body)
    assert post(endpoint.url, body, old) == 401  # replayed an hour later
    forged = signed_headers("whsec_" + "A" * 44, "msg_1", now, body)
    assert post(endpoint.url, body, forged) == 401


def test_the_docs_show_the_receivers_as_they_run() -> None:
    doc = DOC.read_text()
    for name in ("webhook_receiver.py", "webhook-receiver.mjs"):
        assert (EXAMPLES / name).read_text().strip() in doc
