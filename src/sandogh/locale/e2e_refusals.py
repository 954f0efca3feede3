"""The E2E path's refusals in Persian and English (docs/e2e.md §7, §8): the centre's of a
station's ballot chain (`services.chains.ChainRefusal`: the API's error body and the box's
operator screen) and a guardian's of a snapshot it is asked to decrypt a tally of
(`services.origin_faults.OriginFault`: `sandogh guardians`).

A key is the refusal's name in lower case after `chain_refused_` or `origin_`; a refusal naming a
station has `{station}`. Terms as the rest of the catalogue: صورتجلسه (a station's report),
صندوق (the box), زنجیره (the chain), سیاهه مهرشده (the sealed pre-election record), امین (a
guardian). The machine codes stay out of the sentences: a Persian screen shows none.
"""

from __future__ import annotations

from sandogh.locale.language import Lang

FA: dict[str, str] = {
    # the centre refuses a station's chain
    "chain_refused_malformed": "پرونده زنجیره خوانا نیست: هر سطر آن باید یک شیء JSON باشد، "
    "از سطر آغاز تا سطر بستن",
    "chain_refused_not_e2e": "این شعبه یا این انتخابات رأی‌گیری رمزشده (سرتاسری) ندارد: "
    "صورتجلسه پایانی به زنجیره‌ای متعهد نیست یا مرکز سیاهه مراسم کلید را ندارد",
    "chain_refused_no_final_report": "مرکز هنوز صورتجلسه پایانی این شعبه را ندارد؛ صندوق "
    "نخست صورتجلسه را می‌فرستد و زنجیره را دوباره می‌فرستد",
    "chain_refused_chain_mismatch": "زنجیره با صورتجلسه پایانی امضاشده این شعبه نمی‌خواند",
    "chain_refused_conflicting": "مرکز زنجیره دیگری از این شعبه را پیش‌تر پذیرفته است",
    # a guardian refuses a snapshot before decrypting
    "origin_not_a_station": "{station} شعبه‌ای از تعریف انتخاباتِ این مراسم نیست",
    "origin_chain_unreadable": "زنجیره شعبه {station} خوانا نیست",
    "origin_report_missing": "صورتجلسه‌ای از شعبه {station} منتشر نشده است",
    "origin_report_not_signed": "صورتجلسه شعبه {station} را صندوقِ زنجیره آن امضا نکرده است",
    "origin_staff_not_on_record": "صورتجلسه شعبه {station} را کارکنانِ ثبت‌شده این شعبه در "
    "سیاهه مهرشده، چنان‌که مرکز می‌خواهد، امضا نکرده‌اند: صورتجلسه پایانی را دست‌کم دو تن از "
    "آنان، رئیس شعبه در میانشان، امضا می‌کنند",
    "origin_report_of_another": "این پرونده صورتجلسه همان شعبه {station} یا از همان گونه نیست",
    "origin_close_differs": "صورتجلسه پایانی شعبه {station} به بستن دیگری از زنجیره متعهد است",
    "origin_chain_broken": "زنجیره شعبه {station} شکسته است یا به صورتجلسه آغاز رأی‌گیری آن نمی‌رسد",
    "origin_box_not_on_record": "صندوق زنجیره شعبه {station} صندوق ثبت‌شده این شعبه در سیاهه "
    "مهرشده نیست",
    "origin_proof_fails": "اثبات برگه‌ای در زنجیره شعبه {station} درست درنمی‌آید",
    "origin_ballot_copied": "برگه‌ای از زنجیره شعبه {station} رونوشت برگه‌ای دیگر است",
    "origin_record_missing": "سیاهه مهرشده پیش از انتخابات منتشر نشده است: کلید هیچ صندوقی "
    "را نمی‌توان پذیرفت",
    "origin_record_unreadable": "سیاهه مهرشده، امضاها یا اصلاحیه‌های آن خوانا نیست",
    "origin_record_of_another": "سیاهه مهرشده از آنِ این انتخابات، این تعریف یا این مراسم کلید نیست",
    "origin_record_signatures": "امضاهای سیاهه مهرشده به حد نصاب مقام‌ها نمی‌رسد یا درست درنمی‌آید",
    "origin_amendment_fails": "اصلاحیه‌ای از سیاهه مهرشده امضای درست ندارد",
    "origin_anchor_differs": "اثر انگشت سیاهه و سرِ اصلاحیه‌های آن هیچ‌یک آنی نیست که به شما داده شد",
    "origin_tally_not_product": "شمارش رمزشده شعبه {station} حاصل‌ضرب برگه‌های زنجیره‌های "
    "منتشرشده نیست",
    "origin_station_missing": "سیاهه مهرشده به شعبه {station} صندوق داده است و زنجیره آن در "
    "نسخه منتشرشده نیست؛ اگر از منبعی دیگر می‌دانید صندوق آن هرگز باز نشد، آن را در فرمان "
    "به‌عنوان شعبه‌ای که هرگز باز نشد نام ببرید",
    "origin_never_opened_reported": "شعبه {station} را شعبه‌ای که هرگز باز نشد نام بردید، "
    "اما صورتجلسه امضاشده آن در نسخه منتشرشده هست: صندوق آن باز شده است",
    "origin_not_closed_reported": "شعبه {station} را شعبه‌ای که بسته نشد نام بردید، اما "
    "صورتجلسه پایانی امضاشده آن در نسخه منتشرشده هست: صندوق آن بسته شده است",
}

