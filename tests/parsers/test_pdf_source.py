"""PDF front-end: the published KOOP PDFs of the golden cases, small PDFs made here, bad files.

The made PDFs place Helvetica text the way KOOP sets an Aanhangsel: masthead, body column at
x=221, 8.5 pt text on a 9.6 pt pitch, superscript markers, footnotes at the page bottom and a
footer far below the text.
"""

from __future__ import annotations

import functools
import hashlib
import io
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader, PdfWriter
from rdflib import RDF

from kv2rdf import cli, to_graph
from kv2rdf.errors import ParseError
from kv2rdf.formats import SourceFormat
from kv2rdf.model import Document, Footnote, ReplyKind
from kv2rdf.namespaces import KV, SCHEMA
from kv2rdf.parsers import PARSERS, parse
from kv2rdf.parsers._text import join_lines
from kv2rdf.parsers.pdf_source import parse_pdf
from tests.helpers import CASES

# ---------------------------------------------------------------- the published PDFs

# questions, answers, footnotes
COUNTS = {
    "ah-tk-20232024-1076": (5, 5, 3),
    "ah-tk-20232024-1178": (9, 9, 15),
    "ah-tk-20232024-1292": (10, 10, 1),
    "ah-tk-20232024-1314": (6, 4, 2),
    "ah-tk-20232024-1432": (6, 6, 3),
    "ah-tk-20232024-1481": (6, 5, 3),
    "ah-tk-20232024-1949": (5, 4, 1),
    "ah-tk-20232024-878": (7, 7, 2),
}
FURNITURE = ("ISSN", "ah-tk-2023", "Tweede Kamer, vergaderjaar", "Gravenhage",
             "Staten-Generaal", "\ue000")


def source(name: str) -> Path:
    return CASES / f"pdf-{name}" / "source.pdf"


@functools.cache
def doc(name: str) -> Document:
    return parse_pdf(source(name).read_bytes(), source=f"{name}.pdf", strict=True)


def footnotes(d: Document) -> dict[str, Footnote]:
    items = [*d.questions, *d.answers, *([d.reply] if d.reply else [])]
    found = {n.number: n for item in items for n in item.footnotes}
    found.update({n.number: n for n in d.footnotes})
    return found


def test_pdf_is_registered() -> None:
    assert PARSERS[SourceFormat.PDF] == "kv2rdf.parsers.pdf_source:parse_pdf"
    assert parse(source("ah-tk-20232024-1076").read_bytes()).source_format == "pdf"


@pytest.mark.parametrize(("name", "counts"), COUNTS.items())
def test_counts_identity_and_no_issues(name: str, counts: tuple[int, int, int]) -> None:
    d = doc(name)
    assert (len(d.questions), len(d.answers), len(footnotes(d))) == counts
    assert sorted(footnotes(d), key=int) == [str(n) for n in range(1, counts[2] + 1)]
    assert d.identifier == name
    assert d.vergaderjaar == "2023-2024"
    assert d.digest == hashlib.sha256(source(name).read_bytes()).hexdigest()
    assert d.issues == ()
    assert all(q.location.pages and q.location.line is None for q in d.questions)


@pytest.mark.parametrize("name", COUNTS)
def test_no_furniture_or_footnote_body_in_any_text(name: str) -> None:
    graph = to_graph(doc(name))
    texts = [str(o) for s, o in graph.subject_objects(SCHEMA.text)
             if (s, RDF.type, KV.Footnote) not in graph]
    assert len(texts) >= counts_of(name)
    bodies = [n.text for n in footnotes(doc(name)).values()]
    for text in texts:
        assert not [f for f in FURNITURE if f in text], text
        assert not [b for b in bodies if b in text], text
    notes = list(graph.subjects(RDF.type, KV.Footnote))
    assert len(notes) == COUNTS[name][2]


def counts_of(name: str) -> int:
    return COUNTS[name][0] + COUNTS[name][1]


