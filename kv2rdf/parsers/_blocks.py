"""The intermediate form every front-end produces: blocks of text in reading order.

A front-end (plain text, markdown, PDF, HTML) turns its source into `Block`s — one per label
line ("Vraag 3") and one per paragraph — plus the footnotes it found. `_assemble` builds the
`Document` from them, so the grammar of a Kamervragen document lives in one place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field

from kv2rdf.model import Footnote, Issue
from kv2rdf.parsers._labels import Label

#: A `marker` token; group 1 is the footnote number.
MARKER = re.compile(r"\ue000(\w+)\ue001")
_MARK = re.compile(r"(\s*)" + MARKER.pattern + r"(\s*)")


def marker(number: str) -> str:
    """The token a front-end puts in the text where footnote ``number`` is referenced."""
    return f"\ue000{number}\ue001"


def strip_markers(text: str) -> tuple[str, list[str]]:
    """Remove marker tokens from ``text``; return the text and the footnote numbers, in order."""
    if "\ue000" not in text:  # no marker: nothing to do (the pattern is slow to find none)
        return text, []
    numbers: list[str] = []

    def gap(m: re.Match[str]) -> str:
        numbers.append(m.group(2))
        if m.group(3):
            return m.group(3)
        after = text[m.end():m.end() + 1]
        return " " if after.isalnum() and m.start() > 0 else ""

    return _MARK.sub(gap, text), numbers


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph or a label, with where it came from.

    Footnote markers stay in ``text`` as `marker` tokens until the item's text is final.
    ``exact`` marks a paragraph whose bounds the source states (an XML ``al``, an HTML
    ``p``): it is never joined to the paragraph before it.
    """

    text: str
    line: int | None = None
    pages: tuple[int, ...] = ()
    label: Label | None = None
    heading: bool = False
    exact: bool = False


@dataclass(slots=True)
class Extraction:
    """What a front-end hands to the assembler."""

    source: str
    source_format: str
    blocks: list[Block]
    footnotes: dict[str, Footnote] = field(default_factory=dict)
    footnote_pages: dict[str, int] = field(default_factory=dict)
    furniture: str = ""
    digest: str | None = None
    issues: list[Issue] = field(default_factory=list)
    #: the source line each footnote text starts on, where the front-end knows it
    footnote_lines: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        reading = READING.get()
        if reading is not None:  # what the conservation check scans (`_conservation`)
            reading.extractions.append(self)


@dataclass(slots=True)
class Reading:
    """What a front-end read while one source was parsed: its text lines, its extractions."""

    lines: list[tuple[int, str]] = field(default_factory=list)
    extractions: list[Extraction] = field(default_factory=list)


#: The reading of the parse in progress (set by `kv2rdf.parsers.parse`), else None.
READING: ContextVar[Reading | None] = ContextVar("kv2rdf_reading", default=None)


def read_lines(lines: Iterable[tuple[int, str]]) -> None:
    """Record the numbered text lines a front-end read, for the conservation check."""
    reading = READING.get()
    if reading is not None:
        reading.lines.extend(lines)


Paragraphs = list[tuple[str, int | None]]  # text and source line, as the markup bounds them


def item_blocks(text: str, line: int | None, label: Label,
                paragraphs: Paragraphs) -> list[Block]:
    """An item whose markup bounds it: its label block, then its paragraphs (all exact)."""
    return [Block(text, line, label=label, exact=True),
            *(Block(t, at, exact=True) for t, at in paragraphs)]


def notice_blocks(line: int | None, paragraphs: Paragraphs) -> list[Block]:
    """A Mededeling element: a "Mededeling" label, then its paragraphs.

    A first paragraph that only says "Mededeling" (or "Mededeling:") is that label printed,
    not text of the notice.
    """
    if paragraphs and paragraphs[0][0].strip(" :").lower() == "mededeling":
        paragraphs = paragraphs[1:]
    return item_blocks("Mededeling", line, Label("mededeling", (), ""), paragraphs)
