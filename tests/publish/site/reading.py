"""Rendered pages read back with the standard library's parser: elements and main text."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]


@dataclass
class Page(HTMLParser):
    """One page: every element with its attributes, and the text inside <main>."""

    elements: list[Element] = field(default_factory=list)
    main_text: list[str] = field(default_factory=list)
    _in_main: bool = False
    _in_script: bool = False

    def __post_init__(self) -> None:
        super().__init__()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, {name: value or "" for name, value in attrs}))
        if tag == "main":
            self._in_main = True
        if tag == "script":
            self._in_script = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self._in_main = False
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_main and not self._in_script:
            self.main_text.append(data)

    @property
    def text(self) -> str:
        """The text of <main>, its whitespace runs made single spaces."""
        return " ".join("".join(self.main_text).split())

    def all(self, tag: str) -> list[Element]:
        return [element for element in self.elements if element.tag == tag]

    def one(self, tag: str, **attrs: str) -> Element:
        (found,) = [
            e
            for e in self.all(tag)
            if all(e.attrs.get(name.replace("_", "-")) == v for name, v in attrs.items())
        ]
        return found


def read(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page