def test_question_that_spans_two_pages() -> None:
    q = {q.number: q for q in doc("ah-tk-20232024-1314").questions}
    assert q["3"].text.startswith("Deelt u de mening dat als een provincie het predicaat")
    assert q["3"].text.endswith("wat is de waarde van dat predicaat dan nog?")
    assert q["4"].text.startswith("Deelt u de mening dat regenboogprovincies in het kader")
    assert q["5"].text == (
        "Kent u de Inventarisatie Regenboogbeleid Regenboogprovincies? Zo ja, deelt u de "
        "mening dat u een sturender rol moet gaan spelen om te zorgen dat provincies hun rol "
        "als aanjager van initiatieven en verbinder voor het bevorderen van de veiligheid en "
        "acceptatie van de lhbti-gemeenschap nog beter waar gaan maken? Zo nee, waarom niet?")
    assert [q[n].location.pages for n in "345"] == [(1,), (2,), (2,)]
    assert [n.number for n in q["5"].footnotes] == ["2"]
    (grouped,) = [a for a in doc("ah-tk-20232024-1314").answers if len(a.question_numbers) > 1]
    assert grouped.question_numbers == ("3", "4", "5")


def test_answer_paragraph_continued_on_the_next_page_is_joined() -> None:
    a1 = doc("ah-tk-20232024-1178").answers[0]
    assert a1.location.pages == (1, 2)
    assert "op deze schaal is voorgekomen. Daarom moeten er nu" in a1.text
    assert a1.text.endswith("zie ook de beantwoording bij vraag 5.")
    assert a1.text.count("\n\n") == 2  # three paragraphs


def test_markers_become_footnotes_at_the_superscript() -> None:
    answers = doc("ah-tk-20232024-1178").answers
    assert "In mijn brief van 7 november 2023 heb ik u geïnformeerd" in answers[1].text
    assert "genoemde Amerikaanse wetgeving. Deze wetgeving" in answers[2].text
    assert [n.number for n in answers[3].footnotes] == ["4", "5", "6"]
    q1 = doc("ah-tk-20232024-1076").questions[0]
    assert "(KOZP)? Bent u voorts" in q1.text
    assert [n.number for n in q1.footnotes] == ["1", "2"]


def test_footnote_urls_broken_over_lines_are_joined() -> None:
    notes = footnotes(doc("ah-tk-20232024-1076"))
    assert notes["2"].references == (
        "https://www.ad.nl/rijswijk/geen-vergunning-voor-intocht-met-zwarte-pieten-in-"
        "rijswijk~a946954a8/",)
    assert notes["1"].text.startswith("Hart van Nederland, 17 november 2023 (https://")
    assert "https://www.internetconsultatie.nl/huisvesting_evacuees/b1" in footnotes(
        doc("ah-tk-20232024-1292"))["1"].references
    assert footnotes(doc("ah-tk-20232024-1314"))["2"].references == (
        "https://www.movisie.nl/sites/movisie.nl/files/2022-03/220315_%20Regenboogbeleid"
        "%20provincies%202022.pdf",)
    assert footnotes(doc("ah-tk-20232024-1432"))["1"].references == (
        "https://zoek.officielebekendmakingen.nl/kst-36410-VIII-106",)


def test_header_people_posts_and_see_also() -> None:
    d = doc("ah-tk-20232024-1949")
    assert [(a.person.name, a.party) for a in d.askers] == [("Faber-van de Klashorst", "PVV")]
    assert d.reply is not None
    assert [(a.post.label, a.person and a.person.name) for a in d.reply.answerers] == [
        ("Minister van Justitie en Veiligheid", "Yeşilgöz-Zegerius"),
        ("Minister voor Rechtsbescherming", None)]
    assert d.reply.see_also == ("ah-tk-20232024-1843",)
    assert (d.submitted, d.reply.received) == (date(2024, 5, 6), date(2024, 6, 11))
    assert doc("ah-tk-20232024-1178").reply.see_also == ("ah-tk-20232024-1028",)  # type: ignore[union-attr]
    ah1481 = doc("ah-tk-20232024-1481")
    assert [p.label for p in ah1481.addressees] == [
        "Staatssecretaris van Volksgezondheid, Welzijn en Sport",
        "Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"]
    assert len(ah1481.reply.answerers) == 3  # type: ignore[union-attr]


