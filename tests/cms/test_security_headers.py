"""Every answer carries a Content-Security-Policy and a Permissions-Policy: HTML pages, the admin, GraphiQL,
GraphQL's JSON and static files alike; the public pages allow no inline script or style at all."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def directives(answer) -> dict[str, list[str]]:
    policy = answer["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/", {}),
        ("/better-together/", {}),
        ("/display/", {}),
        ("/graphql/?query=%7B__typename%7D", {"HTTP_ACCEPT": "application/json"}),
        ("/admin/login/", {}),
        ("/static/cms/site.css", {}),
        ("/no-such-page/", {}),
    ],
)
def test_every_answer_carries_both_policies(client: Client, campaign, path: str, headers: dict) -> None:
    answer = client.get(path, **headers)
    assert answer.status_code in (200, 404), path
    found = directives(answer)
    assert found["default-src"] == ["'self'"] and found["object-src"] == ["'none'"]
    assert found["base-uri"] == ["'self'"]
    assert "camera=()" in answer["Permissions-Policy"] and "microphone=()" in answer["Permissions-Policy"]
    assert "geolocation=()" in answer["Permissions-Policy"]


@pytest.mark.parametrize("path", ["/", "/better-together/", "/display/"])
def test_public_pages_allow_no_inline_script_or_style(client: Client, campaign, path: str) -> None:
    found = directives(client.get(path))
    for directive in ("script-src", "style-src"):
        assert found[directive] == ["'self'"], (directive, found[directive])


def test_the_admin_allows_the_inline_scripts_and_styles_wagtail_uses(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    found = directives(client.get("/admin/"))
    assert found["script-src"] == ["'self'", "'unsafe-inline'"]
    assert found["style-src"] == ["'self'", "'unsafe-inline'"]
    assert found["object-src"] == ["'none'"]


def test_graphiql_runs_its_inline_script_and_style_by_nonce(client: Client, db) -> None:
    answer = client.get("/graphql/", HTTP_ACCEPT="text/html")
    assert answer.status_code == 200
    found = directives(answer)
    (nonce,) = re.findall(r"'nonce-([^']+)'", " ".join(found["script-src"]))
    assert found["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert found["style-src"] == ["'self'", f"'nonce-{nonce}'"]
    html = answer.content.decode()
    assert html.count(f'nonce="{nonce}"') == 2
    assert len(re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)) == 1  # the one inline script, with its nonce


def test_each_graphiql_page_has_a_nonce_of_its_own(client: Client, db) -> None:
    first = client.get("/graphql/", HTTP_ACCEPT="text/html")["Content-Security-Policy"]
    assert client.get("/graphql/", HTTP_ACCEPT="text/html")["Content-Security-Policy"] != first
