"""The four authorities through a folder: questions written out, answers read in.

Each authority (civil registry, police, judiciary, intelligence) has a folder of its own under the
root: `requests/` holds one JSON file per question (`sandogh/inquiry@1`; written again, harmlessly,
when asked again), `answers/` the files the authority puts there (`sandogh/inquiry-answer@1`), and
`recorded/` the answers the centre has stored: an answer is moved there only when acknowledged,
after its transaction committed (`services.candidacy.collect_answers`), so an answer file is never
lost on the way. An answer file that cannot be read stays where it is, and is named in
`unreadable` with what is wrong; the others are taken.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Strict, ValidationError

from sandogh.core.candidacy.process import Authority
from sandogh.formats.scalars import IsoDate
from sandogh.services.candidacy_ports import InquiryReply, InquiryRequest

_Text = Annotated[str, Strict()]


class _AnswerFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["sandogh/inquiry-answer@1"]
    id: _Text
    election: _Text
    applicant: Annotated[int, Strict()]
    authority: Authority
    clear: Annotated[bool, Strict()]
    reason: _Text = ""
    answered_on: IsoDate


class FolderAuthorities:
    def __init__(self, root: Path) -> None:
        self._root = root
        self.unreadable: list[str] = []

    def ask(self, request: InquiryRequest) -> None:
        folder = self._root / request.authority.value / "requests"
        folder.mkdir(parents=True, exist_ok=True)
        document = {
            "format": "sandogh/inquiry@1",
            "election": request.election,
            "applicant": request.applicant,
            "authority": request.authority.value,
            "national_code": request.national_code,
            "name": {"fa": request.name_fa, "en": request.name_en},
            "birth_date": request.birth_date.isoformat(),
        }
        target = folder / f"{request.election}--{request.applicant}.json"
        partial = target.with_suffix(".json.partial")
        partial.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")
        os.replace(partial, target)  # a reader never sees half a question

    def replies(self) -> list[InquiryReply]:
        self.unreadable = []
        found: list[InquiryReply] = []
        for authority in Authority:
            for path in sorted((self._root / authority.value / "answers").glob("*.json")):
                reply = self._read(path, authority)
                if reply is not None:
                    found.append(reply)
        return found

    def acknowledge(self, reply: InquiryReply) -> None:
        folder = self._root / reply.authority.value
        (folder / "recorded").mkdir(exist_ok=True)
        source = folder / "answers" / f"{reply.id}.json"
        if source.exists():
            os.replace(source, folder / "recorded" / source.name)

    def _read(self, path: Path, authority: Authority) -> InquiryReply | None:
        try:
            answer = _AnswerFile.model_validate(json.loads(path.read_bytes()))
        except (OSError, ValueError, ValidationError) as error:
            self.unreadable.append(f"{path.name}: {str(error).splitlines()[0]}")
            return None
        if answer.authority is not authority or path.stem != answer.id:
            self.unreadable.append(
                f"{path.name}: must be named for its id and lie in its authority's folder"
            )
            return None
        return InquiryReply(
            answer.id,
            answer.election,
            answer.applicant,
            answer.authority,
            answer.clear,
            answer.reason,
            answer.answered_on,
        )
