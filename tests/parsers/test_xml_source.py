"""Official KOOP XML: real fragments in the documented wrapper, old element names, hostile input."""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF

from kv2rdf import cli
from kv2rdf.errors import ParseError
from kv2rdf.formats import SourceFormat, detect
from kv2rdf.mapping import to_graph
from kv2rdf.model import ReplyKind
from kv2rdf.namespaces import ELI, KV, OA, SCHEMA
from kv2rdf.parsers import parse
from kv2rdf.parsers.text_source import parse_text
from kv2rdf.parsers.xml_source import parse_xml
from kv2rdf.pipeline import convert
from tests.helpers import CASES, assert_isomorphic

FIXTURES = Path(__file__).parent / "fixtures"  # real material, see its README.md
FRAGMENTS = FIXTURES / "xml-fragments"
REAL = ["ah-tk-20172018-1547", "ah-tk-20182019-3616", "ah-tk-20192020-2197",
        "ah-tk-20202021-876", "ah-tk-20222023-2824", "ah-tk-20232024-260"]
OEP = "https://zoek.officielebekendmakingen.nl/"
ID = "https://w3id.org/kv2rdf/id/"

HEAD = ('<kamervraagomschrijving type="vraag">Vragen van het lid <naam><achternaam>Jansen'
        '</achternaam></naam> (VVD) aan de Minister van Financiën over <kamervraagonderwerp>een '
        'voorbeeld</kamervraagonderwerp> (ingezonden <datum isodatum="2024-02-01">1 februari '
        '2024</datum>).</kamervraagomschrijving>\n')
REPLY = ('<kamervraagomschrijving type="antwoord">Antwoord van Minister <naam><achternaam>Van '
         'Dam</achternaam></naam> (Financiën) (ontvangen <datum isodatum="2024-02-20">20 februari'
         ' 2024</datum>).</kamervraagomschrijving>\n')


def wrap(body: str, *, head: str = HEAD + REPLY, kop: str = "", meta: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<officiele-publicatie><metadata>{meta}'
            f'</metadata>\n<kamervragen>\n{kop}{head}{body}\n</kamervragen></officiele-publicatie>'
            ).encode()


def case(name: str) -> Path:
    return CASES / f"xml-{name}" / "source.xml"


def parse_case(name: str):  # type: ignore[no-untyped-def]
    path = case(name)
    return parse_xml(path.read_bytes(), source=str(path))


def fragment_root(name: str) -> etree._Element:
    text = (FRAGMENTS / f"{name}.vraag-antwoord.fragments.xml").read_text(encoding="utf-8")
    return etree.fromstring(f"<r>{text}</r>".encode())


# --- the six real documents -------------------------------------------------------------

