"""The manifest and the seed: their checks, their canonical form and hash, and building one."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest

from sandogh.core.audit.manifest import (
    Container,
    ManifestError,
    Roll,
    Seed,
    StationKind,
    build_manifest,
    manifest_hash,
    manifest_json,
    report_papers,
    seed_json,
)
from sandogh.core.canonical_json import canonical_json
from sandogh.core.counting.tally import Counts, TallySheet
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import VotingMode
from sandogh.core.report import ReportKind, cvr_digest
from tests.core.audit.manifests import DEFINITION_HASH, manifest, seed_for, station
from tests.core.definition.kerman import KERMAN
from tests.core.report.build import STATION, report


def test_the_canonical_form_and_hash_are_as_docs_audit_md_writes_them() -> None:
    m = manifest(station("S1", 3, 2))
    text = (
        '{"definition_hash":"' + DEFINITION_HASH + '","election":"kerman-1403-r2",'
        '"format":"sandogh/audit-manifest@1","stations":[{"code":"S1",'
        '"constituencies":{"president":"IR"},"containers":[{"label":"1","papers":3},'
        '{"label":"2","papers":2}],"county":"C1","kind":"box"}]}'
    )
    assert canonical_json(manifest_json(m)) == text.encode()
    assert m.hash == manifest_hash(m) == "sha256:" + hashlib.sha256(text.encode()).hexdigest()
    assert m.papers == 5


def test_every_problem_of_a_manifest_is_named_with_its_path() -> None:
    bad = replace(
        station("S1", 1),
        county="",
        containers=(Container("1", 0), Container("1", 2**53)),
    )
    with pytest.raises(ManifestError) as caught:
        manifest(station("S2", 1), bad)
    paths = [p.path for p in caught.value.problems]
    assert paths == [
        "stations",
        "stations[1].county",
        "stations[1].containers",
        "stations[1].containers[0].papers",
        "stations[1].containers[1].papers",
    ]
    with pytest.raises(ManifestError, match="definition_hash"):
        replace(manifest(), definition_hash="sha256:00")


def test_the_seed_is_the_rolls_joined_and_at_least_twenty_digits() -> None:
    m = manifest(station("S1", 1))
    seed = seed_for(m, "98765432109876543210")
    assert seed.digits == "98765432109876543210"
    assert seed_json(seed)["seed"] == seed.digits
    with pytest.raises(ManifestError, match="at least 20"):
        Seed(manifest_hash(m), (Roll("HQ", "1234567890123456789"),))
    with pytest.raises(ManifestError) as caught:
        Seed("sha256:x", (Roll("", "12 34"), Roll("observer", "0" * 20)))
    assert [p.path for p in caught.value.problems] == [
        "manifest_hash",
        "rolls[0].by",
        "rolls[0].digits",
    ]


def test_a_manifest_is_built_from_the_definition_and_the_papers_per_container() -> None:
    geography = Geography.of(KERMAN)
    m = build_manifest(
        geography,
        DEFINITION_HASH,
        {"ST-0802-0001": [40], "ST-0801-0001": [120, 0, 35]},
    )
    assert [s.code for s in m.stations] == ["ST-0801-0001", "ST-0802-0001"]
    first = m.stations[0]
    assert first.county == "IR-08-0801"
    assert first.constituencies == (("city-council", "kerman"), ("president", "IR"))
    assert first.kind is StationKind.BOX
    assert first.containers == (Container("1", 120), Container("3", 35))
    assert m.stations[1].constituency("city-council") == "bam"


def test_a_paper_station_is_a_paper_station_and_an_unknown_code_is_refused() -> None:
    info = KERMAN.units[3].station
    assert info is not None
    paper = replace(info, mode=VotingMode.PAPER)
    units = tuple(
        replace(u, station=paper) if u.code == "ST-0801-0002" else u for u in KERMAN.units
    )
    geography = Geography.of(replace(KERMAN, units=units))
    m = build_manifest(geography, DEFINITION_HASH, {"ST-0801-0002": [7]})
    assert m.stations[0].kind is StationKind.PAPER
    with pytest.raises(ManifestError) as caught:
        build_manifest(geography, DEFINITION_HASH, {"IR-08-0801": [1], "nowhere": [1]})
    assert [p.path for p in caught.value.problems] == ["papers.IR-08-0801", "papers.nowhere"]


def test_a_final_report_says_how_many_papers_its_containers_hold() -> None:
    sheet = TallySheet(STATION, "president", Counts(cast=17))
    final = report([sheet], cvr_count=42)
    assert report_papers(final, StationKind.BOX, "president") == 42
    assert report_papers(final, StationKind.PAPER, "president") == 17
    with pytest.raises(ManifestError, match=r"sheets\.council"):
        report_papers(final, StationKind.PAPER, "council")
    zero = report(kind=ReportKind.ZERO, sequence=0, cvr_digest=cvr_digest(()))
    with pytest.raises(ManifestError, match="final"):
        report_papers(zero, StationKind.BOX, "president")
