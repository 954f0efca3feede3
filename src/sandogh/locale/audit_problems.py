"""The audit core's problems said again in Persian: every message `core.audit` names a problem
with (a `Problem`'s, a `SamplingError`'s, an `AuditError`'s summary) and the audit services'
errors that carry no code, each as a pattern with its Persian sentence (`locale.rules`).

`tests/locale/test_audit_problems.py` reads every raise site of `core/audit` and fails on a
message no pattern here says in Persian.
"""

from __future__ import annotations

import re

from sandogh.locale.digits import to_persian_digits
from sandogh.locale.rules import Rule, by_rules


def _fa(text: str) -> str:
    """A count in Persian digits; a code, a hash or a rational as written."""
    return to_persian_digits(text) if re.fullmatch(r"[0-9][0-9,]*", text) else text


def _rule(pattern: str, persian: str) -> Rule:
    """`persian` with {1}, {2}, … the groups of `pattern`, their digits in Persian."""

    def say(match: re.Match[str]) -> str:
        return persian.format(None, *(_fa(g) for g in match.groups()))

    return re.compile(pattern), say


RULES: tuple[Rule, ...] = (
    # what an audit error is, before its problems
    _rule(r"cannot audit", "حسابرسی ممکن نیست"),
    _rule(
        r"no assertions for this outcome; a full hand count decides it",
        "هیچ ادعایی این نتیجه را نمی‌پوشاند؛ شمارش دستی کامل تصمیم می‌گیرد",
    ),
    _rule(r"not a ballot manifest", "فهرست برگه‌ها درست نیست"),
    _rule(r"not an audit seed", "بذر حسابرسی درست نیست"),
    _rule(r"no papers to audit", "برگه‌ای برای حسابرسی نیست"),
    _rule(r"cannot build the manifest", "فهرست برگه‌ها ساخته نشد"),
    # the outcome and the candidates (assertions, plan)
    _rule(r"a lot is still to be drawn: no outcome yet", "قرعه هنوز کشیده نشده است: نتیجه‌ای نیست"),
    _rule(r"(.+) is no candidate standing here", "{1} نامزدی نیست که این‌جا نامزد باشد"),
    _rule(
        r"(.+) holds a place but is not a candidate standing here",
        "{1} جایی گرفته است اما نامزد این حوزه نیست",
    ),
    _rule(r"(.+):(.+) is planned twice", "{1}:{2} دو بار در طرح آمده است"),
    _rule(r"is the outcome of (.+)", "نتیجه حوزه {1} است"),
    _rule(r"no station of the manifest votes in it", "هیچ شعبه‌ای از فهرست در آن رأی نمی‌دهد"),
    _rule(r"a station of the manifest without its sheet", "شعبه‌ای از فهرست بی صورت‌جلسه"),
    _rule(
        r"is no station of the manifest in this constituency",
        "شعبه‌ای از فهرست در این حوزه نیست",
    ),
    _rule(
        r"(\S+) cast, the manifest holds (\S+) papers, (\S+) not counted: "
        r"count every container again",
        "{1} رأی مأخوذه، فهرست {2} برگه دارد و {3} برگه شمرده نشده است: "
        "همه ظرف‌ها را دوباره بشمارید",
    ),
    _rule(r"(.+) cast, the manifest holds (.+)", "{1} رأی مأخوذه، فهرست {2} برگه دارد"),
    _rule(r"set aside at its capacity", "به سقف نامزدهایش رسید و کنار گذاشته شد"),
    _rule(r"no votes for any list", "هیچ فهرستی رأی ندارد"),
    # parameters and readings
    _rule(r"(.+): need more than 0 and less than (.+)", "{1}: باید بیش از ۰ و کمتر از {2} باشد"),
    _rule(r"(.+): need more than 0", "{1}: باید بیش از ۰ باشد"),
    _rule(r"(.+): need more than (.+) and at most (.+)", "{1}: باید بیش از {2} و حداکثر {3} باشد"),
    _rule(r"(.+): need 1 or more", "{1}: باید ۱ یا بیشتر باشد"),
    _rule(
        r"(.+): not positive, only a full hand count can confirm",
        "{1}: مثبت نیست؛ تنها شمارش دستی کامل تأیید می‌کند",
    ),
    _rule(
        r"assorter mean (.+): only a full hand count can confirm",
        "میانگین دسته‌بند {1}: تنها شمارش دستی کامل تأیید می‌کند",
    ),
    _rule(
        r"g is never negative: the assertion tests nothing", "g هرگز منفی نیست: ادعا چیزی نمی‌آزماید"
    ),
    _rule(r"no cards", "برگه‌ای نیست"),
    _rule(r"a station with no cards", "شعبه‌ای بی برگه"),
    _rule(r"(.+) cards for (.+) cast", "{1} برگه برای {2} رأی مأخوذه"),
    _rule(r"(.+) cards, the manifest says (.+)", "{1} برگه، فهرست می‌گوید {2}"),
    _rule(
        r"(.+) cards, the reported totals (.+)",
        "{1} برگه، جمع‌های گزارش‌شده {2}",
    ),
    _rule(r"(.+) draws from (.+) cards", "{1} قرعه از {2} برگه"),
    _rule(r"(.+) is outside \[0, (.+)\]", "{1} بیرون از بازه [۰، {2}] است"),
    _rule(r"a weight is negative", "وزنی منفی است"),
    _rule(r"(.+) is negative", "{1} منفی است"),
    _rule(r"d=(.+), f=(.+), minsd=(.+)", "پارامترهای ALPHA نادرست‌اند: d={1}، f={2}، minsd={3}"),
    _rule(
        r"(.+) for (.+) must exceed (.+) for (.+)",
        "{1} رأی {2} باید بیش از {3} رأی {4} باشد",
    ),
    _rule(r"a valid ballot is a ballot cast", "رأی صحیح باید رأی مأخوذه باشد"),
    _rule(r"only a valid ballot carries marks", "تنها رأی صحیح نام نامزد دارد"),
    _rule(r"(.+) is not STATION/CONTAINER/POSITION", "{1} به شکل STATION/CONTAINER/POSITION نیست"),
    _rule(
        r'(.+) is not "absent", "invalid" or a list of codes',
        '{1} نه "absent" است، نه "invalid" و نه فهرستی از کدها',
    ),
    _rule(r"must be an object of contests, or null", "باید شیئی از رقابت‌ها یا null باشد"),
    _rule(
        r"must be \{cards, cast, valid, votes\} of whole numbers",
        "باید {{cards, cast, valid, votes}} با عددهای درست باشد",
    ),
    # the manifest and the seed
    _rule(r"must not be empty", "نباید خالی باشد"),
    _rule(
        r"must be sha256: and 64 lower-case hex digits",
        "باید sha256: و ۶۴ رقم شانزده‌شانزدهی کوچک باشد",
    ),
    _rule(r"must be sorted by code, each code once", "باید به ترتیب کد باشد، هر کد یک بار"),
    _rule(
        r"must be sorted by contest, one per contest",
        "باید به ترتیب رقابت باشد، برای هر رقابت یکی",
    ),
    _rule(r"labels must differ within a station", "برچسب‌ها در یک شعبه باید متفاوت باشند"),
    _rule(r"(.+) is not from 1 to 2\^53 − 1", "{1} میان ۱ و ۲^۵۳ − ۱ نیست"),
    _rule(r"must name who rolled", "باید نام ریزنده تاس را بگوید"),
    _rule(r"(.+) is not digits 0–9 as rolled", "{1} رقم‌های ۰ تا ۹ ریخته‌شده نیست"),
    _rule(
        r"(\d+) digits; at least (\d+) are rolled",
        "{1} رقم؛ دست‌کم {2} رقم باید ریخته شود",
    ),
    _rule(r"is not a final report", "گزارش نهایی نیست"),
    _rule(r"is missing", "نیامده است"),
    _rule(r"is not a station of the definition", "شعبه‌ای از تعریف انتخابات نیست"),
    _rule(r"lies in no county", "در هیچ شهرستانی نیست"),
    # the samples and the rounds
    _rule(r"is not the manifest the plan was made on", "فهرستی نیست که طرح از آن ساخته شد"),
    _rule(r"the audit ended with the round before", "حسابرسی با دور پیش پایان یافته بود"),
    _rule(r"no contest needs a sample", "هیچ رقابتی نمونه نمی‌خواهد"),
    _rule(r"is no sample of the plan", "نمونه‌ای از طرح نیست"),
    _rule(r"(.+) is not more than the sample so far", "{1} بیش از نمونه تا این دور نیست"),
    _rule(r"(.+) is read twice", "{1} دو بار خوانده شده است"),
    _rule(r"(.+) is counted twice", "{1} دو بار شمرده شده است"),
    _rule(r"(.+) of (.+) was drawn but not counted", "{1} از {2} کشیده شد و شمرده نشد"),
    _rule(r"(.+) was drawn but not read", "{1} کشیده شد و خوانده نشد"),
    _rule(r"(.+) was not drawn", "{1} کشیده نشده بود"),
    _rule(r"is (.+); the seed and manifest give (.+)", "منتشرشده {1}؛ بذر و فهرست می‌دهند {2}"),
    _rule(r"(.+) draws; the rounds ask for (.+)", "{1} قرعه؛ دورها {2} می‌خواهند"),
    _rule(r"is not a field of a sample", "فیلدی از پرونده نمونه نیست"),
    _rule(r"round totals must increase from 1: (.+)", "جمع دورها باید از ۱ بالا برود: {1}"),
    _rule(r"there is nothing to draw from", "چیزی برای قرعه نیست"),
    _rule(
        r"frame name (.+): letters, digits and \. _ : - only, at least one",
        "نام چارچوب {1}: تنها حرف، رقم و . _ : - و دست‌کم یکی",
    ),
    _rule(r"paper (.+) is not in a frame of (.+)", "برگه {1} در چارچوبی از {2} برگه نیست"),
    _rule(
        r"a round cannot go from (.+) to (.+) papers",
        "دور نمی‌تواند از {1} به {2} برگه برسد",
    ),
    _rule(
        r"a round cannot go from (.+) to (.+) batches",
        "دور نمی‌تواند از {1} به {2} شعبه برسد",
    ),
    _rule(r"the frame (.+) holds no paper", "چارچوب {1} برگه‌ای ندارد"),
    _rule(
        r"(.+) distinct papers asked of a frame of (.+)",
        "{1} برگه جدا از چارچوبی با {2} برگه خواسته شد",
    ),
    _rule(
        r"the seed was rolled for the manifest (.+), not for this one \((.+)\)",
        "بذر برای فهرست {1} ریخته شد، نه برای این یکی ({2})",
    ),
    # the boards' sheets and the boxes' records (`formats.audit_readings`)
    _rule(
        r"the header must be paper,found,code,CONTEST…",
        "سرستون‌ها باید paper,found,code,CONTEST… باشد",
    ),
    _rule(r"column (\d+): the header names no contest", "ستون {1}: سرستون نام رقابتی ندارد"),
    _rule(r"column (\d+): the header names (.+) again", "ستون {1}: سرستون {2} را دوباره نام می‌برد"),
    _rule(r"(\d+) cells, the header has (\d+)", "{1} خانه، سرستون‌ها {2} خانه دارند"),
    _rule(r"found is (.*), not yes or no", "found برابر {1} است، نه yes و نه no"),
    _rule(r"not UTF-8: byte (\d+) is not", "UTF-8 نیست: بایت {1} نیست"),
    _rule(r"not CSV: (.+)", "CSV نیست: {1}"),
    _rule(r"not JSON: line (\d+) column (\d+): .+", "JSON نیست: سطر {1}، ستون {2}"),
    _rule(r"not JSON: a number is too long", "JSON نیست: عددی بیش از اندازه بلند است"),
    _rule(r"not JSON: nested too deep", "JSON نیست: بیش از اندازه تودرتو است"),
    _rule(
        r"not JSON: the key (.+) comes twice in one object",
        "JSON نیست: کلید {1} در یک شیء دو بار آمده است",
    ),
    _rule(
        r'must be an object \{CODE: \{"station": S, "reads": READS\}\}',
        'باید شیء {{CODE: {{"station": S, "reads": READS}}}} باشد',
    ),
    _rule(
        r'must be \{"station": S, "reads": READS\}',
        'باید {{"station": S, "reads": READS}} باشد',
    ),
    _rule(r"must be a station's code", "باید کد یک شعبه باشد"),
    _rule(r"found is no, yet (.+) is filled in", "found برابر no است، ولی {1} پر شده است"),
    _rule(r"(.+) is no station of the manifest", "{1} شعبه‌ای از فهرست برگه‌ها نیست"),
    _rule(r"a record is never null", "سابقه هرگز null نیست"),
    _rule(
        r'must be \{"papers": \[…\], "batches": \[…\]\}',
        'باید {{"papers": […], "batches": […]}} باشد',
    ),
    _rule(r"must be a list", "باید فهرست باشد"),
    _rule(r"must be text or null", "باید متن یا null باشد"),
    _rule(r"sample and station must be text", "sample و station باید متن باشند"),
    _rule(r"must be an object or absent", "باید شیء باشد یا نیاید"),
    _rule(
        r"count, sha256, stations, disagree expected",
        "count، sha256، stations و disagree باید بیایند",
    ),
    _rule(r"must be an object", "باید شیء باشد"),
    _rule(r"(\S+) is missing", "{1} نیامده است"),
    _rule(
        r"larger than ([\d,]+) bytes, the most it may be",
        "بزرگ‌تر از {1} بایت است، بیشترینی که می‌تواند باشد",
    ),
    # a full hand count's totals (`core.supervision.corrections.count_problems`)
    _rule(
        r"(-?\d+) is not valid (-?\d+) \+ invalid (-?\d+)", "{1} برابر {2} صحیح + {3} باطله نیست"
    ),
    _rule(
        r"the votes add up to (-?\d+), not the (-?\d+) valid ballots",
        "جمع آرا {1} است، نه {2} رأی صحیح",
    ),
    _rule(
        r"the votes add up to (-?\d+), above (\d+) seats × (-?\d+) valid",
        "جمع آرا {1} است، بیش از {2} کرسی × {3} رأی صحیح",
    ),
    (  # a candidate's ballot code as printed, Latin digits
        re.compile(r"no candidate '(.+)' stands in (.+)"),
        lambda m: f"نامزدی با کد «{m[1]}» در {m[2]} نامزد نیست",
    ),
    _rule(r"the election has no contest '(.+)'", "انتخابات رقابت «{1}» ندارد"),
    _rule(r"contest (.+) has no constituency '(.+)'", "رقابت {1} حوزه «{2}» ندارد"),
    # the audit services' errors that carry no code of their own
    _rule(
        r"election '(.+)' has no contest '(.+)' \(it has (.*)\)",
        "انتخابات «{1}» رقابت «{2}» ندارد (رقابت‌هایش: {3})",
    ),
)


