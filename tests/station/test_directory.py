import stat
from pathlib import Path

import pytest

from sandogh.station.directory import StationDirectory
from sandogh.station.errors import StationFilesError


def test_a_new_station_has_a_private_key_beside_its_database(tmp_path: Path) -> None:
    directory = StationDirectory(tmp_path / "box")
    store, key = directory.create()
    store.close()
    assert stat.S_IMODE(directory.key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(directory.path.stat().st_mode) == 0o700
    assert len(directory.key_file.read_text().strip()) == 64
    assert key.public_key.raw.hex() not in directory.database.read_bytes().hex()
    reopened, same = directory.open()
    reopened.close()
    assert same.public_key == key.public_key


def test_two_stations_get_two_keys(tmp_path: Path) -> None:
    first = StationDirectory(tmp_path / "a").create()
    second = StationDirectory(tmp_path / "b").create()
    for store, _ in (first, second):
        store.close()
    assert first[1].public_key != second[1].public_key


def test_a_station_is_never_created_over_another(tmp_path: Path) -> None:
    directory = StationDirectory(tmp_path / "box")
    directory.create()[0].close()
    with pytest.raises(StationFilesError, match="already holds a station"):
        directory.create()


def test_a_key_others_can_read_or_a_missing_key_is_refused(tmp_path: Path) -> None:
    directory = StationDirectory(tmp_path / "box")
    directory.create()[0].close()
    directory.key_file.chmod(0o644)
    with pytest.raises(StationFilesError, match="chmod 600"):
        directory.open()
    directory.key_file.unlink()
    with pytest.raises(StationFilesError, match="no device key"):
        directory.open()


def test_a_damaged_key_is_refused(tmp_path: Path) -> None:
    directory = StationDirectory(tmp_path / "box")
    directory.create()[0].close()
    directory.key_file.write_text("abcd\n")
    with pytest.raises(StationFilesError, match="holds 2 bytes"):
        directory.key()
    directory.key_file.write_text("not hex\n")
    with pytest.raises(StationFilesError, match="in hex"):
        directory.key()


def test_a_new_station_has_a_private_card_key_made_once(tmp_path: Path) -> None:
    """Review S21 F8: the staff cards are sealed to the box's card key, kept beside its device
    key and never in its database; a station set up before it had one makes it when asked."""
    directory = StationDirectory(tmp_path / "box")
    directory.create()[0].close()
    assert stat.S_IMODE(directory.card_key_file.stat().st_mode) == 0o600
    card_key = directory.card_key()
    assert directory.card_key().public_key == card_key.public_key
    assert bytes(card_key).hex() not in directory.database.read_bytes().hex()
    directory.card_key_file.unlink()  # as a station of the earlier version was set up
    remade = directory.card_key()
    assert remade.public_key != card_key.public_key
    assert directory.card_key().public_key == remade.public_key
    directory.card_key_file.chmod(0o644)
    with pytest.raises(StationFilesError, match="chmod 600"):
        directory.card_key()
    with pytest.raises(StationFilesError, match="no device key"):
        StationDirectory(tmp_path / "nothing").card_key()
