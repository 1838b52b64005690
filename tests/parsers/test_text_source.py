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


# --- renditions of other tools: page ends, footnote runs, glued markers -----------------

PAGE_END = "ah-tk-20232024-1\nISSN 0921 - 7398\n’s-Gravenhage 2024\nTweede Kamer, vergaderjaar 2023–2024, Aanhangsel\n"


def test_footer_with_its_page_number_on_the_next_line_ends_the_page() -> None:
    """PyMuPDF prints the footnotes, the furniture, then the next page, one item a line."""
    text = (HEAD + REPLY + "Vraag 1\nKlopt het bericht?1\nAntwoord 1\nJa.\n"
            "1 Kamerstuk 36 410 VIII, nr. 106\n" + PAGE_END + "1\n"
            "Vraag 2\nEn dit?\nAntwoord 2\nNee.\n")
    doc = parse(text)
    assert [q.number for q in doc.questions] == ["1", "2"]
    assert [(f.number, f.text) for f in doc.questions[0].footnotes] == [
        ("1", "Kamerstuk 36 410 VIII, nr. 106")]
    assert [a.text for a in doc.answers] == ["Ja.", "Nee."]
    assert doc.issues == ()


def test_a_label_line_ends_a_footnote_run_even_without_a_page_end() -> None:
    text = (HEAD + REPLY + "Vraag 1\nKlopt het bericht?1\nAntwoord 1\nJa.\n\f"
            "Zo is het.\n1 Kamerstuk 36 410 VIII, nr. 106\nVraag 2\nEn dit?\nAntwoord 2\nNee.\n")
    doc = parse(text)
    assert [q.number for q in doc.questions] == ["1", "2"]
    assert doc.questions[0].footnotes[0].text == "Kamerstuk 36 410 VIII, nr. 106"
    assert doc.issues == ()


def test_footnote_numbers_on_lines_of_their_own() -> None:
    """pdftotext prints a number, then its text; or all numbers, then one text each."""
    one = parse(HEAD + REPLY + "Vraag 1\nKlopt het bericht?1\nAntwoord 1\nJa.\n1\n\n"
                "Hart van Nederland, 17 november 2023.\n" + PAGE_END + "1\n")
    assert one.questions[0].footnotes[0].text == "Hart van Nederland, 17 november 2023."
    assert one.answers[0].text == "Ja."
    both = parse(HEAD + REPLY + "Vraag 1\nKlopt het1 bericht?2\nAntwoord 1\nJa.\n1\n2\n\n"
                 "ah-tk-20232024-1\nISSN 0921 - 7398\n’s-Gravenhage 2024\n\n"
                 "Kamerstuk 36 410 VIII, nr. 106\nKamerstuk 36 410 VIII, nr. 82\n\n"
                 "Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel\n\n1\n\f")
    assert [(f.number, f.text) for f in both.questions[0].footnotes] == [
        ("1", "Kamerstuk 36 410 VIII, nr. 106"), ("2", "Kamerstuk 36 410 VIII, nr. 82")]
    assert both.questions[0].text == "Klopt het bericht?"


def test_markers_glued_to_a_year_or_before_a_capital() -> None:
    doc = parse(HEAD + REPLY + "Vraag 1\nKlopt het?\nAntwoord 1\nIn mijn brief van 7 november "
                "20231 heb ik dat gemeld.2Toekomstige stappen volgen in de strategie 2022–20283.\n"
                "1 Kamerstuk 36 410 VIII, nr. 106\n2 Kamerstuk 36 410 VIII, nr. 82\n"
                "3 Nederlandse Cybersecuritystrategie 2022–2028\n")
    answer = doc.answers[0]
    assert answer.text == ("In mijn brief van 7 november 2023 heb ik dat gemeld. Toekomstige "
                           "stappen volgen in de strategie 2022–2028.")
    assert [f.number for f in answer.footnotes] == ["1", "2", "3"]
    assert doc.issues == ()


def test_a_marker_that_cannot_be_told_apart_is_reported() -> None:
    """"NIS24": NIS2 with marker 4 — or NIS24; the footnote is kept and the loss reported."""
    doc = parse(HEAD + REPLY + "Vraag 1\nKlopt het?\nAntwoord 1\nZo geeft NIS21 aan dat het "
                "moet.\n1 Richtlijn (EU) 2022/2555\n" + PAGE_END + "1\n")
    assert doc.answers[0].text == "Zo geeft NIS21 aan dat het moet."
    assert [f.number for f in doc.footnotes] == ["1"]
    assert any("footnote 1 has no marker" in i.message for i in doc.issues)


def test_words_glued_at_line_ends_do_not_break_labels_or_footnotes() -> None:
    doc = parse(HEAD + REPLY + "Vraag 1\nKunt u aangeven wat overhet verdwijnen van de\n"
                "regeling bekend is?1\nAntwoord 1\nDaaroverheb ik u geïnformeerd.\n"
                "1 Kamerstuk 36 410 VIII, nr. 106\n")
    assert doc.questions[0].text == ("Kunt u aangeven wat overhet verdwijnen van de regeling "
                                     "bekend is?")
    assert doc.questions[0].footnotes[0].number == "1"
    assert doc.answers[0].text == "Daaroverheb ik u geïnformeerd."


