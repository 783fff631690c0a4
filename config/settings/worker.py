"""The background worker (`run_worker`) and the email outbox it sends."""

from .environment import env

OUTBOX_MAX_ATTEMPTS = int(env("OUTBOX_MAX_ATTEMPTS", "12"))
# A message is claimed for this long before it is sent, and the claim renewed while the send runs: a sender
# that dies holds that one message back this long at most.
OUTBOX_LEASE_SECONDS = float(env("OUTBOX_LEASE_SECONDS", "60"))
# The worker tries a failing duty again after its interval, then twice as long each time, at most this long;
# a lost database is waited out the same way.
WORKER_RETRY_CAP_SECONDS = float(env("WORKER_RETRY_CAP_SECONDS", "300"))
