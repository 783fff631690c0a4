"""The email outbox: what intake queues, sending after commit, a failing mail server, retries and leases."""

from __future__ import annotations

import datetime
import io
import json
import smtplib

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from cms.models import OutboundEmail
from cms.outbox import claim, queue_email, requeue, retry_wait, send_outbox
from partners.models import InterestSubmission

pytestmark = pytest.mark.django_db

SUBMIT = """mutation($v: [FormValueInput!]!) {
  submitInterestForm(slug: "interest-form", values: $v) { ok reference errors { field messages } }
}"""


def submit(client: Client, values: list[dict]) -> dict:
    body = json.dumps({"query": SUBMIT, "variables": {"v": values}})
    return client.post("/graphql/", body, content_type="application/json").json()["data"]["submitInterestForm"]


@pytest.fixture
def mail_server_down(monkeypatch):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    return monkeypatch


def make_due() -> None:
    OutboundEmail.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(seconds=1))


def test_a_submission_queues_a_notice_and_a_copy_then_sends_them(
    client: Client, django_capture_on_commit_callbacks, interest_form, interest_answers
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        result = submit(client, interest_answers)
    assert result["ok"] is True
    notice = OutboundEmail.objects.get(topic="interest.notify")
    assert notice.to == ["partners@example.org"] and notice.reply_to == ["ana@hilltop.example"]
    assert result["reference"] in notice.subject and notice.about == result["reference"]
    for line in (
        "Organization name: Hilltop Bakery",
        "Partner type: Business",
        "What you would like to offer: Internship, One-time donation",
        "Message: We would like to host two interns.",
        "Consent: Yes",
        f"/admin/forms/submissions/{interest_form.pk}/",
    ):
        assert line in notice.body
    copy = OutboundEmail.objects.get(topic="interest.confirm")
    assert copy.to == ["ana@hilltop.example"] and copy.reply_to == ["partners@example.org"]
    assert copy.subject == interest_form.confirmation_subject
    assert copy.body.startswith("Thank you for your interest.")
    assert "Organization name: Hilltop Bakery" in copy.body and result["reference"] in copy.body

    assert {(m.status, m.attempts) for m in OutboundEmail.objects.all()} == {("sent", 1)}
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@hilltop.example", "partners@example.org"]
    assert {m.from_email for m in mail.outbox} == {settings.DEFAULT_FROM_EMAIL}


def test_nothing_is_sent_before_the_submission_commits(client: Client, interest_form, interest_answers) -> None:
    # Without running the on-commit callbacks (the test's transaction never commits), no email leaves.
    submit(client, interest_answers)
    assert OutboundEmail.objects.filter(status="queued").count() == 2
    assert mail.outbox == []


def test_a_failing_mail_server_loses_nothing_and_the_retry_sends_once(
    client: Client, django_capture_on_commit_callbacks, mail_server_down, interest_form, interest_answers
) -> None:
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        result = submit(client, interest_answers)
    assert result["ok"] is True
    assert InterestSubmission.objects.count() == 1
    for message in OutboundEmail.objects.all():
        assert (message.status, message.attempts, message.locked_until) == ("queued", 1, None)
        assert message.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
        assert message.next_attempt_at >= before + retry_wait(1)
    assert send_outbox()["sent"] == 0  # not due yet

    mail_server_down.undo()
    make_due()
    out = io.StringIO()
    call_command("send_outbox", stdout=out)
    assert out.getvalue().strip() == "Outbox: 2 sent, 0 deferred, 0 given up."
    assert len(mail.outbox) == 2
    call_command("send_outbox", stdout=io.StringIO())
    assert len(mail.outbox) == 2
    assert {(m.status, m.attempts, m.last_error) for m in OutboundEmail.objects.all()} == {("sent", 2, "")}


def test_the_command_reports_what_it_could_not_send(mail_server_down) -> None:
    queue_email(to=["a@example.org"], subject="Hello", body="Hi.", topic="test")
    out = io.StringIO()
    call_command("send_outbox", stdout=out)
    assert out.getvalue().strip() == "Outbox: 0 sent, 1 deferred, 0 given up."


def test_waits_grow_and_the_outbox_gives_up_after_the_last_attempt(settings, mail_server_down) -> None:
    assert [retry_wait(n) for n in (1, 2, 3, 4)] == [datetime.timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert retry_wait(30) == datetime.timedelta(hours=6)
    assert retry_wait(10_000) == datetime.timedelta(hours=6)  # however many attempts are allowed
    settings.OUTBOX_MAX_ATTEMPTS = 3
    message = queue_email(to=["a@example.org"], subject="Hello", body="Hi.", topic="test")
    outcomes = []
    for _ in range(3):
        make_due()
        outcomes.append(dict(send_outbox()))
    assert outcomes == [{"deferred": 1}, {"deferred": 1}, {"gave_up": 1}]
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("failed", 3)
    make_due()
    assert claim() == []

    mail_server_down.undo()
    assert requeue(OutboundEmail.objects.all()) == 1
    assert send_outbox()["sent"] == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("sent", 1)


def test_a_lease_keeps_others_off_until_it_expires() -> None:
    message = queue_email(to=["a@example.org"], subject="Hello", body="Hi.", topic="test")
    assert [m.pk for m in claim()] == [message.pk]
    assert claim() == []  # another worker finds it taken
    # The worker that took it died mid-send: once its lease runs out, the message is sent after all.
    OutboundEmail.objects.update(locked_until=timezone.now() - datetime.timedelta(seconds=1))
    assert send_outbox()["sent"] == 1
    assert len(mail.outbox) == 1


def test_addresses_are_cleaned_and_a_message_to_nobody_is_not_stored() -> None:
    assert queue_email(to=["", "  "], subject="Hello", body="Hi.", topic="test") is None
    message = queue_email(
        to=["a@example.org", " a@example.org ", "", "b@example.org"],
        reply_to=[" c@example.org", "c@example.org", ""],
        subject="Hello\nthere",
        body="Hi.",
        topic="t",
    )
    assert message.to == ["a@example.org", "b@example.org"] and message.reply_to == ["c@example.org"]
    assert message.subject == "Hello there"  # no header injection through a line break
    assert OutboundEmail.objects.count() == 1
