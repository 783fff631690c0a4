"""A CAP source speaks only for the <sender> values registered for it: it can neither cancel, update nor pre-empt
another source's alerts, and identifiers are unique per source."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from displays.alerts import alerts_for
from displays.models import Alert, AlertSource
from tests.displays.cap_messages import (
    OTHER_CERTIFICATE,
    OTHER_KEY,
    OTHER_TOKEN,
    SENDER,
    SENDER_CERTIFICATE,
    SENDER_KEY,
    cap_time,
    cap_xml,
    post_cap,
    signed,
)

pytestmark = pytest.mark.django_db
COUNTY = "eoc@piercecountywa.gov"


def from_district(xml: str) -> bytes:
    return signed(xml, SENDER_KEY, SENDER_CERTIFICATE)


def from_county(xml: str) -> bytes:
    return signed(xml, OTHER_KEY, OTHER_CERTIFICATE)


def test_a_sender_not_registered_for_the_source_is_refused_naming_both(
    client, cap_source: AlertSource, other_cap_source: AlertSource
) -> None:
    answer = post_cap(client, from_county(cap_xml(sender=SENDER)), token=OTHER_TOKEN)
    assert answer.status_code == 403, answer.content
    body = answer.json()
    assert body["error"] == "wrong_sender"
    assert SENDER in body["message"] and "County emergency management" in body["message"]
    assert COUNTY in body["message"]  # what it may use
    assert not Alert.objects.exists()


def test_another_source_cannot_cancel_or_update_an_alert_it_did_not_send(
    client, cap_source: AlertSource, other_cap_source: AlertSource
) -> None:
    sent = cap_time()
    district = post_cap(client, from_district(cap_xml("TPS-1", sent=sent)))
    assert district.status_code == 201
    reference = f"{SENDER},TPS-1,{sent}"
    for msg_type in ("Cancel", "Update"):
        answer = post_cap(
            client,
            from_county(cap_xml(f"PC-{msg_type}", msg_type, references=reference, sender=COUNTY)),
            token=OTHER_TOKEN,
        )
        assert answer.status_code == 422, answer.content
        assert answer.json()["error"] == "unknown_reference"
    alert = Alert.objects.get(pk=district.json()["alert"])
    assert alert.cleared_at is None and [each.id for each in alerts_for()[0]] == [alert.pk]
    # Its own source still can.
    cancel = post_cap(client, from_district(cap_xml("TPS-2", "Cancel", references=reference)))
    assert cancel.status_code == 200 and cancel.json()["status"] == "cleared"


def test_another_source_cannot_pre_empt_a_sources_next_identifier(
    client, cap_source: AlertSource, other_cap_source: AlertSource
) -> None:
    # With the district's <sender>: refused outright.
    forged = post_cap(client, from_county(cap_xml("TPS-7", sender=SENDER)), token=OTHER_TOKEN)
    assert forged.status_code == 403
    # Even were both registered with the same <sender>, identifiers are the source's own.
    other_cap_source.cap_senders = f"{COUNTY}\n{SENDER}"
    other_cap_source.save()
    assert post_cap(client, from_county(cap_xml("TPS-7", sender=SENDER)), token=OTHER_TOKEN).status_code == 201
    genuine = post_cap(client, from_district(cap_xml("TPS-7")))
    assert genuine.status_code == 201 and genuine.json()["status"] == "issued"
    assert Alert.objects.get(pk=genuine.json()["alert"]).source == cap_source
    assert post_cap(client, from_district(cap_xml("TPS-7"))).json()["status"] == "unchanged"


def test_a_source_may_use_each_of_its_registered_senders(client, cap_source: AlertSource) -> None:
    cap_source.cap_senders = f"\n  {SENDER}  \nnotify@tacoma.k12.wa.us\n"
    cap_source.save()
    assert cap_source.sender_values == [SENDER, "notify@tacoma.k12.wa.us"]
    assert post_cap(client, from_district(cap_xml("A-1"))).status_code == 201
    assert post_cap(client, from_district(cap_xml("A-1", sender="notify@tacoma.k12.wa.us"))).status_code == 201


def test_editors_register_a_sources_senders_in_admin(admin_client, cap_source: AlertSource) -> None:
    edit = admin_client.get(reverse("alertsource:edit", args=[cap_source.pk]))
    assert edit.status_code == 200
    assert b"one per line" in edit.content and b"refused (403)" in edit.content
    answer = admin_client.post(
        reverse("alertsource:edit", args=[cap_source.pk]),
        {"name": cap_source.name, "cap_senders": f"{SENDER}\nnotify@tacoma.k12.wa.us", "certificate": "x"},
        follow=True,
    )
    assert answer.status_code == 200
    cap_source.refresh_from_db()
    assert cap_source.sender_values == [SENDER, "notify@tacoma.k12.wa.us"]


def test_the_migration_registers_each_source_with_the_senders_of_the_alerts_it_sent(
    cap_source: AlertSource, other_cap_source: AlertSource
) -> None:
    AlertSource.objects.update(cap_senders="")
    for sender, identifier in ((SENDER, "1"), (SENDER, "2"), ("old@tacoma.k12.wa.us", "3")):
        Alert.objects.create(source=cap_source, cap_sender=sender, cap_identifier=identifier)
    Alert.objects.create(source=None, cap_sender="orphan@example.org", cap_identifier="4")
    Alert.objects.create(source=other_cap_source)  # issued in admin: no CAP sender
    migration = importlib.import_module("displays.migrations.0004_cap_sender_registration")
    migration.register_senders_from_their_alerts(apps, None)
    cap_source.refresh_from_db()
    other_cap_source.refresh_from_db()
    assert cap_source.sender_values == ["alerts@tacoma.k12.wa.us", "old@tacoma.k12.wa.us"]
    assert other_cap_source.sender_values == []
