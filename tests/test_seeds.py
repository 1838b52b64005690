"""The acceptance checks for the two seed documents, asked in SPARQL with the contract terms."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kv2rdf import convert, validate
from tests.helpers import ROOT

PREFIXES = """
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX elidl: <http://data.europa.eu/eli/eli-draft-legislation-ontology#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
PREFIX kv: <https://w3id.org/kv2rdf/def#>
PREFIX kvrol: <https://w3id.org/kv2rdf/def/rol/>
"""
ID = "https://w3id.org/kv2rdf/id/"


def rows(graph: Graph, query: str) -> list[tuple[str, ...]]:
    return sorted(tuple(str(v) for v in row) for row in graph.query(PREFIXES + query))


@pytest.fixture(scope="module")
def aanhangsel() -> Graph:
    return convert(ROOT / "examples" / "aanhangsel-1064.md")


@pytest.fixture(scope="module")
def mededeling() -> Graph:
    return convert(ROOT / "examples" / "mededeling-2024Z02569.txt")


def test_aanhangsel_questions(aanhangsel: Graph) -> None:
    found = rows(aanhangsel, f"""SELECT ?n ?t WHERE {{ ?q a kv:Question ; eli:number ?n ;
        schema:text ?t ; eli:is_part_of <{ID}kamervraag/ah-tk-20232024-1064> }}""")
    assert sorted(int(n) for n, _ in found) == list(range(1, 10))
    texts = dict(found)
    assert texts["1"].startswith("Zijn er op uw ministerie bijeenkomsten georganiseerd")
    assert texts["2"] == "Zo ja, wat was de aanleiding c.q. het doel van deze bijeenkomsten?"
    assert texts["9"] == ("Wilt u deze vragen als verantwoordelijk Minister separaat en "
                          "uitsluitend voor uw eigen ministerie beantwoorden?")


def test_aanhangsel_grouped_answers(aanhangsel: Graph) -> None:
    found = rows(aanhangsel, """SELECT ?label (GROUP_CONCAT(?n; separator=",") AS ?ns) WHERE {
        ?a a kv:Answer ; eli:number ?label ; elidl:answers_to ?q . ?q eli:number ?n }
        GROUP BY ?label""")
    grouped = {label: sorted(ns.split(","), key=int) for label, ns in found}
    assert len(grouped) == 7
    assert grouped["1 en 2"] == ["1", "2"]
    assert grouped["6 en 7"] == ["6", "7"]


def test_aanhangsel_people_and_posts(aanhangsel: Graph) -> None:
    askers = rows(aanhangsel, """SELECT ?name ?party WHERE { ?w a kv:WrittenQuestions ;
        kv:participation ?p . ?p elidl:participation_role kvrol:indiener ;
        elidl:had_participant_person/foaf:familyName ?name ;
        elidl:participation_in_name_of/skos:altLabel ?party }""")
    assert askers == [("Erdmans", "JA21")]
    posts = rows(aanhangsel, """SELECT ?label WHERE { ?w a kv:WrittenQuestions ;
        kv:participation ?p . ?p elidl:participation_role kvrol:geadresseerde ;
        elidl:had_participant_organization/skos:prefLabel ?label }""")
    assert len(posts) == 12
    assert ("Minister-President",) in posts
    assert ("Minister van Landbouw, Natuur en Voedselkwaliteit",) in posts
    answerer = rows(aanhangsel, """SELECT ?name ?post WHERE { ?d a kv:AnswerDocument ;
        kv:participation ?p . ?p elidl:participation_role kvrol:beantwoorder ;
        elidl:had_participant_person/foaf:familyName ?name ;
        elidl:participation_in_name_of/skos:prefLabel ?post }""")
    assert answerer == [("Helder", "Minister van Volksgezondheid, Welzijn en Sport")]


def test_aanhangsel_dates_and_references(aanhangsel: Graph) -> None:
    dates = rows(aanhangsel, """SELECT ?q ?a WHERE { ?w a kv:WrittenQuestions ;
        dct:dateSubmitted ?q . ?d a kv:AnswerDocument ; dct:dateSubmitted ?a }""")
    assert dates == [("2024-01-29", "2024-02-16")]
    refs = rows(aanhangsel, "SELECT ?r WHERE { ?d a kv:AnswerDocument ; dct:references ?r }")
    assert [r.rsplit("-", 1)[1] for (r,) in refs] == ["1047", "1059", "1060", "1061", "1062",
                                                      "1063"]
    assert all(r.startswith("https://zoek.officielebekendmakingen.nl/ah-tk-20232024-")
               for (r,) in refs)


def test_answer_5_refers_to_the_answer_to_question_8(aanhangsel: Graph) -> None:
    found = rows(aanhangsel, """SELECT ?n WHERE { ?a a kv:Answer ; eli:number "5" ;
        kv:refersToAnswer/elidl:answers_to/eli:number ?n }""")
    assert found == [("8",)]


def test_mededeling(mededeling: Graph) -> None:
    qs = f"<{ID}kamervraag/tk/2024Z02569>"
    assert len(rows(mededeling, f"SELECT ?q WHERE {{ {qs} eli:has_part ?q }}")) == 13
    askers = rows(mededeling, f"""SELECT ?name ?party WHERE {{ {qs} kv:participation ?p .
        ?p elidl:had_participant_person/foaf:familyName ?name ;
        elidl:participation_in_name_of/skos:altLabel ?party }}""")
    # the fracties by their short names; printed as "GroenLinks-PvdA", "Nieuw Sociaal Contract"
    assert askers == [("Chakor", "GL-PvdA"), ("Palmen", "NSC")]
    posts = rows(mededeling, f"""SELECT ?label WHERE {{ {qs} kv:participation ?p .
        ?p elidl:participation_role kvrol:geadresseerde ;
        elidl:had_participant_organization/skos:prefLabel ?label }}""")
    assert posts == [("Minister van Volksgezondheid, Welzijn en Sport",),
                     ("Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties",)]
    notice = rows(mededeling, f"""SELECT ?date ?name ?text ?submitted WHERE {{
        ?m a kv:PostponementNotice ; kv:postponesAnswerTo {qs} ; dct:dateSubmitted ?date ;
        schema:text ?text ; kv:participation/elidl:had_participant_person/foaf:familyName ?name .
        {qs} dct:dateSubmitted ?submitted ; dct:identifier "2024Z02569" }}""")
    ((date, name, text, submitted),) = notice
    assert (date, name, submitted) == ("2024-03-08", "Helder", "2024-02-15")
    assert ("De reden van het uitstel is dat afstemming ten behoeve van de beantwoording meer "
            "tijd vergt.") in text


@pytest.mark.parametrize("name", ["aanhangsel-1064.md", "mededeling-2024Z02569.txt"])
def test_seeds_validate(name: str) -> None:
    report = validate(convert(Path(ROOT / "examples" / name)))
    assert report.conforms, report.text()
