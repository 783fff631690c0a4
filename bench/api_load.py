"""The API benchmark's load and its readings: wrk from Debian as the load generator (a process of its own, never
threads in the benchmark's process), the gunicorn workers' memory, and nginx's proxy-cache hit rate.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

# wrk's own report, as JSON: its latency histogram is exact to the microsecond. `paths` (one per line) are
# sent in turn.
LUA = """
local paths, index = {}, 0
for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
wrk.headers["Accept"] = "application/json"
request = function()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('REPORT {"requests": %d, "seconds": %f, "p50_us": %d, "p99_us": %d, "non2xx": %d, ' ..
    '"errors": %d}\\n', summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
"""


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if found is None:
        sys.exit("wrk is not installed (Debian's wrk package; `make bench-api` installs it)")
    return found


def wrk(port: int, paths: list[str], seconds: float, connections: int) -> dict[str, float]:
    """Closed-loop load on loopback: `connections` keep-alive connections, each sending the next request as
    soon as the last is answered. Returns req/s, p50 and p99 in ms, and the answers that were not 2xx."""
    with tempfile.TemporaryDirectory(prefix="btcms-wrk-") as folder:
        script, listing = Path(folder, "report.lua"), Path(folder, "paths")
        script.write_text(LUA)
        listing.write_text("\n".join(paths) + "\n")
        result = subprocess.run(
            [wrk_binary(), "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "10s",
             "-s", str(script), f"http://127.0.0.1:{port}"],
            capture_output=True, text=True, timeout=700,
            env={"WRK_PATHS": str(listing), "PATH": "/usr/bin:/bin"},
        )  # fmt: skip
    report = next((line for line in result.stdout.splitlines() if line.startswith("REPORT ")), None)
    if result.returncode != 0 or report is None:
        sys.exit(f"wrk failed on {paths[0][:80]}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    figures = json.loads(report.removeprefix("REPORT "))
    return {
        "rps": figures["requests"] / figures["seconds"],
        "seconds": figures["seconds"],
        "p50_ms": figures["p50_us"] / 1000,
        "p99_ms": figures["p99_us"] / 1000,
        "requests": figures["requests"],
        "bad": figures["non2xx"] + figures["errors"],
    }


def alternating(loads: dict[str, tuple[int, str]], connections: int, slices: int) -> dict:
    """`wrk` on each (port, path) in turn, one second at a time, `slices` times: A B A B ..., so that what else the
    machine does meanwhile falls on each alike, for a ratio between them. Req/s is over every slice; p50 is the
    median slice's and p99 the worst slice's; `slices` keeps each slice's req/s, for `paired_ratio`."""
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in loads}
    for _ in range(slices):
        for name, (port, path) in loads.items():
            runs[name].append(wrk(port, [path], 1, connections))
    return {
        name: {
            "rps": sum(run["requests"] for run in parts) / sum(run["seconds"] for run in parts),
            "p50_ms": statistics.median(run["p50_ms"] for run in parts),
            "p99_ms": max(run["p99_ms"] for run in parts),
            "requests": sum(run["requests"] for run in parts),
            "bad": sum(run["bad"] for run in parts),
            "slices": [run["rps"] for run in parts],
        }
        for name, parts in runs.items()
    }


def paired_ratio(a: dict, b: dict) -> float:
    """The median over slices of a's req/s against b's in the slice beside it (`alternating`). This machine's
    speed drops by half for a second at a time now and then, on whatever runs then (a static file as much as
    an answer): the median of neighbouring pairs leaves such a second out, where the ratio of totals takes it
    in on one side only. Should no slice of b have an answer (a short run on a loaded machine), the ratio of the
    totals."""
    pairs = [one / other for one, other in zip(a["slices"], b["slices"], strict=True) if other]
    if pairs:
        return statistics.median(pairs)
    return a["rps"] / b["rps"] if b["rps"] else float("nan")


def warm(port: int, path: str, connections: int, seconds: float = 90, settled: bool = True) -> None:
    """Load until answers come steadily: two seconds in a row in which some answer came and none waited ten times
    the median (or half a second, if more), the second with at least half the answers of the first. A fresh
    worker's first answers (its S3 client, the statements it compiles once, a QR code) can hold every connection
    for seconds while all the workers make theirs at once; what is measured comes after. Unless `settled` is
    required, a load still unsteady after `seconds` is measured all the same, and said so."""
    deadline, before = time.monotonic() + seconds, None
    while time.monotonic() < deadline:
        run = wrk(port, [path], 1, connections)
        steady = run["requests"] > 0 and run["p99_ms"] < max(500, 10 * run["p50_ms"])
        if steady and before is not None and run["requests"] >= before["requests"] / 2:
            return
        before = run if steady else None
    if not settled:
        print(f"  answers to {path[:60]} not steady after {seconds:.0f} s: measured as they come", flush=True)
        return
    sys.exit(f"answers to {path[:60]} were still not steady after {seconds:.0f} s")


def get(port: int, path: str, timeout: float = 30) -> bytes:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http on loopback)
        return response.read()


def first_answer(port: int, path: str, started: float, seconds: float = 120) -> float:
    """Seconds from `started` to the first 200 answer to `path`."""
    deadline = started + seconds
    while time.monotonic() < deadline:
        try:
            get(port, path, timeout=5)
            return time.monotonic() - started
        except (OSError, urllib.error.HTTPError):
            time.sleep(0.02)
    sys.exit(f"no answer to {path[:60]} within {seconds:.0f} s")


def worker_memory(master_pid: int) -> list[tuple[float, float]]:
    """(RSS, PSS) in MiB of each of a gunicorn master's workers. PSS shares the pages the workers still share
    with the master (the app is loaded before the fork) among them; RSS counts them in full for each."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    readings = []
    for pid in children:
        fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:])
        readings.append((int(fields["Rss"].split()[0]) / 1024, int(fields["Pss"].split()[0]) / 1024))
    return readings


def with_cache_log(nginx_conf: Path, log: Path, static_root: Path) -> None:
    """Have the proxy-cache balancer log each answer's cache status to `log`, and serve STATIC_ROOT itself at
    /nginx-static/ (nginx's own speed on the same bytes, for scale)."""
    text = nginx_conf.read_text()
    # The http-wide `access_log off;` only (the first): the site's health locations keep their own.
    text = text.replace("access_log off;", f"log_format cache '$upstream_cache_status';\n  access_log {log} cache;", 1)
    static = f"    location /nginx-static/ {{ alias {static_root}/; }}\n\n"
    text = text.replace("    location / {", static + "    location / {")
    nginx_conf.write_text(text)


def hit_rate(log: Path) -> float:
    statuses = log.read_text().split() if log.exists() else []
    return sum(status == "HIT" for status in statuses) / len(statuses) if statuses else 0.0
