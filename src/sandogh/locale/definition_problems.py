"""An election definition's rule problems (`core.definition`: validate, the unit tree, the
contests' checks) said again in Persian, each as a pattern with its Persian sentence
(`locale.rules`), as `sandogh load` prints them under the default `--lang fa`; the path stays
as the file has it, so that the problem is found where it is. Ids and codes stay as written.

`tests/locale/test_definition_problems.py` makes every rule's problem from a broken definition
and fails on one no pattern here says in Persian.
"""

from __future__ import annotations

import re

from sandogh.core.definition.model import UnitKind
from sandogh.locale.digits import to_persian_digits
from sandogh.locale.messages import text
from sandogh.locale.rules import Rule, by_rules

_KINDS = {kind.value for kind in UnitKind}


def _word(value: str) -> str:
    """A unit's kind by its Persian name, a number in Persian digits, an id or a name as is."""
    if value in _KINDS:
        return text(value, "fa")
    return to_persian_digits(value) if re.fullmatch(r"-?[0-9][0-9,./]*", value) else value


def rule(pattern: str, persian: str) -> Rule:
    """`persian` with {1}, {2}, … the groups of `pattern`, each by `_word`."""

    def say(match: re.Match[str]) -> str:
        return persian.format(None, *(_word(g) for g in match.groups()))

    return re.compile(pattern), say


_LATIN = "حرف‌ها و رقم‌های لاتین و «.»، «_» یا «-» باشد و با حرف یا رقم آغاز شود"

