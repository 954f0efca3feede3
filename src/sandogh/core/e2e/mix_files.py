"""The mix-net's files (`docs/e2e.md` §11.4, §11.5 "Files"): a constituency's mix input, a
mixer's signed mix file, the last mix's rows written as a §8 tally for the guardians to decrypt,
and the record's `mixes/<contest>/<constituency>.json` that gathers them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sandogh.core.canonical_json import JSONValue, canonical_json
from sandogh.core.e2e.elgamal import Ciphertext
from sandogh.core.e2e.group import Group
from sandogh.core.e2e.shuffle import Row, ShuffleProof
from sandogh.core.e2e.signed_json import SIGNATURE, FileReader, sign_document
from sandogh.core.e2e.slots import SlotContest, slot_ciphertexts
from sandogh.core.e2e.tally_files import Tally, TallyContest
from sandogh.core.report.keys import PublicKey, SigningKey

MIX_INPUT = "sandogh/e2e-mix-input@1"
MIX = "sandogh/e2e-mix@1"
MIXES = "sandogh/e2e-mixes@1"


@dataclass(frozen=True)
class MixInput:
    """A constituency's rows to mix: X_1..X_L of each cast ballot carrying the contest, from
    `stations` (code, its ballots) in code order and chain order."""

    contest: str
    constituency: str
    stations: tuple[tuple[str, int], ...]
    rows: tuple[Row, ...]

    @property
    def label(self) -> str:
        return f"{self.contest}/{self.constituency}"


@dataclass(frozen=True)
class Mix:
    """Mixer t's shuffle, made by guardian `guardian`: its output rows and proof."""

    contest: str
    constituency: str
    mixer: int
    guardian: int
    extended_hash: bytes
    rows: tuple[Row, ...]
    proof: ShuffleProof

    @property
    def label(self) -> str:
        """§11.4's label c/κ/t."""
        return shuffle_label(self.contest, self.constituency, self.mixer)


def station_rows(
    group: Group, contest: str, candidates: int, ballots: Sequence[Sequence[object]]
) -> tuple[Row, ...]:
    """A station's rows for §11.4's input: X_1..X_L (`slots.slot_ciphertexts`) of each of its
    cast ballots (their contests, in chain order) that carries `contest`."""
    return tuple(
        slot_ciphertexts(group, c, candidates)
        for contests in ballots
        for c in contests
        if isinstance(c, SlotContest) and c.contest == contest
    )


def mix_input(
    contest: str, constituency: str, stations: Sequence[tuple[str, Sequence[Row]]]
) -> MixInput:
    """§11.4's input of the constituency: its stations' rows (`station_rows`) in code order."""
    ordered = sorted(stations, key=lambda s: s[0])
    return MixInput(
        contest,
        constituency,
        tuple((station, len(rows)) for station, rows in ordered),
        tuple(row for _, rows in ordered for row in rows),
    )


def shuffle_label(contest: str, constituency: str, mixer: int) -> str:
    return f"{contest}/{constituency}/{mixer}"


def _rows_json(rows: Sequence[Row]) -> list[JSONValue]:
    return [[{"alpha": c.alpha.hex(), "beta": c.beta.hex()} for c in row] for row in rows]


def _stations_json(stations: Sequence[tuple[str, int]]) -> list[JSONValue]:
    return [{"station": s, "ballots": n} for s, n in stations]


def encode_input(mix_input: MixInput) -> bytes:
    return canonical_json(
        {
            "format": MIX_INPUT,
            "contest": mix_input.contest,
            "constituency": mix_input.constituency,
            "stations": _stations_json(mix_input.stations),
            "rows": _rows_json(mix_input.rows),
        }
    )


def _read_rows(reader: FileReader, value: object, path: str) -> tuple[Row, ...]:
    rows = []
    for n, row in enumerate(reader.items(value, path)):
        cells = []
        for k, cell in enumerate(reader.items(row, f"{path}[{n}]")):
            at = f"{path}[{n}][{k}]"
            fields = reader.fields(cell, at, frozenset(("alpha", "beta")))
            if fields is not None:
                cells.append(
                    Ciphertext(
                        reader.element(fields["alpha"], f"{at}.alpha"),
                        reader.element(fields["beta"], f"{at}.beta"),
                    )
                )
        rows.append(tuple(cells))
    if not rows or len({len(r) for r in rows}) != 1 or not rows[0]:
        reader.problem(path, "rows, each of the same number (≥ 1) of ciphertexts")
    return tuple(rows)


def decode_input(group: Group, data: bytes, where: str) -> MixInput:
    reader = FileReader(where, group)
    document = reader.open(
        data, MIX_INPUT, ("format", "contest", "constituency", "stations", "rows")
    )
    stations = []
    for n, entry in enumerate(reader.items(document["stations"], "stations")):
        fields = reader.fields(entry, f"stations[{n}]", frozenset(("station", "ballots")))
        if fields is not None:
            stations.append(
                (
                    reader.text(fields["station"], f"stations[{n}].station"),
                    reader.figure(fields["ballots"], f"stations[{n}].ballots"),
                )
            )
    found = MixInput(
        reader.text(document["contest"], "contest"),
        reader.text(document["constituency"], "constituency"),
        tuple(stations),
        _read_rows(reader, document["rows"], "rows"),
    )
    reader.stop()
    return found


