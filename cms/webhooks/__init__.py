"""Signed publish webhooks: frontends, build servers and CDNs hear what changed, also when it changed by time
alone. An event is stored with one delivery per endpoint that wants it, in the transaction that causes it,
and sent after commit by the same lease-and-retry pattern as the email outbox (cms.outbox)."""
