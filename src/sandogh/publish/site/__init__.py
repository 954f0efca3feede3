"""The public results site: static pages rendered from a snapshot's data files (docs/publish.md).

Issue 5, item 2: Persian (RTL) first with English, drill-down from the top unit to each station,
a choropleth map, charts, round against round, announcements in words, station search and every
file to download, readable without scripts; small scripts only poll for updates, draw the map
and search.
"""

from sandogh.publish.site.kept_reads import KeptReads
from sandogh.publish.site.render import render_site

__all__ = ["KeptReads", "render_site"]
