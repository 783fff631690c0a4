"""The alert drill's measure: from what each watcher showed when, the delays the alert guarantee bounds.

A watcher reached the alert when it shows it from some instant until the all-clear without a break; its delay
is from the fault's end to that instant (0 when it showed it already during the fault). It cleared when it
stops showing it and does not show it again before the row ends; its delay is from the all-clear. So an
answer that flickers (shown, then gone again, as from caches that disagree) counts at its last change.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from tests.cluster.drill_screens import Screen, Watcher

BOUND_SECONDS = 10.0  # the guarantee: shown within 10 s of the fault's end, gone within 10 s of the all-clear


@dataclass
class Outcome:
    name: str
    shown: float | None  # seconds from the fault's end; None: not showing it when the all-clear came
    cleared: float | None  # seconds from the all-clear; None: still showing it when the row ended
    flickers: int  # times it stopped showing the alert between the fault's end and the all-clear
    story: str  # its timeline, relative to the fault's end

    def within_bound(self) -> bool:
        return (
            self.shown is not None
            and self.shown <= BOUND_SECONDS
            and self.cleared is not None
            and self.cleared <= BOUND_SECONDS
        )


@dataclass
class Row:
    fault: str
    outcomes: list[Outcome]
    notes: list[str] = field(default_factory=list)

    def screens(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.name.startswith("screen")]

    def probe(self, name: str) -> Outcome:
        return next(o for o in self.outcomes if o.name == name)

    def failing(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.within_bound()]


def outcome(watcher: Watcher, fault_end: float, clear_at: float, row_end: float) -> Outcome:
    history = [(t, shows) for t, shows in watcher.history() if t <= row_end]
    before_clear = [entry for entry in history if entry[0] < clear_at]
    shown: float | None = None
    if before_clear and before_clear[-1][1]:
        last_on = max(t for t, shows in before_clear if shows)
        shown = max(0.0, last_on - fault_end)
    cleared: float | None = None
    if not history[-1][1]:
        offs = [t for t, shows in history if not shows and t >= clear_at]
        cleared = max(offs) - clear_at if offs else 0.0
    flickers = sum(1 for t, shows in history if not shows and fault_end <= t < clear_at)
    story = ", ".join(f"{t - fault_end:+.1f} {'on' if shows else 'off'}" for t, shows in history[1:])
    if isinstance(watcher, Screen):
        heard = [f"{t - fault_end:+.2f} {what}" for t, what in list(watcher.events) if history[0][0] <= t <= row_end]
        story += f"; heard: {', '.join(heard[-10:])}; failed requests {watcher.failures}"
    elif watcher.failures:
        story += f"; failed reads {watcher.failures}"
    return Outcome(watcher.name, shown, cleared, flickers, story or "never on")


def _percentile(values: list[float], share: float) -> float:
    """Nearest rank: the smallest value at or above `share` of them; inf stands for never."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _seconds(value: float) -> str:
    return "never" if math.isinf(value) else f"{value:.1f}"


def _spread(values: list[float | None]) -> str:
    known = [math.inf if v is None else v for v in values]
    return " / ".join(_seconds(_percentile(known, share)) for share in (0.5, 0.99, 1.0))


def _probe_cell(row: Row, name: str) -> str:
    found = row.probe(name)
    if found.shown is None:
        return "no"
    return f"yes {found.shown:.1f}s" + (" (flickered)" if found.flickers else "")


def table(rows: list[Row]) -> str:
    header = ("fault", "screens", "GraphQL", "banner", "show p50/p99/max s", "clear p50/p99/max s", "notes")
    lines = [header]
    for row in rows:
        screens = row.screens()
        reached = sum(1 for o in screens if o.shown is not None)
        flickers = sum(o.flickers for o in row.outcomes)
        notes = [*row.notes, *([f"{flickers} flicker{'s' if flickers > 1 else ''}"] if flickers else [])]
        lines.append(
            (
                row.fault,
                f"{reached}/{len(screens)}",
                _probe_cell(row, "graphql"),
                _probe_cell(row, "banner"),
                _spread([o.shown for o in row.outcomes]),
                _spread([o.cleared for o in row.outcomes]),
                "; ".join(notes) + ("" if not row.failing() else "  FAILS"),
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header) - 1)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line[:-1], widths, strict=True)) + "  " + line[-1]
        for line in lines
    )


def failures(rows: list[Row]) -> str:
    """Every failing row with each failing watcher's timeline, for the assertion's message."""
    parts = []
    for row in rows:
        bad = row.failing()
        if not bad:
            continue
        parts.append(f"{row.fault}: {len(bad)} of {len(row.outcomes)} outside {BOUND_SECONDS:.0f} s")
        for found in bad:
            shown = "not shown" if found.shown is None else f"shown at {found.shown:.1f}s"
            cleared = "not cleared" if found.cleared is None else f"cleared at {found.cleared:.1f}s"
            parts.append(f"  {found.name}: {shown}, {cleared}; {found.story}")
    return "\n".join(parts)
