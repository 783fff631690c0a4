"""Webhook delivery latency: 10 endpoints and 1,000 publishes, on the production profile (PostgreSQL,
Redis) on this machine, measured in one run.

Ten receivers listen on loopback in this process. A Django process (`manage.py shell`) with the production
settings makes a campaign and publishes PUBLISHES stories one after another, as editors do; each publish
stores one event and ten deliveries, which background threads of that process send after commit. The
receivers note when each delivery arrives; the bench prints, from the start of each publish to its
arrival at the receiver, the median and 99th percentile, and the deliveries per second.

The peer, in the same run: the same publishes with WEBHOOK_SEND_IN_BACKGROUND off, so each is sent in the
editor's request after commit. It prints how long the editor's publish takes either way.

Run: make bench-webhooks   (starts its own PostgreSQL and Redis; BENCH_SMOKE=1 for a short run)
"""

from __future__ import annotations

import json
import statistics
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import environment, manage, own_services, sized
from bench.migrated import migrated_database

PUBLISHES = int(sized("BENCH_PUBLISHES", 1000, 30))
PEER_PUBLISHES = int(sized("BENCH_PEER_PUBLISHES", 100, 10))
ENDPOINTS = 10

PUBLISH = """
import datetime, json, os, sys, time
from django.conf import settings
from django.db import connection
from cms.webhooks.models import WebhookDelivery, WebhookEndpoint
from stories.models import CampaignIndexPage, StoryPage

settings.WEBHOOK_SEND_IN_BACKGROUND = {background}
WebhookEndpoint.objects.all().delete()
for n, url in enumerate(os.environ["RECEIVERS"].split()):
    WebhookEndpoint.objects.create(name=f"Receiver {{n}}", url=url)
campaign = CampaignIndexPage.objects.filter(locale__language_code="en").first()  # the demo's campaign
started, saves = {{}}, []
for n in range({count}):
    story = campaign.add_child(instance=StoryPage(
        title=f"Story {{n}}", slug=f"story-{background}-{{n}}", live=False, student_names="Ada",
        theme_headline="WE ARE CURIOUS", summary="A teaser.", body="<p>Body.</p>", month=datetime.date(2026, 11, 1)))
    begin = time.time()
    story.save_revision().publish()
    saves.append(time.time() - begin)
    for delivery_id in WebhookDelivery.objects.filter(event__items__0__id=str(story.pk)).values_list("uuid", flat=True):
        started[str(delivery_id)] = begin
deadline = time.time() + 300
while WebhookDelivery.objects.filter(status="queued").exists() and time.time() < deadline:
    time.sleep(0.2)
print(json.dumps({{"started": started, "saves": saves}}))
"""


class Receivers:
    """Ten HTTP receivers on loopback noting when each delivery id arrives."""

    def __init__(self) -> None:
        self.arrived: dict[str, float] = {}
        self.lock = threading.Lock()
        self.servers: list[ThreadingHTTPServer] = []
        for _ in range(ENDPOINTS):
            server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self.servers.append(server)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receivers = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers["Content-Length"]))
                with receivers.lock:
                    receivers.arrived.setdefault(self.headers["webhook-id"], time.time())
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        return Handler

    @property
    def urls(self) -> str:
        return " ".join(f"http://127.0.0.1:{server.server_port}/hook" for server in self.servers)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(env: dict[str, str], receivers: Receivers, count: int, background: bool) -> tuple[list[float], list[float]]:
    receivers.arrived.clear()
    out = manage(env, "shell", "-c", PUBLISH.format(count=count, background=background))
    result = json.loads(out.strip().splitlines()[-1])
    latencies = [receivers.arrived[key] - begin for key, begin in result["started"].items() if key in receivers.arrived]
    missing = len(result["started"]) - len(latencies)
    if missing:
        print(f"  {missing} deliveries did not arrive")
    return latencies, result["saves"]


def main() -> None:
    receivers = Receivers()
    with own_services("webhooks") as services:
        env = environment(
            services.folder, services.postgres.url("btcms_bench"), services.redis_url(),
            WEBHOOK_ALLOW_PRIVATE_ADDRESSES="true", RECEIVERS=receivers.urls, LOG_LEVEL="ERROR",
        )  # fmt: skip
        print("Migrating a fresh PostgreSQL database ...", flush=True)
        migrated_database(services, "btcms_bench", env)
        manage(env, "seed_demo")

        began = time.time()
        latencies, saves = run(env, receivers, PUBLISHES, background=True)
        took = time.time() - began
        _, inline_saves = run(env, receivers, PEER_PUBLISHES, background=False)
    print(f"\n{PUBLISHES} publishes x {ENDPOINTS} endpoints = {len(latencies)} deliveries in {took:.1f} s")
    p50, p99 = statistics.median(latencies) * 1000, percentile(latencies, 0.99) * 1000
    print(f"  save to receiver: p50 {p50:.0f} ms, p99 {p99:.0f} ms")
    print(f"  {len(latencies) / took:.0f} deliveries/s")
    ours, peer = statistics.median(saves), statistics.median(inline_saves)
    print(
        f"\nThe editor's publish (median), sent in the background: {ours * 1000:.0f} ms; "
        f"sent inline in the request (peer, {PEER_PUBLISHES} publishes): {peer * 1000:.0f} ms ({peer / ours:.1f}x)"
    )


if __name__ == "__main__":
    main()
