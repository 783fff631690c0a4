"""How long the API takes to refuse a small document whose fragments fan out, and one that is fine.

Each fragment spreads the next one twice, so a document of a few hundred bytes expands to millions of fields;
its checks (the spec's rules, depth, aliases, cost) must still take time linear in its text. Prints the size,
the verdict and the time of each check: a fresh parse and validation every round (no cached verdict), after
one round not counted.

Run: .venv/bin/python bench/query_checks.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from cms.graphql.documents import checked_document, current_limits  # noqa: E402

ROUNDS = 20
BUDGET_BYTES = 887


def fan_out(budget: int) -> str:
    """The longest anonymous query within `budget` bytes whose fragments each spread the next one twice."""
    count = 1
    while True:
        longer = _fan_out(count + 1)
        if len(longer.encode()) > budget:
            shorter = _fan_out(count)
            return shorter + " " * (budget - len(shorter.encode()))
        count += 1


def _fan_out(count: int) -> str:
    fragments = [f"fragment F{n} on Query{{...F{n + 1} ...F{n + 1}}}" for n in range(count)]
    return "{...F0}" + "".join(fragments) + f"fragment F{count} on Query{{__typename}}"


def measure(label: str, query: str) -> None:
    timings = []
    checked_document(query, current_limits())  # the schema's first use is not the check's cost
    for _ in range(ROUNDS):
        checked_document.cache_clear()
        start = time.perf_counter()
        _document, errors = checked_document(query, current_limits())
        timings.append((time.perf_counter() - start) * 1000)
    verdict = ", ".join(str((e.extensions or {}).get("code") or e.message) for e in errors) or "valid"
    print(
        f"{label:<34} {len(query.encode()):>5} bytes  {verdict:<26} "
        f"median {statistics.median(timings):7.2f} ms  max {max(timings):7.2f} ms"
    )


if __name__ == "__main__":
    measure("fan-out of fragments", fan_out(BUDGET_BYTES))
    measure("fragment cycle", "{...A} fragment A on Query{...B} fragment B on Query{...A}")
    measure("undefined fragment", "{ ...Nope }")
    measure("a display's story card", "{ stories(limit: 10) { ...Card } } fragment Card on StoryPage { title summary }")