EN: dict[str, str] = {
    "chain_refused_malformed": "the chain file cannot be read: each of its lines must be one "
    "JSON object, from the start line to the close",
    "chain_refused_not_e2e": "this station or election has no end-to-end verifiable ballots: "
    "its final report commits to no chain, or the centre holds no key ceremony record",
    "chain_refused_no_final_report": "the centre holds no final report of this station yet; "
    "the box sends its report first and the chain again",
    "chain_refused_chain_mismatch": "the chain does not hold against the station's signed "
    "final report",
    "chain_refused_conflicting": "the centre has already taken another chain of this station",
    "origin_not_a_station": "{station} is not a station of the ceremony's election definition",
    "origin_chain_unreadable": "the chain of station {station} cannot be read",
    "origin_report_missing": "a report of station {station} is not published",
    "origin_report_not_signed": "a report of station {station} is not signed by its chain's box",
    "origin_staff_not_on_record": "a report of station {station} is not signed as the centre "
    "requires by the station's staff registered in the sealed record: a final report by at least "
    "two of them, its head among them",
    "origin_report_of_another": "this report file is not station {station}'s of its kind",
    "origin_close_differs": "the final report of station {station} commits to another close "
    "of its chain",
    "origin_chain_broken": "the chain of station {station} is broken or does not start from "
    "its zero report",
    "origin_box_not_on_record": "the box of station {station}'s chain is not the station's "
    "box in the sealed record",
    "origin_proof_fails": "a ballot's proof in the chain of station {station} does not verify",
    "origin_ballot_copied": "a ballot in the chain of station {station} is a copy of another",
    "origin_record_missing": "the sealed pre-election record is not published: no box key can "
    "be trusted",
    "origin_record_unreadable": "the sealed record, its signatures or its amendments cannot "
    "be read",
    "origin_record_of_another": "the sealed record is not of this election, definition or key "
    "ceremony",
    "origin_record_signatures": "the sealed record's signatures do not reach the officials' "
    "quorum or do not verify",
    "origin_amendment_fails": "an amendment to the sealed record is not properly signed",
    "origin_anchor_differs": "neither the record's fingerprint nor any amendment's head is the "
    "one you were given",
    "origin_tally_not_product": "the encrypted tally of station {station} is not the product "
    "of the published chains' ballots",
    "origin_station_missing": "the sealed record gives station {station} a box and its chain is "
    "not in the snapshot; if you know from a second source that its box never opened, name it "
    "with --never-opened",
    "origin_never_opened_reported": "you named station {station} as never opened, but its "
    "signed report is in the snapshot: its box opened",
    "origin_not_closed_reported": "you named station {station} as not closed, but its signed "
    "final report is in the snapshot: its box closed",
}

CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}


def chain_refusal_key(reason: str) -> str:
    """The key of the text of a chain refused for `reason`, the API's machine word
    (`no-final-report` → `chain_refused_no_final_report`)."""
    return "chain_refused_" + reason.replace("-", "_")