def test_grouped_label_with_one_paragraph_per_question() -> None:
    d = doc("ah-tk-20232024-1949")
    q = {q.number: q.text for q in d.questions}
    assert q["2"].endswith("heeft dit geleid tot een vervolging door het Openbaar Ministerie?")
    assert q["3"].startswith("Kunt u aangeven of deze jongeren (eerder) zijn veroordeeld")
    assert [a.question_numbers for a in d.answers] == [("1",), ("2", "3"), ("4",), ("5",)]


def test_answer_that_refers_to_another_answer() -> None:
    a8 = doc("ah-tk-20232024-1292").answers[7]
    assert (a8.question_numbers, a8.text, a8.refers_to) == (
        ("8",), "Zie het antwoord op vraag 7.", ("7",))


def test_list_items_and_table_rows_are_paragraphs() -> None:
    a6 = doc("ah-tk-20232024-1178").answers[5].text.split("\n\n")
    assert "• Inzicht hebben in wat belangrijk is om te beschermen: de «kroonjuwelen»" in a6
    assert ("• De quantumdreiging en het gebruik van cryptografie meenemen in het "
            "risicomanagementproces") in a6
    a4 = doc("ah-tk-20232024-1432").answers[3].text.split("\n\n")
    assert a4[5:7] == ["• Geografische spreiding", a4[6]]
    assert a4[6].startswith("De aanvragen van instellingen voor een bis-subsidie")
    rows = doc("ah-tk-20232024-1314").answers[3].text.split("\n\n")
    assert "Geslacht(Trans) 2 3 6" in rows
    assert "TOTAAL 12 17 40" in rows


# ---------------------------------------------------------------- PDFs made here

Run = tuple[str, float, float]  # text, size, rise
Item = tuple[float, float, list[Run]]  # x, baseline from the top of the page, runs
BODY, PITCH, LEFT = 8.5, 9.6, 221.0


