"""The screens' heartbeat and the fleet's pulse: the two requests every screen makes all day long.

Both are built to cost no database work in the steady state: the pulse is one cache read; the heartbeat
reads the screen's credential and config from the cache and keeps its report there for the next batch
write (displays.heartbeats)."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from cms import json_body
from displays import heartbeats
from displays.credentials import digest, display_id_for_request
from displays.models import Display, PlayTally
from displays.pulse import pulse_numbers
from displays.version import script_version

logger = logging.getLogger("displays.api")

MAX_BODY = 64 * 1024
MAX_DAYS = 7
MAX_ENTRIES = 200
MAX_INT = 2_147_483_647
# A screen's totals for one day can hold no more than the day does: at most 86,400 seconds, and at most one
# showing a second, over all the items it showed. Larger totals (a clock gone wrong, a corrupted store, a forged
# report) are scaled down to the bound and logged, so they never swell the proof-of-play report; the rest of the
# beat still counts.
DAY_SECONDS = 86_400
MAX_DAY_SHOWS = 86_400
SHOWING_KINDS = {"story", "award", "next", "alert", "unavailable", "pairing"}
PLAY_KINDS = set(PlayTally.Kind.values)


class BadBody(ValueError):
    """The heartbeat body is not what the spec says; the message names the field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def error(code: str, message: str, status: int, **extra: Any) -> JsonResponse:
    return JsonResponse({"error": code, "message": message, **extra}, status=status)


def unpaired() -> JsonResponse:
    return error("unpaired", "This screen is not paired (its credential is missing, unknown or revoked).", 401)


def wrong_method(allowed: str) -> JsonResponse:
    response = error("method_not_allowed", f"This address only answers {allowed} requests.", 405)
    response["Allow"] = allowed
    return response


def pulse(request: HttpRequest) -> JsonResponse:
    """The fleet's two counters; screens poll this every few seconds."""
    if request.method not in ("GET", "HEAD"):
        return wrong_method("GET")
    response = JsonResponse(pulse_numbers())
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt
def heartbeat(request: HttpRequest) -> JsonResponse:
    """A screen says it is alive and what it shows; it hears its config, a waiting command, and the pulse."""
    if request.method != "POST":
        return wrong_method("POST")
    display_id = _display_id(request)
    if not display_id:
        return unpaired()
    if len(request.body) > MAX_BODY:
        return error("too_large", f"The heartbeat body is larger than {MAX_BODY // 1024} KB.", 400, field="body")
    try:
        report, plays = parse_heartbeat(request.body)
    except BadBody as bad:
        return error("invalid", str(bad), 400, field=bad.field)
    _bound_day_totals(display_id, plays)
    try:
        numbers = pulse_numbers()
    except Exception:
        numbers = {"alerts": 0, "fleet": 0}
    state = heartbeats.cached_snapshot(display_id, numbers["fleet"])
    if state is None:
        return unpaired()
    heartbeats.record_beat(display_id, report, plays)
    heartbeats.flush_if_due()
    command = state["command"]
    if command and command["id"] <= report.get("commandDone", 0):
        command = None
    response = JsonResponse(
        {"display": state["config"], "command": command, "scriptVersion": script_version(), "pulse": numbers}
    )
    response["Cache-Control"] = "no-store"
    return response


def _display_id(request: HttpRequest) -> int | None:
    try:
        return display_id_for_request(request)
    except Exception:  # the cache is down: the database still knows the credential
        from displays.credentials import bearer_secret

        secret = bearer_secret(request)
        if not secret:
            return None
        return Display.objects.filter(credential_hash=digest(secret)).values_list("pk", flat=True).first()


# --- validating the body -------------------------------------------------------------------------------------


