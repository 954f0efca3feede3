"""A registry photo: a JPEG or a PNG, told by its first bytes, of bounded size.

The signatures are the formats' own: a JPEG stream begins with the SOI marker FF D8 and another
marker's FF (ITU-T T.81, Annex B); a PNG file with its eight-byte signature 89 50 4E 47 0D 0A 1A 0A
(PNG specification, section 5.2). A photo is served to the station's staff by its media type, so a
file of another kind is never served as an image.
"""

from __future__ import annotations

#: The largest photo a registry keeps: a passport-sized JPEG is a few tens of KiB.
MAX_PHOTO_BYTES = 256 * 1024
_SIGNATURES = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"))


def photo_type(data: bytes) -> str | None:
    """The media type of `data` if it is a JPEG or PNG photo of at most `MAX_PHOTO_BYTES`."""
    if not data or len(data) > MAX_PHOTO_BYTES:
        return None
    return next((kind for signature, kind in _SIGNATURES if data.startswith(signature)), None)