def _proof_json(group: Group, proof: ShuffleProof) -> dict[str, JSONValue]:
    def sc(value: int) -> str:
        return group.scalar_bytes(value).hex()

    return {
        "commitments": [c.hex() for c in proof.commitments],
        "chain": [c.hex() for c in proof.chain],
        "challenge": sc(proof.challenge),
        "s1": sc(proof.s1),
        "s2": sc(proof.s2),
        "s3": sc(proof.s3),
        "s4": [sc(s) for s in proof.s4],
        "s_hat": [sc(s) for s in proof.s_hat],
        "s_prime": [sc(s) for s in proof.s_prime],
    }


def encode_mix(group: Group, mix: Mix, key: SigningKey) -> bytes:
    """The mix file, signed by its guardian's key."""
    return sign_document(
        {
            "format": MIX,
            "contest": mix.contest,
            "constituency": mix.constituency,
            "mixer": mix.mixer,
            "guardian": mix.guardian,
            "extended_hash": mix.extended_hash.hex(),
            "rows": _rows_json(mix.rows),
            "proof": _proof_json(group, mix.proof),
        },
        key,
    )


_PROOF_FIELDS = frozenset(
    ("commitments", "chain", "challenge", "s1", "s2", "s3", "s4", "s_hat", "s_prime")
)


def decode_mix(group: Group, data: bytes, where: str, signers: Mapping[int, PublicKey]) -> Mix:
    """A mix file, signed by the key `signers` gives for the guardian it names (the proof is
    `shuffle.check_shuffle`'s)."""
    reader = FileReader(where, group)
    document = reader.open(
        data,
        MIX,
        (
            "format",
            "contest",
            "constituency",
            "mixer",
            "guardian",
            "extended_hash",
            "rows",
            "proof",
            SIGNATURE,
        ),
    )
    guardian = reader.figure(document["guardian"], "guardian")
    if guardian not in signers:
        reader.problem("guardian", f"{guardian} is no guardian of the record")
    reader.stop()
    reader.check_signature(document, signers[guardian])
    proof = reader.fields(document["proof"], "proof", _PROOF_FIELDS)
    if proof is None:
        reader.fail()
    assert proof is not None

    def elements(name: str) -> tuple[bytes, ...]:
        return tuple(
            reader.element(v, f"proof.{name}[{n}]")
            for n, v in enumerate(reader.items(proof[name], f"proof.{name}"))
        )

    def scalars(name: str) -> tuple[int, ...]:
        return tuple(
            reader.scalar(v, f"proof.{name}[{n}]")
            for n, v in enumerate(reader.items(proof[name], f"proof.{name}"))
        )

    mix = Mix(
        reader.text(document["contest"], "contest"),
        reader.text(document["constituency"], "constituency"),
        reader.figure(document["mixer"], "mixer"),
        guardian,
        reader.hex_field(document["extended_hash"], "extended_hash", 32),
        _read_rows(reader, document["rows"], "rows"),
        ShuffleProof(
            commitments=elements("commitments"),
            chain=elements("chain"),
            challenge=reader.scalar(proof["challenge"], "proof.challenge"),
            s1=reader.scalar(proof["s1"], "proof.s1"),
            s2=reader.scalar(proof["s2"], "proof.s2"),
            s3=reader.scalar(proof["s3"], "proof.s3"),
            s4=scalars("s4"),
            s_hat=scalars("s_hat"),
            s_prime=scalars("s_prime"),
        ),
    )
    reader.stop()
    return mix


def rows_tally(contest: str, constituency: str, rows: Sequence[Row]) -> Tally:
    """The last mix's rows as a §8 tally (§11.5, "Files"): a contest entry per row, ballots 1,
    options the slots "1".."L"."""
    return Tally(
        f"{contest}/{constituency}",
        tuple(
            TallyContest(contest, 1, tuple((str(k), cell) for k, cell in enumerate(row, start=1)))
            for row in rows
        ),
    )


def encode_mixes(mix_input: MixInput, mixes: Sequence[bytes], decrypted_rows: bytes) -> bytes:
    """The record's `mixes/<contest>/<constituency>.json`: the signed mix files' objects and the
    decrypted rows' object, as their bytes say, with the input's source."""
    return canonical_json(
        {
            "format": MIXES,
            "contest": mix_input.contest,
            "constituency": mix_input.constituency,
            "stations": _stations_json(mix_input.stations),
            "mixes": [json.loads(m) for m in mixes],
            "rows": json.loads(decrypted_rows),
        }
    )
