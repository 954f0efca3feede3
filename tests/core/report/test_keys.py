import pytest

from sandogh.core.report import KeyMaterialError, PublicKey, SigningKey

from .build import DEVICE, RFC8032_SEED


def test_a_key_from_the_rfc_8032_seed_signs_as_the_rfc_says() -> None:
    # RFC 8032 §7.1, test 1: the public key and the signature of the empty message
    key = SigningKey.from_seed(RFC8032_SEED)
    assert key.public_key.raw.hex() == (
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
    )
    signature = key.sign(b"")
    assert signature.hex() == (
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065"
        "224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
    )
    assert key.public_key.verifies(b"", signature)
    assert not key.public_key.verifies(b"x", signature)
    assert not DEVICE.public_key.verifies(b"", signature)


def test_the_same_seed_gives_the_same_key() -> None:
    assert (
        SigningKey.from_seed(RFC8032_SEED).public_key
        == SigningKey.from_seed(RFC8032_SEED).public_key
    )


def test_a_signing_key_shows_only_its_public_key() -> None:
    assert repr(DEVICE) == f"SigningKey({DEVICE.public_key.text})"
    assert bytes(range(32)).hex() not in repr(DEVICE)


def test_a_public_key_is_written_ed25519_and_hex() -> None:
    key = DEVICE.public_key
    assert key.text == "ed25519:" + key.raw.hex()
    assert PublicKey.from_text(key.text) == key


@pytest.mark.parametrize(
    "text",
    ["", "d75a98", "ed25519:" + "AB" * 32, "ed25519:" + "ab" * 31, "ed25519:" + "ab" * 33],
)
def test_a_public_key_of_another_form_is_refused(text: str) -> None:
    with pytest.raises(KeyMaterialError):
        PublicKey.from_text(text)


def test_keys_and_seeds_of_the_wrong_length_are_refused() -> None:
    with pytest.raises(KeyMaterialError, match="seed"):
        SigningKey.from_seed(bytes(31))
    with pytest.raises(KeyMaterialError, match="raw"):
        PublicKey(bytes(33))


def test_a_signature_of_the_wrong_length_does_not_verify() -> None:
    assert not DEVICE.public_key.verifies(b"", DEVICE.sign(b"")[:63])
