"""Conservation: every question or answer label in a source is accounted for after parsing.

A label printed in the source ("Vraag 4", "Vragen 7, 8, 9 10 en 11", "Antwoord 2 t/m 6",
"**Vraag 1**", "## Antwoord 3", "Vraag 1: Bent u …", "Mededeling") must end up as an item of
the document — each of its numbers a question, or answered by an answer — or be named by an
`Issue` on its line. Anything else means a label was swallowed (by a footnote, a page footer,
a paragraph) and its question silently lost: that is reported as an issue naming the line, and
with ``strict`` it is a `ParseError`.

The check runs in `kv2rdf.parsers.parse` after every front-end, on what the front-end read:
the text lines of a text or markdown source (`read_lines`), else the blocks and footnotes of
its extraction (PDF, XML, HTML), where a label glued into a footnote text is looked for too.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from kv2rdf.errors import ParseError
from kv2rdf.model import Document, Issue, ReplyKind
from kv2rdf.parsers._blocks import MARKER, READING, Reading
from kv2rdf.parsers._labels import INLINE, NUMBERS, Label, label

# a label run into the text of a footnote, after a sentence: "… in Nederland. Vraag 2 Is bij
# u bekend …" (a footnote citing "nr. 5, Vraag 12" of another document is not one)
_GLUED = re.compile(r"(?<=[.?!»”)]\s)(?P<label>(?:Vraag|Vragen|Antwoord|Antwoorden)\s+"
                    + NUMBERS + r")\s+(?=[A-Z«\"'])")
_LABEL_FIRST = frozenset("VAM")  # Vraag, Antwoord, Mededeling
_MARKUP_FIRST = frozenset("#>-*+")  # what _MARKUP takes away, but for leading spaces
_MARKUP = re.compile(r"^\s{0,3}(?:#{1,6}\s*|>\s*|[-*+]\s+)?")


@dataclass(frozen=True, slots=True)
class Seen:
    """A label found in the source: its line (None when unknown) and how it was printed."""

    line: int | None
    label: Label
    printed: str


@contextmanager
def reading() -> Iterator[Reading]:
    """Record what the front-end reads during the ``with`` body."""
    current = Reading()
    token = READING.set(current)
    try:
        yield current
    finally:
        READING.reset(token)


def labels_read(read: Reading) -> list[Seen]:
    """The labels in what a front-end read."""
    found: list[Seen] = []
    if read.lines:
        found = [seen for n, text in read.lines if (seen := _line_label(n, text))]
        return found if any(s.label.kind == "vraag" for s in found) else (
            found + _bare_numbers(read.lines))
    for ex in read.extractions:
        for block in ex.blocks:
            if block.label is not None:
                found.append(Seen(block.line, block.label, block.text.strip()))
            elif seen := _line_label(block.line, block.text.split("\n", 1)[0]):
                found.append(seen)
        for note in ex.footnotes.values():
            found.extend(_glued(None, note.text))
    return found


def _line_label(line: int | None, text: str) -> Seen | None:
    """The label a whole line prints, bare or with markup, alone or before its text."""
    first = text[:1]
    bare = _MARKUP.sub("", text) if first in _MARKUP_FIRST or first.isspace() else text
    if "\ue000" in bare:  # a footnote marker (the pattern is slow to find none)
        bare = MARKER.sub("", bare)
    bare = bare.replace("**", "").replace("__", "").strip()
    if bare.strip("*_").strip()[:1] not in _LABEL_FIRST:  # a label starts so, inline or not
        return None
    inline = INLINE.match(bare)
    printed = inline["label"] if inline else bare
    tag = label(printed)
    if tag is None:
        return None
    return Seen(line, tag, printed.strip())


def _bare_numbers(lines: list[tuple[int, str]]) -> list[Seen]:
    """The Tweede Kamer's own rendering numbers questions "1", "2", … on lines of their own.

    As the text front-end reads them: only in a source without "Vraag N" labels, only after
    the "(ingezonden …)" sentence, and only a run 1, 2, 3 … of at least two.
    """
    start = next((k for k, (_, text) in enumerate(lines) if "ingezonden" in text), None)
    if start is None:
        return []
    found: list[Seen] = []
    after_footer = False  # a page number follows the running footer: it is no question
    for n, raw in lines[start + 1:]:
        text = raw.strip()
        if text == str(len(found) + 1) and not after_footer:
            number = str(len(found) + 1)
            found.append(Seen(n, Label("vraag", (number,), number), number))
        after_footer = text.endswith("Aanhangsel") or (after_footer and not text)
    return found if len(found) >= 2 else []


def _glued(line: int | None, text: str) -> list[Seen]:
    found = []
    for m in _GLUED.finditer(text):
        tag = label(m["label"])
        if tag is not None and tag.numbers:
            found.append(Seen(line, tag, m["label"]))
    return found


def unaccounted(doc: Document, labels: list[Seen]) -> list[tuple[Seen, str]]:
    """The labels that are neither items of ``doc`` nor named by one of its issues."""
    questions = {q.number for q in doc.questions}
    answered = {n for a in doc.answers for n in a.question_numbers}
    flagged = {i.line for i in doc.issues if i.line is not None}
    missing: list[tuple[Seen, str]] = []
    for seen in labels:
        if seen.line is not None and seen.line in flagged:
            continue
        tag = seen.label
        if tag.kind == "mededeling":
            if not (doc.reply and doc.reply.kind is ReplyKind.NOTICE):
                missing.append((seen, "the document has no notice (mededeling)"))
            continue
        held = questions if tag.kind == "vraag" else answered
        lost = [n for n in tag.numbers if n not in held] if tag.numbers else (
            [] if held else ["?"])
        if lost:
            what = "question" if tag.kind == "vraag" else "answer to question"
            missing.append((seen, f"no {what} {', '.join(lost)} in the result"))
    return missing


_ABOUT_NOTE = re.compile(r"^footnote (\w+) ")


def locate(doc: Document, read: Reading) -> Document:
    """Give a warning about a footnote ("footnote 4 has no marker …") the footnote's line.

    The assembler does not know where a footnote text was; the text front-end does.
    """
    lines: dict[str, int] = {}
    for ex in read.extractions:
        lines.update(ex.footnote_lines)
    if not lines or not any(i.line is None for i in doc.issues):
        return doc
    issues = []
    for issue in doc.issues:
        m = _ABOUT_NOTE.match(issue.message) if issue.line is None else None
        if m and m[1] in lines:
            issue = Issue(issue.source, lines[m[1]], issue.message)
        issues.append(issue)
    return dataclasses.replace(doc, issues=tuple(issues))


def locate_error(exc: ParseError, read: Reading) -> ParseError:
    """The same error with the footnote's line, when it is about a footnote and had none."""
    m = _ABOUT_NOTE.match(exc.message)
    if exc.line is not None or m is None:
        return exc
    for ex in read.extractions:
        if m[1] in ex.footnote_lines:
            return ParseError(exc.source, ex.footnote_lines[m[1]], exc.message)
    return exc


def check(doc: Document, labels: list[Seen], *, strict: bool = False) -> Document:
    """Report every label of the source that the document does not account for.

    With ``strict`` the first such label raises `ParseError`; otherwise each becomes an
    issue naming the label and its line.
    """
    issues: list[Issue] = []
    for seen, why in unaccounted(doc, labels):
        message = f"label '{seen.printed}' is not accounted for: {why} (a label lost)"
        if strict:
            raise ParseError(doc.source, seen.line, message)
        issues.append(Issue(doc.source, seen.line, message))
    if not issues:
        return doc
    return dataclasses.replace(doc, issues=doc.issues + tuple(dict.fromkeys(issues)))
