"""The results snapshot: open data and the public results site, as static files
(docs/publish.md)."""
