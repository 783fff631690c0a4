"""GET /display/api/alerts: the alerts a screen must show now, in its languages, and when to ask again."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from cms.i18n import default_language_code, supported_language
from cms.models import School
from displays.alerts import alert_json, alerts_for
from displays.credentials import bearer_secret, display_for_request

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
        display = display_for_request(request)
        if display is None:
            return _error(401, "unpaired", "This screen's credential is unknown or revoked; pair it again.")
        found, until = alerts_for(display=display)
        languages = list(display.languages or [default_language_code()])[:MAX_LANGUAGES]
    else:
        languages = _languages(request.GET.get("locale", ""))
        if isinstance(languages, JsonResponse):
            return languages
        slug = request.GET.get("school", "").strip()
        school_id = None
        if slug:
            school_id = School.objects.filter(slug=slug).values_list("id", flat=True).first()
            if school_id is None:
                return _error(404, "unknown_school", f"No school has the slug '{slug}'.")
        found, until = alerts_for(school_id=school_id)
    response = JsonResponse(
        {
            "alerts": [alert_json(alert, languages) for alert in found],
            "validUntil": until.isoformat() if until else None,
        }
    )
    response["Cache-Control"] = "no-store"
    return response
