"""Plain text extracted from a Kamervragen PDF → `Document`.

Extracted text keeps the page furniture and the footnotes of the PDF. Rules, from the format:

* Page furniture is dropped and read for the identity: "ah-tk-20232024-1481", "ISSN 0921 -
  7398", "’s-Gravenhage 2024", "Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 2" (which
  ends a page), "h tk 20232024 387". Form feeds and "-----" lines also end a page.
* Footnote texts sit at the bottom of a page, numbered on from the previous page ("1 Kamerstuk
  36 200 IV, nr. 25."). A run of such lines counts as footnotes only when the text above it
  holds the marker ("gesteld? 1", "motie?1", "ingezonden. 2 Zoals", "3Toekomstige").
* Paragraphs are not separated by blank lines in extracted text: a line that ends a sentence
  while the next word would still have fitted on it ends a paragraph.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable

from kv2rdf.model import Document, Footnote
from kv2rdf.parsers._assemble import assemble
from kv2rdf.parsers._blocks import Block, Extraction, marker
from kv2rdf.parsers._labels import label
from kv2rdf.parsers._references import references
from kv2rdf.parsers._text import TERMINAL, clean, decode, join_lines

_FURNITURE = re.compile(
    r"^(?:(?:ah|kv|h)[- ](?:tk|ek)[- ]\d{4}(?:\d{4}|Z\d{5})(?:[- ]\d+)?(?:-[a-z0-9]+)?"
    r"|ISSN\s+\d{4}\s*-\s*\d{3}[\dX]"
    r"|[’'‘`]s-Gravenhage\s+\d{4}.*"
    r"|(?:Tweede|Eerste)\s+Kamer,\s+vergaderjaar\s+\d{4}\s*[–-]\s*\d{2,4},\s+Aanhangsel\s+\d+"
    r")$")
_PAGE_END = re.compile(r"Kamer,\s+vergaderjaar\s+\d{4}\s*[–-]\s*\d{2,4},\s+Aanhangsel\s+\d+$")
_SEPARATOR = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")
_NOTE_START = re.compile(r"^(\d{1,3})(?:\s+|(?=[A-Z«(\"']))(\S.*)$")

_BULLETS = ("•", "●", "▪", "◦", "- ", "– ", "* ")

Line = tuple[int, str]


def parse_text(data: bytes, *, source: str = "<bytes>", strict: bool = False) -> Document:
    """Parse text extracted from a Kamervragen PDF."""
    lines = list(enumerate(decode(data, source).split("\n"), start=1))
    return parse_lines(lines, source=source, source_format="text", strict=strict,
                       digest=hashlib.sha256(data).hexdigest())


def parse_lines(lines: list[Line], *, source: str, source_format: str, strict: bool,
                digest: str | None = None) -> Document:
    """Parse numbered source lines (already free of markup) into a document."""
    pages, furniture = _pages(lines)
    footnotes: dict[str, Footnote] = {}
    footnote_pages: dict[str, int] = {}
    bodies: list[list[Line]] = []
    for number, page in enumerate(pages, start=1):
        body, notes = _split_footnotes(page, len(footnotes) + 1, bodies)
        for n, text in notes.items():
            footnotes[n] = Footnote(n, text, references(text))
            footnote_pages[n] = number
        bodies.append(body)
    blocks = list(_blocks(bodies))
    if len(bodies) == 1:  # no page breaks in the source: page numbers would say nothing
        blocks = [dataclasses.replace(b, pages=()) for b in blocks]
    ex = Extraction(source, source_format, blocks, footnotes, footnote_pages,
                    "\n".join(furniture), digest)
    return assemble(ex, strict=strict)


def _pages(lines: list[Line]) -> tuple[list[list[Line]], list[str]]:
    pages: list[list[Line]] = [[]]
    furniture: list[str] = []
    for number, raw in lines:
        for k, part in enumerate(clean(raw).split("\f")):
            if k:
                pages.append([])  # a form feed starts a new page
            text = part.strip()
            if _SEPARATOR.match(text):
                pages.append([])
            elif _FURNITURE.match(text):
                furniture.append(text)
                if _PAGE_END.search(text):
                    pages.append([])
            else:
                pages[-1].append((number, text))
    return [p for p in pages if any(t for _, t in p)], furniture


def _split_footnotes(page: list[Line], first: int,
                     earlier: list[list[Line]]) -> tuple[list[Line], dict[str, str]]:
    """Cut the footnote texts off the bottom of a page and mark where they are referenced."""
    text_rows = [i for i, (_, t) in enumerate(page) if t]
    starts = [i for i in text_rows if (m := _NOTE_START.match(page[i][1])) and int(m[1]) == first]
    for start in reversed(starts):
        notes = _read_notes(page[start:], first)
        body = page[:start]
        if marker(str(first)) in " ".join(t for _, t in body) or _place(
                body, str(first), earlier):
            for n in list(notes)[1:]:
                _place(body, n, earlier)
            return body, notes
    return page, {}


def _read_notes(lines: list[Line], first: int) -> dict[str, str]:
    notes: dict[str, list[str]] = {}
    expected = first
    for _, text in lines:
        m = _NOTE_START.match(text)
        if m and int(m[1]) == expected:
            notes[m[1]] = [m[2]]
            expected += 1
        elif text and notes:
            notes[str(expected - 1)].append(text)
    return {n: join_lines(parts) for n, parts in notes.items()}


_STRONG = (
    r"(?<=[^\W\d_]|[?!.,;:»”)'\"]){n}(?![\w-])",  # "motie?1", "bekend1"
    r"(?<=\s){n}(?=[A-Z«])",  # "3Toekomstige"
    r"(?<=[?!.,;:»”)'\"])\s+{n}(?=\s|$)",  # "gesteld? 1", "encryptie». 5 De"
)
# A number standing alone between words ("november 2023 1 heb ik") is a marker only when
# the words around it do not take a number themselves ("artikel 3 van", "4 miljoen").
_WEAK = r"(?<=[^\W_])\s+{n}(?=\s+[a-z]|[.,;:](?:\s|$))"
_TAKES_NUMBER = re.compile(
    r"(?:artikel|art|nr|nummer|lid|hoofdstuk|paragraaf|vraag|vragen|bijlage|pagina|blz|p|fase"
    r"|stap|punt|groep|week|dag|dagen|jaar|jaren|klasse|niveau|versie|tabel|figuur|van|tot|en"
    r"|of|met|op|om|per|tussen|circa|ca|ongeveer|bijna|ruim|zo'n|over|na|voor|sinds|in)$", re.I)
_COUNTED = re.compile(
    r"(?:procent|miljoen|miljard|euro|keer|jaar|jaren|maanden|weken|dagen|uur|minuten|mensen"
    r"|personen|gemeenten|kinderen|meldingen|gevallen|stuks|km|kilometer|meter|uren|van|tot"
    r"|en|of|t/m|x)\b", re.I)


def _place(body: list[Line], number: str, earlier: list[list[Line]]) -> bool:
    """Replace the first marker for footnote ``number`` by a marker token; True if found."""
    token = marker(number)
    for lines in [body, *earlier[-1:]]:
        if any(token in t for _, t in lines):
            return True
    for patterns in (_STRONG, (_WEAK,)):
        for lines in [body, *earlier[-1:]]:
            start = max((i for i, (_, t) in enumerate(lines) if "\ue001" in t), default=0)
            for i in range(start, len(lines)):
                n, text = lines[i]
                if label(text) is not None:
                    continue
                hit = _first_hit(text, number, patterns)
                if hit is not None:
                    lines[i] = (n, text[:hit[0]] + token + text[hit[1]:])
                    return True
    return False


def _first_hit(text: str, number: str, patterns: tuple[str, ...]) -> tuple[int, int] | None:
    hits = []
    for pattern in patterns:
        for m in re.finditer(pattern.format(n=number), text):
            if pattern is _WEAK:
                before = text[: m.start()].split()[-1:] or [""]
                after = text[m.end():].split()[:1] or [""]
                if _TAKES_NUMBER.match(before[0]) or _COUNTED.match(after[0]):
                    continue
            hits.append((m.start(), m.end()))
            break
    return min(hits) if hits else None


def _blocks(bodies: list[list[Line]]) -> Iterable[Block]:
    width = _width(bodies)
    for page_no, body in enumerate(bodies, start=1):
        current: list[Line] = []
        for index, (n, text) in enumerate(body):
            tag = label(text) if text else None
            if not text or tag is not None:
                yield from _flush(current, page_no)
                current = []
                if tag is not None:
                    yield Block(text, n, (page_no,), tag)
                continue
            current.append((n, text))
            nxt = body[index + 1][1] if index + 1 < len(body) else ""
            if nxt and (nxt.startswith(_BULLETS) or width and _ends_paragraph(text, nxt, width)):
                yield from _flush(current, page_no)
                current = []
        yield from _flush(current, page_no)


def _flush(lines: list[Line], page: int) -> Iterable[Block]:
    if lines:
        yield Block(join_lines([t for _, t in lines]), lines[0][0], (page,))


def _width(bodies: list[list[Line]]) -> int | None:
    """The usual length of a full line, from lines followed by more text of their paragraph."""
    lengths = sorted(len(body[i][1]) for body in bodies for i in range(len(body) - 1)
                     if body[i][1] and body[i + 1][1] and label(body[i + 1][1]) is None)
    return lengths[int(len(lengths) * 0.9)] if len(lengths) >= 5 else None


def _ends_paragraph(line: str, following: str, width: int) -> bool:
    visible = re.sub(r"\ue000\w+\ue001", "", line)
    if not visible.rstrip().endswith(TERMINAL):
        return False
    first_word = following.split(" ", 1)[0]
    return len(visible) + 1 + len(first_word) <= width * 0.95
