"""The Persian form of `verify-election`'s failure details (docs/e2e.md §10, "Output").

The verifier names each failure in English (its `--json` and `--lang en` say it as is); a person
reading Persian output gets the common ones — a file missing, a hash that differs, a proof or
signature that fails, a chain that breaks, a value that differs, a malformed field, and every
failure of the sealed record (V0) — in Persian, the values they quote kept as they are. A detail of
no form listed here stays in English. A read refused (`RefusedError`: a deadline, a redirect
elsewhere, a file past its bound) is said in Persian whole, from its type and values.
"""

from __future__ import annotations

import re

from sandogh.locale.digits import format_int, to_persian_digits
from sandogh.locale.rules import Rule, by_rules
from sandogh.verify_election.errors import Refusal, RefusedError

#: V20's reasons for a station with no chain, as the English details say them
_REASONS = {
    "had no ballot box": "صندوق نداشت",
    "did not open": "گشوده نشد",
    "opened and did not close": "گشوده شد و بسته نشد",
    "sent a final report without an E2E commitment": "گزارش نهایی بی‌تعهد رمزنگار فرستاد",
}

#: the bodies of officials who seal the record (V0), as the English details name them
_BODIES = {"hq": "ستاد انتخابات", "supervisory-board": "هیئت نظارت"}

_PROOFS = {
    "the Schnorr proof": "اثبات شنور",
    "the 0..1 range proof": "اثبات بازه ۰ تا ۱",
    "the 0..1 proof of a slot bit": "اثبات ۰ یا ۱ بیتِ خانه",
    "the Chaum–Pedersen proof of the partial decryption": "اثبات چام–پدرسن رمزگشایی جزئی",
    "the device's signature": "امضای دستگاه",
}


def _proof(match: re.Match[str]) -> str:
    subject, rest = match.group(1), match.group(2)
    named = _PROOFS.get(subject, subject)
    return f"{named} درست درنمی‌آید{rest}"


