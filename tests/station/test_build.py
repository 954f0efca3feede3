"""The box's build (`station.build`): recomputable from the package's files as documented."""

import hashlib
from pathlib import Path

import sandogh
from sandogh.station.build import build_of, installed_build, manifest


def test_the_build_is_the_sha256_of_the_sorted_sha256sum_manifest(tmp_path: Path) -> None:
    package = tmp_path / "sandogh"
    (package / "b").mkdir(parents=True)
    (package / "__pycache__").mkdir()
    (package / "z.py").write_bytes(b"z\n")
    (package / "b" / "a.py").write_bytes(b"a\n")
    (package / "__pycache__" / "z.cpython-312.pyc").write_bytes(b"compiled")

    def line(path: str, data: bytes) -> bytes:
        return f"{hashlib.sha256(data).hexdigest()}  {path}\n".encode()

    expected = line("sandogh/b/a.py", b"a\n") + line("sandogh/z.py", b"z\n")
    assert manifest(package) == expected
    assert build_of(package) == "sha256:" + hashlib.sha256(expected).hexdigest()
    (package / "z.py").write_bytes(b"changed\n")
    assert build_of(package) != "sha256:" + hashlib.sha256(expected).hexdigest()


def test_the_installed_build_is_of_the_running_package() -> None:
    assert installed_build() == build_of(Path(sandogh.__file__).parent)
