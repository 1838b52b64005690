"""Notices saying the questions were answered by letter: which letter (a Kamerstuk)."""

from __future__ import annotations

import pytest

from kv2rdf.letters import answering_letter

KST = "https://zoek.officielebekendmakingen.nl/kst-"


@pytest.mark.parametrize(("text", "letter"), [
    ("De vragen van het lid Van Dijk (SGP) over x (2024Z01234) zijn beantwoord middels een "
     "brief (36 471, nr. 64).", "36471-64"),
    ("Deze vragen zijn beantwoord bij brief van 12 maart 2024 (Kamerstuk 36 410 XVI, nr. 45).",
     "36410-XVI-45"),
    ("De vragen worden beantwoord in de brief die ik u heden stuur (Kamerstukken II 2023/24, "
     "29 689, nr. 1234).", "29689-1234"),
    ("De vragen zijn meegenomen in de Kamerbrief over de voortgang (kst-32824-400).",
     "32824-400"),
    ("De vragen van de leden X (VVD) en Y (D66) zijn beantwoord via de brief van 3 april\n"
     "2024 (21 501-02, nr. 2850). Ik verwijs u daarnaar.", "21501-02-2850"),
])
def test_the_letter_that_answered_the_questions(text: str, letter: str) -> None:
    assert answering_letter(text) == KST + letter


@pytest.mark.parametrize("text", [
    "De vragen van het lid Chakor (GroenLinks-PvdA) kunnen tot mijn spijt niet binnen de "
    "gebruikelijke termijn worden beantwoord. Ik zal u zo spoedig mogelijk de antwoorden doen "
    "toekomen.",
    # a letter is announced in a postponement, not the answer: no letter answered them yet
    "Ik heb uitstel nodig; de beantwoording volgt in een brief (36 471, nr. 64) zo spoedig "
    "mogelijk.",
    "Zij zijn beantwoord middels een brief.",  # no Kamerstuk named
    "",
    None,
])
def test_no_letter(text: str | None) -> None:
    assert answering_letter(text) is None
