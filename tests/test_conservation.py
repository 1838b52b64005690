"""Conservation: every question or answer label of a source is an item or a named issue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kv2rdf import cli
from kv2rdf.errors import ParseError
from kv2rdf.model import Document, Footnote, Question
from kv2rdf.parsers import _conservation, _text_notes, parse, text_source
from kv2rdf.parsers._blocks import Block, Extraction, Reading
from kv2rdf.parsers._labels import label

HERE = Path(__file__).parent
CASES = HERE / "cases"
PYMUPDF_1432 = HERE / "renditions" / "ah-tk-20232024-1432" / "pymupdf.txt"


def _labels(*lines: str) -> list[tuple[int | None, str, tuple[str, ...]]]:
    read = Reading(lines=list(enumerate(lines, start=1)))
    return [(s.line, s.label.kind, s.label.numbers) for s in _conservation.labels_read(read)]


def test_every_printed_label_form_is_seen() -> None:
    assert _labels("Vraag 4", "Vragen 7, 8, 9 10 en 11", "Antwoord 2 t/m 6", "**Vraag 1**",
                   "## Antwoord 3", "Vraag 5: Bent u bekend met het bericht?", "Mededeling",
                   "> **Vraag 6**") == [
        (1, "vraag", ("4",)), (2, "vraag", ("7", "8", "9", "10", "11")),
        (3, "antwoord", ("2", "3", "4", "5", "6")), (4, "vraag", ("1",)),
        (5, "antwoord", ("3",)), (6, "vraag", ("5",)), (7, "mededeling", ()),
        (8, "vraag", ("6",))]


def test_a_label_inside_a_sentence_is_not_a_label() -> None:
    assert _labels("Zie het antwoord op vraag 7.", "zoals in Vraag 3 gesteld is",
                   "Vraag van het lid Keijzer (BBB)") == []


def _doc(*numbers: str) -> Document:
    return Document("x.txt", "text", "Vragen", tuple(
        Question(n, i, f"Vraag {n}?") for i, n in enumerate(numbers, start=1)))


def _seen(line: int, printed: str) -> _conservation.Seen:
    tag = label(printed)
    assert tag is not None
    return _conservation.Seen(line, tag, printed)


def test_a_label_without_its_item_is_reported_with_its_line() -> None:
    doc = _conservation.check(_doc("1", "3"), [_seen(3, "Vraag 1"), _seen(9, "Vraag 2")])
    assert [(i.line, i.message) for i in doc.issues] == [
        (9, "label 'Vraag 2' is not accounted for: no question 2 in the result (a label lost)")]
    with pytest.raises(ParseError) as info:
        _conservation.check(_doc("1"), [_seen(9, "Vragen 1 en 2")], strict=True)
    assert str(info.value).startswith("x.txt:9: label 'Vragen 1 en 2' is not accounted for")


def test_answer_labels_need_an_answer_to_each_question() -> None:
    doc = _conservation.check(_doc("1", "2"), [_seen(4, "Antwoord 1 en 2")])
    assert "no answer to question 1, 2 in the result" in doc.issues[0].message


def test_a_label_named_by_an_issue_on_its_line_is_accounted_for() -> None:
    text = ("Vragen van het lid Keijzer (BBB) aan de Minister van Financiën over iets "
            "(ingezonden 8 maart 2024).\n\nVraag 1\nBent u bekend met het bericht?\n\n"
            "Vraag 2\n\nAntwoord 1\nJa.\n\nAntwoord 7\nNee.\n").encode()
    doc = parse(text, source="x.txt")
    assert [q.number for q in doc.questions] == ["1"]
    assert {i.line for i in doc.issues} >= {6, 11}  # "Vraag 2" has no text; no question 7
    assert not any("not accounted for" in i.message for i in doc.issues)


def test_footnotes_at_a_page_end_no_longer_swallow_the_next_page() -> None:
    """PyMuPDF prints footnotes, then the furniture, then the next page, line by line."""
    doc = parse(PYMUPDF_1432.read_bytes(), source=str(PYMUPDF_1432))
    assert [q.number for q in doc.questions] == ["1", "2", "3", "4", "5", "6"]
    assert [a.question_numbers for a in doc.answers] == [(str(n),) for n in range(1, 7)]
    assert doc.issues == ()


def test_a_swallowed_label_is_reported_and_strict_refuses(monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    """Had the footnote reader taken label lines as footnote text, the check would tell.

    The front-end as it was: the footer with its page number on the next line did not end a
    page, and the footnote run at the page bottom went on over the next page's labels.
    """
    monkeypatch.setattr(_text_notes, "label", lambda text: None)
    monkeypatch.setattr(text_source, "_PAGE_END", re.compile(r"(?!)"))
    doc = parse(PYMUPDF_1432.read_bytes(), source=str(PYMUPDF_1432))
    lost = [i for i in doc.issues if "not accounted for" in i.message]
    assert [i.line for i in lost][:2] == [59, 63]  # "Vraag 2", "Antwoord 2"
    assert "label 'Vraag 2'" in lost[0].message
    labels = [_seen(i.line or 0, i.message.split("'")[1]) for i in lost]
    with pytest.raises(ParseError, match="x.txt:59: label 'Vraag 2' is not accounted"):
        _conservation.check(_doc("1"), labels, strict=True)
    result = CliRunner().invoke(cli.main, ["convert", "--strict", str(PYMUPDF_1432)])
    assert result.exit_code == 2  # refused, not converted with questions missing
    assert "pymupdf.txt:" in result.output


def test_markup_front_ends_are_scanned_too() -> None:
    """For PDF, XML and HTML the extraction is scanned, footnote texts included."""
    read = Reading()
    read.extractions.append(Extraction(
        "x.pdf", "pdf", [Block("Vraag 1", 10, label=label("Vraag 1")), Block("Tekst?", 11)],
        {"1": Footnote("1", "Kamerstuk 36 410 VIII, nr. 82 Waar het gaat om de code. Vraag 2 "
                       "Is bij u bekend dat?"),
         "2": Footnote("2", "Aanhangsel Handelingen II 2022/23, nr. 2345, Vraag 7 Zie ook")}))
    seen = _conservation.labels_read(read)
    assert [(s.line, s.printed) for s in seen] == [(10, "Vraag 1"), (None, "Vraag 2")]
    doc = _conservation.check(_doc("1"), seen)
    assert [i.message for i in doc.issues] == [
        "label 'Vraag 2' is not accounted for: no question 2 in the result (a label lost)"]


def test_extractions_are_recorded_by_every_front_end() -> None:
    with _conservation.reading() as read:
        Extraction("x", "xml", [])
    assert len(read.extractions) == 1
    Extraction("y", "xml", [])  # outside a parse nothing is recorded
    assert len(read.extractions) == 1


SOURCES = sorted(p for p in CASES.glob("*/source.*"))


@pytest.mark.parametrize("source", SOURCES, ids=[p.parent.name for p in SOURCES])
def test_every_case_keeps_every_label(source: Path) -> None:
    """Text, markdown, PDF, XML and HTML cases: no label is lost, so strict does not refuse."""
    doc = parse(source.read_bytes(), source=str(source))
    assert not [i for i in doc.issues if "not accounted for" in i.message]


def test_bare_question_numbers_are_labels_too() -> None:
    """The Tweede Kamer's rendering numbers questions "1", "2" … on lines of their own."""
    assert _labels("Vragen van het lid X (VVD) (ingezonden 1 maart 2024).", "1", "Klopt het?",
                   "Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel", "", "2", "2",
                   "Waarom?") == [(2, "vraag", ("1",)), (7, "vraag", ("2",))]
    assert _labels("Vraag 1", "1", "2") == [(1, "vraag", ("1",))]  # labels: numbers are text


def test_a_footnote_without_marker_is_reported_at_the_footnote_line() -> None:
    """"NIS24" hides marker 4: the warning (and the strict error) point at the footnote."""
    source = HERE / "renditions" / "ah-tk-20232024-1178" / "pypdf.txt"
    line = 1 + next(i for i, t in enumerate(source.read_text(encoding="utf-8").split("\n"))
                    if t.startswith("4 Richtlijn"))
    doc = parse(source.read_bytes(), source="pypdf.txt")
    assert [i.line for i in doc.issues if "footnote 4 has no marker" in i.message] == [line]
    with pytest.raises(ParseError) as info:
        parse(source.read_bytes(), source="pypdf.txt", strict=True)
    assert str(info.value).startswith(f"pypdf.txt:{line}: footnote 4 has no marker")
