"""The outbox: an email is stored in the same transaction as the change that causes it, and sent after
that transaction commits. A mail server that fails or a worker that dies loses nothing: the message
stays queued and `manage.py send_outbox` retries it with growing waits.

Sending is claimed one message at a time with a compare-and-set on `locked_until`, so several app servers
or workers can send at once and each message goes out once; a worker that dies mid-send leaves a lease
(OUTBOX_LEASE_SECONDS, a minute) on that one message, which runs out, and the message is tried again.
It may then reach its recipient twice; its Message-ID, the same on every attempt, lets a mail system tell.
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from collections.abc import Iterable
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cms.leases import renewed, take_leases
from cms.models import OutboundEmail

logger = logging.getLogger("cms.outbox")

MAX_WAIT = datetime.timedelta(hours=6)


def queue_email(
    *, to: Iterable[str], subject: str, body: str, topic: str, about: str = "", reply_to: Iterable[str] = ()
) -> OutboundEmail | None:
    """Store a message to send; None when it has nobody to go to."""
    recipients = _addresses(to)
    if not recipients:
        return None
    return OutboundEmail.objects.create(
        to=recipients,
        reply_to=_addresses(reply_to),
        subject=" ".join(subject.split())[:255],
        body=body,
        topic=topic,
        about=about,
    )


def _addresses(addresses: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(a.strip() for a in addresses if a and a.strip()))


def deliver_after_commit(messages: Iterable[OutboundEmail | None]) -> None:
    """Try to send these as soon as the current transaction commits; failures stay queued for retry."""
    ids = [message.pk for message in messages if message is not None]
    if ids:
        # robust: the change is already committed; a sending problem is logged, never turned into an error page.
        transaction.on_commit(lambda: send_outbox(ids=ids), robust=True)


def retry_wait(attempts: int) -> datetime.timedelta:
    """1, 2, 4, ... minutes after each failure, at most six hours."""
    doublings = min(max(attempts - 1, 0), 16)  # capped before the power, so any attempt count is safe
    return min(datetime.timedelta(minutes=2**doublings), MAX_WAIT)


def _due(now: datetime.datetime):
    return OutboundEmail.objects.filter(status=OutboundEmail.Status.QUEUED, next_attempt_at__lte=now).filter(
        Q(locked_until__isnull=True) | Q(locked_until__lt=now)
    )


def claim(ids: list[int] | None = None, limit: int = 100) -> list[OutboundEmail]:
    """Take a lease on due messages nobody else holds."""
    claimed = take_leases(_due(timezone.now()), seconds=settings.OUTBOX_LEASE_SECONDS, ids=ids, limit=limit)
    return list(OutboundEmail.objects.filter(pk__in=claimed).order_by("pk"))


def message_id(message: OutboundEmail) -> str:
    """The Message-ID header: derived from the row, so every attempt at one message carries the same one."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<outbox.{message.pk}.{message.created_at:%Y%m%d%H%M%S}@{domain}>"


def send_outbox(ids: list[int] | None = None, limit: int = 100) -> Counter:
    """Send up to `limit` due messages (only `ids`, when given), claiming each just before it is sent;
    returns how many were sent, deferred and given up."""
    results: Counter = Counter()
    connection, refused = None, None
    try:
        for _ in range(limit):
            claimed = claim(ids, limit=1)
            if not claimed:
                break
            message = claimed[0]
            if connection is None and refused is None:
                try:
                    connection = get_connection(fail_silently=False)
                    connection.open()
                except Exception as error:  # the mail server is down: every due message waits for the next round
                    connection, refused = None, error
            if refused is not None:
                results[_failed(message, refused)] += 1
            else:
                results[_send(message, connection)] += 1
    finally:
        if connection is not None:
            try:
                connection.close()
            except Exception:
                logger.warning("Closing the mail connection failed", exc_info=True)
    return results


def _send(message: OutboundEmail, connection) -> str:
    try:
        with renewed(OutboundEmail.objects.filter(pk=message.pk), seconds=settings.OUTBOX_LEASE_SECONDS):
            EmailMessage(
                subject=message.subject,
                body=message.body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=message.to,
                reply_to=message.reply_to or None,
                connection=connection,
                headers={"Message-ID": message_id(message), "X-Outbox-Id": str(message.pk)},
            ).send()
    except Exception as error:
        return _failed(message, error)
    OutboundEmail.objects.filter(pk=message.pk).update(
        status=OutboundEmail.Status.SENT,
        sent_at=timezone.now(),
        attempts=message.attempts + 1,
        locked_until=None,
        last_error="",
    )
    return "sent"


def _failed(message: OutboundEmail, error: Exception) -> str:
    attempts = message.attempts + 1
    gave_up = attempts >= settings.OUTBOX_MAX_ATTEMPTS
    logger.warning("Email %s (%s) failed on attempt %s: %s", message.pk, message.topic, attempts, error)
    OutboundEmail.objects.filter(pk=message.pk).update(
        attempts=attempts,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        next_attempt_at=timezone.now() + retry_wait(attempts),
        locked_until=None,
        status=OutboundEmail.Status.FAILED if gave_up else OutboundEmail.Status.QUEUED,
    )
    return "gave_up" if gave_up else "deferred"


def requeue(messages) -> int:
    """Put given-up messages back in the queue, due now (staff do this once the mail server is fixed)."""
    return messages.filter(status=OutboundEmail.Status.FAILED).update(
        status=OutboundEmail.Status.QUEUED, attempts=0, next_attempt_at=timezone.now(), locked_until=None
    )
