"""The tally files the guardians decrypt (`docs/e2e.md` §8, "Files and commands"): an encrypted
tally, a guardian's signed partial decryption of it, and the decrypted tally that `combine`
writes (the tally with each option's guardians' shares and its value t).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sandogh.core.canonical_json import canonical_json
from sandogh.core.e2e.decryption import ChaumPedersenProof, PartialDecryption
from sandogh.core.e2e.elgamal import Ciphertext
from sandogh.core.e2e.group import Group
from sandogh.core.e2e.signed_json import SIGNATURE, FileReader, sign_document
from sandogh.core.report.digests import DIGEST
from sandogh.core.report.keys import PublicKey, SigningKey

PARTIAL = "sandogh/e2e-partial-decryption@1"


@dataclass(frozen=True)
class TallyContest:
    contest: str
    ballots: int
    options: tuple[tuple[str, Ciphertext], ...]


@dataclass(frozen=True)
class Tally:
    """A station's (or an aggregate's) encrypted tally."""

    station: str
    contests: tuple[TallyContest, ...]

    def ciphertexts(self) -> list[tuple[str, str, Ciphertext]]:
        """(contest, option, ciphertext) in the file's order."""
        return [(c.contest, o, ct) for c in self.contests for o, ct in c.options]


def decode_tally(group: Group, data: bytes, where: str) -> Tally:
    """An encrypted tally; fields beyond those §8 lists (the publisher's own) are refused too,
    so that what the guardians decrypt is exactly what they read."""
    reader = FileReader(where, group)
    parsed = reader.parse(data)
    document = reader.fields(parsed, "", frozenset(("station", "contests")))
    reader.stop()
    assert document is not None
    contests = []
    for n, entry in enumerate(reader.items(document["contests"], "contests")):
        path = f"contests[{n}]"
        fields = reader.fields(entry, path, frozenset(("contest", "ballots", "options")))
        if fields is None:
            continue
        options = []
        for m, option in enumerate(reader.items(fields["options"], f"{path}.options")):
            where_ = f"{path}.options[{m}]"
            row = reader.fields(option, where_, frozenset(("option", "alpha", "beta")))
            if row is None:
                continue
            code = row["option"]
            if not isinstance(code, str):
                reader.problem(f"{where_}.option", "must be a string")
                continue
            ciphertext = Ciphertext(
                reader.element(row["alpha"], f"{where_}.alpha"),
                reader.element(row["beta"], f"{where_}.beta"),
            )
            options.append((code, ciphertext))
        contests.append(
            TallyContest(
                reader.text(fields["contest"], f"{path}.contest"),
                reader.figure(fields["ballots"], f"{path}.ballots"),
                tuple(options),
            )
        )
    tally = Tally(reader.text(document["station"], "station"), tuple(contests))
    reader.stop()
    return tally


def _proof_json(group: Group, proof: ChaumPedersenProof) -> dict[str, str]:
    return {
        "c": group.scalar_bytes(proof.challenge).hex(),
        "v": group.scalar_bytes(proof.response).hex(),
    }


def encode_partial(
    group: Group,
    tally: Tally,
    *,
    guardian: int,
    tally_hash: str,
    extended: bytes,
    partials: Sequence[PartialDecryption],
    key: SigningKey,
) -> bytes:
    """Guardian ℓ's signed partial decryption of `tally` (`partials` in its order)."""
    shares = iter(partials)
    contests = [
        {
            "contest": contest.contest,
            "options": [
                {"option": option, **_share_json(group, next(shares))}
                for option, _ in contest.options
            ],
        }
        for contest in tally.contests
    ]
    return sign_document(
        {
            "format": PARTIAL,
            "guardian": guardian,
            "tally": tally_hash,
            "extended_hash": extended.hex(),
            "contests": contests,
        },
        key,
    )


def _share_json(group: Group, partial: PartialDecryption) -> dict[str, object]:
    return {"share": partial.share.hex(), "proof": _proof_json(group, partial.proof)}


