"""Lighthouse's performance and accessibility scores for every page type of the public site, in English and
Spanish, beside the same pages' HTML saved as static files (the peer: a page that costs the server nothing).

Seeds the demo content into a throwaway SQLite database (the embedded default), serves it with gunicorn
(config/gunicorn.conf.py) on loopback, and runs Lighthouse 12 (bench/lighthouse/, installed with `npm ci`)
with Debian's Chromium in its mobile profile (a mid-range phone on a throttled 4G link, simulated). The peer
pages are each page's HTML as the site sent it, served by a plain static file server on loopback; their
stylesheets and images come from the same app server.

Run: make bench-site   (needs Debian's chromium and Node; no other service); BENCH_SMOKE=1 audits one page.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PAGES = {
    "home": "/",
    "campaign": "/better-together/",
    "story (video)": "/better-together/2022-12-leila/",
    "partnership": "/partner-with-tps/",
    "award": "/partner-with-tps/shining-star-award/",
    "interest form": "/partner-with-tps/interest-form/",
}
LANGUAGES = {"en": "", "es": "/es"}
# BENCH_SMOKE=1 (make bench-smoke, in CI): the home page in English and its static copy only, to show it runs.
SMOKE = os.environ.get("BENCH_SMOKE", "").lower() not in ("", "0", "false", "no")
if SMOKE:
    PAGES = {"home": "/"}
    LANGUAGES = {"en": ""}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(workdir: Path, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "true",  # media files are served by the app itself, as `make run` serves them
        "DATABASE_URL": f"sqlite:///{workdir / 'site.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "PRIVATE_MEDIA_ROOT": str(workdir / "private"),
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",  # the embedded default: one process, its own cache (no Redis)
        "GUNICORN_THREADS": "8",
        "LOG_LEVEL": "WARNING",
    }


def manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")


def serve(env: dict[str, str], port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
         "--access-logfile", "/dev/null", "config.wsgi"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read()
            return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    sys.exit(f"gunicorn did not start:\n{process.stderr.read().decode()[-3000:]}")


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def static_copies(site: str, folder: Path) -> str:
    """Each English page's HTML saved as index.html under its path, served on loopback; the server's URL."""
    for path in PAGES.values():
        html = urllib.request.urlopen(f"{site}{path}").read().decode()  # noqa: S310 (loopback)
        # Relative addresses (the stylesheet, links) keep pointing at the app server.
        html = html.replace('href="/static/', f'href="{site}/static/').replace('src="/static/', f'src="{site}/static/')
        target = folder / path.strip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def audit(url: str, attempts: int = 3) -> dict[str, float]:
    """One Lighthouse run; tried again when Chromium's trace comes back without a navigation (NO_NAVSTART),
    which happens now and then in headless runs."""
    for attempt in range(attempts):
        result = _lighthouse(url)
        if result.returncode == 0 or attempt == attempts - 1:
            break
    if result.returncode != 0:
        sys.exit(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    return figures_of(json.loads(result.stdout))


def _lighthouse(url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
         "--only-categories=performance,accessibility",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=180,
    )  # fmt: skip


def figures_of(report: dict) -> dict[str, float]:
    audits = report["audits"]
    return {
        "performance": report["categories"]["performance"]["score"] * 100,
        "accessibility": report["categories"]["accessibility"]["score"] * 100,
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"] / 1024,
        "ttfb": audits["server-response-time"]["numericValue"],
    }


def line(name: str, figures: dict[str, float]) -> str:
    return (
        f"{name:<24} perf {figures['performance']:5.0f}  a11y {figures['accessibility']:5.0f}  "
        f"FCP {figures['fcp']:6.0f} ms  LCP {figures['lcp']:6.0f} ms  TBT {figures['tbt']:4.0f} ms  "
        f"CLS {figures['cls']:.3f}  {figures['bytes']:6.0f} KiB  server {figures['ttfb']:5.1f} ms"
    )


def main() -> None:
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: run `npm ci --prefix bench/lighthouse` (make bench-site does).")
    if not Path(CHROMIUM).exists():
        sys.exit(f"Chromium not found at {CHROMIUM} (apt-get install chromium).")
    workdir = Path(tempfile.mkdtemp(prefix="btcms-bench-site-"))
    port = free_port()
    env = environment(workdir, port)
    server = None
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "seed_demo")
        server = serve(env, port)
        site = f"http://127.0.0.1:{port}"
        peer = static_copies(site, workdir / "static-copies")
        print("Lighthouse 12, mobile profile (simulated throttling), Debian Chromium; gunicorn 1 worker x 8 threads")
        ours, copies = [], []
        for language, prefix in LANGUAGES.items():
            for name, path in PAGES.items():
                figures = audit(f"{site}{prefix}{path}")
                ours.append(figures)
                print(line(f"{name} ({language})", figures))
        for name, path in PAGES.items():
            figures = audit(f"{peer}{path}")
            copies.append(figures)
            print(line(f"static copy: {name}", figures))
        print()
        for key, label in (("performance", "performance score"), ("accessibility", "accessibility score")):
            site_median = statistics.median(f[key] for f in ours)
            copy_median = statistics.median(f[key] for f in copies)
            print(
                f"{label}: site min {min(f[key] for f in ours):.0f}, median {site_median:.0f}; "
                f"static copies median {copy_median:.0f} (site/static {site_median / copy_median:.2f}x)"
            )
        site_lcp = statistics.median(f["lcp"] for f in ours)
        copy_lcp = statistics.median(f["lcp"] for f in copies)
        print(f"LCP median: site {site_lcp:.0f} ms, static copies {copy_lcp:.0f} ms ({site_lcp / copy_lcp:.2f}x)")
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
