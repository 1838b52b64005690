"""Plain text extracted from PDF: structure, furniture, footnotes, paragraphs."""

from __future__ import annotations

from datetime import date

import pytest

from kv2rdf.errors import ParseError
from kv2rdf.model import ReplyKind
from kv2rdf.parsers.text_source import parse_text

HEAD = ("Vragen van het lid Jansen (VVD) aan de Minister van Financiën over een\n"
        "voorbeeld (ingezonden 1 februari 2024).\n")
REPLY = "Antwoord van Minister Van Dam (Financiën) (ontvangen 20 februari 2024).\n"


def parse(text: str, **kw: bool):  # type: ignore[no-untyped-def]
    return parse_text(text.encode(), source="t.txt", **kw)


def test_questions_answers_and_dates() -> None:
    doc = parse(HEAD + REPLY + "Vraag 1\nKlopt het?\nAntwoord 1\nJa.\n")
    assert [(q.number, q.text) for q in doc.questions] == [("1", "Klopt het?")]
    assert [(a.question_numbers, a.text) for a in doc.answers] == [(("1",), "Ja.")]
    assert doc.submitted == date(2024, 2, 1)
    assert doc.reply is not None and doc.reply.received == date(2024, 2, 20)
    assert doc.issues == ()


def test_grouped_label_with_one_paragraph_per_question() -> None:
    body = ("Vraag 1 en 2\nIs dit waar?\n\nZo ja, waarom?\nAntwoord 1 en 2\n"
            "Het is waar, omdat het zo is.\n")
    doc = parse(HEAD + REPLY + body)
    assert [(q.number, q.text) for q in doc.questions] == [("1", "Is dit waar?"),
                                                          ("2", "Zo ja, waarom?")]
    (answer,) = doc.answers
    assert answer.question_numbers == ("1", "2")
    assert answer.label == "1 en 2"


def test_grouped_label_split_at_question_marks_when_paragraphs_run_together() -> None:
    body = ("Vraag 2 en 3\nKunt u aangeven of deze jongeren eerder met de politie in aanraking\n"
            "zijn geweest? Zo ja, voor welke feiten? Kunt u aangeven of zij zijn\n"
            "veroordeeld?\nAntwoord 2 en 3\nNee.\n")
    doc = parse(HEAD + REPLY + body)
    texts = {q.number: q.text for q in doc.questions}
    assert texts["2"].endswith("Zo ja, voor welke feiten?")
    assert texts["3"].startswith("Kunt u aangeven of zij zijn veroordeeld?")


def test_hyphenation_undone_only_where_a_word_was_split() -> None:
    body = ("Vraag 1\nKent u het rapport «Omgangsvor-\nmen op de werkvloer» van GroenLinks-\n"
            "PvdA over ICT-\ninfrastructuur en de data-\nuitvraag?\n")
    (q,) = parse(HEAD + body).questions
    assert q.text == ("Kent u het rapport «Omgangsvormen op de werkvloer» van GroenLinks-PvdA "
                      "over ICT-infrastructuur en de data-uitvraag?")


def test_page_furniture_removed_and_paragraph_joined_across_pages() -> None:
    body = ("Vraag 1\nBent u bekend met het bericht dat de intocht in\n"
            "ah-tk-20232024-1076\nISSN 0921 - 7398\n’s-Gravenhage 2024 Tweede Kamer, "
            "vergaderjaar 2023–2024, Aanhangsel 1\n"
            "Enter is afgelast?\nAntwoord 1\nJa.\nTweede Kamer, vergaderjaar 2023–2024, "
            "Aanhangsel 2\n")
    doc = parse(HEAD + REPLY + body)
    (q,) = doc.questions
    assert q.text == "Bent u bekend met het bericht dat de intocht in Enter is afgelast?"
    assert q.location.pages == (1, 2)
    assert doc.identifier == "ah-tk-20232024-1076"