# --- time and size ---------------------------------------------------------------------

def _paragraph(lines: int) -> bytes:
    body = "\n".join(f"regel {i} van een lange alinea over www.example.nl/pad_{i}/ en een "
                     f"afgebro-" if i % 3 == 0 else f"ken woord in regel {i} van de alinea"
                     for i in range(lines))
    return (HEAD + REPLY + "Vraag 1\nKlopt het?\nAntwoord 1\n" + body + "\n").encode()


def _seconds(data: bytes) -> float:
    import time

    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        parse_text(data, source="t.txt")
        best = min(best, time.perf_counter() - start)
    return best


def test_a_4000_line_paragraph_parses_in_well_under_a_second() -> None:
    assert _seconds(_paragraph(4000)) < 1.0  # was 15 s: a quadratic URL check per line


def test_parse_time_grows_linearly_with_the_paragraph() -> None:
    small, large = _seconds(_paragraph(2000)), _seconds(_paragraph(8000))
    assert large < 8 * small + 0.05  # 4 times the lines: linear ≈ 4×, quadratic ≈ 16×


def _lines_like_footnotes(lines: int) -> bytes:
    body = "".join(f"1 regel die begint als voetnoot {i}\n" for i in range(lines))
    return (HEAD + "Vraag 1\nKlopt het?\n" + body).encode()


def test_many_lines_that_look_like_footnotes_take_linear_time() -> None:
    """Each line "1 …" is tried as footnote 1: lines searched in vain are not searched again."""
    small = _seconds(_lines_like_footnotes(2000))
    large = _seconds(_lines_like_footnotes(8000))
    assert large < 8 * small + 0.05


def test_a_text_over_the_size_limit_is_refused() -> None:
    from kv2rdf.parsers._text import MAX_TEXT_BYTES

    with pytest.raises(ParseError, match=r"over the limit of 10 MB"):
        parse_text(b"a" * (MAX_TEXT_BYTES + 1), source="t.txt")


def test_the_cli_refuses_a_huge_text_with_exit_2(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from kv2rdf import cli

    big = tmp_path / "big.txt"
    big.write_bytes((HEAD + "x\n").encode() * 200_000)
    result = CliRunner().invoke(cli.main, ["convert", str(big), "-o", str(tmp_path / "o.ttl")])
    assert result.exit_code == 2
    assert f"{big}:1: text of " in result.output
    assert not (tmp_path / "o.ttl").exists()


def test_accents_split_from_their_letter_are_recombined() -> None:
    from kv2rdf.parsers._text import clean

    assert clean("Kostic ´ (PvdD)") == "Kostić (PvdD)"
    assert clean("Kostic´ (PvdD)") == "Kostić (PvdD)"
    assert clean("Yes¸ilgöz") == "Yeşilgöz"
    assert clean("Kostic\u0301") == "Kostić"  # combining accent → NFC


def test_word_documents_converted_to_text_with_bracketed_footnotes() -> None:
    """pandoc or LibreOffice: "afgewogen[1];" in the text, "[1] Kamerstuk …" at the end."""
    doc = parse(HEAD + REPLY + "Vraag 1\nHoe rijmt u dat met de motie[1]; en met de brief?[2]\n"
                "Antwoord 1\nZie artikel [3] van de wet.\n[1] Kamerstuk 36 410 VIII, nr. 106\n"
                "[2] Kamerstuk 36 410 VIII, nr. 82\n")
    assert doc.questions[0].text == "Hoe rijmt u dat met de motie; en met de brief?"
    assert [(f.number, f.text) for f in doc.questions[0].footnotes] == [
        ("1", "Kamerstuk 36 410 VIII, nr. 106"), ("2", "Kamerstuk 36 410 VIII, nr. 82")]
    assert doc.answers[0].text == "Zie artikel [3] van de wet."
    assert doc.issues == ()


def test_a_bullet_without_its_item_is_reported() -> None:
    """pdfminer can print the text of a list item elsewhere, leaving its bullet alone."""
    doc = parse(HEAD + REPLY + "Vraag 1\nWelke criteria?\n\nToegankelijkheid\n\nAntwoord 1\n"
                "Deze:\n• Kwaliteit\n•\n• Spreiding\n")
    assert [(i.line, i.message.split(":")[0]) for i in doc.issues] == [
        (12, "a list bullet without its text")]
    pymupdf = parse(HEAD + REPLY + "Vraag 1\nWelke criteria?\nAntwoord 1\nDeze:\n•\nKwaliteit\n"
                    "•\nSpreiding\n")
    assert pymupdf.issues == ()  # PyMuPDF prints the bullet, then its item
    assert pymupdf.answers[0].text == "Deze:\n\n• Kwaliteit\n\n• Spreiding"