RULES: tuple[Rule, ...] = (
    rule(r"the Persian name is required", "نام فارسی لازم است"),
    rule(r"must be (\d+) or more, not (.+)", "باید {1} یا بیشتر باشد، نه {2}"),
    rule(r"required for a station", "برای شعبه لازم است"),
    rule(r"required in a proportional contest", "در رقابت تناسبی لازم است"),
    # the election and its ids
    rule(
        r"'(.*)' must be lower-case letters, digits, '\.', '_' or '-', starting with a "
        r"letter or digit",
        "«{1}» باید از حرف‌های کوچک و رقم‌های لاتین و «.»، «_» یا «-» باشد و با حرف یا رقم آغاز شود",
    ),
    rule(
        r"'(.*)' must be ASCII letters, digits, '\.', '_' or '-', starting with a letter or "
        r"digit",
        "«{1}» باید از " + _LATIN,
    ),
    rule(r"'(.*)' must be ASCII digits", "«{1}» باید تنها از رقم‌های لاتین (۰ تا ۹) باشد"),
    rule(r"'(.*)' is not an election id", "«{1}» شناسه انتخابات نیست"),
    # the units and their tree
    rule(r"duplicate code (\S+), also used by (\S+)", "کد {1} تکراری است؛ {2} هم آن را دارد"),
    rule(r"a unit cannot be its own parent", "هیچ واحدی واحد بالادست خودش نیست"),
    rule(r"unknown unit (\S+)", "واحد {1} ناشناخته است"),
    rule(
        r"(\S+) comes later \((\S+)\); parents come before their children",
        "{1} پس‌تر آمده است ({2})؛ هر واحد بالادست پیش از واحدهای زیر خود می‌آید",
    ),
    rule(r"(\S+) is a station; stations have no children", "{1} شعبه است و زیر شعبه واحدی نیست"),
    rule(r"(\S+) is a (\w+); a (\w+) cannot be below a (\w+)", "{1} {2} است؛ {3} زیر {4} نمی‌آید"),
    rule(r"a definition needs at least its root unit", "تعریف دست‌کم واحد ریشه را می‌خواهد"),
    rule(
        r"no root: exactly one unit must have no parent",
        "ریشه‌ای نیست: درست یک واحد باید بی واحد بالادست باشد",
    ),
    rule(
        r"missing; only the root unit has no parent, and that is (\S+) \((\S+)\)",
        "داده نشده است؛ تنها واحد ریشه بی واحد بالادست است، و آن {1} ({2}) است",
    ),
    rule(r"only stations have station details, not a (\w+)", "تنها شعبه جزئیات شعبه دارد، نه {1}"),
    rule(r"(\S+) is not between (-\d+) and (\d+)", "{1} میان {2} و {3} نیست"),
    rule(
        r"the units below (\S+) have (\d+) eligible voters, more than its (\d+)",
        "واحدهای زیر {1} {2} واجد شرایط رأی‌دادن دارند، بیش از {3} آن",
    ),
    # the contests and their constituencies
    rule(
        r"duplicate contest id (\S+), also used by (\S+)",
        "شناسه رقابت {1} تکراری است؛ {2} هم آن را دارد",
    ),
    rule(r"an election day needs at least one contest", "روز انتخابات دست‌کم یک رقابت می‌خواهد"),
    rule(r"duplicate constituency id (\S+)", "شناسه حوزه انتخابیه {1} تکراری است"),
    rule(r"a constituency needs at least one unit", "هر حوزه انتخابیه دست‌کم یک واحد می‌خواهد"),
    rule(r"a contest needs at least one constituency", "هر رقابت دست‌کم یک حوزه انتخابیه می‌خواهد"),
    rule(
        r"(\S+) is already in constituency (\S+) through (\S+)",
        "{1} از راه {3} پیش‌تر در حوزه انتخابیه {2} است",
    ),
    rule(r"(\S+) is listed twice", "{1} دو بار آمده است"),
    rule(
        r"(\S+) is already in constituency (\S+) \((\S+)\)",
        "{1} پیش‌تر در حوزه انتخابیه {2} آمده است ({3})",
    ),
    rule(
        r"required for round (\d+): the election and contest this runoff continues",
        "برای دور {1} لازم است: انتخابات و رقابتی که این دور ادامه آن است",
    ),
    rule(r"only a runoff \(round 2 or later\) has one", "تنها دور دوم و پس از آن دور پیشین دارد"),
    rule(
        r"(\S+) is this election day; a runoff continues a contest held on an earlier day",
        "{1} همین روز انتخابات است؛ دور دوم رقابتی را ادامه می‌دهد که روزی پیش‌تر برگزار شد",
    ),
    rule(
        r"required for a by-election: the election and contest of the same body's main "
        r"election, whose constituency decides where its voters may vote",
        "برای انتخابات میان‌دوره‌ای لازم است: انتخابات و رقابت اصلی همان نهاد، که حوزه‌اش "
        "می‌گوید رأی‌دهندگان کجا رأی می‌دهند",
    ),
    rule(r"only a by-election has a main election", "تنها انتخابات میان‌دوره‌ای انتخابات اصلی دارد"),
    rule(
        r"(\S+) is this election day; the main election was held on an earlier day",
        "{1} همین روز انتخابات است؛ انتخابات اصلی روزی پیش‌تر برگزار شد",
    ),
    rule(r"(\S+) must be more than 0 and less than 1", "{1} باید بیش از ۰ و کمتر از ۱ باشد"),
    rule(r"(\S+) must be more than 0 and at most 1", "{1} باید بیش از ۰ و دست‌بالا ۱ باشد"),
    rule(r"a proportional contest needs party lists", "رقابت تناسبی فهرست حزبی می‌خواهد"),
    rule(r"party lists are only for proportional contests", "فهرست حزبی تنها در رقابت تناسبی است"),
    rule(
        r"duplicate party list id (\S+), also used by (\S+)",
        "شناسه فهرست حزبی {1} تکراری است؛ {2} هم آن را دارد",
    ),
    rule(
        r"a presidential contest has exactly one constituency, the whole country, not (\d+)",
        "انتخابات ریاست جمهوری درست یک حوزه دارد، همه کشور، نه {1}",
    ),
    rule(
        r"a presidential contest fills 1 seat, not (.+)",
        "انتخابات ریاست جمهوری یک کرسی دارد، نه {1}",
    ),
    rule(r"a presidential contest has no alternates", "انتخابات ریاست جمهوری علی‌البدل ندارد"),
    rule(
        r"must cover every station; (\d+) are not covered, e\.g\. (.+)",
        "باید همه شعبه‌ها را در بر گیرد؛ {1} شعبه بیرون مانده‌اند، از جمله {2}",
    ),
    # the candidates
    rule(r"unknown constituency (\S+)", "حوزه انتخابیه {1} ناشناخته است"),
    rule(
        r"duplicate code (\S+) in constituency (\S+), also used by (\S+) \((.*)\)",
        "کد {1} در حوزه انتخابیه {2} تکراری است؛ {3} ({4}) هم آن را دارد",
    ),
    rule(
        r"only candidates of a proportional contest stand on a party list",
        "تنها نامزدهای رقابت تناسبی در فهرست حزبی می‌آیند",
    ),
    rule(r"unknown party list (\S+)", "فهرست حزبی {1} ناشناخته است"),
    rule(
        r"(\d+) seats but (\d+) candidates stand in it: a seat would stay empty whatever the "
        r"votes",
        "{1} کرسی دارد و {2} نامزد: هر رأیی داده شود، کرسی‌ای خالی می‌ماند",
    ),
)

