"""Two production app servers behind nginx, sharing a PostgreSQL, a Redis and an S3 server of the tests' own.

Built once per test run (the cluster tests share one pytest-xdist worker: `xdist_group`): its own PostgreSQL
cluster (so a test can restart it), its own Redis, moto's S3 with the two buckets, the schema migrated and
the demo seeded onto them, then gunicorn twice and nginx in front with config/nginx/cms.conf. The worker's
tests have a PostgreSQL of their own, with the schema only.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from moto.server import ThreadedMotoServer

from tests.services import AppServer, Balancer, PostgresServer, RedisServer, manage, s3_buckets

ADMIN_PASSWORD = "cluster-admin-password-1"


@dataclass
class Cluster:
    postgres: PostgresServer
    redis: RedisServer
    servers: list[AppServer]
    balancer: Balancer
    env: dict[str, str]

    @property
    def front(self) -> str:
        return f"http://127.0.0.1:{self.balancer.port}"

    def direct(self, index: int) -> str:
        return f"http://127.0.0.1:{self.servers[index].port}"


@pytest.fixture(scope="session")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    folder: Path = tmp_path_factory.mktemp("cluster")
    postgres = PostgresServer()
    postgres.start()
    postgres.create_database("cms")
    cache = RedisServer(folder)
    cache.start()
    s3 = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    s3.start()
    host, port = s3.get_host_and_port()
    servers: list[AppServer] = []
    balancer = None
    try:
        inherited = {
            k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_", "REDIS", "DATABASE"))
        }
        env = {
            **inherited,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": "cluster-test-secret-key-shared-by-every-app-server-0123456789",
            "DATABASE_URL": postgres.url("cms"),
            "REDIS_URL": cache.url,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "STATIC_ROOT": str(folder / "static"),
            "LOG_LEVEL": "WARNING",
            "WEB_CONCURRENCY": "1",
            "GUNICORN_THREADS": "4",
            # The balancer, and a CDN before it: a client's own address is the second from the end.
            "TRUSTED_PROXY_COUNT": "2",
            "INTAKE_SUBMIT_RATE": "3/m",
            "WEBHOOK_ALLOW_PRIVATE_ADDRESSES": "true",
            "DJANGO_ADMIN_PASSWORD": ADMIN_PASSWORD,
            **s3_buckets(f"http://{host}:{port}", "cluster-media", "cluster-private"),
        }
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        servers = [AppServer(env, "A"), AppServer(env, "B")]
        balancer = Balancer(folder / "nginx", [server.port for server in servers])
        env["WAGTAILADMIN_BASE_URL"] = f"http://127.0.0.1:{balancer.port}"
        manage(env, "seed_demo", "--no-current-year")
        manage(env, "ensure_admin")
        for server in servers:
            server.start()
        balancer.start()
        yield Cluster(postgres, cache, servers, balancer, env)
    finally:
        if balancer is not None:
            balancer.stop()
        for server in servers:
            server.stop()
        cache.stop()
        s3.stop()
        postgres.stop()
        postgres.remove()


@pytest.fixture(scope="module")
def worker_postgres() -> Iterator[PostgresServer]:
    """A PostgreSQL of the worker's tests' own (test_worker_faults.py), which they restart."""
    server = PostgresServer()
    server.start()
    try:
        server.create_database("cms")
        yield server
    finally:
        server.stop()
        server.remove()


@pytest.fixture(scope="module")
def worker_env(worker_postgres: PostgresServer) -> dict[str, str]:
    """The environment a worker runs in: production settings on that PostgreSQL, the schema migrated (each
    test points mail at its own SMTP sink)."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_", "REDIS", "DATABASE"))}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "worker-test-secret-key-0123456789-0123456789-0123456789",
        "DATABASE_URL": worker_postgres.url("cms"),
        "ALLOWED_HOSTS": "localhost",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_USE_TLS": "false",
        "WEBHOOK_ALLOW_PRIVATE_ADDRESSES": "true",
        "LOG_LEVEL": "INFO",
    }
    manage(env, "migrate", "--noinput")
    return env


def graphql(base: str, query: str, variables: dict | None = None, *, method: str = "GET", **extra) -> dict:
    body = {"query": query, "variables": json.dumps(variables or {})}
    headers = {"Accept": "application/json", "X-Forwarded-For": extra.pop("client", "10.0.0.1") + ", 127.0.0.1"}
    if method == "GET":
        response = requests.get(f"{base}/graphql/", params=body, headers=headers, timeout=30)
    else:
        response = requests.post(f"{base}/graphql/", json={**body, "variables": variables or {}, **extra},
                                 headers=headers, timeout=30)  # fmt: skip
    assert response.status_code == 200, (response.status_code, response.text[:500])
    return response.json()


class AdminSession:
    """An editor signed in to one app server's admin, as a browser behind TLS would be; `scheme="http"`: as a
    browser on the development server (`make run`), which trusts no proxy header and so checks a plain origin."""

    def __init__(self, base: str, *, scheme: str = "https") -> None:
        self.base, self.scheme, self.http = base, scheme, requests.Session()
        self.http.headers.update({"X-Forwarded-Proto": scheme, "X-Forwarded-For": "10.9.9.9, 127.0.0.1"})
        login = self.get("/admin/login/")
        self.post("/admin/login/", {"username": "admin", "password": ADMIN_PASSWORD}, referer=login.url)
        assert "sessionid" in self.http.cookies, "the admin login failed"

    def _cookies_over_plain_http(self) -> None:
        # The cookies are Secure (production); this test speaks plain HTTP to the server behind "TLS".
        for cookie in self.http.cookies:
            cookie.secure = False

    def get(self, path: str) -> requests.Response:
        response = self.http.get(self.base + path, timeout=30)
        self._cookies_over_plain_http()
        return response

    def post(self, path: str, data: dict, *, referer: str | None = None) -> requests.Response:
        page = self.get(path) if referer is None else None
        source = page.text if page is not None else self.http.get(referer, timeout=30).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', source)
        self._cookies_over_plain_http()
        host = self.base.removeprefix("http://")
        response = self.http.post(
            self.base + path,
            data={**data, "csrfmiddlewaretoken": token[1] if token else ""},
            headers={"Referer": f"{self.scheme}://{host}{path}", "Origin": f"{self.scheme}://{host}"},
            allow_redirects=False,
            timeout=30,
        )
        self._cookies_over_plain_http()
        return response
