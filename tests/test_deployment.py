"""docs/deployment.md's alert rules: a well-formed Prometheus rule file, whose every rule names
only metrics the centre (`server.metrics`) and the publisher (`publish.metrics`) export."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from prometheus_client import REGISTRY

import sandogh.publish.metrics
import sandogh.server.errors
import sandogh.server.metrics

DOC = Path(__file__).resolve().parents[1] / "docs" / "deployment.md"
_BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.MULTILINE | re.DOTALL)
_METRIC = re.compile(r"\bsandogh_[a-z_]+")
#: what each kind of metric is read as in a rule
_SAMPLES = {
    "counter": ("_total",),
    "gauge": ("",),
    "histogram": ("_bucket", "_count", "_sum"),
}


def exported() -> set[str]:
    """The names of every sample the centre's and the publisher's metrics give."""
    assert sandogh.server.metrics.REQUESTS is not None  # imported: registered
    assert sandogh.publish.metrics.LAG is not None
    return {
        family.name + suffix
        for family in REGISTRY.collect()
        if family.name.startswith("sandogh_")
        for suffix in _SAMPLES[family.type]
    }


def rules() -> list[dict[str, Any]]:
    (block,) = _BLOCK.findall(DOC.read_text(encoding="utf-8"))
    document = yaml.safe_load(block)
    return [rule for group in document["groups"] for rule in group["rules"]]


def test_each_alert_rule_names_only_metrics_the_centre_exports() -> None:
    known = exported()
    assert "sandogh_check_ins_total" in known
    assert "sandogh_publisher_lag_seconds_bucket" in known
    found = rules()
    assert {rule["alert"] for rule in found} >= {"SandoghLogInBruteForce", "SandoghProvinceStalled"}
    for rule in found:
        named = set(_METRIC.findall(rule["expr"]))
        assert named, rule["alert"]
        assert named <= known, (rule["alert"], named - known)
        assert rule["labels"]["severity"] in {"critical", "page", "ticket"}
        assert rule["annotations"]["summary"]
        assert re.fullmatch(r"\d+[smh]", rule["for"])


def test_the_brute_force_rule_counts_refused_log_ins() -> None:
    (brute_force,) = [r for r in rules() if r["alert"] == "SandoghLogInBruteForce"]
    # the endpoints the log-ins are counted under (`server.metrics.endpoint_of`)
    assert sandogh.server.metrics.endpoint_of("/api/v1/session") in brute_force["expr"]
    assert sandogh.server.metrics.endpoint_of("/console/login") in brute_force["expr"]


def test_a_rewritten_store_alerts_at_once_by_the_words_the_centre_and_publisher_say() -> None:
    found = {r["alert"]: r for r in rules()}
    centre, publisher = found["SandoghStoreRewritten"], found["SandoghPublisherRefusedStore"]
    assert f'reason="{sandogh.server.errors.STORE_REWRITTEN}"' in centre["expr"]
    assert sandogh.publish.metrics.REFUSED._name in publisher["expr"]
    for rule in (centre, publisher):
        assert (rule["for"], rule["labels"]["severity"]) == ("0s", "critical")
