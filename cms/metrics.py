"""Prometheus metrics at `/metrics` (prometheus-client), for the alert rules in docs/operations.md.

Counted as they happen, in each process (under gunicorn, summed across its worker processes through
prometheus-client's multi-process mode, `PROMETHEUS_MULTIPROC_DIR`, set up in config/gunicorn.conf.py):
requests and their duration by route, GraphQL operation and status, SQL statements per request, and the
response cache's hits and misses. Read from the database when scraped, so every app server reports the same
truth: the outbox's depth and oldest message, webhook deliveries failing per endpoint, the worker's last tick,
and what each app adds through a `metrics` hook (the fleet: screens online and offline, alerts in force, the
last heartbeat per school).

Who may read it: with METRICS_TOKEN set, a request bearing it (`Authorization: Bearer …`); without, only a
request made on this machine straight to the app server (loopback, not through a proxy). nginx refuses it from
outside in any case.
"""

from __future__ import annotations

import hmac
import os
import time
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.db.models import Count, Min, Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.registry import REGISTRY, Collector
from wagtail import hooks

REQUESTS = Counter(
    "btcms_requests",
    "Answers given, by route, GraphQL operation and status.",
    ["method", "route", "operation", "status"],
)
DURATION = Histogram(
    "btcms_request_duration_seconds",
    "Time to answer, by route and GraphQL operation.",
    ["route", "operation"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
SQL = Histogram(
    "btcms_request_sql_statements",
    "SQL statements per request, by route.",
    ["route"],
    buckets=(0, 1, 2, 4, 8, 16, 32, 64),
)
RESPONSE_CACHE = Counter(
    "btcms_response_cache_lookups", "Lookups of a kept GraphQL answer or site page: hit or miss.", ["outcome"]
)
OPERATIONS_KEPT = 200  # distinct operation names per process; more are counted as "other"
_operations: set[str] = set()


def observe_request(method: str, route: str, operation: str | None, status: int, seconds: float, sql: int) -> None:
    if operation is not None and operation not in _operations:
        if len(_operations) < OPERATIONS_KEPT:
            _operations.add(operation)
        else:
            operation = "other"
    name = operation or ""
    REQUESTS.labels(method, route, name, str(status)).inc()
    DURATION.labels(route, name).observe(seconds)
    SQL.labels(route).observe(sql)


def cache_lookup(hit: bool) -> None:
    RESPONSE_CACHE.labels("hit" if hit else "miss").inc()


def gauge(name: str, documentation: str, labels: Iterable[str] = (), rows: Iterable[tuple] = ()) -> Metric:
    """A gauge family; each row is its label values then its value."""
    family = GaugeMetricFamily(name, documentation, labels=list(labels))
    for *values, value in rows:
        family.add_metric([str(v) for v in values], float(value))
    return family


def core_metrics() -> Iterator[Metric]:
    from cms.models import OutboundEmail, WorkerBeat
    from cms.webhooks.models import WebhookDelivery

    now = timezone.now()
    queued = OutboundEmail.objects.filter(status=OutboundEmail.Status.QUEUED).aggregate(
        n=Count("pk"), o=Min("created_at")
    )
    yield gauge("btcms_outbox_depth", "Email waiting to be sent.", rows=[(queued["n"],)])
    oldest = (now - queued["o"]).total_seconds() if queued["o"] else 0
    yield gauge("btcms_outbox_oldest_age_seconds", "Age of the oldest email waiting (0: none).", rows=[(oldest,)])
    waiting = WebhookDelivery.objects.filter(status=WebhookDelivery.Status.QUEUED)
    yield gauge("btcms_webhook_deliveries_waiting", "Webhook deliveries waiting to be sent.", rows=[(waiting.count(),)])
    failing = (
        WebhookDelivery.objects.filter(
            Q(status=WebhookDelivery.Status.FAILED) | Q(status=WebhookDelivery.Status.QUEUED, attempts__gt=0)
        )
        .values_list("endpoint__name")
        .annotate(n=Count("pk"))
    )
    yield gauge(
        "btcms_webhook_deliveries_failing",
        "Webhook deliveries that failed at least once and are retried, or were given up, per endpoint.",
        ["endpoint"],
        failing,
    )
    beat = WorkerBeat.objects.order_by("-last_tick_at").first()
    age = (now - beat.last_tick_at).total_seconds() if beat else float("inf")
    yield gauge("btcms_worker_last_tick_age_seconds", "Seconds since a worker last finished a tick.", rows=[(age,)])


class DatabaseCollector(Collector):
    """What the database knows, read at each scrape: ours, then each app's `metrics` hook."""

    def collect(self) -> Iterator[Metric]:
        yield from core_metrics()
        for more in hooks.get_hooks("metrics"):
            yield from more()


def exposition() -> bytes:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        counted = CollectorRegistry()
        multiprocess.MultiProcessCollector(counted)
    else:
        counted = REGISTRY
    read = CollectorRegistry()
    read.register(DatabaseCollector())
    started = time.perf_counter()
    body = generate_latest(counted) + generate_latest(read)
    took = f"# btcms scrape took {time.perf_counter() - started:.4f} s\n"
    return body + took.encode()


def allowed(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    if token:
        sent = request.headers.get("Authorization", "")
        return hmac.compare_digest(sent.encode(), f"Bearer {token}".encode())
    direct = "HTTP_X_FORWARDED_FOR" not in request.META
    return direct and request.META.get("REMOTE_ADDR") in ("127.0.0.1", "::1")


def metrics_view(request: HttpRequest) -> HttpResponse:
    if not allowed(request):
        return HttpResponse(status=404)
    response = HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response


MetricsHook = Callable[[], Iterable[Metric]]