_RULES: list[Rule] = [
    (
        re.compile(r"missing: --anchor was given"),
        lambda _: "پرونده نیست، با آنکه اثر انگشت سیاهه مهرشده با --anchor داده شد",
    ),
    (
        re.compile(
            r"its fingerprint is (\S+), and neither it nor the head of any of its (\d+) amendments "
            r"is (.+): another record, or the amendment a head given names is missing"
        ),
        lambda m: (
            f"اثر انگشتش {m[1]} است و نه آن و نه سر هیچ‌یک از {m[2]} اصلاحیه‌اش {m[3]} نیست: "
            "سیاهه‌ای دیگر است، یا اصلاحیه‌ای که سرِ داده‌شده نام می‌برد از انتشار افتاده است"
        ),
    ),
    (
        re.compile(r"signs (\S+), not (\S+)"),
        lambda m: f"امضاها برای {m[1]} است، نه {m[2]}",
    ),
    (
        re.compile(r"(\S+) is no official of the record"),
        lambda m: f"{m[1]} از مقامات امضاکننده سیاهه نیست",
    ),
    (
        re.compile(r"the signature of (.+) does not verify"),
        lambda m: f"امضای {m[1]} درست درنمی‌آید",
    ),
    (
        re.compile(r"(\d+) valid signatures of distinct officials; the record asks for (\d+)"),
        lambda m: f"{m[1]} امضای درست از مقامات جداگانه؛ سیاهه {m[2]} امضا می‌خواهد",
    ),
    (
        re.compile(r"no official of the (hq|supervisory-board) signed"),
        lambda m: f"هیچ مقامی از {_BODIES[m[1]]} امضا نکرده است",
    ),
    (
        re.compile(r"(\w+) is (.+), the chain holds (.+)"),
        lambda m: f"{m[1]} برابر {m[2]} است، ولی زنجیره اصلاحیه‌ها {m[3]} را می‌خواهد",
    ),
    (
        re.compile(r"(\S+) is no station of the record"),
        lambda m: f"{m[1]} شعبه‌ای از سیاهه مهرشده نیست",
    ),
    (
        re.compile(r"exactly one of device and staff is given"),
        lambda _: "باید دقیقاً یکی از device (صندوق) و staff (کارکن) داده شود",
    ),
    (
        re.compile(r"a reason must be given, in at most (\d+) characters"),
        lambda m: f"دلیل باید داده شود، در دست‌بالا {m[1]} نویسه",
    ),
    (
        re.compile(r"threshold (\d+) is not from 2 to (\d+)"),
        lambda m: f"آستانه {m[1]} میان ۲ و {m[2]} (شمار مقامات) نیست",
    ),
    (
        re.compile(r"the key (\S+) is listed twice"),
        lambda m: f"کلید {m[1]} دو بار آمده است",
    ),
    (
        re.compile(r"listed in the manifest, but missing"),
        lambda _: "در فهرست پرونده‌ها هست، ولی خود پرونده نیست",
    ),
    (re.compile(r"not listed in the manifest"), lambda _: "در فهرست پرونده‌ها (manifest) نیست"),
    (
        re.compile(r"SHA-256 ([0-9a-f]+), the manifest lists ([0-9a-f]+)"),
        lambda m: f"چکیده SHA-256 پرونده {m[1]} است، ولی فهرست پرونده‌ها {m[2]} را می‌گوید",
    ),
    (
        re.compile(r"longer than the (\d+) bytes the manifest lists"),
        lambda m: f"بلندتر از {m[1]} بایتی است که فهرست پرونده‌ها می‌گوید",
    ),
    (re.compile(r"missing(: .*)?"), lambda m: "پرونده نیست" + (m[1] or "")),
    (
        re.compile(r"(.+): lists a final report of the station, but (.+) is missing"),
        lambda m: f"{m[1]} گزارش نهایی این شعبه را نام می‌برد، ولی {m[2]} نیست",
    ),
    (
        re.compile(
            r"a voting station with no chain in the record, and absent.json does not list it"
        ),
        lambda _: "شعبه‌ای که رأی می‌گیرد در سیاهه زنجیره ندارد و absent.json هم نامش را نمی‌برد",
    ),
    (
        re.compile(r"absent.json says the station (.+?); (.+?) is (there|missing)"),
        lambda m: (
            f"به گفته absent.json این شعبه {_REASONS.get(m[1], m[1])}؛ "
            f"ولی {m[2]} {'هست' if m[3] == 'there' else 'نیست'}"
        ),
    ),
    (
        re.compile(
            r"absent.json says the station had no ballot box; the sealed record gives it one"
        ),
        lambda _: "به گفته absent.json این شعبه صندوق نداشت؛ ولی سیاهه مهرشده به آن صندوق داده است",
    ),
    (
        re.compile(
            r"absent.json says the station sent a final report without an E2E commitment; the "
            r"sealed record carries the guardians' key \(e2e\), so its box's final report must "
            r"commit to its chain"
        ),
        lambda _: (
            "به گفته absent.json این شعبه گزارش نهایی بی‌تعهد رمزنگار فرستاد؛ ولی سیاهه مهرشده "
            "کلید امینان (e2e) را دارد، پس گزارش نهایی صندوقش باید به زنجیره آن متعهد باشد"
        ),
    ),
    (
        re.compile(
            r"absent.json says the station sent a final report without an E2E commitment; with "
            r"no sealed record, nothing shows that its box was enrolled without the guardians' key"
        ),
        lambda _: (
            "به گفته absent.json این شعبه گزارش نهایی بی‌تعهد رمزنگار فرستاد؛ ولی سیاهه مهرشده‌ای "
            "نیست که نشان دهد صندوقش بی‌کلید امینان ثبت شده بود"
        ),
    ),
    (
        re.compile(r"(\S+) is not (\S+): not this election's sealed record"),
        lambda m: f"{m[1]} برابر {m[2]} نیست: سیاهه مهرشده این انتخابات نیست",
    ),
    (re.compile(r"not a JSON object"), lambda _: "شیء JSON نیست"),
    (re.compile(r"not a (sandogh/\S+)"), lambda m: f"پرونده‌ای از گونه {m[1]} نیست"),
    (re.compile(r"'devices' is not a list of keys"), lambda _: "'devices' فهرست کلیدها نیست"),
    (
        re.compile(
            r"absent.json lists it, but it is a station of the record or not a voting station"
        ),
        lambda _: "absent.json نامش را می‌برد، ولی یا در سیاهه زنجیره دارد یا شعبه رأی‌گیری نیست",
    ),
    (
        re.compile(r"(.+): signed by (.+), not a box the sealed record gives the station"),
        lambda m: f"{m[1]} را {m[2]} امضا کرده، که صندوقی نیست که سیاهه مهرشده به این شعبه داده",
    ),
    (re.compile(r"(.+) is missing(.*)"), lambda m: f"{m[1]} نیست{m[2]}"),
    (re.compile(r"the chain is missing or empty"), lambda _: "زنجیره نیست یا خالی است"),
    (re.compile(r"the chain has no close"), lambda _: "زنجیره بسته نشده است"),
    (
        re.compile(r"the close does not end with a newline"),
        lambda _: "سطر بستن زنجیره با خط نو پایان نمی‌یابد",
    ),
    (re.compile(r"a line after the close"), lambda _: "سطری پس از بستن زنجیره"),
    (
        re.compile(r"close is not H_close"),
        lambda _: "مقدار بستن زنجیره H_close نیست: زنجیره شکسته است",
    ),
    (
        re.compile(r"the confirmation code is not H\(H_\{i−1\}, χ_i\).*"),
        lambda _: (
            "کد رهگیری H(H_{i−1}, χ_i) نیست: زنجیره شکسته است — برگه‌ای پیش از این یا "
            "خود آن افتاده، افزوده، دگرگون یا جابه‌جا شده است"
        ),
    ),
    (re.compile(r"(.+) does not verify(.*)"), _proof),
    (
        re.compile(r"the path (.+) leaves e2e/ or is not of §9's form"),
        lambda m: f"مسیر {m[1]} از e2e/ بیرون می‌رود یا به شکل §9 نیست",
    ),
    (re.compile(r"not JSON: (.*)"), lambda m: f"JSON نیست: {m[1]}"),
    (re.compile(r"no field (.+)"), lambda m: f"فیلد {m[1]} نیست"),
    (re.compile(r"(.+) is not of the right type"), lambda m: f"نوع {m[1]} درست نیست"),
    (re.compile(r"(.+) is above (\d+)"), lambda m: f"{m[1]} از {m[2]} بیشتر است"),
    (re.compile(r"(.+) is negative"), lambda m: f"{m[1]} منفی است"),
    (
        re.compile(r"the manifest is of election (.+), not (.+)"),
        lambda m: f"فهرست پرونده‌ها از انتخابات {m[1]} است، نه {m[2]}",
    ),
    (
        re.compile(r"election.json is of election (.+), not (.+)"),
        lambda m: f"election.json از انتخابات {m[1]} است، نه {m[2]}",
    ),
    (
        re.compile(
            r"the code index lists a code, station, state, count or opened content that no "
            r"chain holds"
        ),
        lambda _: (
            "فهرست کدها کد، شعبه، وضعیت، «شمرده شد» یا محتوای گشوده‌ای دارد که در هیچ زنجیره‌ای نیست"
        ),
    ),
    (
        re.compile(r"the ballot's code is not in the code index \(e2e/codes/\)"),
        lambda _: "کد این برگه در فهرست کدها (e2e/codes/) نیست",
    ),
    (
        re.compile(r"ceremony is not the SHA-256 of the plan .* \((.+)\)"),
        lambda m: (
            f"شناسه مراسم چکیده SHA-256 طرح مراسم ({m[1]}) نیست: کلید، نام یا نقش امینی دگرگون شده"
        ),
    ),
    (
        re.compile(
            r"hashes to (.+), not the ceremony record the pre-election record seals \((.+)\): "
            r"its complaints or another field differ"
        ),
        lambda m: (
            f"چکیده‌اش {m[1]} است، نه چکیده سیاهه مراسمی که سیاهه پیش از انتخابات مهر کرده "
            f"({m[2]}): شکایت‌ها یا فیلدی دیگر دگرگون شده است"
        ),
    ),
    (
        re.compile(r"(.+) is not the pre-election record's \((.+)\)"),
        lambda m: f"{m[1]} با سیاهه پیش از انتخابات ({m[2]}) یکی نیست",
    ),
    (
        re.compile(r"its final report commits to an E2E chain that the record leaves out"),
        lambda _: "گزارش نهایی‌اش به زنجیره‌ای رمزنگار متعهد است که در سیاهه نیست",
    ),
    (
        re.compile(r"'codes' is (\d+), the shards hold (\d+)"),
        lambda m: f"فهرست کدها {m[1]} کد می‌گوید، ولی پاره‌هایش {m[2]} کد دارند",
    ),
    (
        re.compile(r"(.+) is not the definition's name"),
        lambda m: f"{m[1]} همان نامی نیست که تعریف انتخابات می‌دهد",
    ),
    (re.compile(r"(.+) is not (.+)"), lambda m: f"{m[1]} برابر {m[2]} نیست"),
]


