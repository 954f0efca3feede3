"""What the audio ballot says on each of the voter's screens (issue 13), as a list of items the
voter moves through with a headphone keypad (`static/kiosk.js`): next, previous, select, back,
repeat.

Each item is one or more clips said one after another, and what selecting it does (a key of the
voter's form: a candidate's code, next, blank, confirm…). A choice is said by the same clip as the
candidate it names, and a confirmation code digit by digit: no clip ever holds a voter's choice or
code, and every clip of the ballot is made at once (`station.clips`). What a screen fetches does
not depend on the choices either: a contest's screen fetches every candidate of the contest, the
review every candidate of the card's contests, whatever was chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from sandogh.core.report import BallotContest
from sandogh.locale import Lang, in_words
from sandogh.station.ballot_chain import PreparedBallot
from sandogh.station.ballot_names import BallotNames
from sandogh.station.clips import Clips, clip_id
from sandogh.station.web.draft import Draft
from sandogh.station.web.labels import label
from sandogh.station.web.sessions import Visit

#: the screens' words the audio ballot says, besides the ballot's names
PHRASES = (
    "box_enter_card",
    "kiosk_audio_keys",
    "box_chosen",
    "box_none_yet",
    "box_blank",
    "kiosk_audio_blank_means",
    "box_correct",
    "box_next",
    "kiosk_audio_contest_how",
    "box_unknown_code",
    "box_repeated_code",
    "box_seats_full",
    "box_nothing_chosen",
    "box_review",
    "kiosk_audio_review_how",
    "box_confirm",
    "box_confirm_again",
    "box_back",
    "kiosk_seal",
    "kiosk_seal_means",
    "box_cast_done",
    "box_return_card",
    "kiosk_code_title",
    "kiosk_cast",
    "kiosk_cast_means",
    "kiosk_challenge",
    "kiosk_challenge_means",
    "kiosk_challenge_title",
    "kiosk_challenge_warn",
    "kiosk_challenge_yes",
    "kiosk_challenge_no",
    "kiosk_opened_title",
    "kiosk_vote_again",
    "kiosk_take_receipt",
    "kiosk_seal_lost",
)


@dataclass(frozen=True)
class Item:
    clips: tuple[str, ...]
    act: str = ""  # "key:next", "code:25": the form that selecting the item sends; "" none


@dataclass(frozen=True)
class Script:
    """A screen's audio: its items (the first said as the screen opens), the clips it fetches,
    and what the back key does there."""

    items: tuple[Item, ...]
    fetch: tuple[str, ...]
    back: str = ""


class Words:
    """The texts of one ballot in one language, and their clip ids."""

    def __init__(self, ballot: Sequence[BallotContest], names: BallotNames, lang: Lang) -> None:
        self.ballot, self.names, self.lang = ballot, names, lang

    def phrase(self, key: str, **fill: str | int) -> str:
        return label(key, self.lang, **fill)

    def candidate(self, contest: str, code: str) -> str:
        name = self.names.candidate(contest, code, self.lang)
        said = self.phrase("kiosk_audio_code", code=in_words(int(code), self.lang))
        return f"{said}، {name}" if self.lang == "fa" else f"{said}, {name}"

    def contest(self, contest: BallotContest, index: int, total: int) -> str:
        """A contest as its screen opens: which of how many, its name, its seats."""
        return " ".join(
            (
                self.phrase("box_contest_step", number=index + 1, total=total),
                self.names.contest(contest.contest, self.lang) + ".",
                self.phrase("box_seats", seats=contest.seats) + ".",
            )
        )

    def digit(self, digit: int) -> str:
        return in_words(digit, self.lang)

    def every_text(self) -> Iterator[str]:
        """Every text of the ballot: made together, so no clip's time says what was chosen."""
        yield from (self.phrase(key) for key in PHRASES)
        yield from (self.digit(d) for d in range(10))
        for index, contest in enumerate(self.ballot):
            yield self.contest(contest, index, len(self.ballot))
            yield self.names.contest(contest.contest, self.lang)
            yield from (self.candidate(contest.contest, c) for c in contest.candidates)

    def contest_texts(self, contest: BallotContest) -> list[str]:
        return [self.candidate(contest.contest, c) for c in contest.candidates]


def script(
    visit: Visit, shown: dict[str, str], words: Words, clips: Clips, sealing: bool
) -> Script:
    """The audio of the screen `visit` shows now (with `shown`, the page's one-time messages),
    its clips made: the whole ballot's the first time (`Words.every_text`)."""
    asked: list[str] = []

    def say(*texts: str) -> tuple[str, ...]:
        asked.extend(texts)
        return tuple(clip_id(text, words.lang) for text in texts)

    made = _script(visit, shown, words, say, sealing)
    clips.make((text, words.lang) for text in (*words.every_text(), *asked))
    return made