def decode_partial(
    group: Group,
    tally: Tally,
    *,
    tally_hash: str,
    extended: bytes,
    signers: Mapping[int, PublicKey],
    data: bytes,
    where: str,
) -> tuple[int, list[PartialDecryption]]:
    """The guardian, and its partial decryptions of `tally` in the tally's order: signed by the
    key `signers` gives for the guardian it names, of this tally and this election (HE). The
    proofs are `verify_partial`'s."""
    reader = FileReader(where, group)
    document = reader.open(
        data, PARTIAL, ("format", "guardian", "tally", "extended_hash", "contests", SIGNATURE)
    )
    guardian = reader.figure(document["guardian"], "guardian")
    if guardian not in signers:
        reader.problem("guardian", f"{guardian} is no guardian of the record")
    if reader.text(document["tally"], "tally", DIGEST) != tally_hash:
        reader.problem("tally", f"{document['tally']!r} is not the tally given, {tally_hash}")
    if document["extended_hash"] != extended.hex():
        reader.problem("extended_hash", "is not the record's: another election or ceremony")
    reader.stop()
    reader.check_signature(document, signers[guardian])
    partials = []
    contests = reader.items(document["contests"], "contests")
    if [c.get("contest") if isinstance(c, dict) else None for c in contests] != [
        c.contest for c in tally.contests
    ]:
        reader.problem("contests", "are not the tally's contests, in its order")
    reader.stop()
    for n, (entry, contest) in enumerate(zip(contests, tally.contests, strict=True)):
        assert isinstance(entry, dict)
        rows = reader.items(entry.get("options"), f"contests[{n}].options")
        if [r.get("option") if isinstance(r, dict) else None for r in rows] != [
            o for o, _ in contest.options
        ]:
            reader.problem(f"contests[{n}].options", "are not the tally's options, in its order")
            continue
        for m, row in enumerate(rows):
            path = f"contests[{n}].options[{m}]"
            fields = reader.fields(row, path, frozenset(("option", "share", "proof")))
            proof = (
                None
                if fields is None
                else reader.fields(fields["proof"], f"{path}.proof", frozenset(("c", "v")))
            )
            if fields is None or proof is None:
                continue
            partials.append(
                PartialDecryption(
                    guardian,
                    reader.element(fields["share"], f"{path}.share"),
                    ChaumPedersenProof(
                        reader.scalar(proof["c"], f"{path}.proof.c"),
                        reader.scalar(proof["v"], f"{path}.proof.v"),
                    ),
                )
            )
    reader.stop()
    return guardian, partials


def encode_decrypted(
    group: Group,
    tally: Tally,
    used: Sequence[Sequence[PartialDecryption]],
    values: Sequence[int],
) -> bytes:
    """The decrypted tally: `tally` with, per option, the `used` guardians' shares (by ciphertext,
    in the tally's order) and its value."""
    rows = iter(zip(used, values, strict=True))
    contests = []
    for contest in tally.contests:
        options = []
        for option, ciphertext in contest.options:
            partials, value = next(rows)
            options.append(
                {
                    "option": option,
                    "alpha": ciphertext.alpha.hex(),
                    "beta": ciphertext.beta.hex(),
                    "shares": [
                        {"guardian": p.guardian, **_share_json(group, p)}
                        for p in sorted(partials, key=lambda p: p.guardian)
                    ],
                    "value": value,
                }
            )
        contests.append(
            {"contest": contest.contest, "ballots": contest.ballots, "options": options}
        )
    return canonical_json({"station": tally.station, "contests": contests})


def encode_tally(tally: Tally) -> bytes:
    """An encrypted tally's canonical bytes (the publisher's form, §8)."""
    return canonical_json(
        {
            "station": tally.station,
            "contests": [
                {
                    "contest": c.contest,
                    "ballots": c.ballots,
                    "options": [
                        {"option": o, "alpha": ct.alpha.hex(), "beta": ct.beta.hex()}
                        for o, ct in c.options
                    ],
                }
                for c in tally.contests
            ],
        }
    )
