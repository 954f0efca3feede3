"""The results site's own labels and sentences, in Persian and English.

Figures, ballots and places keep the names of the main catalogue (`sandogh.locale.messages`,
which `label` falls back to); what only the public site says is in its catalogues, Persian
(`site.labels_fa`) and English (`site.labels_en`). Persian follows the same official terms and
orthography (شعبه, آرای مأخوذه, the zero-width non-joiner in «شعبه‌ها»).
"""

from __future__ import annotations

from functools import cache

from sandogh.locale import Lang
from sandogh.locale.messages import text_in
from sandogh.publish.site.labels_en import EN
from sandogh.publish.site.labels_fa import FA

_CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}


def label(key: str, lang: Lang, **values: str | int) -> str:
    """The site's label `key` in `lang` (else the main catalogue's); whole numbers in its digits."""
    if not values:
        return _bare(key, lang)
    return text_in(_CATALOGUE, key, lang, **values)


@cache
def _bare(key: str, lang: Lang) -> str:
    """A label without placeholders, looked up once a process: a page says ~230 labels."""
    return text_in(_CATALOGUE, key, lang)
