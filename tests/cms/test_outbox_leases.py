"""Email is claimed one message at a time for a short lease, renewed while it is sent, so a sender that dies
holds back only the message it was sending; a message carries the same Message-ID on every try."""

from __future__ import annotations

import datetime
import smtplib
import time

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from cms.models import OutboundEmail
from cms.outbox import claim, queue_email, send_outbox


def queue(count: int) -> None:
    for n in range(count):
        queue_email(to=["ana@example.org"], subject=f"Message {n}", body="Hello.", topic="test")


@pytest.mark.django_db
def test_only_the_message_being_sent_is_leased_and_for_a_minute_at_most(monkeypatch: pytest.MonkeyPatch) -> None:
    queue(3)
    original = EmailBackend.send_messages
    leased: list[list[float]] = []

    def watched(self, messages):
        now = timezone.now()
        held = OutboundEmail.objects.filter(locked_until__gt=now).values_list("locked_until", flat=True)
        leased.append([(until - now).total_seconds() for until in held])
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", watched)
    assert send_outbox()["sent"] == 3
    assert [len(held) for held in leased] == [1, 1, 1]
    assert all(seconds <= 60 for held in leased for seconds in held)


@pytest.mark.django_db
def test_a_message_carries_the_same_message_id_on_every_attempt(monkeypatch: pytest.MonkeyPatch) -> None:
    queue(1)
    original = EmailBackend.send_messages
    seen: list[str] = []

    def fails_once(self, messages):
        seen.append(messages[0].message()["Message-ID"])
        if len(seen) == 1:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", fails_once)
    assert send_outbox()["deferred"] == 1
    OutboundEmail.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(seconds=1))
    assert send_outbox()["sent"] == 1
    assert seen[0] == seen[1] and seen[0].startswith("<outbox.")
    assert mail.outbox[0].extra_headers["Message-ID"] == seen[0]


@pytest.mark.django_db(transaction=True)  # the lease is renewed on a thread of its own, which sees only commits
def test_a_send_slower_than_its_lease_is_not_claimed_again_while_it_runs(settings, monkeypatch) -> None:
    settings.OUTBOX_LEASE_SECONDS = 0.6
    queue(1)
    original = EmailBackend.send_messages
    claimed_meanwhile: list[list[OutboundEmail]] = []

    def slow(self, messages):
        time.sleep(1.5)  # well past the lease
        claimed_meanwhile.append(claim())  # another sender looking for due mail
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", slow)
    assert send_outbox()["sent"] == 1
    assert claimed_meanwhile == [[]]
    assert len(mail.outbox) == 1