def detail_fa(detail: str) -> str:
    """`detail` in Persian when its form is one of the common ones; else as it is."""
    return by_rules(detail, _RULES)


REFUSALS: dict[Refusal, str] = {
    Refusal.SCHEME: "نشانی با طرح {scheme} خوانده نمی‌شود: یک پوشه یا یک نشانی http(s) بدهید",
    Refusal.CREDENTIALS: (
        "نشانی دارای نام کاربری یا گذرواژه خوانده نمی‌شود (سنجشگر نشانی‌ای را که می‌خواند چاپ "
        "می‌کند و آن‌ها را به هر کارسازی در میانه راه می‌فرستاد)"
    ),
    Refusal.QUERY: (
        "نشانی سیاهه با پرسش (?) یا پاره (#) خوانده نمی‌شود: مسیر پرونده‌ها پس از آن می‌آید"
    ),
    Refusal.FILE_DEADLINE: (
        "در {seconds} ثانیه خوانده نشد (--file-deadline: {per} ثانیه برای هر مگابایتی که "
        "پرونده می‌تواند داشته باشد)"
    ),
    Refusal.RUN_DEADLINE: "مهلت {seconds} ثانیه‌ای کل سنجش (--run-deadline) هنگام خواندن آن گذشت",
    Refusal.OFF_ORIGIN: "به {target} بازفرستاده شد که بیرون از مبدأ سیاهه ({origin}) است",
    Refusal.REDIRECTS: "بیش از {count} بار بازفرستاده شد",
    Refusal.STATUS: "کارساز پاسخ HTTP {status} داد",
    Refusal.ENCODING: (
        "با Content-Encoding {encoding} فرستاده شد: سنجشگر خود بایت‌های پرونده (identity) را "
        "می‌خواهد و جز آن را نمی‌خواند"
    ),
    Refusal.TOO_LONG: (
        "بلندتر از {bytes} بایت است، بیشترین اندازه‌ای که سنجشگر از پرونده‌ای بیرون از فهرست "
        "پرونده‌ها می‌خواند"
    ),
    Refusal.BROKEN: "پاسخ کارساز HTTP خوانا برای سنجشگر نیست: {detail}",
    Refusal.NETWORK: "به آن نمی‌توان رسید: {detail}",
}
_SECONDS = ("seconds", "per")


def refusal_fa(error: RefusedError) -> str:
    """A refused read in Persian: its URL or path as it is, its figures in Persian digits."""
    values = {
        name: format_int(value, "fa")
        if isinstance(value, int)
        else to_persian_digits(value).replace(".", "\u066b")
        if name in _SECONDS
        else value
        for name, value in error.values.items()
    }
    return f"{error.where}: {REFUSALS[error.refusal].format_map(values)}"