def parse_heartbeat(body: bytes) -> tuple[dict[str, Any], dict[str, list[dict]]]:
    """(the report to keep, the play totals) from a heartbeat body, or BadBody naming the first bad field."""
    try:
        data = json_body.loads(body or b"{}")
    except json_body.TooDeep as deep:
        raise BadBody("body", f"The heartbeat body is refused: {deep}") from None
    except (ValueError, UnicodeDecodeError):
        raise BadBody("body", "The heartbeat body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise BadBody("body", "The heartbeat body must be a JSON object.")
    report: dict[str, Any] = {}
    for field, limit in (("scriptVersion", 64), ("startedAt", 40)):
        if data.get(field) is not None:
            report[field] = _text(data[field], field, limit)
    if "startedAt" in report:
        _instant(report["startedAt"], "startedAt")
    if data.get("offline") is not None:
        if not isinstance(data["offline"], bool):
            raise BadBody("offline", "offline must be true or false.")
        report["offline"] = data["offline"]
    if data.get("showing") is not None:
        report["showing"] = _showing(data["showing"])
    if data.get("screen") is not None:
        screen = _object(data["screen"], "screen")
        report["screen"] = {k: _count(screen[k], f"screen.{k}") for k in ("width", "height") if k in screen}
    report["commandDone"] = _count(data.get("commandDone", 0) or 0, "commandDone")
    plays = _plays(data.get("plays") or {})
    return report, plays


def _showing(value: Any) -> dict[str, Any]:
    showing = _object(value, "showing")
    kind = showing.get("kind")
    if kind not in SHOWING_KINDS:
        raise BadBody("showing.kind", f"showing.kind must be one of {', '.join(sorted(SHOWING_KINDS))}.")
    out: dict[str, Any] = {"kind": kind}
    for field, limit in (("itemId", 40), ("language", 10), ("contentVersion", 100)):
        if showing.get(field) is not None:
            out[field] = _text(showing[field], f"showing.{field}", limit, numbers=field == "itemId")
    return out


def _plays(value: Any) -> dict[str, list[dict]]:
    plays = _object(value, "plays")
    if len(plays) > MAX_DAYS:
        raise BadBody("plays", f"plays may hold at most {MAX_DAYS} days, not {len(plays)}.")
    out: dict[str, list[dict]] = {}
    for day, entries in plays.items():
        where = f"plays.{day}"
        try:
            datetime.date.fromisoformat(day)
        except ValueError:
            raise BadBody(where, f"{where}: the key must be a date like 2026-11-28.") from None
        if not isinstance(entries, list):
            raise BadBody(where, f"{where} must be a list of play totals.")
        if len(entries) > MAX_ENTRIES:
            raise BadBody(where, f"{where} may hold at most {MAX_ENTRIES} entries, not {len(entries)}.")
        out[day] = [_play(entry, f"{where}[{i}]") for i, entry in enumerate(entries)]
    return out


def _play(value: Any, where: str) -> dict[str, Any]:
    entry = _object(value, where)
    if entry.get("kind") not in PLAY_KINDS:
        raise BadBody(f"{where}.kind", f"{where}.kind must be one of {', '.join(sorted(PLAY_KINDS))}.")
    for field in ("itemId", "language"):
        if entry.get(field) in (None, ""):
            raise BadBody(f"{where}.{field}", f"{where}.{field} is required.")
    return {
        "kind": entry["kind"],
        "itemId": _text(entry["itemId"], f"{where}.itemId", 40, numbers=True),
        "label": _text(entry.get("label") or "", f"{where}.label", 200),
        "language": _text(entry["language"], f"{where}.language", 10),
        "shows": _count(entry.get("shows", 0), f"{where}.shows"),
        "seconds": _count(entry.get("seconds", 0), f"{where}.seconds"),
    }


def _bound_day_totals(display_id: int, plays: dict[str, list[dict]]) -> None:
    """Hold a day's shows and seconds, over all its entries, to what one day can hold: a screen shows one thing
    at a time. Totals over the bound are scaled down in proportion, and logged."""
    for day, entries in plays.items():
        for field, bound in (("shows", MAX_DAY_SHOWS), ("seconds", DAY_SECONDS)):
            reported = sum(entry[field] for entry in entries)
            if reported <= bound:
                continue
            logger.warning(
                "Display %s reported %s %s in all on %s, more than a day holds: its entries are scaled to %s.",
                display_id,
                reported,
                field,
                day,
                bound,
            )
            for entry in entries:
                entry[field] = entry[field] * bound // reported


def _object(value: Any, field: str) -> dict:
    if not isinstance(value, dict):
        raise BadBody(field, f"{field} must be a JSON object.")
    return value


def _text(value: Any, field: str, limit: int, numbers: bool = False) -> str:
    if numbers and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise BadBody(field, f"{field} must be a string.")
    if len(value) > limit:
        raise BadBody(field, f"{field} is longer than {limit} characters.")
    return value


def _count(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_INT:
        raise BadBody(field, f"{field} must be a whole number, 0 or more.")
    return value


def _instant(value: str, field: str) -> None:
    try:
        datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise BadBody(field, f"{field} must be a date and time like 2026-11-28T08:00:00Z.") from None
