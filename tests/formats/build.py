"""The example of `docs/formats.md` (the Kerman 1403 presidential runoff) as the tests read it,
and any election the core can hold, valid or not, drawn by hypothesis."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from sandogh.core.definition.model import (
    Candidate,
    Constituency,
    Contest,
    Election,
    Location,
    Mobility,
    Name,
    Office,
    PartyList,
    ReportingUnit,
    RoundLink,
    Setting,
    StationInfo,
    UnitKind,
    VotingMode,
)
from sandogh.core.definition.rule import (
    Apportionment,
    Base,
    MajorityRule,
    PluralityRule,
    ProportionalRule,
    Rule,
    ThresholdRule,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "formats.md"
EXAMPLE = re.search(r"```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
assert EXAMPLE is not None
EXAMPLE_YAML = EXAMPLE.group(1)


def example() -> dict[str, Any]:
    """The docs' example as JSON data (YAML's date becomes its ISO text)."""
    data = yaml.safe_load(EXAMPLE_YAML)
    loaded: dict[str, Any] = json.loads(json.dumps(data, default=str))
    return loaded


def as_json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode()


def shuffle(data: Any, rng: random.Random) -> Any:
    """`data` with the keys of every mapping in a random order."""
    if isinstance(data, dict):
        items = list(data.items())
        rng.shuffle(items)
        return {key: shuffle(value, rng) for key, value in items}
    if isinstance(data, list):
        return [shuffle(item, rng) for item in data]
    return data


codes = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,6}", fullmatch=True)
election_ids = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,6}", fullmatch=True)
#: any text a definition may hold: no control character and no direction control
#: (`written.ODD_CHARACTERS`)
texts = st.text(
    st.characters(
        exclude_categories=("Cc", "Cs"),
        exclude_characters="\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    ),
    max_size=8,
)
names = st.builds(Name, texts, texts)
shares = st.fractions(min_value=-2, max_value=2, max_denominator=1000)
degrees = st.decimals(min_value=-180, max_value=180, places=6, allow_nan=False)
counts = st.integers(-5, 10**7)
rules: st.SearchStrategy[Rule] = st.one_of(
    st.builds(MajorityRule, st.sampled_from(Base), shares, counts),
    st.builds(ThresholdRule, st.sampled_from(Base), shares, counts),
    st.just(PluralityRule()),
    st.builds(ProportionalRule, st.sampled_from(Apportionment), shares),
)
stations = st.builds(
    StationInfo,
    st.sampled_from(Mobility),
    st.sampled_from(Setting),
    st.sampled_from(VotingMode),
    st.booleans(),
    st.none() | st.builds(Location, degrees, degrees),
)
units = st.builds(
    ReportingUnit,
    codes,
    st.sampled_from(UnitKind),
    names,
    st.none() | codes,
    st.none() | counts,
    st.none() | stations,
)
contests = st.builds(
    Contest,
    codes,
    st.sampled_from(Office),
    names,
    rules,
    st.lists(
        st.builds(
            Constituency, codes, names, st.lists(codes, max_size=3).map(tuple), counts, counts
        ),
        max_size=3,
    ).map(tuple),
    st.lists(
        st.builds(
            Candidate, st.from_regex(r"[0-9]{1,4}", fullmatch=True), names, codes, st.none() | codes
        ),
        max_size=4,
    ).map(tuple),
    st.lists(st.builds(PartyList, codes, names), max_size=2).map(tuple),
    counts,
    st.none() | st.builds(RoundLink, election_ids, codes),
    st.booleans(),
    st.none() | st.builds(RoundLink, election_ids, codes),  # a by-election's main election
)
elections = st.builds(
    Election,
    election_ids,
    names,
    st.dates(),
    st.lists(units, max_size=5).map(tuple),
    st.lists(contests, max_size=3).map(tuple),
    counts,
    st.lists(texts, max_size=2).map(tuple),
)
