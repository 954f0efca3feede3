"""What an audit says, in Persian and English: the decisions, the reasons a contest goes to a
full hand count, the kinds of audit, the refusals, and the sentences of `sandogh audit`; the
console's audit pages say the same words (`server.console.audit_labels`)."""

from __future__ import annotations

from sandogh.locale.language import Lang

DECISIONS: dict[str, dict[Lang, str]] = {
    "confirmed": {"fa": "تأیید شد", "en": "confirmed"},
    "another-round": {"fa": "دور دیگری لازم است", "en": "another round"},
    "full-hand-count": {"fa": "شمارش دستی کامل", "en": "full hand count"},
}
ESCALATIONS: dict[str, dict[Lang, str]] = {
    "unsupported-outcome": {
        "fa": "هیچ مجموعه ادعایی این نتیجه را پوشش نمی‌دهد",
        "en": "no set of assertions covers this outcome",
    },
    "zero-margin": {
        "fa": "اختلاف آرا صفر است (تساوی، با قرعه)",
        "en": "a margin of zero (a tie, decided by lot)",
    },
    "no-sample-confirms": {
        "fa": "هیچ نمونه‌ای کوچک‌تر از همه برگه‌ها نتیجه را تأیید نمی‌کند",
        "en": "no sample short of every paper can confirm it",
    },
    "sample-reaches-frame": {
        "fa": "دور بعد به همه برگه‌های چارچوب می‌رسد",
        "en": "the next round would draw every paper of the frame",
    },
}
KINDS: dict[str, dict[Lang, str]] = {
    "ballot-comparison": {"fa": "مقایسه برگه با سابقه", "en": "ballot-level comparison"},
    "batch-comparison": {"fa": "مقایسه شعبه با شمارش دستی", "en": "batch comparison"},
    "ballot-polling": {"fa": "نمونه‌گیری برگه‌ها", "en": "ballot polling"},
}
REFUSALS: dict[str, dict[Lang, str]] = {
    "already-started": {"fa": "این انتخابات حسابرسی دارد", "en": "this election has an audit"},
    "no-audit": {"fa": "حسابرسی‌ای آغاز نشده است", "en": "no audit has been started"},
    "results-incomplete": {
        "fa": "همه شعبه‌های حوزه گزارش نداده‌اند",
        "en": "not every station of the constituency has reported",
    },
    "records-differ-from-log": {
        "fa": "سوابق ذخیره‌شده حسابرسی با آنچه دفتر رویدادها ثبت کرده است نمی‌خواند",
        "en": "the audit's stored records differ from what the event log recorded",
    },
    "results-changed": {
        "fa": "نتایج پس از انتشار برنامه حسابرسی تغییر کرده است",
        "en": "the results changed after the audit's plan was published",
    },
    "seed-recorded": {
        "fa": "بذر پیش‌تر ثبت شده است؛ بذر هرگز دوباره ریخته نمی‌شود",
        "en": "the seed is recorded; a seed is never rolled again",
    },
    "no-seed": {"fa": "نخست بذر را با تاس ثبت کنید", "en": "roll and record the seed first"},
    "round-open": {
        "fa": "دور پیشین هنوز بسته نشده است",
        "en": "the round before is not closed yet",
    },
    "audit-ended": {"fa": "حسابرسی پایان یافته است", "en": "the audit has ended"},
    "no-open-round": {
        "fa": "دوری باز نیست (هنوز کشیده نشده یا بسته شده است)",
        "en": "no round is open (none drawn yet, or it was closed)",
    },
    "reading-refused": {"fa": "خواندن‌ها پذیرفته نشد", "en": "readings refused"},
    "not-all-read": {
        "fa": "همه برگه‌های کشیده‌شده خوانده نشده‌اند",
        "en": "not every paper drawn has been read",
    },
    "hand-count-not-due": {
        "fa": "این رقابت به شمارش دستی کامل نرفته است",
        "en": "this contest was not sent to a full hand count",
    },
    "hand-count-recorded": {
        "fa": "شمارش دستی این رقابت پیش‌تر ثبت شده است",
        "en": "this contest's hand count is already recorded",
    },
    "hand-count-not-recorded": {
        "fa": "شمارش دستی این رقابت هنوز ثبت نشده است",
        "en": "no hand count of this contest is recorded yet",
    },
    "hand-count-certified": {
        "fa": "شمارش دستی این رقابت پیش‌تر تأیید شده است",
        "en": "this contest's hand count is already certified",
    },
    "hand-count-pending": {
        "fa": "شمارش دستی این رقابت تأییدشده نیست",
        "en": "this contest's hand count is not certified",
    },
    "reason-missing": {
        "fa": "دلیل برگرداندن تأیید باید گفته شود",
        "en": "undoing a certification needs a reason",
    },
    "replacing-reason-missing": {
        "fa": "دلیل جایگزینی یا پس‌گرفتن شمارش دستی باید گفته شود",
        "en": "replacing or withdrawing a hand count needs a reason",
    },
    "hand-count-invalid": {
        "fa": "ارقام شمارش دستی با هم نمی‌خوانند",
        "en": "the hand count's totals do not add up",
    },
    "hand-count-unreadable": {
        "fa": "شمارش دستی ذخیره‌شده خوانا نیست",
        "en": "the stored hand count does not read",
    },
    "bad-seed": {"fa": "بذر پذیرفته نشد", "en": "the seed is refused"},
    "not-drawn": {"fa": "کشیده نشده است", "en": "was not drawn"},
    "read-twice": {"fa": "دو بار خوانده شده است", "en": "is read twice"},
    "not-audited": {
        "fa": "این ستون رقابتی از دور باز حسابرسی نیست",
        "en": "this column is no contest of the open round",
    },
    "not-standing": {
        "fa": "علامتی برای کسی که در این رقابت نامزد نیست",
        "en": "a mark for no candidate standing in this contest",
    },
    "too-many-marks": {
        "fa": "بیش از کرسی‌های رقابت علامت دارد؛ چنین برگه‌ای باطل است: invalid بنویسید",
        "en": "more marks than the contest's seats; such a ballot is invalid: write invalid",
    },
    "records-not-committed": {
        "fa": "سوابق داده‌شده همان‌ها نیستند که پیش از بذر در برنامه ثبت شدند (چکیده دیگری دارند)",
        "en": "the records given are not the ones the plan committed before the seed "
        "(their hash differs)",
    },
}
#: a grant refused an audit's step (`services.audit_access`), naming the account, its place
#: and the units it does not cover or whose contest another body decides
DENIALS: dict[str, dict[Lang, str]] = {
    "run-audit": {
        "fa": "حساب {user} با اختیاری که در {place} دارد حسابرسی را در {units} اجرا نمی‌کند: "
        "حسابرسی را ناظری از هیئت‌های نظارت صالح اجرا می‌کند که اختیارش همه آن واحدها را "
        "در بر گیرد",
        "en": "account {user}, acting at {place}, may not run the audit at {units}: an audit "
        "is run by a supervisor of the competent body whose grant covers all of them",
    },
    "enter-readings": {
        "fa": "حساب {user} با اختیاری که در {place} دارد خوانده‌های هیئت شمارش را در {units} "
        "ثبت نمی‌کند: آن‌ها را هیئت حسابرسی همان شعبه‌ها ثبت می‌کند",
        "en": "account {user}, acting at {place}, may not enter the boards' readings at "
        "{units}: they are entered by an audit board of those stations",
    },
}

