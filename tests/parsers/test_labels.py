"""Question and answer labels, and references to other answers."""

from __future__ import annotations

import pytest

from kv2rdf.parsers._labels import label, numbers, referred_questions


@pytest.mark.parametrize(("text", "kind", "expected"), [
    ("Vraag 3", "vraag", ("3",)),
    ("Vraag 1 en 2", "vraag", ("1", "2")),
    ("Vraag 3, 4, 5 en 6", "vraag", ("3", "4", "5", "6")),
    ("Vraag 7, 8, 9 10 en 11", "vraag", ("7", "8", "9", "10", "11")),
    ("Vraag 5, 6", "vraag", ("5", "6")),
    ("Vragen 4 t/m 6", "vraag", ("4", "5", "6")),
    ("Vraag 1a", "vraag", ("1a",)),
    ("Antwoord 1 en 2", "antwoord", ("1", "2")),
    ("Antwoord op vraag 3", "antwoord", ("3",)),
    ("**Vraag 2**", "vraag", ("2",)),
    ("Mededeling", "mededeling", ()),
])
def test_labels(text: str, kind: str, expected: tuple[str, ...]) -> None:
    found = label(text)
    assert found is not None
    assert (found.kind, found.numbers) == (kind, expected)


@pytest.mark.parametrize("text", ["vraag 7.", "Vraag 7 is beantwoord.", "Vraag 2019 was",
                                  "Antwoorden op Kamervragen", "Zie het antwoord op vraag 3."])
def test_sentences_are_not_labels(text: str) -> None:
    assert label(text) is None


def test_printed_label_is_kept() -> None:
    found = label("Vraag 7, 8, 9 10 en 11")
    assert found is not None and found.text == "7, 8, 9 10 en 11"


def test_ranges() -> None:
    assert numbers("3 tot en met 5") == ("3", "4", "5")


@pytest.mark.parametrize(("text", "expected"), [
    ("Zie het antwoord op vraag 7.", ("7",)),
    ("Dat is gangbaar. Zie verder het antwoord op vraag 8.", ("8",)),
    ("… zie ook het antwoord op vraag 3.", ("3",)),
    ("Zie de antwoorden op de vragen 2 en 4.", ("2", "4")),
    ("Zoals bij het antwoord op vraag 1 aangegeven.", ()),
    ("Daarom moeten er acties worden ondernomen, zie ook de beantwoording bij vraag 5.", ("5",)),
])
def test_referred_questions(text: str, expected: tuple[str, ...]) -> None:
    assert referred_questions(text) == expected


@pytest.mark.parametrize(("line", "label_text", "text"), [
    ("Vraag 1: Bent u bekend met het bericht?", "Vraag 1", "Bent u bekend met het bericht?"),
    ("Vraag 2** Klopt het?", "Vraag 2", "Klopt het?"),
    ("Antwoord 1 en 2: Ja.", "Antwoord 1 en 2", "Ja."),
])
def test_inline_labels(line: str, label_text: str, text: str) -> None:
    from kv2rdf.parsers._labels import INLINE

    found = INLINE.match(line)
    assert found is not None
    assert (found["label"], found["text"]) == (label_text, text)


def test_a_label_may_end_with_a_stop() -> None:
    found = label("Vraag 4.")
    assert found is not None and found.numbers == ("4",)