def test_footnote_bodies_leave_the_text_and_markers_become_footnotes() -> None:
    body = ("Vraag 1\nBent u bekend met het bericht «Tieners vrijgelaten»?1\nAntwoord 1\n"
            "Ja, dat ben ik. 2 Zie ook de brief.\n"
            "1 Regio Purmerend, 3 mei 2024 (regiopurmerend.nl/2024/05/03/tieners-13-en-14-weer-\n"
            "vrijgelaten/).\n2 Kamerstuk 36 200 IV, nr. 25.\n"
            "Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 1\n")
    doc = parse(HEAD + REPLY + body)
    (q,) = doc.questions
    assert q.text == "Bent u bekend met het bericht «Tieners vrijgelaten»?"
    (note,) = q.footnotes
    assert note.number == "1"
    assert note.references == (
        "https://regiopurmerend.nl/2024/05/03/tieners-13-en-14-weer-vrijgelaten/",)
    (answer,) = doc.answers
    assert answer.text == "Ja, dat ben ik. Zie ook de brief."
    assert answer.footnotes[0].references == (
        "https://zoek.officielebekendmakingen.nl/kst-36200-IV-25",)


def test_mededeling_section_is_the_notice_text_and_keys_the_zaaknummer() -> None:
    reply = "Mededeling van Minister Helder (Volksgezondheid, Welzijn en Sport) (ontvangen\n" \
            "8 maart 2024).\n"
    body = ("Vraag 1\nKlopt het?\nMededeling\nDe vragen van het lid Jansen (2024Z02569) kunnen "
            "niet binnen de gebruikelijke termijn worden beantwoord.\n")
    doc = parse(HEAD + reply + body)
    assert doc.reply is not None and doc.reply.kind is ReplyKind.NOTICE
    assert doc.reply.text is not None and "gebruikelijke termijn" in doc.reply.text
    assert doc.zaaknummer == "2024Z02569"
    assert doc.answers == ()


def test_answer_that_refers_to_another_answer() -> None:
    body = "Vraag 1\nA?\nAntwoord 1\nJa.\nVraag 2\nB?\nAntwoord 2\nZie het antwoord op vraag 1.\n"
    doc = parse(HEAD + REPLY + body)
    assert doc.answers[1].refers_to == ("1",)


def test_answer_to_a_missing_question_is_reported() -> None:
    doc = parse(HEAD + REPLY + "Vraag 1\nA?\nAntwoord 1\nJa.\nAntwoord 2\nNee.\n")
    assert len(doc.answers) == 1
    assert any("answers question 2" in i.message for i in doc.issues)
    with pytest.raises(ParseError, match=r"t\.txt:\d+: Antwoord 2 answers question 2"):
        parse(HEAD + REPLY + "Vraag 1\nA?\nAntwoord 1\nJa.\nAntwoord 2\nNee.\n", strict=True)


@pytest.mark.parametrize(("data", "message"), [
    (b"", r"t\.txt:1: empty file"),
    (b"   \n\n", r"t\.txt:1: empty file"),
    (b"Hello\nworld \xff\xfe here\n", r"t\.txt:2: not UTF-8 text"),
    (b"Notulen van de vergadering.\nAanwezig: iedereen.\n", r"t\.txt:1: not a Kamervragen "),
    (HEAD.encode() + b"Geen vragen hier.\n", r"t\.txt:1: not a Kamervragen document: no 'Vraag"),
])
def test_bad_input(data: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_text(data, source="t.txt")


def test_bare_question_numbers_of_the_tweede_kamer_rendering() -> None:
    text = ("2024Z02569\nVragen van de leden Chakor (GroenLinks-PvdA) en Palmen (Nieuw Sociaal "
            "Contract) aan de staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties en de "
            "minister van Volksgezondheid, Welzijn en Sport over een sociaal veilige werkomgeving "
            "(ingezonden 15 februari 2024).\n\n1\nKent u het manifest?\n\n2\nBeschikte u al "
            "eerder over gegevens?\n")
    doc = parse(text)
    assert [(q.number, q.text) for q in doc.questions] == [
        ("1", "Kent u het manifest?"), ("2", "Beschikte u al eerder over gegevens?")]
    assert [p.label for p in doc.addressees] == [
        "Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties",
        "Minister van Volksgezondheid, Welzijn en Sport"]
    assert doc.zaaknummer == "2024Z02569"
    assert doc.identifier == "kv-tk-2024Z02569"


def test_unicode_superscript_markers() -> None:
    body = ("Vraag 1\nKent u het bericht¹ over 40 m² grond?\n\n"
            "1 NOS, https://nos.nl/artikel/1\n")
    (q,) = parse(HEAD + body).questions
    assert q.text == "Kent u het bericht over 40 m² grond?"
    assert q.footnotes[0].references == ("https://nos.nl/artikel/1",)