@pytest.mark.parametrize("name", REAL)
def test_cases_hold_the_real_fragments_verbatim(name: str) -> None:
    fragments = (FRAGMENTS / f"{name}.vraag-antwoord.fragments.xml").read_text(encoding="utf-8")
    assert fragments.rstrip() in case(name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", REAL)
def test_every_vraag_and_antwoord_of_the_real_fragments_is_kept(name: str) -> None:
    root = fragment_root(name)
    labels = {kind: [" ".join(e.findtext("nr").split()) for e in root.iter(kind)]  # type: ignore[union-attr]
              for kind in ("vraag", "antwoord")}
    numbers = [n for lab in labels["vraag"] for n in re.findall(r"\d+", lab)]
    doc = parse_case(name)
    assert [q.number for q in doc.questions] == numbers
    assert [a.label for a in doc.answers] == [lab.removeprefix("Antwoord ")
                                              for lab in labels["antwoord"]]
    assert {n for a in doc.answers for n in a.question_numbers} == set(numbers)
    assert all(q.text and a.text for q in doc.questions for a in doc.answers)
    assert doc.issues == ()


def test_all_48_questions_and_answers_of_1547() -> None:
    doc = parse_case("ah-tk-20172018-1547")
    assert len(doc.questions) == 48 and len(doc.answers) == 48
    assert [q.position for q in doc.questions] == list(range(1, 49))
    assert doc.identifier == "ah-tk-20172018-1547"
    assert doc.zaaknummer == "2018Z03521"  # from the ids of the notes copied from the questions
    assert doc.submitted == date(2018, 2, 28)
    assert doc.reply is not None and doc.reply.received == date(2018, 3, 23)


def test_grouped_label_gives_each_question_its_paragraph() -> None:
    doc = parse_case("ah-tk-20192020-2197")
    texts = {q.number: q.text for q in doc.questions}
    assert texts["5"].startswith("Bent u het ermee eens dat als de ene overheidsinstantie")
    assert texts["6"].startswith("Bent u bereid om in gesprek te gaan")
    grouped = next(a for a in doc.answers if a.label == "5, 6")
    assert grouped.question_numbers == ("5", "6")
    assert next(a for a in doc.answers if a.label == "2").refers_to == ("8",)


@pytest.mark.parametrize("name", REAL)
def test_every_footnote_with_its_urls_and_documents(name: str) -> None:
    graph = convert(case(name))
    notes = {str(graph.value(n, ELI.number)): n for n in graph.subjects(RDF.type, KV.Footnote)}
    for noot in fragment_root(name).iter("noot"):
        number = noot.findtext("noot.nr")
        assert number in notes, number
        iri = notes[number]
        links = {x.get("doc") if x.get("soort") == "URL" else OEP + str(x.get("doc"))
                 for x in noot.iter("extref")}
        refs = {str(r) for r in graph.objects(iri, DCTERMS.references)}
        assert links <= refs, (number, links, refs)
        item = graph.value(None, KV.hasFootnote, iri)
        assert links <= {str(r) for r in graph.objects(item, DCTERMS.references)}
        text = str(graph.value(iri, SCHEMA.text))
        assert " ".join("".join(noot.find("noot.al").itertext()).split())[:30] in text  # type: ignore[union-attr]
    assert len(notes) == len(list(fragment_root(name).iter("noot")))


def test_footnote_texts_leave_the_item_text() -> None:
    doc = parse_case("ah-tk-20202021-876")
    q1 = doc.questions[0]
    assert q1.text == ("Herinnert u zich de oproep van de Europese Commissie van 15 juli jl. over "
                       "onder andere het voorbereiden op het griepseizoen tijdens de coronapandemie"
                       " en de schriftelijke vragen die u heeft beantwoord hieromtrent?")
    assert [f.number for f in q1.footnotes] == ["1", "2"]
    assert q1.footnotes[1].references == (OEP + "ah-tk-20192020-3975",)
    note5 = next(f for a in doc.questions for f in a.footnotes if f.number == "5")
    assert note5.references == ("https://www.noordhollandsdagblad.nl/cnt/dmf20201022_67622231/"
                                "esther-stond-voor-niks-in-de-rij-voor-een-griepprik-bij-de-"
                                "letter-v-waren-ze-op",)


def test_note_with_two_paragraphs() -> None:
    doc = parse_case("ah-tk-20172018-1547")
    note = next(f for q in doc.questions for f in q.footnotes if f.number == "11")
    first, second = note.text.split("\n\n")
    assert first == "Artikel 10 Ontbinding en vernietiging:"
    assert second.startswith("«Indien de tipgever")


def test_lists_are_kept_in_the_text() -> None:
    doc = parse_case("ah-tk-20172018-1547")
    q16 = next(q for q in doc.questions if q.number == "16")
    intro, items = q16.text.split("\n\n")
    assert intro == "Kunt u heel precies aangeven:"
    assert [line[:12] for line in items.split("\n")] == ["– welke cont", "– of er een ",
                                                         "– wie aanwez"]
    a30 = next(a for a in doc.answers if a.label == "30")
    assert a30.text is not None
    paragraphs = a30.text.split("\n\n")
    assert len(paragraphs) == 3
    assert [line[:2] for line in paragraphs[1].split("\n")] == ["a.", "b.", "c."]
    assert "titel XXVIII van het Tweede Boek" in paragraphs[1]  # extref text kept


def test_paragraphs_starting_with_markup_are_kept_and_never_glued() -> None:
    body = ('<vraag><nr>Vraag 1</nr><al><nadruk type="cur">Let op:</nadruk> dit is een vraag'
            '</al><al><extref soort="URL" doc="https://x.nl">x.nl</extref> meldt iets</al>'
            '<al>en nog een alinea in kleine letters?</al></vraag>'
            '<antwoord><nr>Antwoord 1</nr><al>Ja</al></antwoord>')
    (q,) = parse_xml(wrap(body)).questions
    assert q.text == "Let op: dit is een vraag\n\nx.nl meldt iets\n\nen nog een alinea in kleine letters?"


def test_xml_and_text_forms_of_1949_agree() -> None:
    xml = convert(case("ah-tk-20232024-1949"))
    text = convert(CASES / "text-ah-tk-20232024-1949" / "source.txt")

    def content(g: Graph) -> Graph:  # all but provenance, which names the source file
        out = Graph()
        for s, p, o in g:
            if p != PROV.wasDerivedFrom and "/bron" not in f"{s} {o}" and p != OA.hasSource:
                out.add((s, p, o))
        return out

    for g in (xml, text):
        assert len(set(g.subjects(RDF.type, KV.Question))) == 5
        assert len(set(g.subjects(RDF.type, KV.Answer))) == 4
    assert_isomorphic(content(xml), content(text))


def test_questions_notice_and_answer_share_the_question_set_by_zaaknummer() -> None:
    questions = convert(case("kv-tk-2020Z02131"))  # + metadata.xml beside it
    answers = convert(case("ah-tk-20192020-2197"))  # + metadata.xml beside it
    notice = to_graph(parse_xml(wrap(
        '<vraag><nr>Vraag 1</nr><al>Bent u bekend met de uitzending?</al></vraag>'
        '<kamervraagopmerking><al>Mededeling</al><al>De vragen van het lid Postma (CDA) over '
        'gedupliceerde kentekenplaten kunnen tot mijn spijt niet binnen de gebruikelijke termijn '
        'worden beantwoord.</al></kamervraagopmerking>',
        head=HEAD.replace("Jansen", "Postma").replace("(VVD)", "(CDA)") +
        '<kamervraagomschrijving type="antwoord">Mededeling van Minister Grapperhaus (Justitie '
        'en Veiligheid) (ontvangen <datum isodatum="2020-02-27">27 februari 2020</datum>).'
        '</kamervraagomschrijving>',
        meta='<meta name="OVERHEIDop.vraagnummer" content="2020Z02131"/>')))
    qs = URIRef(ID + "kamervraag/tk/2020Z02131")
    assert (qs, RDF.type, KV.WrittenQuestions) in questions
    answer_doc = URIRef(ID + "antwoord/ah-tk-20192020-2197")
    assert (answer_doc, URIRef("http://data.europa.eu/eli/eli-draft-legislation-ontology#"
                               "answers_to"), qs) in answers
    assert (None, KV.postponesAnswerTo, qs) in notice
    assert set(questions.subjects(RDF.type, KV.Question)) == set(
        answers.subjects(RDF.type, KV.Question))


def test_mededeling_becomes_a_notice_with_its_text() -> None:
    doc = parse_xml(wrap('<vraag><nr>Vraag 1</nr><al>Klopt het?</al></vraag>'
                         '<kamervraagopmerking><al>Mededeling</al><al>De vragen kunnen niet '
                         'binnen de termijn worden beantwoord.</al><al>Ik zal ze zo spoedig '
                         'mogelijk beantwoorden.</al></kamervraagopmerking>',
                         head=HEAD + REPLY.replace("Antwoord van", "Mededeling van")))
    assert doc.reply is not None and doc.reply.kind is ReplyKind.NOTICE
    assert doc.reply.text == ("De vragen kunnen niet binnen de termijn worden beantwoord.\n\n"
                              "Ik zal ze zo spoedig mogelijk beantwoorden.")
    assert doc.answers == () and doc.issues == ()


# --- structure variants ------------------------------------------------------------------

def test_older_element_names() -> None:
    data = ('<vraagdoc><vergjaar>2007-2008</vergjaar><omschr>Vragen van het lid Jansen (VVD) '
            'aan de Minister van Financiën over iets (ingezonden 1 februari 2008).</omschr>'
            '<omschr>Antwoord van Minister Bos (Financiën) (ontvangen 20 februari 2008).</omschr>'
            '<body><vragen><vraag><nummer>1</nummer><al>Kent u het bericht?<nootref refid="n1"/>'
            '</al></vraag><toelicht><al>Een toelichting.</al></toelicht></vragen>'
            '<reactie><antwoord><nummer>1</nummer><al>Ja.</al></antwoord></reactie>'
            '<noot id="n1" nr="1">NRC, 1 februari 2008 (www.nrc.nl/x)</noot></body></vraagdoc>')
    doc = parse_xml(data.encode(), source="old.xml")
    (q,) = doc.questions
    assert q.text == "Kent u het bericht?"
    assert q.footnotes[0].text == "NRC, 1 februari 2008 (www.nrc.nl/x)"
    assert q.footnotes[0].references == ("https://www.nrc.nl/x",)
    assert [a.question_numbers for a in doc.answers] == [("1",)]
    assert doc.vergaderjaar == "2007-2008"
    assert [i.message for i in doc.issues] == [
        "<toelicht> is not part of the Kamervragen structure; its text 'Een toelichting.' "
        "is left out"]


def test_unplaced_elements_are_issues_with_their_line_and_strict_raises() -> None:
    data = wrap('<vraag><nr>Vraag 1</nr><al>Klopt het?</al><illustratie/></vraag>\n'
                '<antwoord><nr>Antwoord 1</nr><al>Ja.</al></antwoord>\n<bijlage>Tabel</bijlage>')
    doc = parse_xml(data, source="u.xml")
    assert [(i.line, i.message) for i in doc.issues] == [
        (6, "<illustratie> inside <vraag> has no text; left out"),
        (8, "<bijlage> is not part of the Kamervragen structure; its text 'Tabel' is left out")]
    with pytest.raises(ParseError, match=r"^u\.xml:6: <illustratie>"):
        parse_xml(data, source="u.xml", strict=True)


def test_labels_missing_or_given_as_a_paragraph() -> None:
    body = ('<vraag><al>Vraag 1</al><al>Eerste?</al></vraag>'
            '<vraag><al>Tweede?</al></vraag>'
            '<antwoord><nr status="officieel">Antwoord 1 en 2</nr><al>Ja.</al></antwoord>')
    doc = parse_xml(wrap(body), source="l.xml")
    assert [(q.number, q.text) for q in doc.questions] == [("1", "Eerste?"), ("2", "Tweede?")]
    assert [i.message for i in doc.issues] == [
        "<vraag> without a number in its label (''); it takes the number after the one before"]


def test_isodatum_wins_over_the_printed_date() -> None:
    head = HEAD.replace('isodatum="2024-02-01"', 'isodatum="2024-02-02"') + REPLY.replace(
        'isodatum="2024-02-20"', 'isodatum="2024-02-31"')
    doc = parse_xml(wrap('<vraag><nr>Vraag 1</nr><al>Klopt het?</al></vraag><antwoord><nr>'
                         'Antwoord 1</nr><al>Ja.</al></antwoord>', head=head))
    assert doc.submitted == date(2024, 2, 2)
    assert doc.reply is not None and doc.reply.received == date(2024, 2, 20)
    assert [i.message for i in doc.issues] == [
        "the printed date 2024-02-01 differs from isodatum 2024-02-02; 2024-02-02 is used",
        "datum isodatum='2024-02-31' is not a valid date; the printed date is used"]


def test_eerste_kamer_document_and_number_as_aanhangsel() -> None:
    kop = ('<kamervraagkop><tekstregel inhoud="kameraanduiding">Eerste Kamer der Staten-Generaal'
           '</tekstregel><tekstregel inhoud="vergaderjaar">Vergaderjaar 2008–2009</tekstregel>'
           '</kamervraagkop><kamervraagnummer>14</kamervraagnummer>')
    doc = parse_xml(wrap('<vraag><nr>Vraag 1</nr><al>Klopt het?</al></vraag><antwoord><nr>'
                         'Antwoord 1</nr><al>Ja.</al></antwoord>', kop=kop))
    assert (doc.chamber, doc.identifier, doc.vergaderjaar) == ("ek", "ah-ek-20082009-14",
                                                               "2008-2009")


def test_kv_document_number_is_the_zaaknummer() -> None:
    kop = "<kamervraagnummer>2024Z02569</kamervraagnummer>"
    doc = parse_xml(wrap('<vraag><nr>Vraag 1</nr><al>Klopt het?</al></vraag>', head=HEAD, kop=kop))
    assert (doc.identifier, doc.zaaknummer, doc.reply) == ("kv-tk-2024Z02569", "2024Z02569", None)


# --- refusals and hostile input ------------------------------------------------------------

LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
          + b"".join(b' <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;")
                                                   * 10) for i in range(1, 10))
          + b']>\n<kamervragen>&lol9;</kamervragen>\n')
