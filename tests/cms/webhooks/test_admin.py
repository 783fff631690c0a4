"""Webhooks in admin: adding an endpoint (unsafe URLs refused in words), its delivery log with "Send again"
and "Send a test event", rolling its secret, and the dashboard's flag on an endpoint failing for a day."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def endpoint(receiver) -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(name="Site build", url=receiver.url)


def test_an_editor_adds_an_endpoint_with_its_events_and_languages(admin_client, receiver) -> None:
    answer = admin_client.post(
        reverse("webhooks:add"),
        {"name": "Site build", "url": receiver.url, "events": ["page.published", "month.turned"], "is_active": "on"},
    )
    assert answer.status_code == 302, answer.context["form"].errors
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["page.published", "month.turned"] and endpoint.secret.startswith("whsec_")
    listing = admin_client.get(reverse("webhooks:index")).content.decode()
    assert "Site build" in listing and "nothing delivered yet" in listing
    edit = admin_client.get(reverse("webhooks:edit", args=[endpoint.pk])).content.decode()
    assert endpoint.secret in edit and "Send a test event" in edit


def test_an_endpoint_on_a_private_address_is_refused_with_the_reason(admin_client) -> None:
    answer = admin_client.post(reverse("webhooks:add"), {"name": "Metadata", "url": "http://169.254.169.254/latest/"})
    assert answer.status_code == 200 and not WebhookEndpoint.objects.exists()
    assert "private, loopback or link-local" in str(answer.context["form"].errors["url"])
    answer = admin_client.post(reverse("webhooks:add"), {"name": "Creds", "url": "https://me:pw@example.org/"})
    assert "no user name or password" in str(answer.context["form"].errors["url"])


def test_the_log_shows_each_delivery_and_a_test_event_and_send_again_make_new_ones(
    admin_client, endpoint, receiver, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("webhooks:send_test", args=[endpoint.pk]))
    delivery = WebhookDelivery.objects.get()
    assert delivery.event.type == "test" and delivery.status == "delivered"
    failed = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event=WebhookEvent.objects.create(type="page.published"),
        status="failed",
        attempts=9,
        response_code=503,
        response_excerpt="Service Unavailable",
        last_error="The receiver answered 503.",
    )
    log = admin_client.get(reverse("webhooks:deliveries", args=[endpoint.pk])).content.decode()
    for shown in (
        "Test event",
        "Delivered",
        "Gave up",
        "503",
        "Service Unavailable",
        "The receiver answered 503.",
        str(failed.uuid),
    ):
        assert shown in log

    with django_capture_on_commit_callbacks(execute=True):
        answer = admin_client.post(reverse("webhooks:send_again", args=[endpoint.pk, failed.pk]))
    assert answer.status_code == 302
    again = WebhookDelivery.objects.exclude(pk__in=[delivery.pk, failed.pk]).get()
    assert again.event == failed.event and again.uuid != failed.uuid and again.status == "delivered"
    assert len(receiver.received) == 2


def test_rolling_the_secret_signs_with_a_new_one(admin_client, endpoint) -> None:
    old = endpoint.secret
    admin_client.post(reverse("webhooks:roll_secret", args=[endpoint.pk]))
    endpoint.refresh_from_db()
    assert endpoint.secret != old and endpoint.secret.startswith("whsec_")


def test_an_endpoint_failing_for_a_day_is_flagged_on_the_dashboard(admin_client, endpoint) -> None:
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(failing_since=timezone.now() - datetime.timedelta(hours=23))
    assert "Webhooks failing" not in admin_client.get(reverse("wagtailadmin_home")).content.decode()
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(failing_since=timezone.now() - datetime.timedelta(hours=25))
    dashboard = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Webhooks failing" in dashboard and reverse("webhooks:deliveries", args=[endpoint.pk]) in dashboard


def test_people_without_the_permission_cannot_see_or_send(client, django_user_model, endpoint) -> None:
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(reverse("webhooks:deliveries", args=[endpoint.pk])).status_code in (302, 403)
    client.post(reverse("webhooks:send_test", args=[endpoint.pk]))
    assert not WebhookDelivery.objects.exists()
