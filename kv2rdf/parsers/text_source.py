"""Plain text extracted from a Kamervragen PDF → `Document`.

Extracted text keeps the page furniture and the footnotes of the PDF. Rules, from the format:

* Page furniture is dropped and read for the identity: "ah-tk-20232024-1481", "ISSN 0921 -
  7398", "’s-Gravenhage 2024", "Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 2" (which
  ends a page), "h tk 20232024 387". Form feeds and "-----" lines also end a page.
* Footnote texts sit at the bottom of a page, numbered on from the previous page ("1 Kamerstuk
  36 200 IV, nr. 25."). A run of such lines counts as footnotes only when the text above it
  holds the marker ("gesteld? 1", "motie?1", "ingezonden. 2 Zoals", "3Toekomstige").
* Converters of the Word version print markers in brackets ("motie[1];") and the footnotes
  at the end ("[1] Kamerstuk …"); Word's own "save as text" prints them as plain digits.
* A label line ("Vraag 2", "Antwoord 2") always ends a run of footnote lines; the running
  footer ends a page whether its page number is on the same line or the next.
* Paragraphs are not separated by blank lines in extracted text: a line that ends a sentence
  while the next word would still have fitted on it ends a paragraph.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable

from kv2rdf.model import Document, Footnote, Issue
from kv2rdf.parsers._assemble import assemble
from kv2rdf.parsers._blocks import MARKER, Block, Extraction, marker, read_lines
from kv2rdf.parsers._labels import INLINE, label
from kv2rdf.parsers._references import references
from kv2rdf.parsers._text import TERMINAL, clean, decode, join_lines
from kv2rdf.parsers._text_notes import Line, note_lines, split_footnotes

_FURNITURE_ITEM = (
    r"(?:(?:ah|kv|h)[- ](?:tk|ek)[- ]\d{4}(?:\d{4}|Z\d{5})(?:[- ]\d+)?(?:-[a-z0-9]+)?"
    r"|ISSN\s+\d{4}\s*-\s*\d{3}[\dX]"
    r"|[’'‘`]s-Gravenhage\s+\d{4}.*"
    r"|(?:Tweede|Eerste)\s+Kamer,\s+vergaderjaar\s+\d{4}\s*[–-]\s*\d{2,4},\s+Aanhangsel(?:\s+\d+)?"
    r")")
# one item a line, or several on one line as converters that join a page's lines print them
_FURNITURE = re.compile(rf"^{_FURNITURE_ITEM}(?:\s+{_FURNITURE_ITEM})*$")
# the running footer ends a page, its page number on the same line or the next
_PAGE_END = re.compile(r"Kamer,\s+vergaderjaar\s+\d{4}\s*[–-]\s*\d{2,4},\s+Aanhangsel(?:\s+\d+)?$")
_SEPARATOR = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")
# the first characters a separator, a furniture item or an inline label can start with
_RULE_FIRST = frozenset("-*_")
_FURNITURE_FIRST = frozenset("akhI’'‘`TE")
_LABEL_FIRST = frozenset("VA")

_BULLETS = ("•", "●", "▪", "◦", "- ", "– ", "* ")


def parse_text(data: bytes, *, source: str = "<bytes>", strict: bool = False) -> Document:
    """Parse text extracted from a Kamervragen PDF."""
    lines = list(enumerate(decode(data, source).split("\n"), start=1))
    return parse_lines(lines, source=source, source_format="text", strict=strict,
                       digest=hashlib.sha256(data).hexdigest())


def parse_lines(lines: list[Line], *, source: str, source_format: str, strict: bool,
                digest: str | None = None) -> Document:
    """Parse numbered source lines (already free of markup) into a document."""
    read_lines(lines)
    pages, furniture = _pages(lines)
    issues = [Issue(source, n, "a list bullet without its text: the converter printed the item "
                    "elsewhere, so the list may be out of order") for n in _empty_bullets(pages)]
    _number_labels(pages)
    footnotes: dict[str, Footnote] = {}
    footnote_pages: dict[str, int] = {}
    footnote_lines: dict[str, int] = {}
    bodies: list[list[Line]] = []
    orphans: list[int] = []
    for number, page in enumerate(pages, start=1):
        first = max((int(n) for n in footnotes if n.isdigit()), default=0) + 1
        body, notes = split_footnotes(page, first, bodies,
                                      paged=len(pages) > 1 or bool(furniture), orphans=orphans)
        starts = note_lines(page, notes) if notes else {}
        for n, text in notes.items():
            footnotes[n] = Footnote(n, text, references(text))
            footnote_pages[n] = number
            if n in starts:
                footnote_lines[n] = starts[n]
        bodies.append(body)
    issues += [Issue(source, n, "a footnote number printed apart from its text, which cannot "
                     "be told apart from the texts around it (the converter's columns came out "
                     "of order); that footnote is left out") for n in orphans]
    blocks = list(_blocks(bodies))
    if len(bodies) == 1:  # no page breaks in the source: page numbers would say nothing
        blocks = [dataclasses.replace(b, pages=()) for b in blocks]
    ex = Extraction(source, source_format, blocks, footnotes, footnote_pages,
                    "\n".join(furniture), digest, issues, footnote_lines=footnote_lines)
    return assemble(ex, strict=strict)


def _pages(lines: list[Line]) -> tuple[list[list[Line]], list[str]]:
    """Split lines into pages, taking the furniture out (a page number after the footer too)."""
    pages: list[list[Line]] = [[]]
    furniture: list[str] = []
    after_footer = False
    for number, raw in lines:
        for k, part in enumerate(clean(raw).split("\f")):
            if k:
                pages.append([])  # a form feed starts a new page
            text = part.strip()
            first = text[:1]  # each pattern below can only match a line that starts so
            if first in _RULE_FIRST and _SEPARATOR.match(text):
                pages.append([])
            elif (first in _FURNITURE_FIRST and _FURNITURE.match(text)) or (
                    after_footer and text.isdigit()):
                furniture.append(text)
                after_footer = text.endswith("Aanhangsel")
                if _PAGE_END.search(text):
                    pages.append([])
                continue
            elif first in _LABEL_FIRST and (inline := INLINE.match(text)):
                pages[-1].extend([(number, inline["label"]), (number, inline["text"])])
            else:
                if "[" in text:  # (the substitutions are slow to find nothing)
                    text = _BRACKET_NOTE.sub(r"\1 ", text)
                    text = _BRACKET_REF.sub(lambda m: marker(m.group(1)), text)
                if not text.isascii() and _HAS_SUPERSCRIPT.search(text):
                    text = _SUPERSCRIPT.sub(_superscript_marker, text)
                pages[-1].append((number, text))
            after_footer = after_footer and not text
    return [p for p in pages if any(t for _, t in p)], furniture


# converters of Word documents (pandoc, LibreOffice) print footnote references in brackets
# after their word ("afgewogen[1];") and the footnotes at the end ("[1] Kamerstuk …")
_BRACKET_REF = re.compile(r"(?<=[^\s\[])\[(\d{1,3})\]")
_BRACKET_NOTE = re.compile(r"^\[(\d{1,3})\]\s*(?=\S)")
def _empty_bullets(pages: list[list[Line]]) -> list[int]:
    """Lines that hold only a list bullet ("•", or "–" beside "– item" lines) with no item.

    A bullet on a line of its own followed by its text is how PyMuPDF prints a list item;
    followed by nothing, another bullet or a label, it lost its text: pdfminer prints it so
    when its layout analysis puts the item in another text box, sometimes before the label
    of the section (the text moves there).
    """
    found = []
    for page in pages:
        texts = [t for _, t in page]
        for i, (n, text) in enumerate(page):
            after = texts[i + 1] if i + 1 < len(texts) else ""
            beside = texts[max(i - 1, 0):i] + [after]
            bullet = text in ("•", "●", "▪", "◦") or (
                text == "–" and any(t.startswith("– ") or t == "–" for t in beside))
            if bullet and (not after or after.startswith(_BULLETS) or after in ("•", "–")
                           or label(after)):
                found.append(n)
    return found


_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT = re.compile(r"(?<![0-9])(?<!\bm)(?<!km|cm|mm)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_HAS_SUPERSCRIPT = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]")


def _superscript_marker(m: re.Match[str]) -> str:
    """A superscript number ("bekend¹") is a footnote marker, except in units ("m²")."""
    return marker(str(int(m.group(1).translate(str.maketrans(_SUPERSCRIPT_DIGITS,
                                                              "0123456789")))))


def _number_labels(pages: list[list[Line]]) -> None:
    """Read bare question numbers as labels when a document has no "Vraag N" labels.

    The Tweede Kamer's own rendering of submitted questions numbers them "1", "2", … on a
    line of their own, after the "(ingezonden …)" sentence. Only a run 1, 2, 3 … counts.
    """
    rows = [(p, i) for p, page in enumerate(pages) for i in range(len(page))]
    if any((found := label(pages[p][i][1])) and found.kind == "vraag" for p, i in rows):
        return
    start = next((k for k, (p, i) in enumerate(rows) if "ingezonden" in pages[p][i][1]), None)
    if start is None:
        return
    expected, hits = 1, []
    for p, i in rows[start + 1:]:
        if pages[p][i][1] == str(expected):
            hits.append((p, i))
            expected += 1
    if len(hits) >= 2:
        for p, i in hits:
            pages[p][i] = (pages[p][i][0], f"Vraag {pages[p][i][1]}")


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
    visible = MARKER.sub("", line) if "\ue000" in line else line
    if not visible.rstrip().endswith(TERMINAL):
        return False
    first_word = following.split(" ", 1)[0]
    return len(visible) + 1 + len(first_word) <= width * 0.95