EXTERNAL = (b'<?xml version="1.0"?>\n<!DOCTYPE kamervragen [\n <!ENTITY xxe SYSTEM '
            b'"file:///etc/passwd">\n]>\n<kamervragen><vraag>&xxe;</vraag></kamervragen>\n')
HUGE = b'<kamervragen><vraag nr="' + b"9" * (11 * 1024 * 1024) + b'"/></kamervragen>'
HOSTILE = {"billion-laughs": (LAUGHS, 2, "declares entities"),
           "external-entity": (EXTERNAL, 2, "declares entities"),
           "huge-attribute": (HUGE, 1, "not well-formed XML")}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_xml_is_refused(name: str) -> None:
    data, line, words = HOSTILE[name]
    start = time.perf_counter()
    with pytest.raises(ParseError, match=rf"^{name}\.xml:{line}: .*{words}"):
        parse_xml(data, source=f"{name}.xml")
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_xml_through_the_cli(name: str, tmp_path: Path) -> None:
    source = tmp_path / f"{name}.xml"
    source.write_bytes(HOSTILE[name][0])
    out = tmp_path / "out.ttl"
    start = time.perf_counter()
    result = CliRunner().invoke(cli.main, ["convert", str(source), "-o", str(out)])
    assert time.perf_counter() - start < 0.9
    assert result.exit_code == 2
    assert str(source) in result.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == [source]


