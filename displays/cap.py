"""Alerts from a district's mass-notification system, as CAP 1.2 (OASIS Common Alerting Protocol) XML.

A sender (an AlertSource made in admin) posts each message with its token; the message must carry an
enveloped XML Signature made with the key of the certificate stored for the sender. Then:

- msgType Alert issues an alert; Update replaces the alert its <references> name; Cancel all-clears it;
- only status Actual is shown (Test, Exercise, System and Draft are refused, saying so);
- each <info> is one language (en-US -> en); languages the CMS does not carry are left out, English is
  required; headline -> title, description and instruction -> message;
- severity Extreme/Severe/Moderate/Minor/Unknown -> extreme/severe/advisory/info/advisory;
- effective or onset -> start (else sent), expires -> end;
- an <area> <geocode> whose valueName is "school" names schools by slug (scope: those schools), else the
  whole district;
- the same sender and identifier twice issue one alert.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from defusedxml import ElementTree as SafeElementTree
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from lxml import etree
from signxml import XMLVerifier
from signxml.exceptions import InvalidInput, SignXMLException

from cms.i18n import default_language_code, supported_language
from cms.models import School
from displays.alerts import clear, log_issue
from displays.models import Alert, AlertSource, AlertText

NS = {"cap": "urn:oasis:names:tc:emergency:cap:1.2"}
SIGNATURE = "{http://www.w3.org/2000/09/xmldsig#}Signature"
SEVERITY = {"Extreme": "extreme", "Severe": "severe", "Moderate": "advisory", "Minor": "info", "Unknown": "advisory"}
TITLE_LENGTH, MESSAGE_LENGTH = 120, 600


class CapError(ValueError):
    """A message refused: `status` is the HTTP status, `code` the error code, the message says why."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code = status, code


@dataclass
class CapMessage:
    sender: str
    identifier: str
    sent: datetime.datetime
    msg_type: str
    references: list[tuple[str, str]]
    severity: str = "advisory"
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None
    schools: list[str] = field(default_factory=list)
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)


def verified(body: bytes, source: AlertSource) -> etree._Element:
    """The message's XML once its signature is checked against the sender's certificate."""
    try:
        SafeElementTree.fromstring(body)  # refuses entity expansion and external entities before lxml sees it
        root = etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except Exception as problem:
        raise CapError(400, "malformed", f"The body is not well-formed XML: {problem}") from problem
    if root.find(f".//{SIGNATURE}") is None:
        raise CapError(401, "unsigned", "The CAP message is not signed: an enveloped XML Signature is required.")
    try:
        result = XMLVerifier().verify(root, x509_cert=source.certificate)
    except (InvalidInput, SignXMLException) as problem:
        raise CapError(401, "bad_signature", f"The message's signature does not verify: {problem}") from problem
    return etree.fromstring(result.signed_xml) if isinstance(result.signed_xml, bytes) else result.signed_xml


def _text(element: etree._Element, path: str) -> str:
    found = element.find(path, NS)
    return (found.text or "").strip() if found is not None else ""


def _instant(value: str, what: str) -> datetime.datetime | None:
    if not value:
        return None
    parsed = parse_datetime(value)
    if parsed is None or timezone.is_naive(parsed):
        raise CapError(400, "malformed", f"<{what}> is not a CAP date-time with its offset: {value!r}.")
    return parsed


def parsed(root: etree._Element) -> CapMessage:
    """The parts of a CAP 1.2 alert the CMS uses; a missing required element is refused by name."""
    if root.tag != "{urn:oasis:names:tc:emergency:cap:1.2}alert":
        raise CapError(400, "malformed", "The root element must be <alert> in the CAP 1.2 namespace.")
    for required in ("identifier", "sender", "sent", "status", "msgType"):
        if not _text(root, f"cap:{required}"):
            raise CapError(400, "malformed", f"The CAP message has no <{required}>.")
    status = _text(root, "cap:status")
    if status != "Actual":
        raise CapError(422, "not_actual", f"Only Actual messages are shown on screens; this one's status is {status}.")
    references = []
    for triplet in _text(root, "cap:references").split():
        parts = triplet.split(",")
        if len(parts) == 3:
            references.append((parts[0], parts[1]))
    message = CapMessage(
        sender=_text(root, "cap:sender"),
        identifier=_text(root, "cap:identifier"),
        sent=_instant(_text(root, "cap:sent"), "sent"),
        msg_type=_text(root, "cap:msgType"),
        references=references,
    )
    for info in root.findall("cap:info", NS):
        language = supported_language((_text(info, "cap:language") or "en-US").split("-")[0].lower())
        if language is None or language in message.texts:
            continue
        title = _text(info, "cap:headline") or _text(info, "cap:event")
        body = "\n".join(part for part in (_text(info, "cap:description"), _text(info, "cap:instruction")) if part)
        message.texts[language] = (title[:TITLE_LENGTH], (body or title)[:MESSAGE_LENGTH])
        if language == default_language_code():
            message.severity = SEVERITY.get(_text(info, "cap:severity"), "advisory")
            message.starts_at = _instant(_text(info, "cap:effective") or _text(info, "cap:onset"), "effective")
            message.ends_at = _instant(_text(info, "cap:expires"), "expires")
            for geocode in info.findall("cap:area/cap:geocode", NS):
                if _text(geocode, "cap:valueName").lower() == "school":
                    message.schools += _text(geocode, "cap:value").split()
    return message


def _referenced(message: CapMessage) -> Alert:
    for sender, identifier in message.references:
        found = Alert.objects.filter(cap_sender=sender, cap_identifier=identifier).first()
        if found is not None:
            return found
    raise CapError(422, "unknown_reference", f"This {message.msg_type} names no alert the CMS holds.")


def receive(body: bytes, source: AlertSource) -> tuple[Alert, str]:
    """Check, map and apply one CAP message; returns the alert and "issued", "updated", "cleared" or "unchanged"."""
    message = parsed(verified(body, source))
    if message.msg_type not in ("Alert", "Update", "Cancel"):
        raise CapError(422, "unsupported", f"msgType {message.msg_type} is not shown on screens.")
    repeat = Alert.objects.filter(cap_sender=message.sender, cap_identifier=message.identifier).first()
    if repeat is not None:
        return repeat, "unchanged"
    if message.msg_type == "Cancel":
        return clear(_referenced(message), None, source_name=source.name), "cleared"
    if default_language_code() not in message.texts:
        raise CapError(422, "no_english", "The message has no <info> in English (en-US), which every alert needs.")
    schools = list(School.objects.filter(slug__in=message.schools))
    unknown = sorted(set(message.schools) - {school.slug for school in schools})
    if unknown:
        raise CapError(422, "unknown_school", f"No school has the slug {', '.join(unknown)}.")
    with transaction.atomic():
        replaced = _referenced(message) if message.msg_type == "Update" else None
        alert = Alert.objects.create(
            severity=message.severity,
            scope=Alert.Scope.SCHOOLS if schools else Alert.Scope.DISTRICT,
            starts_at=message.starts_at or message.sent,
            ends_at=message.ends_at,
            source=source,
            cap_sender=message.sender,
            cap_identifier=message.identifier,
        )
        alert.schools.set(schools)
        for language, (title, text) in message.texts.items():
            AlertText.objects.create(alert=alert, language=language, title=title, message=text)
        if replaced is not None:
            clear(replaced, None, source_name=source.name)
        log_issue(alert, None, source_name=source.name)
    return alert, "updated" if replaced is not None else "issued"
