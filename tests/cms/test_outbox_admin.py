"""The outbox in admin: staff see what was sent and what waits, and can send a given-up message again."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.urls import reverse

from cms.models import OutboundEmail
from cms.outbox import queue_email

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client: Client) -> Client:
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "x"))
    return client


@pytest.fixture
def given_up() -> OutboundEmail:
    message = queue_email(to=["ana@example.org"], subject="Your request", body="Hello.", topic="letter.status")
    OutboundEmail.objects.filter(pk=message.pk).update(
        status=OutboundEmail.Status.FAILED, attempts=12, last_error="SMTPServerDisconnected: gone"
    )
    return message


def test_the_listing_and_the_message(admin_client: Client, given_up: OutboundEmail) -> None:
    listing = admin_client.get(reverse("outgoing_email:index"))
    assert listing.status_code == 200 and "Your request" in listing.content.decode()
    page = admin_client.get(reverse("outgoing_email:edit", args=[given_up.pk])).content.decode()
    assert "Gave up after 12 attempts" in page and "SMTPServerDisconnected: gone" in page
    assert "Send again" in page


def test_send_again_queues_and_sends_it(admin_client: Client, given_up: OutboundEmail) -> None:
    response = admin_client.post(reverse("outgoing_email:requeue", args=[given_up.pk]))
    assert response.status_code == 302
    given_up.refresh_from_db()
    assert given_up.status == OutboundEmail.Status.SENT
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]


def test_messages_are_never_added_or_edited_by_hand(admin_client: Client, given_up: OutboundEmail) -> None:
    add = reverse("outgoing_email:add")
    assert admin_client.get(add).status_code in (302, 403)
    admin_client.post(add, {"subject": "Made up", "body": "x", "to": '["x@example.org"]', "topic": "x"})
    assert list(OutboundEmail.objects.values_list("subject", flat=True)) == ["Your request"]
    edit = reverse("outgoing_email:edit", args=[given_up.pk])
    admin_client.post(edit, {"subject": "Changed", "body": "Changed"})
    given_up.refresh_from_db()
    assert given_up.subject == "Your request" and given_up.body == "Hello."


def test_staff_without_permission_are_turned_away(client: Client, given_up: OutboundEmail) -> None:
    user = get_user_model().objects.create_user("editor", "e@example.org", "x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(reverse("outgoing_email:index")).status_code in (302, 403)
    assert client.post(reverse("outgoing_email:requeue", args=[given_up.pk])).status_code in (302, 403)
    given_up.refresh_from_db()
    assert given_up.status == OutboundEmail.Status.FAILED
