"""GET /display/api/alerts: the alerts a screen must show now, in its languages, and when to ask again."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from cms.i18n import default_language_code, supported_language
from cms.models import School
from displays.alerts import alert_json, alerts_for
from displays.credentials import bearer_secret, display_id_for_request
from displays.heartbeats import cached_snapshot
from displays.pulse import pulse_numbers

MAX_LANGUAGES = 4


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": code, "message": message}, status=status)


def _languages(raw: str) -> list[str] | JsonResponse:
    asked = [part.strip() for part in raw.split(",") if part.strip()] or [default_language_code()]
    if len(asked) > MAX_LANGUAGES:
        return _error(400, "too_many_languages", f"Ask for at most {MAX_LANGUAGES} languages, not {len(asked)}.")
    languages = []
    for code in asked:
        known = supported_language(code)
        if known is None:
            return _error(400, "unknown_language", f"'{code}' is not one of the site's content languages.")
        if known not in languages:
            languages.append(known)
    return languages


@csrf_exempt
@require_GET
def alerts(request: HttpRequest) -> JsonResponse:
    """With a screen's credential: its own scope and languages. Without: `?school=<slug>&locale=en,es`."""
    if bearer_secret(request) is not None:
        # The screen's id and settings come from the cache, as for its heartbeat: a whole fleet asking at once
        # (a new alert) reads no database row.
        display_id = display_id_for_request(request)
        state = cached_snapshot(display_id, pulse_numbers()["fleet"]) if display_id else None
        if state is None:
            return _error(401, "unpaired", "This screen's credential is unknown or revoked; pair it again.")
        config = state["config"]
        found, until = alerts_for(school=config["school"], display_id=display_id, fresh=True)
        languages = list(config["languages"] or [default_language_code()])[:MAX_LANGUAGES]
    else:
        asked = _languages(request.GET.get("locale", ""))
        if isinstance(asked, JsonResponse):
            return asked
        languages = asked
        slug = request.GET.get("school", "").strip()
        if slug and not School.objects.filter(slug=slug).exists():
            return _error(404, "unknown_school", f"No school has the slug '{slug}'.")
        found, until = alerts_for(school=slug or None, fresh=True)
    response = JsonResponse(
        {
            "alerts": [alert_json(alert, languages) for alert in found],
            "validUntil": until.isoformat() if until else None,
        }
    )
    response["Cache-Control"] = "no-store"
    return response
