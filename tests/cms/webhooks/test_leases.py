"""Deliveries are claimed one at a time, as email is (tests/cms/test_outbox_leases.py): a sender that dies
holds back only the delivery it was sending."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cms.webhooks import sending
from cms.webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent

pytestmark = pytest.mark.django_db


def test_only_the_delivery_being_sent_is_leased(monkeypatch: pytest.MonkeyPatch, receiver) -> None:
    endpoint = WebhookEndpoint.objects.create(name="Site build", url=receiver.url)
    for _ in range(3):
        WebhookDelivery.objects.create(endpoint=endpoint, event=WebhookEvent.objects.create(type="test"))
    original = sending._post
    leased: list[int] = []

    def watched(*args, **kwargs):
        leased.append(WebhookDelivery.objects.filter(locked_until__gt=timezone.now()).count())
        return original(*args, **kwargs)

    monkeypatch.setattr(sending, "_post", watched)
    assert sending.send_due()["delivered"] == 3
    assert leased == [1, 1, 1]
