"""An emergency alert tells webhooks when it is issued and when it ends, by hand or by time."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from unittest import mock

import pytest
from django.utils import timezone

from cms.webhooks.models import WebhookEndpoint, WebhookEvent
from cms.webhooks.signals import emit_timed_events
from displays.alerts import clear, log_issue
from displays.models import Alert

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def endpoint() -> Iterator[WebhookEndpoint]:
    with mock.patch("cms.webhooks.events._send_after_commit"):
        yield WebhookEndpoint.objects.create(name="Status page", url="https://status.example.org/hook")


def told() -> list[tuple[str, str]]:
    return [(event.type, event.items[0]["id"]) for event in WebhookEvent.objects.order_by("pk")]


def test_an_alert_issued_now_and_cleared_by_hand_is_told_of_both_times() -> None:
    alert = Alert.objects.create(scope="district")
    log_issue(alert)
    clear(alert)
    clear(alert)  # clearing twice changes nothing
    assert told() == [("alert.issued", str(alert.pk)), ("alert.ended", str(alert.pk))]
    assert WebhookEvent.objects.first().items[0]["type"] == "Alert"


def test_an_alert_starting_and_ending_later_is_told_of_by_the_worker_then() -> None:
    now = timezone.now()
    emit_timed_events(now)
    alert = Alert.objects.create(
        starts_at=now + datetime.timedelta(minutes=10), ends_at=now + datetime.timedelta(minutes=70)
    )
    log_issue(alert)
    assert told() == []
    emit_timed_events(now + datetime.timedelta(minutes=11))
    emit_timed_events(now + datetime.timedelta(minutes=71))
    assert told() == [("alert.issued", str(alert.pk)), ("alert.ended", str(alert.pk))]


def test_an_alert_for_chosen_screens_is_told_to_no_webhook_endpoint() -> None:
    now = timezone.now()
    emit_timed_events(now)
    at_once = Alert.objects.create(scope="displays")
    later = Alert.objects.create(
        scope="displays", starts_at=now + datetime.timedelta(minutes=10), ends_at=now + datetime.timedelta(minutes=70)
    )
    for alert in (at_once, later):
        log_issue(alert)
    clear(at_once)
    emit_timed_events(now + datetime.timedelta(minutes=11))
    emit_timed_events(now + datetime.timedelta(minutes=71))
    assert told() == []
