"""Pairing a new screen: it shows a short code; an editor types it in admin; the screen picks up its own
credential, once. No shared secret ever appears in a URL.

The screen holds a random `secret` (only its SHA-256 is stored) with which it alone can pick up the
credential; the code an editor types is short, unambiguous (no 0/O, 1/I/L), and good for 15 minutes and
one claim.
"""

from __future__ import annotations

import datetime
import re
import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from displays.credentials import digest, issue_credential
from displays.models import Display, PairingCode

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
LIFETIME = datetime.timedelta(minutes=15)
CHECK_SECONDS = 3


class PairingError(ValueError):
    """A code that cannot be claimed; the message says why, in words an editor can act on."""


def shown(code: str) -> str:
    """How a code is shown and typed: K7M-4PQ."""
    return f"{code[:3]}-{code[3:]}"


def normalized(typed: str) -> str:
    """What an editor typed, without spaces or dashes, in capitals."""
    return re.sub(r"[\s\-]", "", typed or "").upper()


def start(screen_info: dict[str, Any] | None = None) -> tuple[PairingCode, str]:
    """A new code for a screen asking to be paired, and the secret only that screen gets."""
    now = timezone.now()
    for _ in range(20):
        code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        secret = secrets.token_urlsafe(32)
        if PairingCode.objects.filter(code=code).exists():
            PairingCode.objects.filter(code=code, expires_at__lte=now).delete()
            continue
        try:
            with transaction.atomic():
                pairing = PairingCode.objects.create(
                    code=code, secret_hash=digest(secret), expires_at=now + LIFETIME, screen_info=screen_info or {}
                )
        except IntegrityError:
            continue
        return pairing, secret
    raise RuntimeError("Could not find a free pairing code.")


def claim(typed: str, user: Any, display: Display | None = None, **new_display: Any) -> Display:
    """Pair the screen showing `typed` with `display`, or with a new one made of `new_display`'s fields.
    Re-pairing an existing display ends its earlier screen's credential."""
    code = normalized(typed)
    with transaction.atomic():
        pairing = PairingCode.objects.select_for_update().filter(code=code).first()
        if pairing is None or len(code) != CODE_LENGTH:
            raise PairingError(f"No screen is showing the code {shown(code)}. Check the code on the screen.")
        if pairing.claimed_at is not None:
            name = pairing.display.name if pairing.display else "another screen"
            raise PairingError(f"The code {shown(code)} was already used to pair '{name}'.")
        if pairing.expires_at <= timezone.now():
            raise PairingError(f"The code {shown(code)} has expired; the screen now shows a new one.")
        if display is None:
            display = Display.objects.create(**new_display)
        pairing.display = display
        pairing.claimed_at = timezone.now()
        pairing.claimed_by = user if getattr(user, "is_authenticated", False) else None
        pairing.pending_credential = issue_credential(display)
        pairing.save(update_fields=["display", "claimed_at", "claimed_by", "pending_credential"])
    return display


def status(secret: str) -> tuple[str, PairingCode | None, str]:
    """For the screen holding `secret`: ("waiting"|"paired"|"expired"|"unknown", the pairing, the credential).
    The credential is handed over once, then erased."""
    with transaction.atomic():
        pairings = PairingCode.objects.select_for_update(of=("self",)).select_related("display__school")
        pairing = pairings.filter(secret_hash=digest(secret or "")).first()
        if pairing is None:
            return "unknown", None, ""
        if pairing.pending_credential:
            credential = pairing.pending_credential
            pairing.pending_credential = ""
            pairing.delivered_at = timezone.now()
            pairing.save(update_fields=["pending_credential", "delivered_at"])
            return "paired", pairing, credential
        if pairing.delivered_at is not None or pairing.expires_at <= timezone.now():
            return "expired", pairing, ""
        return "waiting", pairing, ""


def forget_old_codes() -> int:
    """Delete pairing codes a day past their expiry (a worker duty)."""
    deleted, _ = PairingCode.objects.filter(expires_at__lt=timezone.now() - datetime.timedelta(days=1)).delete()
    return deleted