def make_pdf(pages: list[list[Item]], height: float = 842.0) -> bytes:
    """A PDF with Helvetica (WinAnsi) text runs; a rise makes a superscript."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{' '.join(f'{4 + 2 * i} 0 R' for i in range(len(pages)))}]"
               f" /Count {len(pages)} >>".encode(),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    for i, items in enumerate(pages):
        stream = b""
        for x, y, runs in items:
            stream += f"BT 1 0 0 1 {x:.2f} {height - y:.2f} Tm ".encode()
            for text, size, rise in runs:
                raw = text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(")
                stream += (f"/F1 {size:.2f} Tf {rise:.2f} Ts (".encode()
                           + raw.replace(b")", b"\\)") + b") Tj ")
            stream += b"ET\n"
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 {height:.0f}] /Resources"
                       f" << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode())
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream
                       + b"\nendstream")
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    return out + (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
                  "%%EOF\n").encode()


def column(lines: list[str | list[Run] | None], top: float) -> list[Item]:
    """Body lines from ``top`` down; None leaves a blank line."""
    items: list[Item] = []
    for n, line in enumerate(lines):
        if line is not None:
            items.append((LEFT, top + n * PITCH, [(line, BODY, 0.0)] if isinstance(line, str)
                          else line))
    return items


def footer(page: int) -> list[Item]:
    return [(LEFT, 772.0, [(f"Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel {page}", 9.1,
                            0.0)])]


MASTHEAD: list[Item] = [
    (55, 82, [("Tweede Kamer der Staten-Generaal", 18.1, 0)]), (506, 108, [("2", 51.2, 0)]),
    (55, 136, [("Vergaderjaar 2023–2024", 9.6, 0)]),
    (LEFT, 136, [("Aanhangsel van de Handelingen", 10, 0)]),
    (LEFT, 193, [("Vragen gesteld door de leden der Kamer, met de daarop door de", 9.1, 0)]),
    (LEFT, 203, [("regering gegeven antwoorden", 9.1, 0)]), (LEFT, 304, [("2001", 12.8, 0)]),
    (55, 760, [("ah-tk-20232024-2001", 5.9, 0)]), (55, 766, [("ISSN 0921 - 7398", 5.9, 0)]),
    (55, 772, [("’s-Gravenhage 2024", 5.9, 0)])]


def notice_pdf() -> bytes:
    """A Mededeling Aanhangsel: questions, then the notice that a letter answered them."""
    page1 = MASTHEAD + footer(1) + column([
        "Vragen van de leden Sneller (D66), Chakor (GroenLinks-PvdA) en Van Nispen",
        "(SP) aan de Staatssecretaris van Financiën over de belasting op sparen",
        "(ingezonden 2 mei 2024).", None,
        "Mededeling van Staatssecretaris Van Rij (Financiën – Fiscaliteit en",
        "Belastingdienst), mede namens de Minister voor Rechtsbescherming (ontvangen",
        "(ontvangen 7 juni 2024).", None,
        "Vraag 1",
        [("Kent u het bericht «Sparen wordt duurder»?", BODY, 0), ("1", 5.5, 3.5)], None,
        "Vraag 2",
        "Deelt u de mening dat spaarders in box 3 sinds het arrest van de Hoge Raad",
        "recht hebben op een heffing over het werkelijke rendement en dat de",
    ], 330) + [
        (LEFT, 690, [("1", 4.5, 2.7),
                     ("   NOS, 1 mei 2024, https://nos.nl/artikel/2519000-sparen-wordt-", 6.9, 0)]),
        (227.3, 699, [("duurder-in-box-3", 6.9, 0)])]
    page2 = footer(2) + [(60, 64 + 3 * PITCH, [("12", BODY, 0)])] + column([
        "herstelwetgeving daarom snel moet komen?", None,
        "Vraag 7, 8, 9 10 en 11",
        "Wanneer komt de wet?",
        [("Wat kost de wet per m", BODY, 0), ("2", 5.5, 3.5), ("?", BODY, 0)],
        "Wie voert de wet uit?",
        "Hoeveel spaarders raakt de wet?",
        "Kunt u deze vragen een voor een beantwoorden?", None,
        "Mededeling",
        "De schriftelijke vragen van de leden Sneller, Chakor en Van Nispen over de",
        "belasting op sparen zijn beantwoord middels een brief over box 3 (32 140-200)",
        "op 7 juni 2024.",
    ], 64)
    return make_pdf([page1, page2])


def test_mededeling_with_printed_quirks() -> None:
    d = parse_pdf(notice_pdf(), source="notice.pdf", strict=True)
    assert d.identifier == "ah-tk-20232024-2001"
    assert [(a.person.name, a.party) for a in d.askers] == [
        ("Sneller", "D66"), ("Chakor", "GroenLinks-PvdA"), ("Van Nispen", "SP")]
    assert d.reply is not None and d.reply.kind is ReplyKind.NOTICE
    assert d.reply.received == date(2024, 6, 7)  # "(ontvangen (ontvangen 7 juni 2024)"
    signer, co = d.reply.answerers
    assert (signer.post.label, signer.post.detail, signer.person and signer.person.name) == (
        "Staatssecretaris van Financiën", "Fiscaliteit en Belastingdienst", "Van Rij")
    assert (co.post.label, co.person) == ("Minister voor Rechtsbescherming", None)
    assert d.reply.text == (
        "De schriftelijke vragen van de leden Sneller, Chakor en Van Nispen over de belasting "
        "op sparen zijn beantwoord middels een brief over box 3 (32 140-200) op 7 juni 2024.")
    assert d.answers == ()
    q = {q.number: q for q in d.questions}
    assert list(q) == ["1", "2", "7", "8", "9", "10", "11"]
    assert (q["9"].text, q["11"].text) == ("Wie voert de wet uit?",
                                         "Kunt u deze vragen een voor een beantwoorden?")
    assert q["8"].text == "Wat kost de wet per m2?"  # a superscript that is no footnote marker
    assert q["2"].text.endswith("rendement en dat de herstelwetgeving daarom snel moet komen?")
    assert q["2"].location.pages == (1, 2)
    (note,) = q["1"].footnotes
    assert note.references == ("https://nos.nl/artikel/2519000-sparen-wordt-duurder-in-box-3",)
    assert q["1"].text == "Kent u het bericht «Sparen wordt duurder»?"
    assert not any("12" in x.text for x in d.questions)  # the margin number


def test_a_page_without_text_is_an_issue() -> None:
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(source("ah-tk-20232024-1076").read_bytes())))
    writer.add_blank_page(595, 842)
    data = io.BytesIO()
    writer.write(data)
    d = parse_pdf(data.getvalue(), source="scan.pdf")
    assert [i.message for i in d.issues] == [
        "page 3 has no text (a scanned page?); its content is missing"]
    with pytest.raises(ParseError, match="page 3"):
        parse_pdf(data.getvalue(), source="scan.pdf", strict=True)


def test_pdf_protected_only_against_copying_is_read() -> None:
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(source("ah-tk-20232024-1949").read_bytes())))
    writer.encrypt("", "owner-secret")
    data = io.BytesIO()
    writer.write(data)
    assert len(parse_pdf(data.getvalue()).questions) == 5


# ---------------------------------------------------------------- bad input


def _pdf(build: str) -> bytes:
    published = source("ah-tk-20232024-1076").read_bytes()
    if build == "truncated":
        return published[: len(published) // 2]
    if build == "end cut off":
        return published[:-10]
    writer = PdfWriter()
    if build == "encrypted":
        writer.append(PdfReader(io.BytesIO(published)))
        writer.encrypt("secret")
    elif build == "blank":
        writer.add_blank_page(595, 842)
    data = io.BytesIO()
    writer.write(data)
    if build == "not kamervragen":
        return make_pdf([column(["Jaarverslag 2023 van de Stichting Voorbeeld", None,
                                 "Inleiding", "Dit verslag beschrijft het jaar 2023."], 100)])
    if build == "garbage":
        return b"%PDF-1.7\n" + b"\x00garbage" * 50 + b"\n%%EOF\n"
    return data.getvalue()


BAD = {
    "truncated": "truncated PDF",
    "end cut off": "truncated PDF",
    "encrypted": "encrypted PDF: it needs a password",
    "blank": "page 1: no text on any of the 1 page",
    "not kamervragen": "not a Kamervragen document",
    "garbage": "damaged PDF",
}


@pytest.mark.parametrize(("build", "message"), BAD.items())
def test_bad_pdf_raises_parse_error(build: str, message: str) -> None:
    with pytest.raises(ParseError, match=message) as info:
        parse_pdf(_pdf(build), source="bad.pdf")
    assert str(info.value).startswith("bad.pdf:")


@pytest.mark.parametrize(("build", "message"), BAD.items())
def test_bad_pdf_exits_2_without_output(tmp_path: Path, build: str, message: str) -> None:
    pdf, out = tmp_path / "bad.pdf", tmp_path / "out.ttl"
    pdf.write_bytes(_pdf(build))
    result = CliRunner().invoke(cli.main, ["convert", str(pdf), "-o", str(out)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_cli_converts_a_published_pdf(tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    result = CliRunner().invoke(cli.main, ["convert", str(source("ah-tk-20232024-1292")),
                                           "-o", str(out), "--validate", "--strict"])
    assert result.exit_code == 0, result.output
    assert "Zie het antwoord op vraag 7." in out.read_text(encoding="utf-8")


# ---------------------------------------------------------------- shared helpers the PDFs need


@pytest.mark.parametrize(("lines", "joined"), [
    (["www.internetconsultatie.nl/huisvesting_", "evacuees/b1"],
     "www.internetconsultatie.nl/huisvesting_evacuees/b1"),
    (["https://www.movisie.nl/files/220315_%20Regenboogbeleid%20provincies", "%202022.pdf"],
     "https://www.movisie.nl/files/220315_%20Regenboogbeleid%20provincies%202022.pdf"),
    (["(https://www.hartvannederland.nl/regio/overijssel/", "sinterklaasintocht-in-enter)."],
     "(https://www.hartvannederland.nl/regio/overijssel/sinterklaasintocht-in-enter)."),
    (["zie www.example.nl.", "Dit is een nieuwe zin."],
     "zie www.example.nl. Dit is een nieuwe zin."),
    (["het bestand_", "naam"], "het bestand_ naam"),
])
def test_join_lines_rejoins_urls_only(lines: list[str], joined: str) -> None:
    assert join_lines(lines) == joined