def test_broken_xml_names_source_and_line() -> None:
    with pytest.raises(ParseError, match=r"^b\.xml:3: not well-formed XML: Opening and ending "
                                         r"tag mismatch"):
        parse_xml(b"<kamervragen>\n<vraag>\n<al>x</vraag>\n</kamervragen>", source="b.xml")


def test_metadata_record_given_as_a_source_is_refused(tmp_path: Path) -> None:
    record = CASES / "xml-ah-tk-20192020-2197" / "metadata.xml"
    with pytest.raises(ParseError, match=r"metadata\.xml record .* not a Kamervragen document"):
        parse_xml(record.read_bytes(), source=str(record))
    result = CliRunner().invoke(cli.main, ["convert", str(record)])
    assert result.exit_code == 2 and "not a Kamervragen document" in result.stderr


def test_other_koop_publication_is_refused() -> None:
    path = FIXTURES / "koop-related" / "gmb-2017-100002.xml"
    with pytest.raises(ParseError, match=r"<officiele-publicatie> holds no <kamervragen>"):
        parse_xml(path.read_bytes(), source=str(path))


def test_text_and_xml_parsers_meet_in_the_same_model() -> None:
    text = (CASES / "text-ah-tk-20232024-1949" / "source.txt").read_bytes()
    a = parse_text(text, source="t")
    b = parse_case("ah-tk-20232024-1949")
    assert [(q.number, q.text, q.footnotes) for q in a.questions] == [
        (q.number, q.text, q.footnotes) for q in b.questions]
    assert [(x.label, x.question_numbers, x.text) for x in a.answers] == [
        (x.label, x.question_numbers, x.text) for x in b.answers]
    assert (a.askers, a.addressees, a.submitted, a.identifier) == (
        b.askers, b.addressees, b.submitted, b.identifier)
    assert a.reply is not None and b.reply is not None
    assert (a.reply.answerers, a.reply.received, a.reply.see_also) == (
        b.reply.answerers, b.reply.received, b.reply.see_also)


