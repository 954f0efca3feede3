"""Every detail the audit core and the boards' files can raise reads in Persian: the raise sites
of `core/audit` and `formats/audit_readings.py` are read from the source (each `Problem`'s
message, each error's text, each problem a reader appends), each message made with sample
values, and said again by `locale.audit_problems`; a new English detail with no pattern fails
here. The audit services' refusals are named by their codes (`locale.audit_words`)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import sandogh.core.audit
import sandogh.formats.audit_readings
from sandogh.core.counting.tally import Counts
from sandogh.core.definition.geography import Geography
from sandogh.core.supervision.corrections import count_problems
from sandogh.locale.audit_problems import in_persian
from sandogh.locale.audit_words import REFUSALS
from sandogh.services import audit_errors
from sandogh.services.errors import UnknownContestError
from tests.core.definition.kerman import PRESIDENT, with_contest

CORE = Path(sandogh.core.audit.__file__).parent
SOURCES = [*sorted(CORE.glob("*.py")), Path(sandogh.formats.audit_readings.__file__)]
VALUE = "12"  # what each value of a message is made with
# Latin a Persian sentence may keep: the names of fields, formats and words a board types
KEPT = re.compile(
    r"STATION/CONTAINER/POSITION|paper,found,code,CONTEST|CODE: READS|sha256|ALPHA|minsd|absent"
    r'|"station": S, "reads": READS|CODE|reads|stations|disagree|count|records'
    r"|invalid|null|cards|cast|valid|votes|papers|batches|sample|station|code|found|yes|no"
    r"|UTF-8|CSV|JSON|\b[dfg]\b"
)


def _texts(node: ast.expr, assigned: dict[str, list[ast.expr]]) -> Iterator[str]:
    """Each text `node` can be, its values made with VALUE."""
    match node:
        case ast.Constant(value=str() as text):
            yield text
        case ast.JoinedStr(values=parts):
            yield "".join(
                p.value if isinstance(p, ast.Constant) else _value(p)
                for p in parts
                if isinstance(p, ast.Constant | ast.FormattedValue)
            )
        case ast.IfExp(body=body, orelse=orelse):
            yield from _texts(body, assigned)
            yield from _texts(orelse, assigned)
        case ast.Name(id=name):
            for value in assigned.get(name, []):
                yield from _texts(value, assigned)
        case ast.List(elts=items):
            for item in items:
                yield from _texts(item, assigned)
        case ast.ListComp(elt=item) | ast.GeneratorExp(elt=item):
            yield from _texts(item, assigned)


def _value(part: ast.FormattedValue) -> str:
    return repr(VALUE) if part.conversion == ord("r") else VALUE


def _messages(call: ast.Call) -> list[ast.expr]:
    """The arguments of `call` that carry a message: a `Problem`'s message, an error's text (or
    summary and problems), a problem a reader appends."""
    func = call.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    args = call.args
    if name == "Problem" and len(args) == 2:
        # a problem passed on under a longer path is listed where it was made
        return [] if isinstance(args[1], ast.Attribute) else [args[1]]
    if name in ("append", "extend") and args:
        return [args[0]]
    if name.endswith("Error") and args:
        return list(args[:2])
    # the base error's own text joins its summary and problems, each listed where made
    if name == "__init__" and args and isinstance(args[0], ast.Constant):
        return [args[0]]
    return []


def _raised(path: Path) -> Iterator[tuple[str, str]]:
    """(where, text) of every message `path` names a problem with or raises."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assigned: dict[str, list[ast.expr]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            assigned.setdefault(node.targets[0].id, []).append(node.value)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for arg in _messages(node):
            texts = list(_texts(arg, assigned))
            is_problem = isinstance(node.func, ast.Name) and node.func.id == "Problem"
            assert texts or not is_problem, f"{path.name}:{node.lineno}: a message not read here"
            yield from ((f"{path.name}:{node.lineno}", text) for text in texts)


RAISED = sorted({pair for path in SOURCES for pair in _raised(path)})


def test_the_raise_sites_are_found() -> None:
    texts = {text for _, text in RAISED}
    assert len(RAISED) > 70
    assert "a lot is still to be drawn: no outcome yet" in texts  # a Problem's
    assert "the frame 12 holds no paper" in texts  # a SamplingError's
    assert "not an audit seed" in texts  # a ManifestError's summary
    assert "cannot audit" in texts  # an AuditError's, from its subclass
    assert "no contest needs a sample" in texts  # through a name assigned
    assert "column 12: the header names 12 again" in texts  # a reader's, from a comprehension
    assert "line 12: found is '12', not yes or no" in texts  # a reader's, appended


@pytest.mark.parametrize(("where", "text"), RAISED)
def test_every_detail_reads_in_persian(where: str, text: str) -> None:
    persian = in_persian(text)
    english = KEPT.sub("", persian.replace(VALUE, ""))
    assert not re.search(r"[A-Za-z]", english), f"{where}: English left in {persian!r}"


def test_every_refusal_of_the_services_has_its_persian_label() -> None:
    codes = {
        cls.code
        for cls in vars(audit_errors).values()
        if isinstance(cls, type) and issubclass(cls, audit_errors.AuditRefusedError)
    } - {audit_errors.AuditRefusedError.code}  # the base, never raised itself
    reasons = {"not-drawn", "read-twice"}  # a ReadingRefusedError's, per unit
    assert len(codes) >= 13
    for code in codes | reasons:
        assert REFUSALS.get(code, {}).get("fa"), code


def test_the_services_unknown_contest_reads_in_persian() -> None:
    text = str(UnknownContestError("kerman", "majlis", ["president"]))
    assert in_persian(text) == "انتخابات «kerman» رقابت «majlis» ندارد (رقابت‌هایش: president)"


def test_every_problem_of_a_hand_counts_totals_reads_in_persian() -> None:
    """`core.supervision.count_problems` yields its problems rather than raising them: what
    `sandogh audit hand-count` refuses (F12 of the S18 review) is made here and said again."""

    geography = Geography.of(with_contest(PRESIDENT))
    wrong = Counts(cast=10, valid=-20, votes={"21": 10, "99": 5})
    said = [
        *count_problems(geography, "president", "IR", wrong),
        *count_problems(geography, "president", "XX", wrong),
        *count_problems(geography, "mayor", "IR", wrong),
    ]
    assert len(said) == 6
    for _, message in said:
        persian = in_persian(message)
        assert persian != message
        words = re.sub(r"president|mayor|XX", "", persian)  # the codes, as written
        assert not re.search(r"[A-Za-z]{3,}", KEPT.sub("", words)), persian
