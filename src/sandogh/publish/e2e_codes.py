"""The index behind "Was my ballot counted?": every confirmation code of the record, sharded.

docs/e2e.md §7 and §9. The results site is static (docs/publish.md), so the look-up page
(`publish.site`, `ballot.html`) cannot ask a server: its script reads `e2e/codes/index.json`
for the shard width, then the one shard named by the first hex digits of the code the voter
typed, `e2e/codes/<prefix>.json`. The width is chosen so that a shard holds about
`SHARD_TARGET` codes however large the election (a phone downloads one small file), and every
shard of that width is written, empty or not, so a stale one never lingers after a
regeneration and a look-up of an absent prefix finds an empty list, not an error.

An entry names the code, its station (by code and name, so the page needs no other file) and
its state; a challenged ballot carries its opened content, each contest's chosen candidates by
code and name (none chosen: blank), since the voter who challenged it checks exactly that.
A cast ballot says whether its station's tally is decrypted in this snapshot (`counted`): the
interim snapshot `sandogh publish --e2e-tallies` writes before the guardians decrypt holds the
chains and their encrypted tallies only, and the look-up page must not tell a voter "counted"
before there is a count (the outside review found it did). Nothing else is in it: no position
in the chain beyond what the record publishes, no time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sandogh.core.canonical_json import JSONValue, canonical_json
from sandogh.core.definition.model import Name
from sandogh.publish.writer import Writer

FORMAT = "sandogh/e2e-codes@1"
SHARD_TARGET = 512  # codes a shard holds, about
MAX_WIDTH = 4  # 65,536 shards: 1,000 codes each for 62 million ballots


def _name(name: Name) -> dict[str, JSONValue]:
    return {"fa": name.fa, "en": name.en}


@dataclass(frozen=True)
class OpenedContest:
    """One contest of a challenged ballot as opened: the candidates chosen (none: blank)."""

    contest: str
    name: Name
    chosen: tuple[tuple[str, Name], ...]  # (candidate code, name), in the ballot's order


@dataclass(frozen=True)
class CodeEntry:
    """A confirmation code (32 bytes, §7) where the record has it."""

    code: bytes
    station: str
    station_name: Name
    challenged: bool
    opened: tuple[OpenedContest, ...] = ()
    counted: bool = False  # a cast ballot whose station's decrypted tally is in the snapshot

    def json(self) -> dict[str, JSONValue]:
        entry: dict[str, JSONValue] = {
            "code": self.code.hex(),
            "station": self.station,
            "name": _name(self.station_name),
            "state": "challenged" if self.challenged else "cast",
        }
        if not self.challenged:
            entry["counted"] = self.counted
        if self.challenged:
            entry["opened"] = [
                {
                    "contest": contest.contest,
                    "name": _name(contest.name),
                    "chosen": [
                        {"code": code, "name": _name(name)} for code, name in contest.chosen
                    ],
                }
                for contest in self.opened
            ]
        return entry


def shard_width(total: int) -> int:
    """Hex digits of the shard prefix: the fewest that keep shards near `SHARD_TARGET`."""
    width = 1
    while width < MAX_WIDTH and total > SHARD_TARGET * 16**width:
        width += 1
    return width


def write_codes(writer: Writer, folder: str, entries: Iterable[CodeEntry]) -> dict[str, bytes]:
    """Write the index of `entries` under `folder` (`data/<election>/e2e/codes`), as canonical
    JSON like the rest of the record (docs/e2e.md §9); every file written, by path. Shards list
    their codes in hex order."""
    listed = sorted(entries, key=lambda entry: entry.code)
    width = shard_width(len(listed))
    shards: dict[str, list[JSONValue]] = {f"{prefix:0{width}x}": [] for prefix in range(16**width)}
    for entry in listed:
        shards[entry.code.hex()[:width]].append(entry.json())
    index: JSONValue = {"format": FORMAT, "prefix": width, "codes": len(listed)}
    written = {f"{folder}/index.json": canonical_json(index)}
    for prefix, shard in shards.items():
        written[f"{folder}/{prefix}.json"] = canonical_json({"format": FORMAT, "codes": shard})
    for relative, data in written.items():
        writer.write(relative, data)
    return written


def opened_contests(
    choices: Mapping[str, Sequence[str]],
    contest_names: Mapping[str, Name],
    candidate_names: Mapping[str, Mapping[str, Name]],
) -> tuple[OpenedContest, ...]:
    """A challenged ballot's choices (contest → chosen candidate codes) with their names, the
    contests in the order given."""
    return tuple(
        OpenedContest(
            contest,
            contest_names[contest],
            tuple((code, candidate_names[contest][code]) for code in chosen),
        )
        for contest, chosen in choices.items()
    )
