"""Which files the ballot screen shows as a candidate's photo, and the initials in their place."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sandogh.station.web.photos import Photos, image_type, initials, photo_digests
from tests.station.web.portraits import portrait_png


def test_only_an_image_whose_hash_is_the_named_one_is_shown(tmp_path: Path) -> None:
    png = portrait_png(4, 5)
    digest = hashlib.sha256(png).hexdigest()
    text = b"not an image"
    (tmp_path / digest).write_bytes(png)
    (tmp_path / hashlib.sha256(text).hexdigest()).write_bytes(text)
    (tmp_path / ("0" * 64)).write_bytes(png)  # an image under another's name
    document = json.dumps(
        {
            "contests": [
                {
                    "id": "president",
                    "candidates": [
                        {"code": "21", "photo": "sha256:" + digest},
                        {"code": "25", "photo": "sha256:" + hashlib.sha256(text).hexdigest()},
                        {"code": "26", "photo": "sha256:" + "0" * 64},
                        {"code": "27"},
                    ],
                }
            ]
        }
    )
    named = photo_digests(document)
    assert set(named) == {("president", "21"), ("president", "25"), ("president", "26")}
    assert Photos(tmp_path).shown(named) == {("president", "21"): digest}
    assert Photos(None).shown(named) == {}
    assert Photos(tmp_path).image("../" + digest[3:]) is None


def test_an_image_is_known_by_its_first_bytes() -> None:
    assert image_type(portrait_png(2, 2)) == "image/png"
    assert image_type(b"\xff\xd8\xff\xe0rest") == "image/jpeg"
    assert image_type(b"RIFF\0\0\0\0WEBPVP8 ") == "image/webp"
    assert image_type(b"<svg onload=alert(1)>") is None  # no script rides in as a photo


def test_initials_of_a_persian_and_an_english_name() -> None:
    assert initials("مسعود پزشکیان", "fa") == "م پ"
    assert initials("Masoud Pezeshkian", "en") == "MP"
    assert initials("Jalili", "en") == "J"
    assert initials("", "fa") == ""
