"""The officielebekendmakingen.nl HTML rendering: real fragments, labels, notes, notices."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kv2rdf.errors import ParseError
from kv2rdf.formats import SourceFormat, detect
from kv2rdf.model import Footnote, ReplyKind
from kv2rdf.parsers import parse
from kv2rdf.parsers._safe import parse_html_root
from kv2rdf.parsers.html_source import extract, parse_html

FRAGMENTS = Path(__file__).parent / "fixtures" / "html-fragments"
QUESTIONS = (FRAGMENTS / "kv-tk-2016Z00020.vragen.fragment.html").read_bytes()
NOTES = (FRAGMENTS / "kv-tk-2016Z00047.noten.fragment.html").read_bytes()
# A stand-in header: the fragment holds only the questions, not the page's h1.
H1 = ('<h1 class="kamervraagomschrijving_kop no-toc">Vragen van het lid Voorbeeld (SP) aan de '
      'Minister van Sociale Zaken en Werkgelegenheid over onkostenvergoedingen voor beginnende '
      'ggz-krachten (ingezonden 5 januari 2016).</h1>')
REPLY = '<p>Antwoord van Minister Asscher (Sociale Zaken en Werkgelegenheid) (ontvangen 2 februari 2016).</p>'


def page(body: bytes | str, *, head: str = "", h1: str = H1) -> bytes:
    if isinstance(body, str):
        body = body.encode()
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"/>{head}</head><body>'
            f'<div class="stuk">{h1}').encode() + body + b"</div></body></html>"


def test_fragments_are_detected_as_html() -> None:
    assert detect(QUESTIONS) is detect(NOTES) is SourceFormat.HTML
    xhtml = b'<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x">\n<html/>'
    assert detect(xhtml) is SourceFormat.HTML


def test_a_fragment_as_it_is_has_no_header() -> None:
    with pytest.raises(ParseError, match=r"^q\.html:1: not a Kamervragen document: no 'Vragen "
                                         r"van"):
        parse_html(QUESTIONS, source="q.html")


def test_questions_of_the_real_fragment() -> None:
    head = '<meta name="DC.identifier" content="kv-tk-2016Z00020"/>'
    doc = parse(page(QUESTIONS, head=head), source="q.html")
    assert [q.number for q in doc.questions] == ["1", "2", "3", "4"]
    assert doc.questions[0].text == ("Wat is uw reactie op het bericht «Veel beginnende "
                                     "ggz-krachten krijgen alleen onkostenvergoeding»?")
    assert doc.questions[1].text == ("Bent u van mening dat hier sprake is van een arbeidsrelatie "
                                     "waarbij loon verschuldigd is? Zo ja, wat gaat u hieraan "
                                     "doen? Zo nee, waarom niet?")
    assert (doc.identifier, doc.zaaknummer, doc.submitted) == (
        "kv-tk-2016Z00020", "2016Z00020", date(2016, 1, 5))
    assert doc.source_format == "html" and doc.reply is None
    # the fragment refers to notes 1 and 2, which are not part of it
    assert [i.message for i in doc.issues] == ["footnote marker 1 has no footnote text",
                                               "footnote marker 2 has no footnote text"]


def test_notes_of_the_real_fragment() -> None:
    ex = extract(parse_html_root(NOTES, "n.html"), source="n.html")
    assert ex.footnotes == {
        "1": Footnote("1", "http://nos.nl/l/2077649", ("http://nos.nl/l/2077649",)),
        "2": Footnote("2", "VOG: verklaring omtrent gedrag", ())}
    assert ex.blocks == [] and ex.issues == []


def test_markers_find_their_notes_by_anchor() -> None:
    body = (b'<div class="vraag"><h2 class="stuktitel no-toc"><a id="d1"></a>Vraag 1</h2>'
            b'<p>Kent u het bericht?<a class="nootnum supernote-click-ID-2016Z00047-d37e61" '
            b'href="#ID-2016Z00047-d37e61">1</a> Wat is een VOG?<a class="nootnum" '
            b'href="#ID-2016Z00047-d37e69">2</a></p></div>')
    doc = parse_html(page(body + NOTES), source="p.html")
    (q,) = doc.questions
    assert q.text == "Kent u het bericht? Wat is een VOG?"
    assert [(f.number, f.references) for f in q.footnotes] == [
        ("1", ("http://nos.nl/l/2077649",)), ("2", ())]
    assert doc.issues == ()


def test_answers_grouped_labels_and_older_label_form() -> None:
    # answers are labelled "Antwoord 1" in p.nummer, or "Vraag 2, 3" in an h2 (openkamer)
    body = ('<div class="vraag"><h2>Vraag 1</h2><p>Eerste?</p></div>'
            '<div class="vraag"><h2>Vraag 2</h2><p>Tweede?</p></div>'
            '<div class="vraag"><h2>Vraag 3</h2><p><em>Let op:</em> derde?</p>'
            '<ul><li>a. het een;</li><li>b. het ander?</li></ul></div>'
            '<div class="antwoord"><p class="nummer">Antwoord 1</p><p>Ja.</p><p>en verder nee.</p>'
            '</div><div class="antwoord"><h2>Vraag 2, 3</h2><p>Zie het antwoord op vraag 1.'
            '</p></div>')
    doc = parse_html(page(body, h1=H1 + REPLY), source="a.html")
    assert doc.questions[2].text == "Let op: derde?\n\na. het een;\nb. het ander?"
    assert [(a.label, a.question_numbers, a.text, a.refers_to) for a in doc.answers] == [
        ("1", ("1",), "Ja.\n\nen verder nee.", ()),
        ("2, 3", ("2", "3"), "Zie het antwoord op vraag 1.", ("1",))]
    assert doc.reply is not None and doc.reply.received == date(2016, 2, 2)
    assert doc.issues == ()


def test_mededeling_and_head_metadata() -> None:
    head = ('<meta name="dcterms.identifier" content="ah-tk-20152016-1580"/>'
            '<meta name="OVERHEIDop.vraagnummer" content="2016Z00020"/>'
            '<meta name="DCTERMS.issued" content="2016-02-03"/>')
    body = ('<div class="vraag"><h2>Vraag 1</h2><p>Klopt het?</p></div>'
            '<div class="kamervraagopmerking"><p>Mededeling</p><p>De vragen kunnen niet binnen '
            'de gebruikelijke termijn worden beantwoord.</p></div>')
    notice = REPLY.replace("Antwoord van", "Mededeling van")
    doc = parse_html(page(body, head=head, h1=H1 + notice), source="m.html")
    assert doc.reply is not None and doc.reply.kind is ReplyKind.NOTICE
    assert doc.reply.text == "De vragen kunnen niet binnen de gebruikelijke termijn worden beantwoord."
    assert (doc.identifier, doc.zaaknummer, doc.issued) == (
        "ah-tk-20152016-1580", "2016Z00020", date(2016, 2, 3))


def test_entity_declarations_are_refused() -> None:
    data = b'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<html>&xxe;</html>'
    with pytest.raises(ParseError, match=r"^e\.html:1: the DOCTYPE declares entities"):
        parse_html(data, source="e.html")


def test_empty_input() -> None:
    with pytest.raises(ParseError, match=r"^e\.html:1: empty file"):
        parse_html(b"  \n", source="e.html")


def test_links_in_question_and_answer_text_are_their_references() -> None:
    body = ('<div class="vraag"><h2 class="stuktitel">Vraag 1</h2><p>Kent u de brief (<a '
            'href="https://zoek.officielebekendmakingen.nl/kst-36200-XV-12">Kamerstuk 36 200 XV,'
            ' nr. 12</a>)?</p></div><div class="antwoord"><h2 class="stuktitel">Antwoord 1</h2>'
            '<p>Ja; zie <a href="https://www.rijksoverheid.nl/brief">de brief</a> en <a '
            'href="#top">boven</a>.</p></div>')
    doc = parse_html(page(REPLY + body), source="links.html", strict=True)
    (q,), (a,) = doc.questions, doc.answers
    assert q.references == ("https://zoek.officielebekendmakingen.nl/kst-36200-XV-12",)
    assert a.references == ("https://www.rijksoverheid.nl/brief",)  # not the page anchor
    assert q.text == "Kent u de brief (Kamerstuk 36 200 XV, nr. 12)?"
