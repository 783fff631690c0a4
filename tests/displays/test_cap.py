"""A mass-notification system issues, updates and ends alerts with signed CAP 1.2 messages; anything
malformed, unsigned, signed by another key, or not meant for screens is refused with the reason."""

from __future__ import annotations

import datetime

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from lxml import etree
from signxml import XMLSigner
from wagtail.models import ModelLogEntry

from displays.alerts import alerts_for
from displays.credentials import digest
from displays.models import Alert, AlertSource

pytestmark = pytest.mark.django_db

URL = "/display/api/cap"
TOKEN = "cap-sender-token"


def key_and_certificate() -> tuple[bytes, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "District notifications")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30)).sign(key, hashes.SHA256())
    )  # fmt: skip
    pem_key = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return pem_key, certificate.public_bytes(serialization.Encoding.PEM).decode()


SENDER_KEY, SENDER_CERTIFICATE = key_and_certificate()
OTHER_KEY, OTHER_CERTIFICATE = key_and_certificate()


@pytest.fixture
def source(db: None) -> AlertSource:
    return AlertSource.objects.create(
        name="District notifications", token_hash=digest(TOKEN), certificate=SENDER_CERTIFICATE
    )


def cap_xml(
    identifier: str = "TPS-1",
    msg_type: str = "Alert",
    status: str = "Actual",
    references: str = "",
    schools: str = "",
    languages: tuple[str, ...] = ("en-US", "es-US"),
    severity: str = "Extreme",
) -> str:
    geocode = f"<geocode><valueName>school</valueName><value>{schools}</value></geocode>"
    area = f"<area><areaDesc>Schools</areaDesc>{geocode}</area>"
    infos = "".join(
        f"<info><language>{language}</language><category>Safety</category><event>Lockdown</event>"
        f"<urgency>Immediate</urgency><severity>{severity}</severity><certainty>Observed</certainty>"
        f"<headline>{'Lockdown' if language.startswith('en') else 'Confinamiento'}</headline>"
        f"<description>{'Stay in your room.' if language.startswith('en') else 'Quédese en su salón.'}</description>"
        f"<instruction>{'Lock the door.' if language.startswith('en') else 'Cierre la puerta.'}</instruction>"
        f"{area if schools else ''}</info>"
        for language in languages
    )
    refs = f"<references>{references}</references>" if references else ""
    return (
        '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">'
        f"<identifier>{identifier}</identifier><sender>alerts@tacoma.k12.wa.us</sender>"
        f"<sent>2026-11-28T09:00:00-08:00</sent><status>{status}</status><msgType>{msg_type}</msgType>"
        f"<scope>Public</scope>{refs}{infos}</alert>"
    )


def signed(xml: str, key: bytes = SENDER_KEY, certificate: str = SENDER_CERTIFICATE) -> bytes:
    return etree.tostring(XMLSigner().sign(etree.fromstring(xml.encode()), key=key, cert=certificate))


def post(client, body: bytes, token: str = TOKEN, content_type: str = "application/cap+xml"):
    return client.post(URL, body, content_type=content_type, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_a_signed_alert_is_issued_in_its_languages_and_logged_with_its_sender(client, source, school) -> None:
    answer = post(client, signed(cap_xml(schools="mount-tahoma")))
    assert answer.status_code == 201, answer.content
    assert answer.json()["status"] == "issued"
    alert = Alert.objects.get(pk=answer.json()["alert"])
    assert alert.severity == "extreme" and alert.scope == "schools" and list(alert.schools.all()) == [school]
    assert {text.language: text.title for text in alert.texts.all()} == {"en": "Lockdown", "es": "Confinamiento"}
    assert alert.texts.get(language="en").message == "Stay in your room.\nLock the door."
    assert [entry.id for entry in alerts_for(school="mount-tahoma")[0]] == [alert.pk]
    entry = ModelLogEntry.objects.get(action="displays.alert.issue", object_id=str(alert.pk))
    assert entry.data == {"source": "District notifications"}
    # The same message again issues nothing new.
    repeat = post(client, signed(cap_xml(schools="mount-tahoma")))
    assert repeat.status_code == 200 and repeat.json() == {"alert": str(alert.pk), "status": "unchanged"}


def test_an_update_replaces_the_alert_and_a_cancel_all_clears_it(client, source) -> None:
    first = Alert.objects.get(pk=post(client, signed(cap_xml())).json()["alert"])
    reference = "alerts@tacoma.k12.wa.us,TPS-1,2026-11-28T09:00:00-08:00"
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
        {"name": "District notifier", "certificate": SENDER_CERTIFICATE, "enabled": "on"},
        follow=True,
    )
    assert answer.status_code == 200
    sender = AlertSource.objects.get(name="District notifier")
    token = next(str(m) for m in answer.context["messages"]).split("shown only now: ")[1].split(" ")[0]
    assert digest(token) == sender.token_hash and token not in sender.token_hash
    assert post(client, signed(cap_xml()), token=token).status_code == 201
