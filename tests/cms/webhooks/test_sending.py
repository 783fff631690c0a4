"""Deliveries reach a real receiver on loopback, signed; a failing receiver gets them on a retry, one that
stays down sees them given up; unsafe addresses are never called."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cms.webhooks.addresses import check_url
from cms.webhooks.models import WebhookDelivery, WebhookEndpoint
from cms.webhooks.sending import retry_wait, send_due, send_due_webhooks
from cms.webhooks.signing import InvalidSignature, verify
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


def publish_story(campaign, django_capture_on_commit_callbacks, slug: str = "ada"):
    story = StoryPageFactory(parent=campaign, slug=slug)
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
    return story


def test_publishing_a_story_delivers_one_signed_event(campaign, receiver, django_capture_on_commit_callbacks) -> None:
    endpoint = WebhookEndpoint.objects.create(name="Site build", url=receiver.url)
    story = publish_story(campaign, django_capture_on_commit_callbacks)

    (sent,) = receiver.received
    verify(endpoint.secret, sent.headers, sent.body)
    event = json.loads(sent.body)
    delivery = WebhookDelivery.objects.get()
    assert sent.headers["webhook-id"] == event["id"] == str(delivery.uuid)
    assert sent.headers["content-type"] == "application/json"
    assert event["type"] == "page.published" and event["locale"] == "en" and event["generation"] >= 1
    assert event["items"] == [
        {"type": "StoryPage", "id": str(story.pk), "locale": "en", "urlPath": "/better-together/ada/"}
    ]
    assert datetime.datetime.fromisoformat(event["occurredAt"]) <= timezone.now()
    assert (delivery.status, delivery.attempts, delivery.response_code, delivery.response_excerpt) == (
        "delivered", 1, 200, "ok"
    )  # fmt: skip
    assert delivery.latency_ms is not None
    endpoint.refresh_from_db()
    assert endpoint.last_success_at is not None and endpoint.failing_since is None


def test_a_tampered_body_a_wrong_secret_and_an_old_timestamp_fail_the_check(
    campaign, receiver, django_capture_on_commit_callbacks
) -> None:
    endpoint = WebhookEndpoint.objects.create(name="Site build", url=receiver.url)
    publish_story(campaign, django_capture_on_commit_callbacks)
    (sent,) = receiver.received
    with pytest.raises(InvalidSignature, match="does not match"):
        verify(endpoint.secret, sent.headers, sent.body.replace(b"ada", b"eve"))
    with pytest.raises(InvalidSignature, match="does not match"):
        verify(WebhookEndpoint(name="x", url="https://x.example.org/").secret, sent.headers, sent.body)
    later = int(sent.headers["webhook-timestamp"]) + 3600
    with pytest.raises(InvalidSignature, match="replayed"):
        verify(endpoint.secret, sent.headers, sent.body, now=later)


def test_a_receiver_answering_500_then_200_gets_the_event_on_the_retry(
    campaign, receiver, django_capture_on_commit_callbacks
) -> None:
    endpoint = WebhookEndpoint.objects.create(name="Site build", url=receiver.url)
    receiver.answers = [500]
    publish_story(campaign, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("queued", 1, 500)
    assert delivery.response_excerpt == "try later" and "answered 500" in delivery.last_error
    assert delivery.next_attempt_at - delivery.last_attempt_at == retry_wait(1) == datetime.timedelta(seconds=30)
    endpoint.refresh_from_db()
    assert endpoint.failing_since is not None

    assert send_due_webhooks() == {"delivered": 0, "deferred": 0, "gave_up": 0}  # not due yet
    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    assert send_due_webhooks()["delivered"] == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code, delivery.last_error) == (
        "delivered",
        2,
        200,
        "",
    )
    assert [r.headers["webhook-id"] for r in receiver.received] == [str(delivery.uuid)] * 2
    endpoint.refresh_from_db()
    assert endpoint.failing_since is None


def test_a_receiver_down_for_the_retry_window_sees_the_delivery_given_up(
    campaign, settings, free_port, django_capture_on_commit_callbacks
) -> None:
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True
    WebhookEndpoint.objects.create(name="Gone", url=f"http://127.0.0.1:{free_port}/")
    publish_story(campaign, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "queued" and "Connection" in delivery.last_error
    assert [retry_wait(n).total_seconds() for n in (1, 2, 3, 8, 20)] == [30, 60, 120, 3600, 3600]

    WebhookDelivery.objects.update(
        next_attempt_at=timezone.now(),
        created_at=timezone.now() - datetime.timedelta(hours=settings.WEBHOOK_RETRY_HOURS),
    )
    assert send_due()["gave_up"] == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.get_status_display(), delivery.attempts) == ("failed", "Gave up", 2)
    assert send_due() == {}


def test_a_switched_off_endpoint_keeps_its_deliveries_waiting(
    campaign, receiver, django_capture_on_commit_callbacks
) -> None:
    endpoint = WebhookEndpoint.objects.create(name="Site build", url=receiver.url)
    StoryPageFactory(parent=campaign, slug="ada").save_revision().publish()
    endpoint.is_active = False
    endpoint.save()
    assert send_due() == {} and receiver.received == []
    endpoint.is_active = True
    endpoint.save()
    assert send_due()["delivered"] == 1


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("ftp://example.org/hook", "Only http and https"),
        ("https://user:pass@example.org/hook", "no user name or password"),
        ("http://127.0.0.1:8000/hook", "private, loopback or link-local"),
        ("http://10.1.2.3/hook", "private, loopback or link-local"),
        ("http://169.254.169.254/latest/meta-data/", "private, loopback or link-local"),
        ("http://[::1]/hook", "private, loopback or link-local"),
        ("http://[::ffff:192.168.0.1]/hook", "private, loopback or link-local"),
        ("http://localhost/hook", "private, loopback or link-local"),
        ("http://0.0.0.0/hook", "private, loopback or link-local"),
    ],
)
def test_unsafe_targets_are_refused_with_the_reason(url: str, why: str) -> None:
    with pytest.raises(ValidationError, match=why):
        check_url(url)


def test_an_endpoint_on_a_private_address_is_never_called(
    campaign, receiver, settings, django_capture_on_commit_callbacks
) -> None:
    WebhookEndpoint.objects.create(name="Internal", url=receiver.url)
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    publish_story(campaign, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert receiver.received == [] and delivery.status == "queued"
    assert "loopback" in delivery.last_error and delivery.response_code is None


def test_a_premiere_reaches_the_receiver_from_the_worker_with_no_request(campaign, receiver) -> None:
    from unittest import mock

    from cms.worker import tick

    WebhookEndpoint.objects.create(name="Site build", url=receiver.url, events=["story.premiered"])
    tick()  # the worker's first look sets its clock
    story = StoryPageFactory(parent=campaign, slug="ada", premiere_at=timezone.now() + datetime.timedelta(minutes=1))
    tick()
    assert receiver.received == []
    with mock.patch("django.utils.timezone.now", return_value=story.premiere_at + datetime.timedelta(seconds=20)):
        tick()
    (sent,) = receiver.received
    event = json.loads(sent.body)
    assert event["type"] == "story.premiered" and event["items"][0]["id"] == str(story.pk)
