"""Several workers sending at once, on PostgreSQL: every delivery reaches its receiver exactly once."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from cms.webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from cms.webhooks.sending import send_due

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def test_workers_racing_deliver_each_delivery_once(receiver) -> None:
    endpoints = [WebhookEndpoint.objects.create(name=f"Site {n}", url=receiver.url) for n in range(3)]
    event = WebhookEvent.objects.create(type="page.published", items=[{"type": "StoryPage", "id": "1"}])
    deliveries = [WebhookDelivery(endpoint=e, event=event) for e in endpoints for _ in range(10)]
    WebhookDelivery.objects.bulk_create(deliveries)
    start = threading.Barrier(4)

    def worker(_: int) -> Counter:
        try:
            start.wait()
            return send_due(limit=5) + send_due(limit=5) + send_due()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=4) as pool:
        totals = sum(pool.map(worker, range(4)), Counter())
    ids = Counter(received.headers["webhook-id"] for received in receiver.received)
    assert totals["delivered"] == 30 and len(ids) == 30 and set(ids.values()) == {1}
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"delivered"}
