"""A YAML stream read from its events: what only YAML 1.1 reads, as something the file does not
show (a key that is not text, `no` for false, `1_449`), is refused where it is, in both languages;
an explicit tag and a merge key still read. (The reader's other refusals: `test_documents.py`.)"""

from __future__ import annotations

import pytest

from sandogh.formats.yaml_events import UnreadableError, yaml_document


@pytest.mark.parametrize(
    ("data", "english", "persian"),
    [
        (
            b"a: 1\n1: 2\n",
            "the key '1' is not text to YAML; quote it (\"1\") (line 2, column 1)",
            "کلید «1» برای YAML متن نیست؛ آن را میان گیومه بنویسید (سطر ۲، ستون ۱)",
        ),
        (
            b"a:\n  yes: 2\n",
            "the key 'yes' is not text to YAML; quote it (\"yes\") (line 2, column 3)",
            "کلید «yes» برای YAML متن نیست؛ آن را میان گیومه بنویسید (سطر ۲، ستون ۳)",
        ),
        (
            b"~: 2\n",
            "the key '~' is not text to YAML; quote it (\"~\") (line 1, column 1)",
            "کلید «~» برای YAML متن نیست؛ آن را میان گیومه بنویسید (سطر ۱، ستون ۱)",
        ),
        (
            b"a: [true, Off]\n",
            "'Off' is YAML 1.1's way to write true or false; write true or false (or quote it, "
            "if it is text) (line 1, column 11)",
            "«Off» شیوه YAML 1.1 برای نوشتن true یا false است؛ true یا false بنویسید (یا اگر متن "
            "است، آن را میان گیومه بنویسید) (سطر ۱، ستون ۱۱)",
        ),
        (
            b"a: 1_449\n",
            "the number '1_449' has '_' in it; write it without (as JSON does) (line 1, column 4)",
            "عدد «1_449» «_» دارد؛ آن را بی «_» بنویسید (سطر ۱، ستون ۴)",
        ),
    ],
)
def test_what_only_yaml_1_1_reads_is_refused_where_it_is(
    data: bytes, english: str, persian: str
) -> None:
    # the S27 outsider's N3 and N4: `1:` was refused as "[1]: keys should be strings", in English
    # and nowhere; `no` was read as false and `1_449` as 1449, which the file does not show
    with pytest.raises(UnreadableError) as raised:
        yaml_document(data.decode())
    assert (str(raised.value), raised.value.fa) == (english, persian)


def test_what_the_file_shows_still_reads() -> None:
    text = "a: !!int '1'\nb: [true, False, TRUE]\nc: {<<: {x: 1}, y: 2}\n\"1\": x\n"
    document, duplicates = yaml_document(text)
    assert document == {"a": 1, "b": [True, False, True], "c": {"x": 1, "y": 2}, "1": "x"}
    assert duplicates == []
