"""Markdown renderings: headings at any level, emphasis, bracketed footnote markers."""

from __future__ import annotations

from kv2rdf.parsers._blocks import marker
from kv2rdf.parsers.markdown_source import parse_markdown, unmark

DOC = """## Vragen gesteld door de leden der Kamer, met de daarop door de regering gegeven antwoorden

### 1064

Vragen van het lid **Erdmans** (JA21) aan de Minister van Defensie over *bijeenkomsten met ambtenaren* (ingezonden 29 januari 2024).

Antwoord van Minister **Helder** (Volksgezondheid, Welzijn en Sport) (ontvangen 16 februari 2024).

#### Vraag 1 en 2

Zijn er bijeenkomsten georganiseerd?[1 ]

Zo ja, wat was het doel?

##### Antwoord 1 en 2

Ja. Het is de

taak van ambtenaren.

Vraag 3

Is dat wenselijk?

### Antwoord 3

Zie het antwoord op vraag 1.

1 NOS, https://nos.nl/artikel/1.
"""


def test_markdown_document() -> None:
    doc = parse_markdown(DOC.encode(), source="m.md")
    assert doc.identifier == "ah-tk-20232024-1064"
    assert [a.person.name for a in doc.askers] == ["Erdmans"]
    assert doc.subject == "bijeenkomsten met ambtenaren"
    assert [(q.number, q.text) for q in doc.questions] == [
        ("1", "Zijn er bijeenkomsten georganiseerd?"), ("2", "Zo ja, wat was het doel?"),
        ("3", "Is dat wenselijk?")]
    assert doc.questions[0].footnotes[0].references == ("https://nos.nl/artikel/1",)
    first, second = doc.answers
    assert first.question_numbers == ("1", "2")
    assert first.text == "Ja. Het is de taak van ambtenaren."
    assert second.refers_to == ("1",)


def test_unmark() -> None:
    assert unmark("het lid **Erdmans** over *iets*") == "het lid Erdmans over iets"
    assert unmark("het 11[e ] pakket") == "het 11e pakket"
    assert unmark("zorgvraagtypering.[4 5 ] De") == f"zorgvraagtypering.{marker('4')}" \
                                                   f"{marker('5')} De"
    assert unmark("PUC_743104_22/1/") == "PUC_743104_22/1/"
    assert unmark("-----") == "\f"


def test_footnote_paragraphs_in_the_middle_and_markdown_footnote_syntax() -> None:
    doc = parse_markdown(("Vragen van het lid Jansen (VVD) aan de Minister van Financiën over "
                          "iets (ingezonden 1 maart 2024).\n\n**Vraag 1**\n\nKent u dit "
                          "bericht?<sup>1</sup>\n\n1 NOS, 1 maart 2024, https://nos.nl/1\n\n"
                          "**Vraag 2**\n\nEn dit rapport?[^2]\n\n[^2]: Kamerstuk 36 410, nr. 31\n"
                          ).encode(), source="m.md")
    assert [(q.number, q.text) for q in doc.questions] == [("1", "Kent u dit bericht?"),
                                                          ("2", "En dit rapport?")]
    assert doc.questions[0].footnotes[0].references == ("https://nos.nl/1",)
    assert doc.questions[1].footnotes[0].references == (
        "https://zoek.officielebekendmakingen.nl/kst-36410-31",)
    assert doc.issues == ()


def test_bold_label_with_text_on_the_same_line() -> None:
    doc = parse_markdown(("Vragen van het lid Jansen (VVD) aan de Minister van Financiën over "
                          "iets (ingezonden 1 maart 2024).\n\n**Vraag 1** Kent u dit?\n\n"
                          "**Vraag 2:** En dat?\n\n### Vraag 3: En zo?\n").encode(), source="m.md")
    assert [(q.number, q.text) for q in doc.questions] == [("1", "Kent u dit?"),
                                                          ("2", "En dat?"), ("3", "En zo?")]


def test_pymupdf4llm_footnotes_as_list_items_and_quotes() -> None:
    """pymupdf4llm prints footnotes as "- 1 …" or "> 3 …" and markers as <sup>."""
    text = ("Vragen van het lid Jansen (VVD) aan de Minister van Financiën over iets "
            "(ingezonden 1 februari 2024).\n\nAntwoord van Minister Van Dam (Financiën) "
            "(ontvangen 20 februari 2024).\n\n### Vraag 1\n\nKlopt het<sup>1</sup> ; en dit?"
            "<sup>2</sup>\n\n- 1 Kamerstuk 36 410 VIII, nr. 106\n\n> 2 bis: culturele "
            "basisinfrastructuur\n\nah-tk-20232024-1432 ISSN 0921 - 7398 ’s-Gravenhage 2024\n\n"
            "### Antwoord 1\n\n- Ja, zie https:// www.movisie.nl/files/220315_%20Regenboog "
            "%202022.pdf\n\n- • Nee.\n")
    doc = parse_markdown(text.encode(), source="t.md")
    assert doc.questions[0].text == "Klopt het; en dit?"
    assert [(f.number, f.text) for f in doc.questions[0].footnotes] == [
        ("1", "Kamerstuk 36 410 VIII, nr. 106"), ("2", "bis: culturele basisinfrastructuur")]
    assert doc.answers[0].text == ("• Ja, zie https://www.movisie.nl/files/220315_%20Regenboog"
                                   "%202022.pdf\n\n• Nee.")
    assert doc.issues == ()
