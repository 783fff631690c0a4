"""POST /display/api/cap: a mass-notification system issues, updates or ends an alert with a CAP 1.2 message."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from displays.cap import CapError, receive
from displays.credentials import bearer_secret, digest
from displays.models import AlertSource

CONTENT_TYPES = ("application/cap+xml", "application/xml", "text/xml")
MAX_BODY = 256 * 1024


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": code, "message": message}, status=status)


@csrf_exempt
def cap(request: HttpRequest) -> JsonResponse:
    if request.method != "POST":
        refused = _error(405, "method_not_allowed", f"POST a CAP message here; {request.method} is not answered.")
        refused["Allow"] = "POST"
        return refused
    secret = bearer_secret(request)
    source = AlertSource.objects.filter(token_hash=digest(secret), enabled=True).first() if secret else None
    if source is None:
        return _error(401, "unknown_sender", "Send the token of an enabled CAP sender as 'Authorization: Bearer …'.")
    if request.content_type not in CONTENT_TYPES:
        return _error(
            415,
            "wrong_content_type",
            f"Send CAP XML as {', '.join(CONTENT_TYPES)}, not {request.content_type or 'nothing'}.",
        )
    if len(request.body) > MAX_BODY:
        return _error(400, "too_large", f"The message is larger than {MAX_BODY // 1024} KB.")
    try:
        alert, outcome = receive(request.body, source)
    except CapError as refused:
        return _error(refused.status, refused.code, str(refused))
    AlertSource.objects.filter(pk=source.pk).update(last_used_at=timezone.now())
    return JsonResponse({"alert": str(alert.pk), "status": outcome}, status=201 if outcome == "issued" else 200)
