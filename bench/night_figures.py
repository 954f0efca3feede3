"""bench/night.py's timeline, and what its figures say: the lag's percentiles, the peak rate
asked, the cores the night needs, the report printed."""

from __future__ import annotations

import bisect
import math
import os
from collections.abc import Sequence
from typing import Any

NATIONAL_STATIONS = 58_640
HOURS = 7.0  # polls closed to the last result, the 2024 runoff
#: (hours after polls closed, share of stations reported): an assumed shape of the count
TIMELINE = (
    (0.0, 0.0),
    (0.5, 0.02),
    (1.0, 0.10),
    (2.0, 0.40),
    (3.0, 0.70),
    (4.0, 0.88),
    (5.0, 0.96),
    (6.0, 0.99),
    (7.0, 1.0),
)
AIM_P99_SECONDS = 5.0


def schedule(boxes: int, seconds: float) -> list[float]:
    """When each of `boxes` reports, in seconds from the start: `TIMELINE`'s shares, evenly
    spread within each stretch, compressed from `HOURS` into `seconds`."""
    hours, shares = zip(*TIMELINE, strict=True)
    times = []
    for i in range(boxes):
        share = (i + 0.5) / boxes
        k = max(1, bisect.bisect_left(shares, share))
        within = (share - shares[k - 1]) / (shares[k] - shares[k - 1])
        times.append((hours[k - 1] + within * (hours[k] - hours[k - 1])) / HOURS * seconds)
    return times


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile of `values`."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


# ---- the store before the night ---------------------------------------------------------------


def cores_needed(
    centre_per_report: float, cpu: list[float], lags: list[float], times: list[float]
) -> dict[str, float]:
    """The cores the centre and the publisher need at the peak asked, and at the peak of the
    real night (`TIMELINE` over `HOURS` for `NATIONAL_STATIONS` boxes): CPU a report × reports
    a second."""
    per_report = centre_per_report + sum(cpu) / max(1, len(lags))
    real = peak_rate(schedule(NATIONAL_STATIONS, HOURS * 3600.0))
    return {
        "cpu_per_report_s": per_report,
        "at_peak_asked": per_report * peak_rate(times),
        "real_peak_per_second": real,
        "at_real_peak": per_report * real,
    }


def peak_rate(times: list[float]) -> float:
    """The most reports the timeline asks for in any 10 seconds, per second."""
    window, most = 10.0, 0
    for i, t in enumerate(times):
        most = max(most, bisect.bisect_right(times, t + window) - i)
    return most / window


def print_report(figures: dict[str, Any]) -> None:
    run = figures["run"]
    print(
        f"sandogh election night at speed: {run['boxes']:,} boxes of {run['election']} "
        f"(the national night is {NATIONAL_STATIONS:,}), {HOURS:g} hours of 2024 results in "
        f"{run['minutes']:g} minutes (× {run['compression']:.0f}), at most "
        f"{run['peak_per_second']:.1f} reports/s asked; the centre {run['workers']} process(es) "
        f"on {run['database']}, {run['senders']} senders, the publisher every "
        f"{run['interval_s']:g} s"
    )
    lag, behind, cpu = figures["lag_s"], figures["behind_timeline_s"], figures["pass_cpu_s"]
    met = lag["p99"] < AIM_P99_SECONDS and lag["count"] == run["boxes"]
    print(
        f"\nreports taken {figures['reports_taken']:,} of {run['boxes']:,} in "
        f"{figures['night_seconds']:.0f} s; failures: {', '.join(figures['failures']) or 'none'}"
    )
    print(
        f"centre's answer p50 {1000 * figures['answer_s']['p50']:.0f} ms, p99 "
        f"{1000 * figures['answer_s']['p99']:.0f} ms; sending behind the timeline p50 "
        f"{behind['p50']:.1f} s, at most {behind['max']:.1f} s"
    )
    print(
        f"the publisher's passes: {figures['passes']}, p50 {figures['pass_s']['p50']:.1f} s, "
        f"the longest {figures['pass_s']['max']:.1f} s; the publisher's CPU a pass that wrote "
        f"reports p50 {cpu['p50']:.2f} s, the most {cpu['max']:.2f} s, "
        f"{1000 * cpu['per_report']:.0f} ms a report, {100 * cpu['rendering_share']:.0f} % of it "
        "rendering the site"
    )
    print(
        f"lag from arrival to the site ({lag['count']:,} reports): "
        f"p50 {lag['p50']:.2f} s, p99 {lag['p99']:.2f} s, max {lag['max']:.2f} s — aim p99 < "
        f"{AIM_P99_SECONDS:g} s: {'met' if met else 'missed'}"
    )
    need = figures["cores"]
    print(
        f"CPU a report: the centre {figures['centre_cpu_per_report_ms']:.1f} ms, the publisher "
        f"{1000 * cpu['per_report']:.1f} ms: at the peak asked ({run['peak_per_second']:.1f}/s) "
        f"{need['at_peak_asked']:.2f} cores, at the real night's peak "
        f"({need['real_peak_per_second']:.2f}/s for {NATIONAL_STATIONS:,} boxes) "
        f"{need['at_real_peak']:.2f}; load average during the night "
        f"{figures['load_average']['min']:.1f}–{figures['load_average']['max']:.1f} "
        f"(mean {figures['load_average']['mean']:.1f}) on {os.cpu_count()} cores"
    )
    start = figures["publisher_start"]
    print(
        f"the publisher's start: {start['wall_s']:.1f} s, {start['cpu_s']:.1f} s of CPU "
        f"({'a catch-up from the kept snapshot' if figures['preparation'] else 'a whole publish'})"
    )
    for step_name, took in figures["preparation"].items():
        if isinstance(took, dict):
            extra = ", ".join(f"{k} {v:,}" for k, v in took.items() if k not in ("wall_s", "cpu_s"))
            print(
                f"  preparation, {step_name}: {took['wall_s']:.1f} s, {took['cpu_s']:.1f} s of "
                f"CPU{'; ' + extra if extra else ''}"
            )
    counts = figures["site_count"]
    step = max(1, len(counts) // 12)
    moving = ", ".join(f"{at:.0f} s {n:,}" for at, n in counts[::step] + counts[-1:])
    print(f"the site's count of {run['site_total']:,} stations: {moving}")
