"""PDF: subscripts and superscripts that are no footnote markers stay in the text.

The PDF is made with ReportLab the way KOOP sets an Aanhangsel (masthead, 8.5 pt Helvetica
column at x=221, footnotes in 6.9 pt at the page bottom, footer far below): "CO₂" with a
lowered "2", "km²", "m²" and "m³" with a raised one, and two real footnotes. Footnote 2 is
printed on page 2, so the raised "2" of "km²" on page 1 is no marker; on page 2 both a
marker "2" and the "2" of "m²" are raised, and the one after the unit is the exponent.
"""

from __future__ import annotations

import functools
import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from kv2rdf.model import Document
from kv2rdf.parsers.pdf_source import parse_pdf

HEIGHT = A4[1]
LEFT, BODY, PITCH, SMALL = 221.0, 8.5, 9.6, 5.5
Run = tuple[str, float, float]  # text, size, rise (negative: a subscript)


def put(c: canvas.Canvas, x: float, y: float, runs: list[Run]) -> None:
    """Text runs from (x, y), y measured from the top of the page."""
    text = c.beginText(x, HEIGHT - y)
    for chars, size, rise in runs:
        text.setFont("Helvetica", size)
        text.setRise(rise)
        text.textOut(chars)
    c.drawText(text)


def body(c: canvas.Canvas, top: float, lines: list[list[Run] | None]) -> None:
    for n, line in enumerate(lines):
        if line is not None:
            put(c, LEFT, top + n * PITCH, line)


def sub(text: str) -> Run:
    return (text, SMALL, -1.6)


def sup(text: str) -> Run:
    return (text, SMALL, 3.5)


def t(text: str) -> Run:
    return (text, BODY, 0.0)


def footer(c: canvas.Canvas, page: int) -> None:
    put(c, LEFT, 772, [(f"Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel {page}", 9.1, 0)])


def note(c: canvas.Canvas, number: str, text: str) -> None:
    put(c, LEFT, 700, [(number, 4.5, 2.7), ("   " + text, 6.9, 0)])


@functools.cache
def co2_pdf() -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=1)
    put(c, 55, 82, [("Tweede Kamer der Staten-Generaal", 18.1, 0)])
    put(c, 506, 108, [("2", 51.2, 0)])
    put(c, 55, 136, [("Vergaderjaar 2023–2024", 9.6, 0)])
    put(c, LEFT, 136, [("Aanhangsel van de Handelingen", 10, 0)])
    put(c, LEFT, 193, [("Vragen gesteld door de leden der Kamer, met de daarop door de", 9.1, 0)])
    put(c, LEFT, 203, [("regering gegeven antwoorden", 9.1, 0)])
    put(c, LEFT, 304, [("2002", 12.8, 0)])
    for y, text in ((760, "ah-tk-20232024-2002"), (766, "ISSN 0921 - 7398"),
                    (772, "’s-Gravenhage 2024")):
        put(c, 55, y, [(text, 5.9, 0)])
    body(c, 330, [
        [t("Vragen van het lid Kröger (GroenLinks-PvdA) aan de Minister van Klimaat en")],
        [t("Groene Groei over de CO"), sub("2"), t("-buis onder de Noordzee (ingezonden 3 juni")],
        [t("2024).")], None,
        [t("Antwoord van Minister Hermans (Klimaat en Groene Groei) (ontvangen 1 juli")],
        [t("2024).")], None,
        [t("Vraag 1")],
        [t("Kent u het bericht «Lek in CO"), sub("2"), t("-buis ontdekt»?"), sup("1")], None,
        [t("Antwoord 1")],
        [t("Ja. De buis voert jaarlijks 2 Mton CO"), sub("2"), t(" af, over een lengte die")],
        [t("samen 120 km"), sup("2"), t(" zeebodem beslaat.")],
    ])
    note(c, "1", "NOS, 2 juni 2024, https://nos.nl/artikel/2525000")
    footer(c, 1)
    c.showPage()
    body(c, 64, [
        [t("Vraag 2")],
        [t("Hoeveel m"), sup("3"), t(" CO"), sub("2"), t(" is er weggelekt, en hoe verhoudt zich dat tot")],
        [t("de lekken die eerder gemeld werden?"), sup("2")], None,
        [t("Antwoord 2")],
        [t("Volgens de exploitant minder dan 10 m"), sup("3"), t("; de pompstations beslaan elk")],
        [t("400 m"), sup("2"), t(" en zijn niet getroffen.")],
    ])
    note(c, "2", "Kamerstuk 36 200 XIII, nr. 12")
    footer(c, 2)
    c.showPage()
    c.save()
    return out.getvalue()


@functools.cache
def doc() -> Document:
    return parse_pdf(co2_pdf(), source="co2.pdf", strict=True)


def test_subscripts_stay_in_the_text() -> None:
    d = doc()
    assert d.subject == "de CO2-buis onder de Noordzee"
    q = {q.number: q for q in d.questions}
    assert q["1"].text == "Kent u het bericht «Lek in CO2-buis ontdekt»?"
    assert d.answers[0].text == ("Ja. De buis voert jaarlijks 2 Mton CO2 af, over een lengte die "
                                 "samen 120 km2 zeebodem beslaat.")


def test_superscript_without_a_footnote_on_its_page_is_text() -> None:
    d = doc()
    assert "120 km2 zeebodem" in (d.answers[0].text or "")
    assert d.answers[0].footnotes == ()  # footnote 2 is printed on page 2


def test_raised_number_with_its_footnote_on_the_page_is_the_marker() -> None:
    d = doc()
    q = {q.number: q for q in d.questions}
    assert [n.number for n in q["1"].footnotes] == ["1"]
    assert q["2"].text == ("Hoeveel m3 CO2 is er weggelekt, en hoe verhoudt zich dat tot de "
                           "lekken die eerder gemeld werden?")
    assert [(n.number, n.references) for n in q["2"].footnotes] == [
        ("2", ("https://zoek.officielebekendmakingen.nl/kst-36200-XIII-12",))]
    assert d.answers[1].text == ("Volgens de exploitant minder dan 10 m3; de pompstations "
                                 "beslaan elk 400 m2 en zijn niet getroffen.")
    assert d.answers[1].footnotes == () and d.footnotes == () and d.issues == ()
