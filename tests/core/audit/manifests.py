"""Small manifests and seeds for the audit's tests, and manifests drawn by hypothesis."""

from __future__ import annotations

from hypothesis import strategies as st

from sandogh.core.audit.manifest import (
    Container,
    Manifest,
    ManifestStation,
    Roll,
    Seed,
    StationKind,
    manifest_hash,
)
from sandogh.core.audit.sampling import Frame

DEFINITION_HASH = "sha256:" + "ab" * 32
BOTH = frozenset(StationKind)


def station(
    code: str, *papers: int, county: str = "C1", kind: StationKind = StationKind.BOX
) -> ManifestStation:
    containers = tuple(Container(str(j), n) for j, n in enumerate(papers, 1))
    return ManifestStation(code, county, (("president", "IR"),), kind, containers)


def manifest(*stations: ManifestStation) -> Manifest:
    return Manifest("kerman-1403-r2", DEFINITION_HASH, tuple(stations))


def seed_for(m: Manifest, digits: str = "01234567890123456789") -> Seed:
    return Seed(manifest_hash(m), (Roll("HQ", digits[:10]), Roll("observer", digits[10:])))


def frame(kinds: frozenset[StationKind] = BOTH, name: str = "ballot:IR") -> Frame:
    return Frame(name, "president", frozenset({"IR"}), kinds)


@st.composite
def manifests(draw: st.DrawFn) -> Manifest:
    """One to six stations of either kind, in two counties, with up to three containers."""
    count = draw(st.integers(1, 6))
    return manifest(
        *(
            station(
                f"S{s}",
                *draw(st.lists(st.integers(1, 9), min_size=1, max_size=3)),
                county=draw(st.sampled_from(["C1", "C2"])),
                kind=draw(st.sampled_from(list(StationKind))),
            )
            for s in range(count)
        )
    )
