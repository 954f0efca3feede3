"""The centre's metrics served apart from its API (`server.metrics_export`): one scrape adds up
what each server process counted. (A centre of two processes is scraped in test_workers.py.)"""

from __future__ import annotations

import multiprocessing
import os

import httpx
from prometheus_client.parser import text_string_to_metric_families

from sandogh.server.metrics_export import MULTIPROCESS_VAR, MetricsListen, exported

from .metrics_counting import count


def samples(text: str, name: str) -> list[tuple[dict[str, str], float]]:
    """The samples named `name` in the exposition `text`, with their labels."""
    return [
        (sample.labels, sample.value)
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == name
    ]


def test_the_exporter_adds_up_what_each_process_counted() -> None:
    spawn = multiprocessing.get_context("spawn")
    with exported(MetricsListen(0), several=True) as port:
        counting = [spawn.Process(target=count, args=(answers,)) for answers in (3, 4)]
        for each in counting:
            each.start()
        for each in counting:
            each.join(60)
            assert each.exitcode == 0
        scraped = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=30.0).text
    assert samples(scraped, "sandogh_check_ins_total") == [({"outcome": "ballot-card"}, 7)]
    shares = samples(scraped, "sandogh_process_requests")
    assert all(set(labels) == {"pid"} for labels, _ in shares)
    assert sorted(value for _, value in shares) == [3, 4]
    assert MULTIPROCESS_VAR not in os.environ  # as it was before


def test_without_an_address_nothing_is_served() -> None:
    with exported(None, several=True) as port:
        assert port is None
        assert MULTIPROCESS_VAR not in os.environ
