"""The garbage collector's thresholds of a long-lived sandogh process, in a module of their own
so that the `sandogh` command sets them without importing the server."""

from __future__ import annotations

# As the `sandogh` command sets them: a national definition is millions of long-lived objects that
# the default thresholds rescan again and again (bench/national.py: -40 %).
GC_THRESHOLDS = (100_000, 50, 100)
