import datetime
import json
from pathlib import Path

from sandogh.core.candidacy.process import Authority
from sandogh.registry.inquiries import FolderAuthorities
from sandogh.services.candidacy_ports import InquiryRequest


def answer_file(root: Path, authority: str, id_: str, **change: object) -> Path:
    document = {
        "format": "sandogh/inquiry-answer@1",
        "id": id_,
        "election": "majlis-1402",
        "applicant": 1,
        "authority": authority,
        "clear": True,
        "answered_on": "2023-11-01",
        **change,
    }
    path = root / authority / "answers" / f"{id_}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document))
    return path


def test_questions_go_out_and_answers_stay_until_acknowledged(tmp_path: Path) -> None:
    authorities = FolderAuthorities(tmp_path)
    request = InquiryRequest(
        "majlis-1402", 1, Authority.POLICE, "0013542419", "الف", "A", datetime.date(1980, 1, 1)
    )
    authorities.ask(request)
    authorities.ask(request)  # again: the same file
    (asked,) = (tmp_path / "police" / "requests").iterdir()
    assert json.loads(asked.read_text())["national_code"] == "0013542419"
    answer_file(tmp_path, "police", "P-7", clear=False, reason="a record")
    bad = answer_file(tmp_path, "judiciary", "J-1", clear="yes")
    (reply,) = authorities.replies()
    assert (reply.id, reply.clear, reply.reason) == ("P-7", False, "a record")
    assert [line.split(":")[0] for line in authorities.unreadable] == ["J-1.json"]
    assert authorities.replies() == [reply]  # not acknowledged: still on offer
    authorities.acknowledge(reply)
    assert authorities.replies() == []
    assert (tmp_path / "police" / "recorded" / "P-7.json").exists()
    assert bad.exists()  # an unreadable answer is left where it is
