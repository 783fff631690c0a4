"""The two requests of a screen being paired: ask for a code, then check whether an editor has claimed it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from cms import json_body
from cms.graphql.limits import spend
from displays import pairing
from displays.screens import display_config

MAX_BODY = 8 * 1024


def _error(status: int, code: str, message: str, **extra: object) -> JsonResponse:
    response = JsonResponse({"error": code, "message": message, **extra}, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _body(request: HttpRequest) -> dict | JsonResponse:
    if len(request.body) > MAX_BODY:
        return _error(400, "too_large", f"The body is larger than {MAX_BODY // 1024} KB.")
    if not request.body:
        return {}
    try:
        body = json_body.loads(request.body)
    except json_body.TooDeep as deep:
        return _error(400, "too_deep", f"The body is refused: {deep}")
    except (ValueError, UnicodeDecodeError) as problem:
        return _error(400, "invalid_json", f"The body is not JSON: {problem}.")
    if not isinstance(body, dict):
        return _error(400, "invalid_json", "The body must be a JSON object.")
    return body


@csrf_exempt
@require_POST
def pair(request: HttpRequest) -> JsonResponse:
    """POST /display/api/pair: a new pairing code for this screen to show."""
    refused = spend(request, "display-pair", settings.DISPLAY_PAIR_RATE)
    if refused is not None:
        response = _error(429, "rate_limited", refused.message, retryAfterSeconds=refused.retry_after_seconds)
        response["Retry-After"] = str(refused.retry_after_seconds)
        return response
    body = _body(request)
    if isinstance(body, JsonResponse):
        return body
    screen = body.get("screen")
    screen = screen if isinstance(screen, dict) else {}
    info = {key: str(screen[key])[:300] for key in ("width", "height", "userAgent") if key in screen}
    code, secret = pairing.start(info)
    response = JsonResponse(
        {
            "code": pairing.shown(code.code),
            "secret": secret,
            "expiresAt": code.expires_at.isoformat(),
            "checkSeconds": pairing.CHECK_SECONDS,
        },
        status=201,
    )
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt
@require_POST
def pair_status(request: HttpRequest) -> JsonResponse:
    """POST /display/api/pair/status {"secret"}: waiting, or (once) the credential and the screen's settings."""
    body = _body(request)
    if isinstance(body, JsonResponse):
        return body
    secret = body.get("secret")
    if not isinstance(secret, str) or not secret:
        return _error(400, "missing_secret", "Send the secret this screen was given with its code.")
    state, found, credential = pairing.status(secret)
    if state == "unknown":
        return _error(404, "unknown", "No pairing code was given with this secret; ask for a new code.")
    if state == "expired":
        return _error(410, "expired", "This pairing code has expired or was already used; ask for a new code.")
    assert found is not None  # known, so not "unknown"
    if state == "waiting":
        answer: dict[str, Any] = {"status": "waiting", "expiresAt": found.expires_at.isoformat()}
    else:
        assert found.display is not None  # paired
        answer = {"status": "paired", "credential": credential, "display": display_config(found.display)}
    response = JsonResponse(answer)
    response["Cache-Control"] = "no-store"
    return response