def test_utf16_xml_is_detected_and_read() -> None:
    text = case("ah-tk-20232024-1949").read_text(encoding="utf-8")
    data = text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    assert detect(data) is SourceFormat.XML
    assert len(parse(data).questions) == 5


# ------------------------------------------------- references in the text, outside notes

def test_kamerstuk_cited_in_a_question_is_a_reference_of_that_question() -> None:
    doc = parse_case("ah-tk-20222023-2824")
    cited = [(q.number, q.references) for q in doc.questions if q.references]
    assert cited == [(cited[0][0], (OEP + "kst-35925-A-68",))]
    q = next(q for q in doc.questions if q.references)
    assert "35 925-A, nr. 68" in q.text  # the printed text stays


def test_links_in_answer_text_and_lists_are_references_of_the_answer() -> None:
    doc = parse_case("ah-tk-20172018-1547")
    cited = {a.label: a.references for a in doc.answers if a.references}
    assert sorted(ref for refs in cited.values() for ref in refs) == [
        "http://maxius.nl/wetboek-van-strafrecht/boek2/titelxxviii/", OEP + "kst-25087-191"]


def test_extref_in_text_and_in_note_of_a_made_document() -> None:
    body = ('<vraag><nr>Vraag 1</nr><al>Kent u de brief (Kamerstuk <extref soort="document" '
            'doc="kst-36200-XIII-12">36 200 XIII, nr. 12</extref>)?<noot id="n1" type="voet">'
            '<noot.nr>1</noot.nr><noot.al>NOS (<extref soort="URL" doc="https://nos.nl/a/1">'
            'nos.nl</extref>)</noot.al></noot></al></vraag>\n'
            '<antwoord><nr>Antwoord 1</nr><al>Ja; zie <extref soort="URL" '
            'doc="www.rijksoverheid.nl/brief">de brief</extref>.</al></antwoord>')
    doc = parse_xml(wrap(body), source="made.xml", strict=True)
    (q,), (a,) = doc.questions, doc.answers
    assert q.references == (OEP + "kst-36200-XIII-12",)  # the note's link stays the note's
    assert q.footnotes[0].references == ("https://nos.nl/a/1",)
    assert a.references == ("https://www.rijksoverheid.nl/brief",)
    g = to_graph(doc)
    answer = URIRef(ID + "antwoord/bron-" + (doc.digest or "")[:16] + "/onderdeel/1")
    iris = {str(o) for o in g.objects(None, DCTERMS.references)}
    assert {OEP + "kst-36200-XIII-12", "https://www.rijksoverheid.nl/brief"} <= iris
    assert set(g.objects(answer, DCTERMS.references)) == {
        URIRef("https://www.rijksoverheid.nl/brief")}


