"""What the snapshot's documents need of one election's definition, worked out once.

A national snapshot holds some 290,000 result files (docs/publish.md; bench/publish.py), and the
files of one station's report are written again within a second of it; so what every document
repeats — a unit as `{"code", "kind", "name"}`, a candidate's name, which constituencies a unit
overlaps, who stands where, which stations vote — is worked out once per election here. The
dictionaries handed out are shared between documents: they are read and serialised, never changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Candidate, Contest, Name, UnitKind
from sandogh.publish.writer import json_text
from sandogh.services.outcomes import standing_by_constituency
from sandogh.services.ports import StoredElection

JSONObject = dict[str, Any]


def code_order(code: str) -> tuple[int, str]:
    """Ballot codes in numeric order ("9" before "10"), as the tally CSV lists them."""
    return len(code), code


def name_json(name: Name) -> dict[str, str]:
    return {"fa": name.fa, "en": name.en}


@dataclass(frozen=True, eq=False)
class ElectionIndex:
    """One stored election with its geography, and what its documents repeat.

    Build it with `ElectionIndex.of`.
    """

    stored: StoredElection
    geography: Geography
    voting_stations: frozenset[str]  # stations with at least one contest on their ballot
    _refs: Mapping[str, JSONObject] = field(repr=False)
    _standing: Mapping[str, Mapping[str, tuple[Candidate, ...]]] = field(repr=False)
    _candidates: Mapping[str, Mapping[str, JSONObject]] = field(repr=False)
    _overlapping: Mapping[str, Mapping[str, tuple[str, ...]]] = field(repr=False)
    _voting_under: Mapping[str, int] = field(repr=False)
    _contests: Mapping[str, Contest] = field(repr=False)
    _codes: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict, repr=False)
    _texts: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)
    _read: dict[str, dict[str, JSONObject]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, stored: StoredElection, geography: Geography) -> ElectionIndex:
        election = stored.election
        refs = {
            code: {
                "code": code,
                "kind": geography.kind(code).value,
                "name": name_json(geography.unit(code).name),
            }
            for code in geography.top_down
        }
        voting = frozenset(
            station
            for contest in election.contests
            for station, _ in _stations_in(geography, contest)
        )
        voting_under: dict[str, int] = {}
        for code in reversed(geography.top_down):
            own = 1 if code in voting else 0
            voting_under[code] = own + sum(voting_under[c] for c in geography.children(code))
        return cls(
            stored=stored,
            geography=geography,
            voting_stations=voting,
            _refs=refs,
            _standing={c.id: standing_by_constituency(c) for c in election.contests},
            _candidates={
                c.id: {
                    candidate.code: {
                        "code": candidate.code,
                        "name": name_json(candidate.name),
                        "party_list": candidate.party_list,
                    }
                    for candidate in c.candidates
                }
                for c in election.contests
            },
            _overlapping={c.id: _overlapping(geography, c) for c in election.contests},
            _voting_under=voting_under,
            _contests={c.id: c for c in election.contests},
        )

    @property
    def election_id(self) -> str:
        return self.stored.election.id

    @property
    def definition_hash(self) -> str:
        return self.stored.definition_hash

    @property
    def top_unit(self) -> str:
        return self.geography.top_down[0]

    def contest(self, contest_id: str) -> Contest:
        return self._contests[contest_id]

    def ref(self, code: str) -> JSONObject:
        """The unit as `{"code", "kind", "name"}`."""
        return self._refs[code]

    def path(self, code: str) -> list[JSONObject]:
        """The units above `code`, the root first."""
        return [self._refs[above] for above in reversed(self.geography.ancestors(code))]

    def standing(self, contest_id: str, constituency: str) -> tuple[Candidate, ...]:
        return self._standing[contest_id].get(constituency, ())

    def candidate(self, contest_id: str, code: str) -> JSONObject:
        """The candidate as `{"code", "name", "party_list"}`."""
        return self._candidates[contest_id][code]

    def candidate_texts(self, contest_id: str) -> Mapping[str, str]:
        """Each candidate of the contest as a results file writes it before its votes:
        `{"code":…,"name":…,"party_list":…,"votes":`, encoded once (`publish.result_bytes`)."""
        texts = self._texts.get(contest_id)
        if texts is None:
            texts = self._texts[contest_id] = {
                code: json_text(candidate)[:-1] + ',"votes":'
                for code, candidate in self._candidates[contest_id].items()
            }
        return texts

    def candidates_as_read(self, contest_id: str) -> Mapping[str, JSONObject]:
        """Each candidate of the contest as a reader decodes it from `candidate_texts`, without
        its votes: the parts of a results file's `votes` that every file repeats, decoded once
        (`publish.result_bytes.unit_result_bytes`)."""
        read = self._read.get(contest_id)
        if read is None:
            read = self._read[contest_id] = {
                code: {k: v for k, v in orjson.loads(f"{text}0}}").items() if k != "votes"}
                for code, text in self.candidate_texts(contest_id).items()
            }
        return read

    def constituencies_of(self, contest_id: str, code: str) -> tuple[str, ...]:
        """The constituencies of the contest that `code` lies in or overlaps, by id."""
        inside = self.geography.constituency_map(contest_id).get(code)
        if inside is not None:
            return (inside,)
        return self._overlapping[contest_id].get(code, ())

    def candidates_in(self, contest_id: str, code: str) -> list[Candidate]:
        """The candidates standing in the constituencies `code` lies in or overlaps."""
        standing = self._standing[contest_id]
        return [
            candidate
            for constituency in self.constituencies_of(contest_id, code)
            for candidate in standing.get(constituency, ())
        ]

    def candidate_codes(self, contest_id: str, code: str) -> tuple[str, ...]:
        """The codes of `candidates_in`, in ballot-code order ("9" before "10"). Kept by
        constituency for the units inside one (every station), and by unit for those that
        overlap several, whose documents are written again after every report (the nation's
        lists some 108,000 village-council candidates)."""
        inside = self.geography.constituency_map(contest_id).get(code)
        # a unit inside one constituency has its list: kept once for all its stations
        key = (contest_id, code) if inside is None else (contest_id, "constituency:" + inside)
        codes = self._codes.get(key)
        if codes is None:
            codes = tuple(
                sorted((c.code for c in self.candidates_in(contest_id, code)), key=code_order)
            )
            self._codes[key] = codes
        return codes

    def voting_under(self, code: str) -> int:
        """The stations at or below `code` with at least one contest on their ballot."""
        return self._voting_under[code]

    def ballot(self, station: str) -> tuple[str, ...]:
        """The contests `station` votes in, in the definition's order."""
        return tuple(
            contest.id
            for contest in self.stored.election.contests
            if station in self.geography.constituency_map(contest.id)
        )

    def sheet_groups(self) -> dict[str, list[str]]:
        """Every station CSV's unit, with its voting stations in the tree's order."""
        groups: dict[str, list[str]] = {}
        for station in self.geography.stations:
            if station in self.voting_stations:
                groups.setdefault(self.sheet_group(station), []).append(station)
        return groups

    def sheet_group_stations(self, group: str) -> list[str]:
        """The voting stations whose sheets the station CSV of `group` holds."""
        return [
            station
            for station in self.geography.stations_under(group)
            if station in self.voting_stations and self.sheet_group(station) == group
        ]

    def sheet_group(self, station: str) -> str:
        """The unit whose station CSV holds `station`'s sheets: its county, or where it has none
        its parent."""
        ancestors = self.geography.ancestors(station)
        for code in ancestors:
            if self.geography.kind(code) is UnitKind.COUNTY:
                return code
        return ancestors[0] if ancestors else station


def _stations_in(geography: Geography, contest: Contest) -> list[tuple[str, str]]:
    member = geography.constituency_map(contest.id)
    return [(station, member[station]) for station in geography.stations if station in member]


def _overlapping(geography: Geography, contest: Contest) -> dict[str, tuple[str, ...]]:
    """Every unit above the constituencies of `contest`, to the constituencies below it."""
    found: dict[str, list[str]] = {}
    for constituency in contest.constituencies:
        seen: set[str] = set()
        for part in geography.constituency_parts(contest.id, constituency.id):
            for above in geography.ancestors(part):
                if above not in seen:
                    seen.add(above)
                    found.setdefault(above, []).append(constituency.id)
    return {code: tuple(ids) for code, ids in found.items()}
