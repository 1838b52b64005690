"""Build a `Document` from the blocks a front-end extracted.

The header (everything before the first label) holds the "Vragen van …" sentence, the reply
sentence and, in an Aanhangsel, the preamble with vergaderjaar and number. Labelled sections
become questions, answers and the text of a Mededeling. Anything that cannot be placed is
reported as an `Issue` (or raised with ``strict``), never silently dropped.

"Mondelinge vragen van …" (oral questions) is a document of its own kind: its header is all
it has, so it needs no numbered questions. "Vraag van …" (one question) may print its question
without a label, right after the header. A re-issued reply names the publication it replaces.

A file that holds several documents (a bundle of Aanhangsel numbers: several OEP ids in the
page furniture, or a second "Vragen van … (ingezonden …)" after which the question numbers
start again) is refused with a message saying so; merged, its questions would be numbered
twice and belong to no one.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from kv2rdf.errors import ParseError
from kv2rdf.model import (
    Answer,
    Document,
    Footnote,
    Issue,
    Location,
    Question,
    QuestionsKind,
    Reply,
    ReplyKind,
)
from kv2rdf.parsers import _header, _references
from kv2rdf.parsers._blocks import Block, Extraction, strip_markers
from kv2rdf.parsers._labels import referred_questions
from kv2rdf.parsers._sections import Section, sections, split_group


class _Builder:
    """Collects issues and hands out footnotes as their markers are met."""

    def __init__(self, ex: Extraction, strict: bool) -> None:
        self.ex, self.strict = ex, strict
        self.issues: list[Issue] = []
        self.used: set[str] = set()

    def issue(self, line: int | None, message: str) -> None:
        if self.strict:
            raise ParseError(self.ex.source, line, message)
        self.issues.append(Issue(self.ex.source, line, message))

    def notes(self, text: str, line: int | None) -> tuple[str, tuple[Footnote, ...]]:
        """The text without markers, and the footnotes its markers point at."""
        clean, numbers = strip_markers(text)
        found = []
        for n in dict.fromkeys(numbers):
            if n in self.ex.footnotes:
                found.append(self.ex.footnotes[n])
                self.used.add(n)
            else:
                self.issue(line, f"footnote marker {n} has no footnote text")
        return clean.strip(), tuple(found)


def assemble(ex: Extraction, *, strict: bool = False) -> Document:
    """Turn an extraction into a document; raise `ParseError` when it is not Kamervragen."""
    _refuse_bundle(ex)
    b = _Builder(ex, strict)
    for issue in ex.issues:
        b.issue(issue.line, issue.message)
    header_blocks, parts = sections(ex.blocks)
    first_line = header_blocks[0].line if header_blocks else 1
    header_text, head_notes = b.notes(" ".join(x.text for x in header_blocks), first_line)
    header_text = _header.normalise(header_text)
    head = _header.questions(header_text)
    if head is None:
        raise ParseError(ex.source, first_line, "not a Kamervragen document: no 'Vragen van … "
                         "(ingezonden <date>)' header found")
    for problem in head.problems:
        b.issue(first_line, problem)
    reply, _ = _header.reply(header_text[head.end:])
    kind = QuestionsKind.ORAL if head.kind == "mondeling" else QuestionsKind.WRITTEN
    questions = _questions([s for s in parts if s.label.kind == "vraag"], b)
    if not questions and head.kind == "vraag" and (text := _header.rest(header_text, head.end)):
        questions = (Question("1", 1, text, (), Location(first_line)),)
    if not questions and kind is QuestionsKind.WRITTEN:
        raise ParseError(ex.source, first_line, "not a Kamervragen document: no 'Vraag N' "
                         "questions found")
    notice = [s for s in parts if s.label.kind == "mededeling"]
    if notice:
        text, notes = b.notes("\n\n".join(s.text for s in notice), notice[0].line)
        if reply is None:
            b.issue(notice[0].line, "Mededeling without a 'Mededeling van …' header")
            reply = Reply(ReplyKind.NOTICE)
        reply = dataclasses.replace(reply, text=text or None, footnotes=notes,
                                    location=notice[0].location)
    answers = _answers([s for s in parts if s.label.kind == "antwoord"], questions, b)
    if reply is None and answers:
        b.issue(parts[0].line, "answers without an 'Antwoord van …' header")
        reply = Reply(ReplyKind.ANSWER)
    vergaderjaar, number = _header.preamble(header_text)
    vergaderjaar = vergaderjaar or _header.preamble(ex.furniture)[0]
    zaak = _header.ZAAKNUMMER.search(header_text + " " + (reply.text or "" if reply else ""))
    chamber = "ek" if "Eerste Kamer" in header_text + ex.furniture else "tk"
    old = _replaced([header_text[head.end:], reply.text or "",
                     *(n.text for n in ex.footnotes.values())], vergaderjaar, chamber, b,
                    first_line) if reply is not None else None
    identifier = _header.oep_id(ex.furniture) or _header.oep_id(
        header_text.replace(old, "") if old else header_text)  # not the id it replaces
    if identifier is None and number:
        vergaderjaar = vergaderjaar or _vergaderjaar_of(reply.received if reply else None)
        if vergaderjaar:
            identifier = f"ah-{chamber}-{vergaderjaar.replace('-', '')}-{number}"
    if identifier is None and zaak and reply is None:
        identifier = f"kv-{chamber}-{zaak[1]}"
    if reply is not None and old is not None and old != identifier:
        reply = dataclasses.replace(reply, replaces=old)
    if kind is QuestionsKind.ORAL and reply is not None:
        b.issue(first_line, "a reply to oral questions (mondelinge vragen) is not converted")
        reply, answers = None, ()
    for n, note in ex.footnotes.items():
        if n not in b.used:
            b.issue(None, f"footnote {n} has no marker in the text; kept on the question set")
            head_notes += (note,)
    doc = Document(
        source=ex.source, source_format=ex.source_format, title=head.title,
        questions=questions, chamber=chamber, identifier=identifier,
        zaaknummer=zaak[1] if zaak else None, vergaderjaar=vergaderjaar, subject=head.subject,
        askers=head.askers, addressees=head.addressees, submitted=head.submitted, reply=reply,
        answers=answers, footnotes=head_notes, digest=ex.digest, kind=kind)
    _check(doc, b)
    return dataclasses.replace(doc, issues=tuple(b.issues))


def _questions(parts: list[Section], b: _Builder) -> tuple[Question, ...]:
    result: dict[str, Question] = {}
    last = 0
    for part in parts:
        numbers = part.label.numbers or (str(last + 1),)
        texts = split_group(part.paragraphs, len(numbers)) if part.paragraphs else None
        if texts is None:
            b.issue(part.line, f"Vraag {part.label.text}: cannot tell which text belongs to "
                    "which question; each keeps the whole text" if part.paragraphs else
                    f"Vraag {part.label.text or numbers[0]} has no text; left out")
            texts = [part.text] * len(numbers)
        for index, (number, raw) in enumerate(zip(numbers, texts, strict=True)):
            text, notes = b.notes(raw, part.line)
            if not text:
                continue
            if number in result:
                b.issue(part.line, f"question {number} appears twice; texts joined")
                old = result[number]
                result[number] = dataclasses.replace(old, text=f"{old.text}\n\n{text}",
                                                     footnotes=old.footnotes + notes)
                continue
            result[number] = Question(number, len(result) + 1, text, notes,
                                      part.location_of(index, len(numbers)))
        last = int("".join(c for c in numbers[-1] if c.isdigit()) or last)
    return tuple(result.values())


def _answers(parts: list[Section], questions: tuple[Question, ...],
             b: _Builder) -> tuple[Answer, ...]:
    known = {q.number for q in questions}
    result: list[Answer] = []
    previous: tuple[str, ...] = ()
    only = (questions[0].number,) if len(questions) == 1 else ()
    for part in parts:
        numbers = part.label.numbers or previous or only
        previous = numbers
        present = tuple(n for n in numbers if n in known)
        if len(present) < len(numbers):
            missing = ", ".join(n for n in numbers if n not in known)
            b.issue(part.line, f"Antwoord {part.label.text} answers question {missing}, which "
                    "is not in the document" + ("" if present else "; left out"))
        if not present:
            continue
        text, notes = b.notes(part.text, part.line)
        refers = tuple(n for n in referred_questions(text) if n in known and n not in present)
        if not text and not refers:
            b.issue(part.line, f"Antwoord {part.label.text} has no text; left out")
            continue
        result.append(Answer(part.label.text or " en ".join(present), len(result) + 1, present,
                             text or None, refers, notes, part.location))
    return tuple(result)


ItemLinks = list[tuple[str, tuple[str, ...], tuple[str, ...]]]  # kind, label numbers, links


def with_item_references(doc: Document, links: ItemLinks) -> Document:
    """``doc`` with the links a front-end found in each item's text as its references.

    ``links`` holds, per "vraag" or "antwoord" element, its kind, the numbers of its label and
    the IRIs it links to; a question takes those of its number, an answer those of its
    questions.
    """
    def found(kind: str, numbers: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(link for k, nums, item in links
                                   if k == kind and set(nums) & set(numbers) for link in item))

    if not links:
        return doc
    return dataclasses.replace(
        doc, questions=tuple(dataclasses.replace(q, references=found("vraag", (q.number,)))
                             for q in doc.questions),
        answers=tuple(dataclasses.replace(a, references=found("antwoord", a.question_numbers))
                      for a in doc.answers))


def _refuse_bundle(ex: Extraction) -> None:
    """Raise `ParseError` when the extraction holds more than one document."""
    ids = _header.oep_ids(ex.furniture)
    heads = [k for k, blk in enumerate(ex.blocks) if blk.label is None
             and _header.has_questions(strip_markers(blk.text)[0])]
    # a questions sentence quoted in a paragraph is no second document: one is, when the
    # question numbers start again after it
    heads = heads[:1] + [k for k in heads[1:] if _numbers(ex.blocks[:k]) & _numbers(
        ex.blocks[k:])]
    if len(ids) < 2 and len(heads) < 2:
        return
    second = ex.blocks[heads[1]] if len(heads) > 1 else None
    where = (f"page {second.pages[0]}: " if second and second.pages else "")
    count = max(len(ids), len(heads))
    named = f" ({', '.join(ids)})" if len(ids) > 1 else ""
    raise ParseError(ex.source, second.line if second else None,
                     f"{where}this file holds {count} documents{named}, a bundle of Aanhangsel "
                     "numbers; kv2rdf converts one document per file: split it into one file per "
                     "document and convert each")


def _numbers(blocks: list[Block]) -> set[str]:
    """The question numbers of the "Vraag" labels among ``blocks``."""
    return {n for blk in blocks if blk.label and blk.label.kind == "vraag"
            for n in blk.label.numbers}


def _replaced(texts: list[str], vergaderjaar: str | None, chamber: str, b: _Builder,
              line: int | None) -> str | None:
    """The OEP id of the publication a re-issued reply replaces, when it says so."""
    old, sentence = _references.replaced(texts, vergaderjaar, chamber)
    if sentence is not None and old is None:
        b.issue(line, f"a re-issued reply that does not name the number it replaces: "
                f"{sentence[:80]!r}")
    return old


def _check(doc: Document, b: _Builder) -> None:
    if doc.kind is QuestionsKind.ORAL:
        return
    if doc.submitted is None:
        b.issue(None, "no valid 'ingezonden' date in the header")
    if doc.reply and doc.reply.kind is ReplyKind.ANSWER:
        answered = {n for a in doc.answers for n in a.question_numbers}
        for q in doc.questions:
            if q.number not in answered:
                b.issue(q.location.line, f"question {q.number} has no answer in the document")


def _vergaderjaar_of(day: date | None) -> str | None:
    """The parliamentary year of a date; it starts on the third Tuesday of September."""
    if day is None:
        return None
    first = date(day.year, 9, 1)
    prinsjesdag = first.toordinal() + (1 - first.weekday()) % 7 + 14
    start = day.year if day.toordinal() >= prinsjesdag else day.year - 1
    return f"{start}-{start + 1}"
