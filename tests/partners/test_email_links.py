"""Links in the emails intake sends lead to the site's configured address, never to a placeholder host."""

from __future__ import annotations

import re

import pytest

from cms.models import OutboundEmail
from tests.partners.test_letter_requests import send

pytestmark = pytest.mark.django_db

BASE = "https://schools.example.org"


def test_the_confirmation_links_the_status_check_on_the_configured_site(
    graphql, settings, letter_page, letter_input
) -> None:
    settings.WAGTAILADMIN_BASE_URL = BASE
    token = send(graphql, letter_input)["statusToken"]
    body = OutboundEmail.objects.get(topic="letter.confirm").body
    links = re.findall(r"https?://\S+", body)
    assert links == [f"{BASE}{letter_page.url}#status={token}"]
    assert "localhost" not in body
    # The office's copy links the request in admin on the same address.
    notice = OutboundEmail.objects.get(topic="letter.notify").body
    assert all(link.startswith(f"{BASE}/admin/") for link in re.findall(r"https?://\S+", notice))