# a void's decision (core.supervision.voids), said on the command line
RULES += (
    rule(
        r"must be given: a void names why and by which decision",
        "باید داده شود: ابطال دلیل خود و شماره تصمیمی را که بر پایه آن است نام می‌برد",
    ),
)

# what a void, a case, an incident or a register names that the election does not have
# (core.supervision, services.readiness, services.incidents), said on the command line too
RULES += (
    rule(
        r"'(.*)' is not a polling station of the election", "«{1}» شعبه اخذ رأی این انتخابات نیست"
    ),
    rule(r"(\S+) does not vote in any contest", "شعبه {1} در هیچ رقابتی رأی نمی‌دهد"),
    rule(r"(\S+) does not vote in contest (\S+)", "شعبه {1} در رقابت «{2}» رأی نمی‌دهد"),
    rule(
        r"candidate (\S+) does not stand where (\S+) votes",
        "نامزد {1} در حوزه‌ای که شعبه {2} در آن رأی می‌دهد نامزد نیست",
    ),
    rule(r"(\S+) is named twice", "{1} دو بار آمده است"),
    rule(
        r"name the boxes whose votes of the candidate are voided",
        "صندوق‌هایی را که آرای نامزد در آن‌ها باطل می‌شود نام ببرید",
    ),
    rule(r"the election has no contest '(.*)'", "این انتخابات رقابتی با شناسه «{1}» ندارد"),
    rule(r"contest (\S+) has no '(.*)'", "رقابت «{1}» حوزه‌ای با شناسه «{2}» ندارد"),
    rule(r"'(.*)' is not a unit of the election", "«{1}» واحدی از این انتخابات نیست"),
    rule(r"'(.*)' is not a unit of election (\S+)", "«{1}» واحدی از انتخابات {2} نیست"),
    rule(r"(\S+) is not a unit of (\S+)", "«{1}» واحدی از انتخابات {2} نیست"),
)

# what the file's structure refuses in a text or a whole number (`formats.definition_problems`)
RULES += (
    rule(r"must be at most (\d+) \(got (.+)\)", "باید دست‌بالا {1} باشد (داده‌شده: {2})"),
    rule(
        r"is (\d+) characters long, more than the (\d+) it may be",
        "{1} نویسه دارد، بیش از {2} نویسه‌ای که می‌تواند داشته باشد",
    ),
    rule(
        r"holds the direction control (U\+\w+) at character (\d+): one left open reorders "
        r"what follows it on a page",
        "نویسه کنترل جهت {1} را در نویسه {2} دارد: اگر بسته نشود، ترتیب آنچه پس از آن در صفحه "
        "می‌آید را به هم می‌زند",
    ),
    rule(
        r"holds the control character (U\+\w+) at character (\d+): a name is one line",
        "نویسه کنترلی {1} را در نویسه {2} دارد: نام یک سطر متن است",
    ),
    rule(
        r"is not text: it holds half of a character \(a lone surrogate such as (\S+)\)",
        "متن درستی نیست: نیمی از یک نویسه را دارد (نیمه‌ای تنها، مانند {1})",
    ),
)

