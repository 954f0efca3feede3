"""The headquarters' words hold across the project: no variant docs/glossary.md refuses appears in
a catalogue, a template, a script, the command's words, the README or the docs (issue 13)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "docs" / "glossary.md"
#: What a person reads: the sources (catalogues, templates, scripts), the README and the docs.
SUFFIXES = {".py", ".html", ".js", ".md"}


def refused() -> list[str]:
    """The variants of the glossary's last column, each between backticks."""
    found: list[str] = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = line.split("|")
        if len(cells) == 6 and not line.startswith("|---"):
            found += re.findall(r"`([^`]+)`", cells[4])
    return found


def _read() -> list[tuple[Path, str]]:
    files = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    files += sorted(p for p in (ROOT / "src").rglob("*") if p.suffix in SUFFIXES)
    return [(p, p.read_text(encoding="utf-8")) for p in files if p != GLOSSARY]


def test_the_glossary_refuses_the_variants_the_headquarters_do_not_use() -> None:
    variants = refused()
    for expected in ("مسئول شعبه", "کارگزار", "ستاد کشور", "شروع رأی‌گیری", "operators' console"):
        assert expected in variants
    # the box's report at opening has one name, «صورتجلسه آغاز رأی‌گیری»; a station before it
    # is one where polling has not begun (issue 13)
    for expected in ("گزارش صفر", "آغاز (صفر)", "گشوده‌نشده"):
        assert expected in variants
    # the ballots a board voided are «باطل‌شده», never the void ballots a station sets aside
    # («باطله غیرمأخوذه»), which the console once called them (issue 13, A6)
    assert "باطله غیرمأخوذه شد" in variants
    # the scanner a card is held in front of is not the card reader it is put into (S22 A7)
    for expected in ("جلوی کارت‌خوان", "با کارت‌خوان بخوانید"):
        assert expected in variants


def test_no_refused_variant_is_in_a_catalogue_template_or_doc() -> None:
    patterns = {v: re.compile(re.escape(v), re.IGNORECASE) for v in refused()}
    found = [
        f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, match.start()) + 1}: «{variant}»"
        for path, text in _read()
        for variant, pattern in patterns.items()
        for match in pattern.finditer(text)
    ]
    assert not found, "refused by docs/glossary.md:\n" + "\n".join(found)
