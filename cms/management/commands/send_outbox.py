"""Send queued email that is due: once (for cron), or as a long-running worker with --loop."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cms.worker import send_due_email


class Command(BaseCommand):
    help = "Send queued email that is due, retrying earlier failures (run_worker also applies publishing schedules)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="Keep running, checking every --interval seconds.")
        parser.add_argument("--interval", type=float, default=30.0, help="Seconds between checks with --loop.")

    def handle(self, *args: Any, loop: bool, interval: float, **options: Any) -> None:
        while True:
            totals = send_due_email()
            if options["verbosity"] > 0 and (any(totals.values()) or not loop):
                self.stdout.write(
                    f"Outbox: {totals['sent']} sent, {totals['deferred']} deferred, {totals['gave_up']} given up."
                )
            if not loop:
                return
            time.sleep(interval)
