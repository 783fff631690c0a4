"""Alerts from a district's mass-notification system, as CAP 1.2 (OASIS Common Alerting Protocol) XML.

A sender (an AlertSource made in admin) posts each message with its token; the message must carry an
enveloped XML Signature made with the key of the certificate stored for the sender, and a <sender> registered
for that source (AlertSource.cap_senders), and must have been sent within CAP_SENT_WINDOW_SECONDS of now. Then:

- msgType Alert issues an alert; Update replaces the alert its <references> name; Cancel all-clears it;
- only status Actual is shown (Test, Exercise, System and Draft are refused, saying so);
- each <info> is one language (en-US -> en); languages the CMS does not carry are left out, English is
  required; headline -> title, description and instruction -> message, as two paragraphs (a blank line between);
- severity Extreme/Severe/Moderate/Minor/Unknown -> extreme/severe/advisory/info/advisory;
- effective or onset -> start (else sent), expires -> end;
- an <area> <geocode> whose valueName is "school" names schools by slug (scope: those schools), else the
  whole district;
- <references> name alerts of the same source only; the same source, sender and identifier twice (one after
  the other or at the same instant) issue one alert.

The signature check, and the forms of signature accepted, are in displays/cap_signature.py.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from lxml import etree

from cms.i18n import default_language_code, supported_language
from cms.models import School
from displays.alerts import clear, log_issue
from displays.cap_signature import CapError, verified
from displays.models import Alert, AlertSource, AlertText

NS = {"cap": "urn:oasis:names:tc:emergency:cap:1.2"}
SEVERITY = {"Extreme": "extreme", "Severe": "severe", "Moderate": "advisory", "Minor": "info", "Unknown": "advisory"}
TITLE_LENGTH, MESSAGE_LENGTH = 120, 600


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


def _text(element: etree._Element, path: str) -> str:
    found = element.find(path, NS)
    return (found.text or "").strip() if found is not None else ""


def _instant(value: str, what: str) -> datetime.datetime | None:
    """A CAP date-time (with its offset), or a 400 naming the element: a well-formed but impossible date
    (month 13, February 30) is refused like a malformed one."""
    if not value:
        return None
    try:
        parsed = parse_datetime(value)
    except ValueError:
        parsed = None
    if parsed is None or timezone.is_naive(parsed):
        raise CapError(400, "malformed", f"<{what}> is not a valid CAP date-time with its offset: {value!r}.")
    return parsed


def _references(value: str) -> list[tuple[str, str]]:
    """The (sender, identifier) of each "sender,identifier,sent" triplet of <references>."""
    references = []
    for triplet in value.split():
        parts = triplet.split(",")
        if len(parts) == 3:
            references.append((parts[0], parts[1]))
    return references


def parsed(root: etree._Element) -> CapMessage:
    """The parts of a CAP 1.2 alert the CMS uses; a missing required element is refused by name."""
    if root.tag != "{urn:oasis:names:tc:emergency:cap:1.2}alert":
        raise CapError(400, "malformed", "The root element must be <alert> in the CAP 1.2 namespace.")
    for required in ("identifier", "sender", "sent", "status", "msgType"):
        if not _text(root, f"cap:{required}"):
            raise CapError(400, "malformed", f"The CAP message has no <{required}>.")
    sent = _instant(_text(root, "cap:sent"), "sent")
    assert sent is not None  # <sent> is required above
    status = _text(root, "cap:status")
    if status != "Actual":
        raise CapError(422, "not_actual", f"Only Actual messages are shown on screens; this one's status is {status}.")
    message = CapMessage(
        sender=_text(root, "cap:sender"),
        identifier=_text(root, "cap:identifier"),
        sent=sent,
        msg_type=_text(root, "cap:msgType"),
        references=_references(_text(root, "cap:references")),
    )
    for info in root.findall("cap:info", NS):
        instants = {name: _instant(_text(info, f"cap:{name}"), name) for name in ("effective", "onset", "expires")}
        language = supported_language((_text(info, "cap:language") or "en-US").split("-")[0].lower())
        if language is None or language in message.texts:
            continue
        title = _text(info, "cap:headline") or _text(info, "cap:event")
        # Two paragraphs: what is happening, then what to do.
        body = "\n\n".join(part for part in (_text(info, "cap:description"), _text(info, "cap:instruction")) if part)
        message.texts[language] = (title[:TITLE_LENGTH], (body or title)[:MESSAGE_LENGTH])
        if language == default_language_code():
            message.severity = SEVERITY.get(_text(info, "cap:severity"), "advisory")
            message.starts_at = instants["effective"] or instants["onset"]
            message.ends_at = instants["expires"]
            for geocode in info.findall("cap:area/cap:geocode", NS):
                if _text(geocode, "cap:valueName").lower() == "school":
                    message.schools += _text(geocode, "cap:value").split()
    return message


def _check_sender(message: CapMessage, source: AlertSource) -> None:
    """A source speaks only for the <sender> values registered for it in admin."""
    if message.sender not in source.sender_values:
        registered = ", ".join(source.sender_values) or "none yet"
        raise CapError(
            403,
            "wrong_sender",
            f"The <sender> {message.sender} is not registered for the CAP source '{source.name}' (registered: "
            f"{registered}); an editor lists a source's sender values in admin, Displays › CAP senders.",
        )


def _check_fresh(message: CapMessage) -> None:
    """Refuse a message sent further from now than CAP_SENT_WINDOW_SECONDS: a replay, or a sender's clock far off."""
    window = datetime.timedelta(seconds=settings.CAP_SENT_WINDOW_SECONDS)
    off = timezone.now() - message.sent
    if abs(off) > window:
        when = "ago" if off > datetime.timedelta(0) else "in the future"
        raise CapError(
            422,
            "not_fresh",
            f"<sent> {message.sent.isoformat()} is {_duration(abs(off))} {when}; a CAP message must be sent within "
            f"{_duration(window)} of the CMS's clock (CAP_SENT_WINDOW_SECONDS).",
        )