#: A kind of value by its Persian word, where a file's problem names what it found instead.
_FOUND = {"NoneType": "هیچ", "list": "فهرست", "str": "متن", "int": "عدد", "bool": "درست/نادرست"}

# the file's structure (`formats.definition_problems`, `formats.scalars`, `definition_file`):
# field names and the values the file wrote stay as written
RULES += (
    rule(r"required", "لازم است"),
    rule(r"required: the file must say `format: (\S+)`", "لازم است: پرونده باید format: {1} بگوید"),
    rule(
        r"unknown field; did you mean (\S+)\? expected: (.+)",
        "فیلد ناشناخته است؛ شاید {1}؟ فیلدهای پذیرفته: {2}",
    ),
    rule(r"unknown field; expected: (.+)", "فیلد ناشناخته است؛ فیلدهای پذیرفته: {1}"),
    rule(
        r"must be text \(got (.+); in YAML, quote it\)",
        "باید متن باشد (داده‌شده: {1}؛ در YAML آن را میان گیومه بنویسید)",
    ),
    rule(r"must be a whole number \(got (.+)\)", "باید عدد درست باشد (داده‌شده: {1})"),
    rule(r"must be true or false \(got (.+)\)", "باید true یا false باشد (داده‌شده: {1})"),
    rule(r"must be one of (.+) \(got (.+)\)", "باید یکی از {1} باشد (داده‌شده: {2})"),
    rule(r"must be one of (.+)", "باید یکی از {1} باشد"),
    rule(r"must be a list \(got (.+)\)", "باید فهرست باشد (داده‌شده: {1})"),
    rule(r"must be a mapping of fields \(got (.+)\)", "باید نگاشتی از فیلدها باشد (داده‌شده: {1})"),
    rule(
        r"must be a fraction such as '1/2', '0\.2' or '20%' \(got (.+)\)",
        "باید کسری مانند 1/2، 0.2 یا 20% باشد (داده‌شده: {1})",
    ),
    rule(
        r"must be decimal degrees such as '30\.2839' \(got (.+)\)",
        "باید درجه‌ای اعشاری مانند 30.2839 باشد (داده‌شده: {1})",
    ),
    rule(
        r"must be a date written 2024-07-05, without a time \(got (.+)\)",
        "باید تاریخی به شکل 2024-07-05 و بی ساعت باشد (داده‌شده: {1})",
    ),
    rule(r"(\S+) is not a date", "{1} روزی در تقویم نیست"),
    rule(
        r"unsupported version: (.+); this sandogh reads (\S+)",
        "نسخه‌ای که این sandogh نمی‌خواند: {1}؛ این sandogh {2} را می‌خواند",
    ),
    rule(
        r"not a sandogh definition format: (.+); this sandogh reads (\S+)",
        "قالب تعریف sandogh نیست: {1}؛ این sandogh {2} را می‌خواند",
    ),
    (
        re.compile(
            r"(.+): not a sandogh definition: expected a mapping with format, election, units "
            r"and contests, found (\w+)"
        ),
        lambda m: (
            f"{m[1]}: تعریف sandogh نیست: نگاشتی با format، election، units و contests "
            f"می‌خواهد، نه {_FOUND.get(m[2], m[2])}"
        ),
    ),
    rule(
        r"(.+): larger than ([0-9,]+) bytes, the most a definition file may be",
        "{1}: بزرگ‌تر از {2} بایت است، بیشترین اندازه پرونده تعریف",
    ),
)

#: Why a definition's file could not be read (`formats.definition_file`), by the system's words.
_UNREAD = {
    "No such file or directory": "چنین پرونده‌ای نیست",
    "Is a directory": "پوشه است، نه پرونده",
    "Permission denied": "اجازه خواندن آن نیست",
}
RULES += (
    (
        re.compile(r"(.+): cannot read: (.+)"),
        lambda m: f"{m[1]}: خوانده نشد ({_UNREAD.get(m[2], m[2])})",
    ),
)


def in_persian(message: str) -> str:
    """A definition problem's `message` in Persian; one of no known form as it is."""
    return by_rules(message, RULES)
