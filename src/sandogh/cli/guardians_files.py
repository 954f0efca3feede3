"""What the `sandogh guardians` commands share: the directory and key options, the files they
read, the public ones they write (mode 0644 whatever the umask) and the private ones (mode 0600,
never replaced, in a folder only the guardian may enter), the randomness they draw, and what they
say, in Persian and English.

The private files are a guardian's polynomial and its share of the joint secret (`docs/e2e.md`
§5): they go to its private directory (`--private`, by default its key file's), never to the
exchange directory (`--dir`) the guardians share.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sandogh.cli.options import Language
from sandogh.core.definition.problems import Problem
from sandogh.core.e2e.signed_json import GuardianFileError
from sandogh.formats.key_file import PRIVATE_FILE
from sandogh.locale.digits import format_int
from sandogh.locale.language import Lang
from sandogh.services.guardians import GROUP, Document

_out = Console(highlight=False, soft_wrap=True)
_err = Console(highlight=False, soft_wrap=True, stderr=True)

PLAN_FILE = "ceremony.json"
PUBLIC_FILE = 0o644  # the exchange folder's files: every guardian reads them, none but the writer
PRIVATE_DIR = 0o700

_FA = {
    "planned": "برنامه مراسم کلید در {file} نوشته شد: {n} امین، حد نصاب {k}",
    "init": "امین {i}: تعهدها در {public} منتشر شد؛ راز در {secret} (فقط نزد شما)",
    "shared": "امین {i}: سهم‌های رمزشده برای {n} امین دیگر در {file}",
    "accepted": "امین {i}: همه سهم‌ها پذیرفته شد؛ سهم کلید شما در {key} (فقط نزد شما)",
    "complained": "امین {i}: از سهم امین {against} شکایت شد ({reason})؛ پاسخ او را بخواهید",
    "no_complaint": "امین {i}: شکایتی از شما نیست",
    "revealed": "امین {i}: پاسخ {n} شکایت در {file}",
    "finished": "مراسم کلید پایان یافت: کلید مشترک {key}؛ سیاهه در {file}",
    "decrypted": "امین {i}: رمزگشایی بخشی {n} رمزنوشته در {file}",
    "combined": "شمارش در {file} رمزگشایی شد با امینان {used}",
    "left_out": "کنار گذاشته شد: {fault}",
    "forgotten": "امین {i}: سهم کلید شما با سیاهه می‌خواند؛ راز مراسم {file} پاک شد",
    "mixed": "امین {i}: بُر زدن {t} از {n} ردیف با اثبات در {file}؛ جایگشت و نانس‌ها نگه داشته نشد",
    "rows": "{n} ردیف بُرخورده برای رمزگشایی در {file}",
    "unanchored": "هشدار: --unanchored — سیاههٔ مهرشدهٔ پیش از انتخابات بررسی نمی‌شود و کلید هر "
    "صندوق از زنجیرهٔ خودش گرفته می‌شود؛ هر کس بتواند یک صندوق ساختگی با یک برگهٔ واقعی بسازد و رأی "
    "آن رأی‌دهنده را رمزگشایی کند. فقط برای تمرین.",
    "no_anchor": "هشدار: اثر انگشت سیاههٔ مهرشده داده نشد (--anchor)؛ سیاههٔ منتشرشده اگر مهرشده و "
    "از همین مراسم باشد پذیرفته می‌شود. اثر انگشتی را که در مراسم گرفتید بدهید.",
}
_EN = {
    "planned": "Key ceremony plan written to {file}: {n} guardians, quorum {k}",
    "init": "Guardian {i}: commitments published in {public}; secret kept in {secret} (yours only)",
    "shared": "Guardian {i}: encrypted shares for {n} other guardians in {file}",
    "accepted": "Guardian {i}: every share accepted; your key share is in {key} (yours only)",
    "complained": "Guardian {i}: complaint against guardian {against}'s share ({reason}); "
    "ask for its reveal",
    "no_complaint": "Guardian {i}: no complaint against you",
    "revealed": "Guardian {i}: {n} complaints answered in {file}",
    "finished": "Key ceremony finished: joint key {key}; record in {file}",
    "decrypted": "Guardian {i}: partial decryption of {n} ciphertexts in {file}",
    "combined": "Tally decrypted in {file} with guardians {used}",
    "left_out": "Left out: {fault}",
    "forgotten": "Guardian {i}: your key share matches the record; the ceremony secret {file} "
    "was erased",
    "mixed": "Guardian {i}: shuffle {t} of {n} rows with its proof in {file}; "
    "its permutation and nonces are not kept",
    "rows": "{n} shuffled rows to decrypt in {file}",
    "unanchored": "WARNING: --unanchored: the sealed pre-election record is not checked and each "
    "box's key is taken from its own chain; anyone who makes up a box with one real ballot can "
    "have that voter's vote decrypted. For a rehearsal only.",
    "no_anchor": "WARNING: no fingerprint of the sealed record given (--anchor); the published "
    "record is taken once sealed and of this ceremony. Give the fingerprint you were given at the "
    "ceremony.",
}

KeyFile = Annotated[Path, typer.Option("--key", help="Your own key file (staff keygen).")]
Exchange = Annotated[
    Path, typer.Option("--dir", help="The directory of the ceremony's public files.")
]
Private = Annotated[
    Path | None,
    typer.Option(
        "--private",
        help="Where your secret files are kept (default: your key file's directory).",
        show_default=False,
    ),
]
Record = Annotated[Path, typer.Option("--record", help="The ceremony's record (election.json).")]
TallyFile = Annotated[Path, typer.Option("--tally", help="The encrypted tally.")]
MixInputFile = Annotated[
    Path, typer.Option("--input", help="The constituency's mix input (sandogh publish).")
]
Out = Annotated[Path, typer.Option("--out", help="The file to write.")]


def say(message: str, lang: Language, **values: str | int) -> None:
    language: Lang = lang.lang
    template = (_FA if language == "fa" else _EN)[message]
    text = template.format_map(
        {k: format_int(v, language) if isinstance(v, int) else v for k, v in values.items()}
    )
    _out.print(text, markup=False)


def warn(message: str, lang: Language) -> None:
    """A warning, loud and on standard error, that the guardian trusts less than it could."""
    text = (_FA if lang.lang == "fa" else _EN)[message]
    _err.print(text, markup=False, style="bold red")


def read_document(path: Path) -> Document:
    try:
        return Document(str(path), path.read_bytes())
    except FileNotFoundError:
        raise GuardianFileError(str(path), [Problem("", "no such file")]) from None


def read_all(directory: Path, kind: str) -> list[Document]:
    return [read_document(path) for path in sorted(directory.glob(f"guardian-*.{kind}.json"))]


def write_public(path: Path, data: bytes) -> None:
    """Write a file of the exchange folder (or an output to publish), mode 0644 set explicitly:
    under a umask of 000 it would be 0666, and any account on the machine could rewrite it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PUBLIC_FILE)
    with os.fdopen(fd, "wb") as file:
        os.fchmod(file.fileno(), PUBLIC_FILE)
        file.write(data)


