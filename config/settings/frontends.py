"""Keeping frontends in step: publish webhooks and delta sync."""

from .environment import env, env_bool

# A receiver gets this long to answer a delivery before the attempt counts as failed.
WEBHOOK_TIMEOUT_SECONDS = float(env("WEBHOOK_TIMEOUT_SECONDS", "5"))
# Failed deliveries are retried with growing waits (30 s, 1 min, 2 min, ... at most an hour) for this long,
# then given up.
WEBHOOK_RETRY_HOURS = float(env("WEBHOOK_RETRY_HOURS", "24"))
# A delivery is claimed for this long before it is sent (renewed while the send runs), as email is.
WEBHOOK_LEASE_SECONDS = float(env("WEBHOOK_LEASE_SECONDS", "60"))
# Receivers on private, loopback or link-local addresses are refused unless this is on (a district's own
# build server on its LAN, or a test's receiver on loopback).
WEBHOOK_ALLOW_PRIVATE_ADDRESSES = env_bool("WEBHOOK_ALLOW_PRIVATE_ADDRESSES", False)
# Deliveries go out on background threads of the app server right after the change commits (the worker
# sends whatever they miss); off, they are sent in the request after commit.
WEBHOOK_SEND_IN_BACKGROUND = env_bool("WEBHOOK_SEND_IN_BACKGROUND", True)
# An endpoint failing this long is flagged on the admin dashboard.
WEBHOOK_FAILING_FLAG_HOURS = 24

# Delta sync: removals (tombstones) are kept this many days; an older token must start over.
SYNC_RETENTION_DAYS = int(env("SYNC_RETENTION_DAYS", "30"))
SYNC_PAGE_MAX = 500
