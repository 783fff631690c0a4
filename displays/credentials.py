"""A paired screen's credential: a random secret the screen keeps and sends as `Authorization: Bearer …`.
Only its SHA-256 is stored. Looking one up reads the cache first, so a fleet's requests do not each cost a
database read. The cached lookups are kept per fleet number (displays.pulse), which revoking moves in the database:
a revoked credential stops working at once on every app server, even when the cache could not be told."""

from __future__ import annotations

import hashlib
import secrets

from django.core.cache import cache
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from displays.models import Display
from displays.pulse import bump_fleet, pulse_numbers

CACHE_SECONDS = 3600


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _cache_key(hashed: str) -> str:
    return f"displays:credential:{pulse_numbers()['fleet']}:{hashed}"


def issue_credential(display: Display) -> str:
    """A new credential for the screen (any earlier one stops working, on every server, however the cache fares);
    returns the secret, shown once."""
    replaced = bool(display.credential_hash)
    secret = secrets.token_urlsafe(32)
    display.credential_hash = digest(secret)
    display.paired_at = timezone.now()
    display.revoked_at = None
    display.save(update_fields=["credential_hash", "paired_at", "revoked_at"])
    if replaced:
        bump_fleet()
    return secret


def revoke_credential(display: Display) -> None:
    """The screen's credential stops working at once; the screen goes back to showing a pairing code."""
    display.credential_hash = ""
    display.revoked_at = timezone.now()
    display.save(update_fields=["credential_hash", "revoked_at"])
    bump_fleet()


def bearer_secret(request: HttpRequest) -> str | None:
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    return secret.strip() or None if scheme.lower() == "bearer" else None


def display_id_for_request(request: HttpRequest) -> int | None:
    """The id of the screen whose credential the request carries, or None (missing, unknown or revoked)."""
    secret = bearer_secret(request)
    if not secret:
        return None
    hashed = digest(secret)
    key = _cache_key(hashed)
    found = cache.get(key)
    if found is not None:
        return found or None
    display_id = Display.objects.filter(credential_hash=hashed).values_list("pk", flat=True).first()
    cache.set(key, display_id or 0, timeout=CACHE_SECONDS if display_id else 60)
    return display_id


def display_for_request(request: HttpRequest) -> Display | None:
    display_id = display_id_for_request(request)
    return Display.objects.select_related("school").filter(pk=display_id).first() if display_id else None


@receiver(post_delete, sender=Display, dispatch_uid="displays.credentials.deleted")
def deleted(sender: type, instance: Display, **kwargs: object) -> None:
    """A deleted screen's credential stops working at once, as a revoked one does."""
    bump_fleet()