def _duration(span: datetime.timedelta) -> str:
    seconds = int(span.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"


def _repeat(message: CapMessage, source: AlertSource) -> Alert | None:
    return Alert.objects.filter(source=source, cap_sender=message.sender, cap_identifier=message.identifier).first()


def _referenced(message: CapMessage, source: AlertSource) -> Alert:
    """The alert the <references> name, among this source's own: another source's alert is never reached."""
    for sender, identifier in message.references:
        found = Alert.objects.filter(source=source, cap_sender=sender, cap_identifier=identifier).first()
        if found is not None:
            return found
    raise CapError(422, "unknown_reference", f"This {message.msg_type} names no alert this CAP source issued.")


def receive(body: bytes, source: AlertSource) -> tuple[Alert, str]:
    """Check, map and apply one CAP message; returns the alert and "issued", "updated", "cleared" or "unchanged"."""
    message = parsed(verified(body, source))
    _check_sender(message, source)
    if message.msg_type not in ("Alert", "Update", "Cancel"):
        raise CapError(422, "unsupported", f"msgType {message.msg_type} is not shown on screens.")
    repeat = _repeat(message, source)
    if repeat is not None:
        return repeat, "unchanged"  # a retry, even one past the window, changes nothing
    _check_fresh(message)
    if message.msg_type == "Cancel":
        target = _referenced(message, source)
        with transaction.atomic():
            # Each transaction here writes first: the no-op update locks the row on PostgreSQL, so copies of one
            # Cancel arriving together clear (and log) it once, and takes SQLite's write lock at once, where a read
            # first would have the copies fail with "database is locked" instead of waiting their turn.
            Alert.objects.filter(pk=target.pk).update(cleared_at=F("cleared_at"))
            target.refresh_from_db(fields=["cleared_at"])
            if target.cleared_at is not None:
                return target, "unchanged"
            return clear(target, None, source_name=source.name), "cleared"
    if default_language_code() not in message.texts:
        raise CapError(422, "no_english", "The message has no <info> in English (en-US), which every alert needs.")
    schools = list(School.objects.filter(slug__in=message.schools))
    unknown = sorted(set(message.schools) - {school.slug for school in schools})
    if unknown:
        raise CapError(422, "unknown_school", f"No school has the slug {', '.join(unknown)}.")
    try:
        with transaction.atomic():
            alert = Alert.objects.create(
                severity=message.severity,
                scope=Alert.Scope.SCHOOLS if schools else Alert.Scope.DISTRICT,
                starts_at=message.starts_at or message.sent,
                ends_at=message.ends_at,
                source=source,
                cap_sender=message.sender,
                cap_identifier=message.identifier,
            )
            # Looked up after the insert (a write first, as for a Cancel); an unknown reference rolls it back.
            replaced = _referenced(message, source) if message.msg_type == "Update" else None
            alert.schools.set(schools)
            for language, (title, text) in message.texts.items():
                AlertText.objects.create(alert=alert, language=language, title=title, message=text)
            if replaced is not None:
                clear(replaced, None, source_name=source.name)
            log_issue(alert, None, source_name=source.name)
    except IntegrityError:
        # Another copy of this message was being issued at the same instant and committed first: the unique
        # (source, sender, identifier) constraint refused this one, which is then that copy's repeat.
        repeat = _repeat(message, source)
        if repeat is None:
            raise
        return repeat, "unchanged"
    return alert, "updated" if replaced is not None else "issued"
