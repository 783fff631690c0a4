"""Sending deliveries: after the change commits (on a background thread of the app server, or inline), and
from the worker for whatever is due again. Each delivery is claimed with a lease, as the email outbox does
(cms.outbox): one at a time, for WEBHOOK_LEASE_SECONDS, renewed while it is sent. Several app servers and
workers never send one twice; a sender that dies leaves a lease on the one delivery it was sending, which
runs out, and that delivery is tried again with the same `webhook-id`, so a receiver can drop the repeat.

A receiver has WEBHOOK_TIMEOUT_SECONDS to answer with a 2xx status. Anything else is a failed attempt:
tried again 30 seconds later, then 1, 2, 4 ... minutes (at most an hour between tries) until
WEBHOOK_RETRY_HOURS after the event, then given up. Redirects are not followed.
"""

from __future__ import annotations

import datetime
import json
import logging
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import urllib3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, transaction
from django.db.models import Q
from django.utils import timezone

from cms.leases import renewed, take_leases, until_idle
from cms.webhooks.addresses import Target, resolve_target
from cms.webhooks.models import WebhookDelivery, WebhookEndpoint
from cms.webhooks.signing import headers as signed_headers

logger = logging.getLogger("cms.webhooks")

USER_AGENT = "BetterTogetherCMS-Webhooks/1"
EXCERPT_BYTES = 500
FIRST_WAIT = datetime.timedelta(seconds=30)
LONGEST_WAIT = datetime.timedelta(hours=1)

_executor: ThreadPoolExecutor | None = None


def retry_wait(attempts: int) -> datetime.timedelta:
    """30 seconds after the first failure, then doubling, at most an hour."""
    doublings = min(max(attempts - 1, 0), 12)
    return min(FIRST_WAIT * 2**doublings, LONGEST_WAIT)


def payload(delivery: WebhookDelivery) -> bytes:
    """The JSON body of a delivery: the same for every attempt, so its signature can be checked anew."""
    event = delivery.event
    body = {
        "id": str(delivery.uuid),
        "type": event.type,
        "occurredAt": event.occurred_at.isoformat(),
        "generation": event.generation,
        "locale": event.locale or None,
        "items": event.items,
        "surrogateKeys": event.surrogate_keys,
    }
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()


def send_after_commit(ids: list[int]) -> None:
    """Send these deliveries once the current transaction commits; what fails waits for the worker."""
    if ids:
        transaction.on_commit(lambda: _dispatch(ids), robust=True)


def _dispatch(ids: list[int]) -> None:
    if not settings.WEBHOOK_SEND_IN_BACKGROUND:
        send_due(ids)
        return
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="webhooks")
    _executor.submit(_send_on_thread, ids)


def _send_on_thread(ids: list[int]) -> None:
    try:
        send_due(ids)
    except Exception:  # the deliveries stay queued: the worker sends them
        logger.exception("Sending webhook deliveries %s failed; the worker tries again.", ids)
    finally:
        connections.close_all()


def _due(now: datetime.datetime):
    return WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.QUEUED, next_attempt_at__lte=now, endpoint__is_active=True
    ).filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))


def claim(ids: list[int] | None = None, limit: int = 100) -> list[WebhookDelivery]:
    """Take a lease on due deliveries nobody else holds."""
    claimed = take_leases(_due(timezone.now()), seconds=settings.WEBHOOK_LEASE_SECONDS, ids=ids, limit=limit)
    return list(WebhookDelivery.objects.filter(pk__in=claimed).select_related("event", "endpoint").order_by("pk"))


def send_due(ids: list[int] | None = None, limit: int = 100) -> Counter:
    """Send up to `limit` due deliveries (only `ids`, when given), claiming each just before it is sent; counts
    delivered, deferred and given up."""
    results: Counter = Counter()
    for _ in range(limit):
        claimed = claim(ids, limit=1)
        if not claimed:
            break
        with renewed(WebhookDelivery.objects.filter(pk=claimed[0].pk), seconds=settings.WEBHOOK_LEASE_SECONDS):
            outcome = attempt(claimed[0])
        results[outcome] += 1
    return results


