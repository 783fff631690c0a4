"""Signatures as Standard Webhooks (standardwebhooks.com) writes them, so receivers can check them with a
few lines of their own or any of that specification's libraries.

A delivery carries `webhook-id` (the delivery id), `webhook-timestamp` (Unix seconds, the attempt's time)
and `webhook-signature: v1,<base64 HMAC-SHA256>` over `{id}.{timestamp}.{body}`, keyed with the secret's
bytes (the base64 after 'whsec_'). A receiver refuses a timestamp more than five minutes off: an old
delivery replayed fails even with its signature intact.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import Mapping

TOLERANCE_SECONDS = 300


class InvalidSignature(Exception):
    """A delivery whose signature or timestamp does not check out."""


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix("whsec_"))


def signature(secret: str, delivery_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{delivery_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(_key(secret), signed, hashlib.sha256).digest()).decode()


def headers(secret: str, delivery_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        "webhook-id": delivery_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(secret, delivery_id, timestamp, body),
    }


def verify(
    secret: str, sent: Mapping[str, str], body: bytes, *, tolerance: int = TOLERANCE_SECONDS, now: float | None = None
) -> None:
    """Check a delivery as a receiver does; raises InvalidSignature saying what is wrong."""
    found = {name.lower(): value for name, value in sent.items()}
    delivery_id, stamp = found.get("webhook-id", ""), found.get("webhook-timestamp", "")
    if not delivery_id or not stamp.isdigit():
        raise InvalidSignature("The webhook-id or webhook-timestamp header is missing.")
    if abs((now if now is not None else time.time()) - int(stamp)) > tolerance:
        raise InvalidSignature(f"The timestamp is more than {tolerance} seconds off: an old delivery replayed?")
    expected = signature(secret, delivery_id, int(stamp), body).split(",", 1)[1]
    given = [part.split(",", 1)[1] for part in found.get("webhook-signature", "").split() if part.startswith("v1,")]
    if not any(hmac.compare_digest(expected, each) for each in given):
        raise InvalidSignature("The signature does not match the body: the secret is wrong or the body was altered.")
