"""The OEP metadata record: reading it, applying it, and finding it beside a source."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from kv2rdf import cli
from kv2rdf.errors import ParseError
from kv2rdf.namespaces import KV
from kv2rdf.parsers.metadata import apply_metadata, from_pairs, read_metadata
from kv2rdf.parsers.xml_source import parse_xml
from kv2rdf.pipeline import convert, convert_bytes
from tests.helpers import CASES

FIXTURES = Path(__file__).parent / "fixtures"
ANSWERS = CASES / "xml-ah-tk-20192020-2197"
QUESTIONS = CASES / "xml-kv-tk-2020Z02131"
ID = "https://w3id.org/kv2rdf/id/"


def record(*pairs: tuple[str, str]) -> bytes:
    rows = "".join(f'<metadata name="{n}" scheme="" content="{c}"/>\n' for n, c in pairs)
    return f"<metadata_gegevens>\n{rows}</metadata_gegevens>".encode()


def test_reads_a_real_record() -> None:
    meta = read_metadata((FIXTURES / "koop-related" / "gmb-2024-216934.metadata.xml")
                         .read_bytes(), source="gmb.xml")
    assert meta.identifier == "gmb-2024-216934"
    assert meta.types == ("officiële publicatie", "evenementenvergunning")  # repeated name
    assert meta.issues == () and not meta.is_notice


def test_reads_the_kamervragen_fields() -> None:
    meta = read_metadata((ANSWERS / "metadata.xml").read_bytes(), source="m.xml")
    assert (meta.identifier, meta.zaaknummer, meta.vergaderjaar) == (
        "ah-tk-20192020-2197", "2020Z02131", "2019-2020")
    assert (meta.askers, meta.receivers) == (("W.L. Postma",), ("F.B.J. Grapperhaus",))
    assert (meta.submitted, meta.received, meta.issued) == (
        date(2020, 2, 6), date(2020, 3, 20), date(2020, 3, 24))
    assert meta.types == ("officiële publicatie", "Antwoord", "Aanhangsel van de Handelingen")
    other = read_metadata((QUESTIONS / "metadata.xml").read_bytes(), source="q.xml")
    assert other.zaaknummer == "2020Z02131"  # spelled OVERHEIDop.vraagNummer
    assert other.submitted == date(2020, 2, 6)  # written 06-02-2020
    assert other.answered_in == ("ah-tk-20192020-2197",)


def test_impossible_dates_and_odd_numbers_are_issues() -> None:
    meta = read_metadata(record(("OVERHEIDop.datumIndiening", "2009-02-30"),
                                ("OVERHEIDop.datumOntvangst", "20090"),
                                ("OVERHEIDop.vraagnummer", "KVR27039"),
                                ("DC.type", "Mededeling")), source="m.xml")
    assert (meta.submitted, meta.received, meta.zaaknummer) == (None, None, None)
    assert meta.is_notice
    assert [(i.line, i.message) for i in meta.issues] == [
        (4, "OVERHEIDop.vraagnummer 'KVR27039' is not a TK zaaknummer (YYYYZnnnnn); not used"),
        (2, "OVERHEIDop.datumIndiening '2009-02-30' is not a valid date; ignored"),
        (3, "OVERHEIDop.datumOntvangst '20090' is not a valid date; ignored")]
    with pytest.raises(ParseError, match=r"^m\.xml:4: OVERHEIDop\.vraagnummer"):
        apply_metadata(parse_xml((ANSWERS / "source.xml").read_bytes()), meta, strict=True)


def test_not_a_record() -> None:
    with pytest.raises(ParseError, match=r"^x\.xml:2: not a metadata\.xml record: the root is "
                                         r"<officiele-publicatie>"):
        read_metadata((FIXTURES / "koop-related" / "gmb-2017-100002.xml").read_bytes(),
                      source="x.xml")


def test_record_fills_gaps_and_reports_disagreement() -> None:
    doc = parse_xml((ANSWERS / "source.xml").read_bytes(), source="s.xml")
    assert doc.issued is None
    meta = from_pairs([("DC.identifier", "ah-tk-20192020-2197", 1),
                       ("OVERHEIDop.vraagnummer", "2020Z02132", 2),
                       ("DCTERMS.issued", "2020-03-24", 3),
                       ("OVERHEIDop.datumIndiening", "2020-02-07", 4)], source="m.xml")
    done = apply_metadata(doc, meta)
    assert (done.issued, done.zaaknummer, done.submitted) == (
        date(2020, 3, 24), "2020Z02132", date(2020, 2, 6))
    assert [i.message for i in done.issues] == [
        "the metadata gives zaaknummer 2020Z02132; the document said 2020Z02131",
        "OVERHEIDop.datumIndiening 2020-02-07 differs from the ingezonden date 2020-02-06 in "
        "the document; the document's date is kept"]


def test_record_of_another_publication_is_not_used() -> None:
    doc = parse_xml((ANSWERS / "source.xml").read_bytes(), source="s.xml")
    meta = from_pairs([("DC.identifier", "ah-tk-20192020-2198", 1),
                       ("DCTERMS.issued", "2020-03-24", 2)], source="m.xml")
    done = apply_metadata(doc, meta)
    assert done.issued is None
    assert [i.message for i in done.issues] == [
        "the metadata describes ah-tk-20192020-2198, but the document is ah-tk-20192020-2197; "
        "metadata not used"]


def test_record_beside_the_source_is_used(tmp_path: Path) -> None:
    issued = (URIRef(ID + "antwoord/ah-tk-20192020-2197"), DCTERMS.issued,
              Literal(date(2020, 3, 24), datatype=XSD.date))
    source = tmp_path / "ah-tk-20192020-2197.xml"
    shutil.copy(ANSWERS / "source.xml", source)
    assert issued not in convert(source)
    shutil.copy(ANSWERS / "metadata.xml", tmp_path / "ah-tk-20192020-2197.metadata.xml")
    assert issued in convert(source)
    _, graph = convert_bytes(source.read_bytes(), source=str(source),
                             metadata=(ANSWERS / "metadata.xml").read_bytes())
    assert issued in graph


def test_cli_metadata_option(tmp_path: Path) -> None:
    source = tmp_path / "q.xml"
    shutil.copy(QUESTIONS / "source.xml", source)
    source.write_bytes(source.read_bytes().replace(b"<kamervraagnummer>2020Z02131", b"<x>"
                                                   ).replace(b"</kamervraagnummer>", b"</x>"))
    out = tmp_path / "out.ttl"
    result = CliRunner().invoke(cli.main, ["convert", str(source), "-o", str(out),
                                           "--metadata", str(QUESTIONS / "metadata.xml")])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(out)
    assert (URIRef(ID + "kamervraag/tk/2020Z02131"), RDF.type, KV.WrittenQuestions) in graph
    result = CliRunner().invoke(cli.main, ["convert", str(source), "--metadata",
                                           str(FIXTURES / "koop-related" / "gmb-2017-100002.xml")])
    assert result.exit_code == 2
    assert "not a metadata.xml record" in result.stderr
