"""The snapshot of `build` moved to Fars: the same figures under Fars's codes and names, so a
province other than Kerman is drawn with its own counties (issue 12, the national atlas)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.publish.site.build import BAFT, KERMAN, PROVINCE

FARS, ABADEH, SHIRAZ = "IR-07", "IR-07-0701", "IR-07-0707"
MOVED = {PROVINCE: FARS, BAFT: ABADEH, KERMAN: SHIRAZ}
NAMES = {
    FARS: {"fa": "فارس", "en": "Fars"},
    ABADEH: {"fa": "آباده", "en": "Abadeh"},
    SHIRAZ: {"fa": "شیراز", "en": "Shiraz"},
}
_CODE = re.compile("|".join(sorted(map(re.escape, MOVED), key=len, reverse=True)) + r"(?![\d-])")


def _renamed(value: Any) -> Any:
    if isinstance(value, dict):
        moved = {key: _renamed(item) for key, item in value.items()}
        if moved.get("code") in NAMES and "name" in moved:
            moved["name"] = NAMES[moved["code"]]
        return moved
    if isinstance(value, list):
        return [_renamed(item) for item in value]
    return value


def move_to_fars(data: Path) -> None:
    """Rewrite the snapshot under `data` in place, file names and contents."""
    for path in sorted(data.rglob("*"), reverse=True):
        if not path.is_file():
            continue
        text = _CODE.sub(lambda found: MOVED[found.group(0)], path.read_text(encoding="utf-8"))
        if path.suffix == ".json":
            text = json.dumps(_renamed(json.loads(text)), ensure_ascii=False, indent=1)
        path.unlink()
        target = path.with_name(_CODE.sub(lambda found: MOVED[found.group(0)], path.name))
        target.write_text(text, encoding="utf-8")