def _script(
    visit: Visit,
    shown: dict[str, str],
    words: Words,
    say: Callable[..., tuple[str, ...]],
    sealing: bool,
) -> Script:
    phrases = say(*(words.phrase(key) for key in PHRASES), *(words.digit(d) for d in range(10)))
    p = words.phrase
    draft = visit.draft
    if shown.get("cast"):
        done = [p("box_cast_done"), p("box_return_card")]
        return Script((Item(say(*done, *([p("kiosk_take_receipt")] if sealing else []))),), phrases)
    if visit.opened is not None:
        items = [Item(say(p("kiosk_opened_title")))]
        items += _chosen(words, [(c.contest, c.codes) for c in visit.opened.choices], say)
        items.append(Item(say(p("kiosk_vote_again")), "key:again"))
        return Script(tuple(items), _every_candidate(words, say, phrases), "key:again")
    if visit.sealed is not None:
        return _sealed(visit.sealed, visit.challenging, words, say, phrases)
    if draft is None:
        return Script((Item(say(p("box_enter_card"), p("kiosk_audio_keys"))),), phrases)
    if draft.reviewing:
        key = "seal" if sealing else "confirm"
        confirm = Item(say(p("kiosk_seal" if sealing else "box_confirm")), f"key:{key}")
        why = [p(shown["refusal"])] if shown.get("refusal") else []  # a seal lost: say so
        items = [Item(say(p("box_review"), *why, p("kiosk_audio_review_how")))]
        if draft.confirmations:
            items = [Item(say(p("box_confirm_again")), "key:confirm")]
        codes = [(c.contest, tuple(draft.codes.get(c.contest, []))) for c in draft.ballot]
        items += _chosen(words, codes, say)
        items += [confirm, Item(say(p("box_back")), "key:back")]
        return Script(tuple(items), _every_candidate(words, say, phrases), "key:back")
    return _contest(draft, shown, words, say, phrases)


def _sealed(
    sealed: PreparedBallot,
    challenging: bool,
    words: Words,
    say: Callable[..., tuple[str, ...]],
    phrases: tuple[str, ...],
) -> Script:
    """The code screen: the code digit by digit, then cast or challenge (or the challenge's
    yes and no)."""
    p = words.phrase
    code = say(*(words.digit(int(d)) for d in sealed.readable if d.isdigit()))
    if challenging:
        items = [
            Item((*say(p("kiosk_challenge_title"), p("kiosk_challenge_warn")), *code)),
            Item(say(p("kiosk_challenge_no")), "key:challenge-no"),
            Item(say(p("kiosk_challenge_yes")), "key:challenge-yes"),
        ]
        return Script(tuple(items), phrases, "key:challenge-no")
    items = [
        Item((*say(p("kiosk_code_title")), *code)),
        Item(say(p("kiosk_cast"), p("kiosk_cast_means")), "key:cast"),
        Item(say(p("kiosk_challenge"), p("kiosk_challenge_means")), "key:challenge"),
    ]
    return Script(tuple(items), phrases)


def _contest(
    draft: Draft,
    shown: dict[str, str],
    words: Words,
    say: Callable[..., tuple[str, ...]],
    phrases: tuple[str, ...],
) -> Script:
    """A contest's screen: where the voter is and what is chosen, then each candidate, blank,
    correction and next."""
    p = words.phrase
    contest = draft.contest
    chosen = draft.codes.get(contest.contest, [])
    opening = words.contest(contest, draft.step, len(draft.ballot))
    heard = [opening]
    if shown.get("refusal"):
        heard.append(p(shown["refusal"]))
    heard += [p("box_chosen"), *(words.candidate(contest.contest, c) for c in chosen)]
    heard += [] if chosen else [p("box_none_yet")]
    items = [Item(say(*heard, p("kiosk_audio_contest_how")))]
    withdrawn = words.names.withdrawn.get(contest.contest, ())
    items += [
        Item(say(words.candidate(contest.contest, code)), f"code:{code}")
        for code in contest.candidates
        if code not in withdrawn
    ]
    items.append(Item(say(p("box_blank"), p("kiosk_audio_blank_means")), "key:blank"))
    if chosen:
        items.append(Item(say(p("box_correct")), "key:correct"))
    items.append(Item(say(p("box_next")), "key:next"))
    fetch = say(opening, *words.contest_texts(contest)) + phrases
    return Script(tuple(items), fetch, "key:correct")


def _chosen(
    words: Words,
    chosen: Sequence[tuple[str, Sequence[str]]],
    say: Callable[..., tuple[str, ...]],
) -> list[Item]:
    """One item a contest: its name, then each choice as its candidate's own clip, or blank."""
    items = []
    for contest, codes in chosen:
        named = [words.candidate(contest, code) for code in codes] or [words.phrase("box_blank")]
        items.append(Item(say(words.names.contest(contest, words.lang), *named)))
    return items


def _every_candidate(
    words: Words, say: Callable[..., tuple[str, ...]], phrases: tuple[str, ...]
) -> tuple[str, ...]:
    texts = [words.names.contest(c.contest, words.lang) for c in words.ballot]
    texts += [text for contest in words.ballot for text in words.contest_texts(contest)]
    # the station's whole ballot, not the card's: the same on every card
    return say(*texts) + phrases
