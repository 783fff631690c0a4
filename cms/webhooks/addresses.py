"""Where deliveries may go: http(s) only, no credentials in the URL, and no private, loopback or link-local
address unless WEBHOOK_ALLOW_PRIVATE_ADDRESSES is on, so an endpoint cannot be used to reach the district's
internal services (server-side request forgery). The address is checked when an endpoint is saved and
again at every attempt (a name may resolve elsewhere later), and the request goes to the address checked.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class Target:
    """A checked destination: connect to `ip`, name `host` in the Host header and for TLS."""

    scheme: str
    host: str
    ip: str
    port: int
    path: str


# IPv6 prefixes whose addresses carry an IPv4 address that a relay or translator forwards to, so an address in them
# is only as safe as the IPv4 address inside (RFC 6052, 4291, 3056, 4380, 8215).
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_LOCAL_NAT64 = ipaddress.IPv6Network("64:ff9b:1::/48")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")


def embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries for a relay or translator to reach: IPv4-mapped, IPv4-compatible,
    6to4, Teredo (its server and its client, whose bits are stored inverted) and NAT64 (the well-known prefix and
    the local-use /48, where the IPv4 address may sit after the /48 or in the last 32 bits)."""
    found: list[ipaddress.IPv4Address] = []
    if ip.ipv4_mapped is not None:
        found.append(ip.ipv4_mapped)
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    if ip.teredo is not None:
        found.extend(ip.teredo)
    last_32 = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip in _NAT64 or ip in _IPV4_COMPATIBLE:
        found.append(last_32)
    if ip in _LOCAL_NAT64:
        packed = ip.packed
        found += [ipaddress.IPv4Address(packed[6:8] + packed[9:11]), last_32]
    return found


def _unsafe(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and any(_unsafe(inner) for inner in embedded_ipv4(ip)):
        return True
    return not ip.is_global or ip.is_multicast or ip.is_reserved or ip.is_unspecified


def resolve_target(url: str) -> Target:
    """Check a URL and resolve its host; raises ValidationError saying why a URL is refused."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        raise ValidationError(f"Only http and https URLs can receive webhooks, not '{parts.scheme or url}'.")
    if parts.username is not None or parts.password is not None:
        raise ValidationError("Put no user name or password in the URL: receivers check the signature instead.")
    host = parts.hostname
    if not host:
        raise ValidationError("The URL has no host name.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise ValidationError(f"The URL's port is not a number: {error}.") from error
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise ValidationError(f"The host name '{host}' does not resolve.") from error
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found]
    if not settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES:
        unsafe = [str(ip) for ip in addresses if _unsafe(ip)]
        if unsafe:
            raise ValidationError(
                f"'{host}' is a private, loopback or link-local address ({', '.join(unsafe)}): webhooks go only "
                "to public addresses (WEBHOOK_ALLOW_PRIVATE_ADDRESSES allows others)."
            )
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(parts.scheme, host, str(addresses[0]), port, path)


def check_url(url: str) -> None:
    """For forms: raises ValidationError when deliveries could not go to `url`."""
    resolve_target(url)
