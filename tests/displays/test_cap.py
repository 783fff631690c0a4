"""A mass-notification system issues, updates and ends alerts with signed CAP 1.2 messages; anything
malformed, unsigned, signed by another key, or not meant for screens is refused with the reason."""

from __future__ import annotations

import pytest
from wagtail.models import ModelLogEntry

from displays.alerts import alerts_for
from displays.credentials import digest
from displays.models import Alert, AlertSource
from tests.displays.cap_messages import (
    OTHER_CERTIFICATE,
    OTHER_KEY,
    SENDER,
    SENDER_CERTIFICATE,
    SENDER_KEY,
    TOKEN,
    cap_time,
    cap_xml,
    post_cap,
)
from tests.displays.cap_messages import signed as signed_by

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(cap_source: AlertSource) -> AlertSource:
    return cap_source


def signed(xml: str, key: bytes = SENDER_KEY, certificate: str = SENDER_CERTIFICATE) -> bytes:
    return signed_by(xml, key, certificate)


def post(client, body: bytes, token: str = TOKEN, content_type: str = "application/cap+xml"):
    return post_cap(client, body, token, content_type)


def test_a_signed_alert_is_issued_in_its_languages_and_logged_with_its_sender(client, source, school) -> None:
    answer = post(client, signed(cap_xml(schools="mount-tahoma")))
    assert answer.status_code == 201, answer.content
    assert answer.json()["status"] == "issued"
    alert = Alert.objects.get(pk=answer.json()["alert"])
    assert alert.severity == "extreme" and alert.scope == "schools" and list(alert.schools.all()) == [school]
    assert {text.language: text.title for text in alert.texts.all()} == {"en": "Lockdown", "es": "Confinamiento"}
    # Description and instruction are two paragraphs of the message.
    assert alert.texts.get(language="en").message == "Stay in your room.\n\nLock the door."
    assert alert.texts.get(language="es").message == "Quédese en su salón.\n\nCierre la puerta."
    assert [entry.id for entry in alerts_for(school="mount-tahoma")[0]] == [alert.pk]
    entry = ModelLogEntry.objects.get(action="displays.alert.issue", object_id=str(alert.pk))
    assert entry.data == {"source": "District notifications"}
    # The same message again issues nothing new.
    repeat = post(client, signed(cap_xml(schools="mount-tahoma")))
    assert repeat.status_code == 200 and repeat.json() == {"alert": str(alert.pk), "status": "unchanged"}


def test_an_update_replaces_the_alert_and_a_cancel_all_clears_it(client, source) -> None:
    sent = cap_time()
    first = Alert.objects.get(pk=post(client, signed(cap_xml(sent=sent))).json()["alert"])
    reference = f"{SENDER},TPS-1,{sent}"
    update = post(client, signed(cap_xml("TPS-2", "Update", references=reference, severity="Severe")))
    assert update.status_code == 200 and update.json()["status"] == "updated"
    second = Alert.objects.get(pk=update.json()["alert"])
    first.refresh_from_db()
    assert first.cleared_at is not None and second.severity == "severe" and second.cleared_at is None

    cancel = post(client, signed(cap_xml("TPS-3", "Cancel", references=reference.replace("TPS-1", "TPS-2"))))
    assert cancel.status_code == 200 and cancel.json() == {"alert": str(second.pk), "status": "cleared"}
    assert alerts_for()[0] == []


@pytest.mark.parametrize(
    ("body", "status", "code", "words"),
    [
        (b"<alert><unclosed></alert>", 400, "malformed", "not well-formed XML"),
        (cap_xml().encode(), 401, "unsigned", "not signed"),
        (signed(cap_xml(), OTHER_KEY, OTHER_CERTIFICATE), 401, "bad_signature", "does not verify"),
        (signed(cap_xml(status="Exercise")), 422, "not_actual", "status is Exercise"),
        (signed(cap_xml(schools="atlantis")), 422, "unknown_school", "atlantis"),
        (signed(cap_xml(languages=("es-US",))), 422, "no_english", "English"),
    ],
)
def test_bad_messages_are_refused_with_the_reason(client, source, body, status, code, words) -> None:
    answer = post(client, body)
    assert answer.status_code == status, answer.content
    assert answer.json()["error"] == code and words in answer.json()["message"]
    assert not Alert.objects.exists()


def test_a_tampered_message_is_refused(client, source) -> None:
    body = signed(cap_xml()).replace(b"Stay in your room.", b"All is well, go outside.")
    answer = post(client, body)
    assert answer.status_code == 401 and answer.json()["error"] == "bad_signature"


def test_unknown_senders_and_wrong_content_types_are_refused(client, source) -> None:
    assert post(client, signed(cap_xml()), token="guess").status_code == 401
    source.enabled = False
    source.save()
    assert post(client, signed(cap_xml())).json()["error"] == "unknown_sender"
    source.enabled = True
    source.save()
    answer = post(client, signed(cap_xml()), content_type="application/json")
    assert answer.status_code == 415 and "application/cap+xml" in answer.json()["message"]


def test_an_admin_adds_a_sender_whose_token_is_shown_once_and_works(admin_client, client) -> None:
    from django.urls import reverse

    answer = admin_client.post(
        reverse("alertsource:add"),
        {"name": "District notifier", "cap_senders": SENDER, "certificate": SENDER_CERTIFICATE, "enabled": "on"},
        follow=True,
    )
    assert answer.status_code == 200
    sender = AlertSource.objects.get(name="District notifier")
    token = next(str(m) for m in answer.context["messages"]).split("shown only now: ")[1].split(" ")[0]
    assert digest(token) == sender.token_hash and token not in sender.token_hash
    assert post(client, signed(cap_xml()), token=token).status_code == 201


def test_every_refusal_is_json_with_a_code_and_words(client, source) -> None:
    answer = client.get("/display/api/cap")
    assert answer.status_code == 405 and answer["Allow"] == "POST"
    assert answer.json()["error"] == "method_not_allowed" and "POST" in answer.json()["message"]
