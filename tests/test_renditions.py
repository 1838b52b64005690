"""Every rendition of a corpus PDF gives the model the PDF itself gives.

The renditions in tests/renditions/<id>/ are the corpus PDFs as pypdf, pdfminer.six,
pdfplumber, pdftotext (plain and -layout), PyMuPDF, pymupdf4llm and Word ("save as text")
print them (tests/renditions/build.py). For each, the parsed model must equal the model of
tests/cases/pdf-<id>/source.pdf in questions (numbers and text, whitespace normalised),
answers (labels, question numbers, text), askers, addressees, dates, footnotes (number and
text) and the item each footnote belongs to.

Where a rendition really lacks something the PDF has, `LOSSES` lists the exact facts that
differ, each with the reason; a lost footnote marker or a list item printed apart from its
bullet must also be reported by the parse, with the line.
A fact that differs and is not listed fails, and so does a listed fact that no longer differs
(the list stays exact).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from kv2rdf.model import Document
from kv2rdf.parsers import parse

HERE = Path(__file__).parent
RENDITIONS = HERE / "renditions"
CASES = HERE / "cases"
DOCUMENTS = sorted(p.name for p in RENDITIONS.glob("ah-*"))
NAMES = ["pypdf.txt", "pdfminer.txt", "pdfplumber.txt", "pdftotext.txt", "pdftotext-layout.txt",
         "pymupdf.txt", "pymupdf4llm.md", "word.txt"]

GLUED = "footnote marker glued to a digit of the text, so no marker can be told apart"
ORDER = "the tool prints the list bullets apart from their items, in another order"
COLUMNS = "the tool prints footnote numbers and texts as separate columns, out of order"
HYPHEN = "the tool joined the lines itself and dropped the hyphen at a line end"
TABLE = "the tool prints the table in another cell order (or as a markdown table)"
BULLET = "markdown has one list bullet; the PDF prints '–' bullets"

# (document, rendition) → {fact: reason}; a glued marker names the footnote it hides
LOSSES: dict[tuple[str, str], dict[str, str]] = {}


def _glued(doc: str, renditions: list[str], facts: list[str]) -> None:
    for name in renditions:
        LOSSES.setdefault((doc, name), {}).update(dict.fromkeys(facts, GLUED))


_TEXT_TOOLS = ["pypdf.txt", "pdfminer.txt", "pdfplumber.txt", "pdftotext.txt",
               "pdftotext-layout.txt", "pymupdf.txt", "word.txt"]
# "NIS2" + marker 4 prints as "NIS24" in every rendition without superscripts (markdown
# keeps them: "NIS2<sup>4</sup>")
_glued("ah-tk-20232024-1178", _TEXT_TOOLS, ["answer 4", "note 4"])

MDLIST = "the tool marks the paragraph after a list as one of its items"


def _lost(doc: str, name: str, reason: str, facts: list[str]) -> None:
    LOSSES.setdefault((doc, name), {}).update(dict.fromkeys(facts, reason))


_lost("ah-tk-20232024-1076", "pdftotext.txt", HYPHEN, ["note 2"])  # "zwartepieten"
_lost("ah-tk-20232024-1076", "pymupdf4llm.md", HYPHEN, ["note 2"])
_lost("ah-tk-20232024-1178", "pdfminer.txt", ORDER, ["answer 6", "answer 8", "answer 9"])
# page 4 prints "9" text-of-9 text-of-10 "11" text "12" text "10": the text of 10 cannot be
# told from that of 9, so footnote 10 is left out (reported) and its marker stays a digit
_lost("ah-tk-20232024-1178", "pdftotext.txt", COLUMNS, ["answer 7", "note 9", "note 10"])
_lost("ah-tk-20232024-1178", "pdftotext.txt", HYPHEN, ["answer 8", "note 15"])
_lost("ah-tk-20232024-1178", "pymupdf4llm.md", MDLIST, ["answer 6"])
_lost("ah-tk-20232024-1178", "pymupdf4llm.md", HYPHEN, ["answer 8", "note 15"])
_lost("ah-tk-20232024-1292", "pymupdf4llm.md", BULLET, ["answer 6"])
_lost("ah-tk-20232024-1314", "pdfminer.txt", TABLE, ["answer 6"])
# the cells of the second table come out at the page end, between footnote number and text
_lost("ah-tk-20232024-1314", "pdftotext.txt", TABLE, ["answer 6", "note 2"])
_lost("ah-tk-20232024-1314", "pymupdf4llm.md", TABLE, ["answer 6"])
_lost("ah-tk-20232024-1432", "pdfminer.txt", ORDER, ["question 4", "answer 4"])
_lost("ah-tk-20232024-1949", "pdftotext.txt", HYPHEN, ["note 1"])  # "weervrijgelaten"
_lost("ah-tk-20232024-1949", "pymupdf4llm.md", HYPHEN, ["note 1"])
_lost("ah-tk-20232024-878", "pdfminer.txt", ORDER, ["question 3", "answer 3"])
_lost("ah-tk-20232024-878", "pdftotext.txt", HYPHEN, ["note 1"])  # "toegangoverheid"
_lost("ah-tk-20232024-878", "pymupdf4llm.md", BULLET, ["answer 3"])
_lost("ah-tk-20232024-878", "pymupdf4llm.md", HYPHEN, ["note 1"])


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text or "")).strip()


@cache
def facts(doc: Document) -> dict[str, object]:
    """The facts a user checks, each under a name that says where it is."""
    found: dict[str, object] = {
        "askers": tuple((a.person.name, a.party) for a in doc.askers),
        "addressees": tuple(p.label for p in doc.addressees),
        "submitted": doc.submitted,
        "received": doc.reply.received if doc.reply else None,
        "question numbers": tuple(q.number for q in doc.questions),
        "answer labels": tuple((a.label, a.question_numbers) for a in doc.answers),
    }
    for q in doc.questions:
        found[f"question {q.number}"] = _norm(q.text)
    for a in doc.answers:
        found[f"answer {a.label}"] = _norm(a.text)
    holders = [("document", doc.footnotes), ("reply", doc.reply.footnotes if doc.reply else ())]
    holders += [(f"question {q.number}", q.footnotes) for q in doc.questions]
    holders += [(f"answer {a.label}", a.footnotes) for a in doc.answers]
    for where, notes in holders:
        for note in notes:
            found[f"note {note.number}"] = (where, _norm(note.text))
    return found


@cache
def pdf_model(document: str) -> Document:
    source = CASES / f"pdf-{document}" / "source.pdf"
    return parse(source.read_bytes(), source=str(source))


def differing(expected: dict[str, object], got: dict[str, object]) -> set[str]:
    """The names of the facts that differ (or exist on one side only)."""
    return {k for k in expected.keys() | got.keys() if expected.get(k) != got.get(k)}


CASES_ = [(d, n) for d in DOCUMENTS for n in NAMES if (RENDITIONS / d / n).exists()]


def test_every_document_has_every_rendition() -> None:
    assert len(DOCUMENTS) == 8
    assert len(CASES_) == 8 * len(NAMES)


@pytest.mark.parametrize(("document", "name"), CASES_, ids=[f"{d}-{n}" for d, n in CASES_])
def test_rendition_gives_the_pdf_model(document: str, name: str) -> None:
    path = RENDITIONS / document / name
    doc = parse(path.read_bytes(), source=str(path))
    expected, got = facts(pdf_model(document)), facts(doc)
    allowed = LOSSES.get((document, name), {})
    diff = differing(expected, got)
    shown = {k: (expected.get(k), got.get(k)) for k in sorted(diff - allowed.keys())}
    assert not shown, f"{name} differs from the PDF: {shown}"
    assert diff == set(allowed), f"listed losses that no longer differ: {set(allowed) - diff}"
    # every question of the PDF is there, and every loss of a marker is reported
    assert got["question numbers"] == expected["question numbers"]
    if ORDER in allowed.values():  # the moved list items are reported, with their lines
        assert any("list bullet without its text" in i.message and i.line for i in doc.issues)
    if COLUMNS in allowed.values():  # so is a footnote number left without its text
        assert any("footnote number printed apart" in i.message and i.line for i in doc.issues)
    for fact, reason in allowed.items():
        if reason == GLUED and fact.startswith("note "):
            number = fact.removeprefix("note ")
            warned = [i for i in doc.issues if f"footnote {number} has no marker" in i.message]
            assert warned, f"{name}: the lost marker of footnote {number} is not reported"
            # the warning names the line the footnote text starts on
            line = path.read_text(encoding="utf-8").split("\n")[(warned[0].line or 0) - 1]
            assert line.lstrip().startswith(number), (warned[0], line)
