"""An IPv6 address that carries an IPv4 address for a relay or translator is as unsafe as the IPv4 address inside."""

from __future__ import annotations

import ipaddress

import pytest
from django.core.exceptions import ValidationError

from cms.webhooks.addresses import check_url, embedded_ipv4

# Each private, loopback, link-local or otherwise non-public IPv4 address, as 32 bits of hex in two groups.
INNER = {
    "127.0.0.1": ("7f00", "0001"),
    "10.1.2.3": ("0a01", "0203"),
    "192.168.0.1": ("c0a8", "0001"),
    "172.16.5.4": ("ac10", "0504"),
    "169.254.169.254": ("a9fe", "a9fe"),
    "100.64.0.1": ("6440", "0001"),
    "0.0.0.0": ("0000", "0000"),  # noqa: S104 (an address inside another, not a bind)
}


def _teredo_client(high: str, low: str) -> tuple[str, str]:
    """Teredo stores its client's IPv4 address with every bit inverted."""
    return f"{int(high, 16) ^ 0xFFFF:04x}", f"{int(low, 16) ^ 0xFFFF:04x}"


def _forms(high: str, low: str) -> list[str]:
    t_high, t_low = _teredo_client(high, low)
    return [
        f"::ffff:{high}:{low}",  # IPv4-mapped
        f"::{high}:{low}",  # IPv4-compatible
        f"2002:{high}:{low}::",  # 6to4
        f"2002:{high}:{low}:1::1",  # 6to4, a host on the relay's subnet
        f"2001:0:4136:e378:8000:63bf:{t_high}:{t_low}",  # Teredo: the client
        f"2001:0:{high}:{low}::1",  # Teredo: the server
        f"64:ff9b::{high}:{low}",  # NAT64, the well-known prefix
        f"64:ff9b:1:{high}:{low[:2]}:{low[2:]}00::",  # NAT64 local-use /48, the IPv4 address after the prefix
        f"64:ff9b:1::{high}:{low}",  # NAT64 local-use, the IPv4 address in the last 32 bits
    ]


@pytest.mark.parametrize("address", [form for inner, (high, low) in INNER.items() for form in _forms(high, low)])
def test_an_ipv6_form_of_a_private_ipv4_address_is_refused(address: str) -> None:
    with pytest.raises(ValidationError, match="private, loopback or link-local"):
        check_url(f"http://[{address}]/hook")


@pytest.mark.parametrize("inner", list(INNER))
def test_each_form_yields_the_ipv4_address_inside(inner: str) -> None:
    for form in _forms(*INNER[inner]):
        assert ipaddress.IPv4Address(inner) in embedded_ipv4(ipaddress.IPv6Address(form)), form


@pytest.mark.parametrize("address", ["2002:808:808::1", "2002:5db8:d822::", "2606:4700:4700::1111"])
def test_a_public_ipv6_address_or_6to4_form_of_a_public_ipv4_address_passes(address: str) -> None:
    check_url(f"http://[{address}]/hook")