# A problem named by its place (`line 3: …`, `papers[0].shows: …`, `21#7: …`), its message said
# again; last, so that no message of its own form is taken for a place.
_PLACED = (
    (re.compile(r"line (\d+): (.+)"), lambda m: f"سطر {_fa(m[1])}: {in_persian(m[2])}"),
    (re.compile(r"([^\s:]+): (.+)"), lambda m: f"{m[1]}: {in_persian(m[2])}"),
)


#: the paths of the problems a person makes at the command line (the risk limit, the dice),
#: named in words: a machine path is no Persian (F1 of the S18 review)
_PATHS: tuple[Rule, ...] = (
    (re.compile(r"risk_limit"), lambda _: "حد ریسک"),
    (re.compile(r"seed"), lambda _: "بذر"),
    (re.compile(r"rolls\[(\d+)\]\.digits"), lambda m: f"رقم‌های تاس‌ریزی {_fa(str(int(m[1]) + 1))}"),
    (re.compile(r"rolls\[(\d+)\]\.by"), lambda m: f"ریزنده تاس‌ریزی {_fa(str(int(m[1]) + 1))}"),
    (re.compile(r"rolls"), lambda _: "تاس‌ریزی‌ها"),
)


def path_in_persian(path: str) -> str:
    """A problem's path in words where it is one a person typed; else as it is."""
    return by_rules(path, _PATHS)


def in_persian(detail: str) -> str:
    """`detail` in Persian by `RULES`; a detail of no known form as it is."""
    return by_rules(detail, (*RULES, *_PLACED))