def attempt(delivery: WebhookDelivery) -> str:
    """One try at a claimed delivery, recorded in its log: 'delivered', 'deferred' or 'gave_up'."""
    body = payload(delivery)
    started = time.monotonic()
    code, excerpt, error = None, "", ""
    try:
        target = resolve_target(delivery.endpoint.url)
        signed = signed_headers(delivery.endpoint.secret, str(delivery.uuid), int(time.time()), body)
        code, excerpt = _post(target, body, signed)
        if not 200 <= code < 300:
            error = f"The receiver answered {code}."
    except ValidationError as refused:
        error = " ".join(refused.messages)
    except Exception as failure:  # timeouts, refused connections, TLS errors: tried again later
        error = f"{type(failure).__name__}: {failure}"
    latency = int((time.monotonic() - started) * 1000)
    return _record(delivery, code, excerpt, latency, error)


def _post(target: Target, body: bytes, signed: dict[str, str]) -> tuple[int, str]:
    """POST to the checked address itself, naming the host for HTTP and TLS; no redirects followed."""
    timeout = urllib3.Timeout(total=settings.WEBHOOK_TIMEOUT_SECONDS)
    default_port = 443 if target.scheme == "https" else 80
    host = target.host if target.port == default_port else f"{target.host}:{target.port}"
    if target.scheme == "https":
        pool: urllib3.HTTPConnectionPool = urllib3.HTTPSConnectionPool(
            target.ip, target.port, timeout=timeout, retries=False, server_hostname=target.host,
            assert_hostname=target.host, cert_reqs="CERT_REQUIRED",
        )  # fmt: skip
    else:
        pool = urllib3.HTTPConnectionPool(target.ip, target.port, timeout=timeout, retries=False)
    sent = {"Host": host, "Content-Type": "application/json", "User-Agent": USER_AGENT, **signed}
    with pool:
        response = pool.urlopen(
            "POST", target.path, body=body, headers=sent, redirect=False, preload_content=False, assert_same_host=False
        )
        try:
            excerpt = response.read(EXCERPT_BYTES).decode("utf-8", "replace")
        finally:
            response.release_conn()
    return response.status, excerpt


def _record(delivery: WebhookDelivery, code: int | None, excerpt: str, latency: int, error: str) -> str:
    now = timezone.now()
    attempts = delivery.attempts + 1
    fields = {
        "attempts": attempts,
        "last_attempt_at": now,
        "response_code": code,
        "response_excerpt": excerpt,
        "latency_ms": latency,
        "last_error": error[:2000],
        "locked_until": None,
    }
    if not error:
        outcome = "delivered"
        fields |= {"status": WebhookDelivery.Status.DELIVERED, "delivered_at": now}
        WebhookEndpoint.objects.filter(pk=delivery.endpoint_id).update(last_success_at=now, failing_since=None)
    else:
        gave_up = now >= delivery.created_at + datetime.timedelta(hours=settings.WEBHOOK_RETRY_HOURS)
        outcome = "gave_up" if gave_up else "deferred"
        fields["status"] = WebhookDelivery.Status.FAILED if gave_up else WebhookDelivery.Status.QUEUED
        fields["next_attempt_at"] = now + retry_wait(attempts)
        WebhookEndpoint.objects.filter(pk=delivery.endpoint_id, failing_since__isnull=True).update(failing_since=now)
        logger.warning("Webhook delivery %s failed (attempt %s): %s", delivery.uuid, attempts, error)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(**fields)
    return outcome


def redeliver(delivery: WebhookDelivery) -> WebhookDelivery:
    """Send an event to the same endpoint again, as a new delivery (with its own id), after commit."""
    again = WebhookDelivery.objects.create(endpoint=delivery.endpoint, event=delivery.event)
    send_after_commit([again.pk])
    return again


def send_due_webhooks() -> dict[str, int]:
    """The worker's duty: every due delivery, batch after batch, until a batch delivers nothing."""
    return until_idle(send_due, ("delivered", "deferred", "gave_up"), "delivered")