def test_single_question_and_oral_questions_in_older_xml() -> None:
    single = ('<vraagdoc><vergjaar>2007-2008</vergjaar><omschr>Vraag van het lid Jansen (VVD) '
              'aan de Minister van Financiën over iets (ingezonden <datum isodatum="2008-02-01">1 '
              'februari 2008</datum>).</omschr><omschr>Antwoord van Minister Bos (Financiën) '
              '(ontvangen <datum isodatum="2008-02-20">20 februari 2008</datum>).</omschr><body>'
              '<vragen><vraag><nummer>Vraag</nummer><al>Kent u het bericht?</al></vraag></vragen>'
              '<reactie><antwoord><nummer>Antwoord</nummer><al>Ja.</al></antwoord></reactie>'
              '</body></vraagdoc>')
    doc = parse_xml(single.encode(), source="single.xml")
    assert (doc.submitted, doc.reply and doc.reply.received) == (date(2008, 2, 1),
                                                                  date(2008, 2, 20))
    assert [(q.number, q.text) for q in doc.questions] == [("1", "Kent u het bericht?")]
    assert [(a.question_numbers, a.text) for a in doc.answers] == [(("1",), "Ja.")]
    oral = ('<vraagdoc><omschr>Mondelinge vragen van het lid Jansen (VVD) aan de Minister van '
            'Financiën over iets (ingezonden <datum isodatum="2008-02-01">1 februari 2008</datum>'
            ').</omschr><body><vragen/></body></vraagdoc>')
    doc = parse_xml(oral.encode(), source="oral.xml")
    assert (doc.kind.value, doc.submitted, doc.reply, doc.questions) == (
        "mondelinge-vragen", date(2008, 2, 1), None, ())