SAID: dict[str, dict[Lang, str]] = {
    "started": {
        "fa": "حسابرسی {election} آغاز شد. چکیده فهرست برگه‌ها: {manifest}؛ {papers} برگه. "
        "فهرست و برنامه را پیش از ریختن تاس منتشر کنید.",
        "en": "Audit of {election} started. Manifest hash {manifest}; {papers} papers. "
        "Publish the manifest and plan before the dice are rolled.",
    },
    "seeded": {"fa": "بذر ثبت شد: {seed}", "en": "Seed recorded: {seed}"},
    "drawn": {
        "fa": "دور {number}: {papers} برگه برای بیرون‌آوردن.",
        "en": "Round {number}: {papers} papers to pull.",
    },
    "recorded": {
        "fa": "{count} خواندن ثبت شد (بدون دیدن سابقه الکترونیکی).",
        "en": "{count} readings recorded (blind: no record was shown).",
    },
    "closed": {
        "fa": "دور {number} بسته شد؛ چکیده {hash}",
        "en": "Round {number} closed; hash {hash}",
    },
    "reported": {
        "fa": "پرونده‌های حسابرسی در {folder} نوشته شد.",
        "en": "Audit files written to {folder}.",
    },
    "hand-counted": {
        "fa": "شمارش دستی {contest} ثبت شد؛ منتخب: {elected}؛ {changed}. "
        "در انتظار تأیید هیئت نظارت.",
        "en": "Hand count of {contest} recorded; elected: {elected}; {changed}. "
        "Pending certification by the supervising board.",
    },
    "hand-counted-certified": {
        "fa": "شمارش دستی {contest} ثبت و به‌عنوان نتیجه تأیید شد؛ منتخب: {elected}؛ {changed}.",
        "en": "Hand count of {contest} recorded and certified as the result; elected: "
        "{elected}; {changed}.",
    },
    "hand-count-certified": {
        "fa": "شمارش دستی {contest} در {date} به‌عنوان نتیجه تأیید شد؛ منتخب: {elected}. "
        "چکیده سابقه حسابرسی: {audit}",
        "en": "Hand count of {contest} certified as the result on {date}; elected: {elected}. "
        "Audit record hash: {audit}",
    },
    "hand-count-replaced": {
        "fa": "شمارش دستی {contest} جایگزین شد؛ در انتظار تأیید هیئت نظارت.",
        "en": "The hand count of {contest} is replaced; pending certification by the "
        "supervising board.",
    },
    "hand-count-withdrawn": {
        "fa": "شمارش دستی {contest} پس گرفته شد؛ شمارش دستی تازه‌ای می‌توان ثبت کرد.",
        "en": "The hand count of {contest} is withdrawn; a new one may be recorded.",
    },
    "hand-count-uncertified": {
        "fa": "تأیید شمارش دستی {contest} (تأییدکننده: {by}) برگردانده شد؛ شمارش دستی دوباره در "
        "انتظار تأیید است و نتیجه همان ارقام گزارش‌شده است.",
        "en": "The certification of the hand count of {contest} (by {by}) is undone; the hand "
        "count is pending certification again and the result is the reported figures.",
    },
    "changed": {"fa": "نتیجه تغییر کرد", "en": "the outcome changed"},
    "unchanged": {"fa": "نتیجه همان است", "en": "the outcome is unchanged"},
    "contest": {"fa": "رقابت", "en": "contest"},
    "kind": {"fa": "نوع حسابرسی", "en": "kind"},
    "decision": {"fa": "تصمیم", "en": "decision"},
    "p_value": {"fa": "بیشترین مقدار P", "en": "largest P-value"},
    "next": {"fa": "اندازه دور بعد", "en": "next size"},
    "county": {"fa": "شهرستان", "en": "county"},
    "station": {"fa": "شعبه", "en": "station"},
    "container": {"fa": "صندوق/کیسه", "en": "container"},
    "position": {"fa": "ردیف", "en": "position"},
    "round": {"fa": "دور", "en": "round"},
    "hash": {"fa": "چکیده", "en": "hash"},
    "open": {
        "fa": "دور {number} باز است: {read} از {total} خوانده شده",
        "en": "Round {number} is open: {read} of {total} read",
    },
    "seed": {"fa": "بذر", "en": "seed"},
    "no_seed": {"fa": "بذر هنوز ریخته نشده است", "en": "the seed is not rolled yet"},
    "risk_limit": {"fa": "حد ریسک", "en": "risk limit"},
}


def label(table: dict[str, dict[Lang, str]], key: str, lang: Lang) -> str:
    return table[key][lang] if key in table else key
