"""What a spawned process of `test_metrics_export` runs: it imports only the metrics, so that it
starts in a moment."""

from __future__ import annotations

from sandogh.server.metrics import count_answer


def count(answers: int) -> None:
    """Count `answers` check-ins, in the mode this process's environment says."""
    for _ in range(answers):
        count_answer("check-in", 200, b'{"outcome":"ballot-card"}', 0.002)
