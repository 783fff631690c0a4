"""The background worker: due email sent and scheduled pages published or expired, once (cron) or with --loop."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cms.worker import tick


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
        while True:
            email = tick()
            if options["verbosity"] > 0 and (any(email.values()) or not loop):
                self.stdout.write(
                    f"Outbox: {email['sent']} sent, {email['deferred']} deferred, {email['gave_up']} given up."
                )
            if not loop:
                return
            time.sleep(interval)
