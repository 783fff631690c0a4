"""The background worker: due email and webhooks sent, scheduled pages published or expired, once (cron) or
with --loop, a loop that outlives a lost database and failing duties (cms.worker)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cms.worker import Worker, tick


class Command(BaseCommand):
    help = "Send due email and apply scheduled go-lives and expiries: once, or every --interval seconds with --loop."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="Keep running, one tick every --interval seconds.")
        parser.add_argument(
            "--interval",
            type=float,
            default=30.0,
            help="Seconds between ticks with --loop (a page goes live at most this late).",
        )

    def handle(self, *args: Any, loop: bool, interval: float, **options: Any) -> None:
        def report(email: dict[str, int]) -> None:
            if options["verbosity"] > 0 and (any(email.values()) or not loop):
                self.stdout.write(
                    f"Outbox: {email['sent']} sent, {email['deferred']} deferred, {email['gave_up']} given up."
                )

        if not loop:
            report(tick())
            return
        Worker(interval).run_forever(report)