def write_private(path: Path, data: bytes) -> None:
    """Write a private file, mode 0600, never replacing other bytes (`check` run again writes the
    same key file)."""
    if path.exists():
        if path.read_bytes() == data:
            return
        raise GuardianFileError(str(path), [Problem("", "already exists; it is never replaced")])
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    with os.fdopen(fd, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())


def draw() -> int:
    """A uniform scalar: 64 random bytes reduced mod q (`docs/e2e.md` §2, RFC 9496 §4.4)."""
    return int.from_bytes(os.urandom(64), "big") % GROUP.q


def private_dir(private: Path | None, key: Path, *, make: bool = False) -> Path:
    """The guardian's private folder (`--private`, else its key file's); with `make`, created
    mode 0700 when it does not exist. One its group or others may read, write or enter is
    refused: another account could read the secret, or swap it, however private the files."""
    folder = private if private is not None else key.parent
    if make and not folder.exists():
        folder.mkdir(parents=True, mode=PRIVATE_DIR)
        os.chmod(folder, PRIVATE_DIR)  # mkdir's mode passes through the umask
    try:
        mode = stat.S_IMODE(folder.stat().st_mode)
    except FileNotFoundError:
        raise GuardianFileError(str(folder), [Problem("", "no such file")]) from None
    if mode & ~PRIVATE_DIR:
        detail = (
            f"has mode {mode:o}: only its owner may read, write or enter it (chmod 700 {folder})"
        )
        raise GuardianFileError(str(folder), [Problem("", detail)])
    return folder
