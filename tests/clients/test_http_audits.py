"""The GraphQL-over-HTTP spec's audits (graphql-http's serverAudits) against a live server: no error, no warning."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
RUNNER = Path(__file__).with_name("run_audits.mjs")

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_endpoint_passes_the_graphql_over_http_audits(live_server) -> None:
    node = shutil.which("node")
    missing = "node not found (apt-get install nodejs)" if node is None else None
    if not (ROOT / "node_modules" / "graphql-http").exists():
        missing = "Node packages missing: run `npm ci`."
    if missing:
        if settings.REQUIRE_BROWSER:
            pytest.fail(missing)
        pytest.skip(missing)
    done = subprocess.run(
        [node, str(RUNNER), f"{live_server.url}/graphql/"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    failing = [f"{r['status']}: {r['name']} ({r['reason']})" for r in results if r["status"] in ("error", "warn")]
    assert not failing, "\n".join(failing)
    assert len(results) >= 61 and Counter(r["status"] for r in results)["ok"] >= 55
