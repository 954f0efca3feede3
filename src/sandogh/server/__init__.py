"""The central service: the API the stations use (and later the console and public pages)."""
