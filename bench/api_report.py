"""The API benchmark's printout: the range of each figure over the runs, with its target beside it."""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass

from bench.api_load import paired_ratio
from bench.api_queries import API_V2_NAME, scale_paths


@dataclass
class Setup:
    small: int
    large: int
    load: str  # how the loads were driven, for the heading
    memory_requests: int


def per(a: float, b: float) -> float:
    """a / b, or not a number where b had no answer in time (a short run on a loaded machine)."""
    return a / b if b else float("nan")


def span(values: list[float], fmt: str = "{:.2f}") -> str:
    low, high = min(values), max(values)
    return fmt.format(low) if fmt.format(low) == fmt.format(high) else f"{fmt.format(low)}-{fmt.format(high)}"


def report(runs: list[dict], counts: dict[int, dict[str, int]], setup: Setup) -> None:
    small, large = setup.small, setup.large

    def ratio(a: str, b: str) -> list[float]:
        """Loads that took turns (a target's two sides) by their neighbouring slices, others by req/s."""
        if "slices" in runs[0][a] and "slices" in runs[0][b]:
            return [paired_ratio(run[a], run[b]) for run in runs]
        return [per(run[a]["rps"], run[b]["rps"]) for run in runs]

    print(f"\nRanges over {len(runs)} runs ({large} stories unless said; {setup.load}):")
    for name in runs[0]:
        if isinstance(runs[0][name], dict) and ":" not in name:
            rps = span([r[name]["rps"] for r in runs], "{:,.0f}")
            p50, p99 = span([r[name]["p50_ms"] for r in runs]), span([r[name]["p99_ms"] for r in runs])
            print(f"  {name:<30} {rps:>13} req/s   p50 {p50:>11} ms   p99 {p99:>13} ms"
                  f"   not 2xx {sum(r[name]['bad'] for r in runs)}")  # fmt: skip
    proxy = "nginx proxy cache, display"
    print(f"  nginx proxy cache hit rate: {span([r[proxy]['hit_rate'] * 100 for r in runs], '{:.1f}')} %")
    print("\nTargets:")
    static = "static file (same server)"
    print(f"  cached display / static file, same server: {span(ratio('GraphQL display, cached', static))}x "
          "(target >= 0.8x; median of neighbouring seconds)")  # fmt: skip
    real = ratio("display.js query, cached", "static file, display.js bytes")
    print(f"  cached display.js query / static file of its bytes, same server: {span(real)}x (target >= 0.8x)")
    print(
        f"  nginx proxy cache / app's own cache: {span(ratio(proxy, 'GraphQL display, cached'))}x; "
        f"nginx static / gunicorn static: {span(ratio('nginx static file (scale)', static))}x"
    )
    for label, name in (("display", "display p50, one connection"), ("display.js query", "display.js p50, one "
                                                                    "connection")):  # fmt: skip
        print(f"  uncached {label} p50: {span([r[name]['p50_ms'] for r in runs])} ms (target <= 20 ms)")
    listing, display = ratio("GraphQL listing, uncached", API_V2_NAME), ratio("GraphQL display, uncached", API_V2_NAME)
    print(f"  uncached GraphQL listing / API v2 on the same listing: {span(listing)}x (target >= 2x); "
          f"uncached display / API v2: {span(display)}x; "
          f"display.js query / API v2: {span(ratio('display.js query, uncached', API_V2_NAME))}x")  # fmt: skip
    heavier = ratio("GraphQL display, uncached", "display.js query, uncached")
    print(f"  uncached display.js query served {span(heavier)}x as slowly as the light display (req/s)")
    for name in scale_paths(0, ""):
        times = [per(r[f"{large}:{name}"]["p50_ms"], r[f"{small}:{name}"]["p50_ms"]) for r in runs]
        small_ms = span([r[f"{small}:{name}"]["p50_ms"] for r in runs])
        large_ms = span([r[f"{large}:{name}"]["p50_ms"] for r in runs])
        same = "same" if counts[small][name] == counts[large][name] else "DIFFERENT"
        print(
            f"  {name:<12} p50 {small_ms:>11} ms at {small}, {large_ms:>11} ms at {large}: {span(times)}x "
            f"(target <= 1.5x); SQL {counts[small][name]} and {counts[large][name]} ({same}, target same)"
        )
    cold_report(runs, counts, setup)
    print(f"  cold start to first answer: {span([r['cold start'] for r in runs], '{:.1f}')} s")
    memory = [m for r in runs for m in r["memory"]]
    print(
        f"  memory per worker after {setup.memory_requests:,} requests: "
        f"RSS {span([m[0] for m in memory], '{:.0f}')} MiB, PSS {span([m[1] for m in memory], '{:.0f}')} MiB"
    )
    print(f"measured {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC")


def cold_report(runs: list[dict], counts: dict[int, dict[str, int]], setup: Setup) -> None:
    """The display.js query's first answer after a publish in each worker, beside its next answer."""
    small, large = setup.small, setup.large
    print("  display.js query, first answer in each worker after a publish (every kept fact cold; p50 of each run, "
          "then its slowest), beside the next answer in the same worker:")  # fmt: skip
    for key, label in ((str(small), f"{small} stories"), (str(large), f"{large} stories"),
                       ("cached", f"{large}, cached server")):  # fmt: skip
        answers = [r[f"cold:{key}"] for r in runs]
        cold = span([statistics.median(a["cold"]) for a in answers], "{:.1f}")
        slowest = span([max(a["cold"]) for a in answers], "{:.1f}")
        warm = span([statistics.median(a["warm"]) for a in answers], "{:.1f}")
        size = sum(len(a["cold"]) for a in answers)
        print(f"    {label:<24} cold p50 {cold:>11} ms, slowest {slowest:>11} ms; next answer p50 {warm:>9} ms "
              f"({size} workers x publishes)")  # fmt: skip
    times = [per(statistics.median(r[f"cold:{large}"]["cold"]), statistics.median(r[f"cold:{small}"]["cold"]))
             for r in runs]  # fmt: skip
    cold_sql = (counts[small]["display.js, cold"], counts[large]["display.js, cold"])
    same = "same" if cold_sql[0] == cold_sql[1] else "DIFFERENT"
    print(f"    cold, {large} / {small} stories: {span(times)}x (target <= 1.5x); SQL {cold_sql[0]} and {cold_sql[1]} "
          f"({same}; warm {counts[small]['display.js']} and {counts[large]['display.js']})")  # fmt: skip
