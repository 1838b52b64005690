"""Documents of other kinds in the same series, read from text as other tools render them.

Oral questions (only a header), a single question ("Vraag van …"), a re-issued answer, and
headers as pypdf prints them (words glued at line ends, accents split from their letters).
Each is parsed, mapped and validated against the shipped shapes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from kv2rdf import convert, to_graph, validate
from kv2rdf.errors import ParseError
from kv2rdf.formats import SourceFormat
from kv2rdf.model import Document, QuestionsKind
from kv2rdf.namespaces import ELI, KV, KVDOC
from kv2rdf.parsers import parse
from tests.helpers import assert_isomorphic

ID = "https://w3id.org/kv2rdf/id/"
PREAMBLE = """Tweede Kamer der Staten-Generaal
2
Vergaderjaar 2023–2024 Aanhangsel van de Handelingen
Vragen gesteld door de leden der Kamer, met de daarop door de
regering gegeven antwoorden
{number}
"""


def text(body: str, number: str = "2001", *, strict: bool = True) -> Document:
    data = (PREAMBLE.format(number=number) + body).encode()
    return parse(data, fmt=SourceFormat.TEXT, source=f"ah-{number}.txt", strict=strict)


def conforms(graph: Graph) -> None:
    report = validate(graph)
    assert report.conforms, report.text()


ORAL = """Mondelinge vragen van het lid Omtzigt (Nieuw Sociaal Contract) aan de Minister van
Financiën overde hersteloperatie toeslagen (ingezonden 12 maart 2024).
"""


def test_oral_questions_are_converted_as_their_own_kind() -> None:
    d = text(ORAL)
    assert d.kind is QuestionsKind.ORAL
    assert d.questions == () and d.reply is None and d.issues == ()
    assert d.title == ("Mondelinge vragen van het lid Omtzigt (Nieuw Sociaal Contract) aan de "
                       "Minister van Financiën over de hersteloperatie toeslagen")
    assert [a.person.name for a in d.askers] == ["Omtzigt"]
    assert [p.label for p in d.addressees] == ["Minister van Financiën"]
    assert d.submitted == date(2024, 3, 12)
    g = to_graph(d)
    work = URIRef(ID + "kamervraag/ah-tk-20232024-2001")
    assert set(g.objects(work, RDF.type)) == {ELI.Work, KV.OralQuestions}
    assert set(g.objects(work, ELI.work_type)) == {KVDOC["mondelinge-vragen"]}
    assert not list(g.objects(work, ELI.has_part))
    assert len(list(g.objects(work, KV.participation))) == 2
    conforms(g)


def test_oral_questions_without_a_date_are_converted() -> None:
    d = text(ORAL.replace(" (ingezonden 12 maart 2024)", ""))
    assert d.kind is QuestionsKind.ORAL and d.submitted is None
    conforms(to_graph(d))


def test_written_questions_without_questions_are_still_refused() -> None:
    with pytest.raises(ParseError, match="no 'Vraag N' questions"):
        text(ORAL.replace("Mondelinge vragen", "Vragen"))


SINGLE = """Vraag van het lid Bikker (ChristenUnie) aan de Staatsecretaris van Volksgezondheid
Welzijn en Sport over de wachttijden in de jeugdzorg (ingezonden 2 mei 2024).
Antwoord van Staatssecretaris Maarten van Ooijen (Volksgezondheid, Welzijn en
Sport)(ontvangen (ontvangen 27 mei 2024).
{question}
Antwoord
De wachttijden zijn in 2023 gedaald; zie de monitor die ik u op 1 mei stuurde.
"""


@pytest.mark.parametrize("label", ["Vraag\n", "Vraag 1\n", ""])
def test_single_question_with_or_without_its_label(label: str) -> None:
    d = text(SINGLE.format(question=label + "Hoe lang wachten kinderen op jeugdzorg?"))
    assert [(q.number, q.text) for q in d.questions] == [
        ("1", "Hoe lang wachten kinderen op jeugdzorg?")]
    assert [(a.question_numbers, a.text) for a in d.answers] == [
        (("1",), "De wachttijden zijn in 2023 gedaald; zie de monitor die ik u op 1 mei "
                 "stuurde.")]
    assert d.reply is not None and d.reply.received == date(2024, 5, 27)
    (addressee,) = d.addressees
    (answerer,) = d.reply.answerers
    assert addressee == answerer.post  # the typo'd and the correct printing: one post
    g = to_graph(d)
    post = URIRef(ID + "post/staatssecretaris-van-volksgezondheid-welzijn-en-sport")
    assert [str(x) for x in g.objects(post, SKOS.prefLabel)] == [
        "Staatssecretaris van Volksgezondheid, Welzijn en Sport"]
    conforms(g)


REISSUED = """Vragen van de leden Sneller , Bamenga , Rooderkerk (allen D66) en Gabriëls
(GroenLinks-PvdA) aan de Minister van Justitie en Veiligheid over het bericht «Slachtoffers
wachten lang» (ingezonden 27 augustus2024).
Antwoord van Minister Van Weel (Justitie en Veiligheid)(ontvangen 20 september 2024).
{note}
Vraag 1
Kent u het bericht?
Antwoord 1
Ja.
"""


@pytest.mark.parametrize("note", [
    "Deze versie vervangt de eerder gepubliceerde versie (Aanhangsel Handelingen II 2023/24, "
    "nr. 1999).",
    "Een eerdere versie van dit antwoord (nr. 1999) is offline gehaald.",
    "Deze versie vervangt ah-tk-20232024-1999.",
])
def test_reissued_answer_names_the_answer_it_replaces(note: str) -> None:
    d = text(REISSUED.format(note=note))
    assert [(a.person.name, a.party) for a in d.askers] == [
        ("Sneller", "D66"), ("Bamenga", "D66"), ("Rooderkerk", "D66"),
        ("Gabriëls", "GroenLinks-PvdA")]
    assert d.title.startswith("Vragen van de leden Sneller, Bamenga, Rooderkerk (allen D66) en "
                              "Gabriëls (GroenLinks-PvdA) aan de Minister")
    assert d.submitted == date(2024, 8, 27)
    assert d.reply is not None and d.reply.replaces == "ah-tk-20232024-1999"
    g = to_graph(d)
    assert list(g.objects(URIRef(ID + "antwoord/ah-tk-20232024-2001"), DCTERMS.replaces)) == [
        URIRef(ID + "antwoord/ah-tk-20232024-1999")]
    conforms(g)


def test_reissue_without_a_number_is_reported() -> None:
    d = text(REISSUED.format(note="Deze versie vervangt de eerder gepubliceerde versie."),
             strict=False)
    assert d.reply is not None and d.reply.replaces is None
    assert any("re-issued" in i.message for i in d.issues)


def test_an_answer_that_mentions_a_replacing_law_is_no_reissue() -> None:
    d = text(REISSUED.format(note="").replace(
        "Ja.", "Ja. De nieuwe wet vervangt de Wet op de rechtsbijstand (nr. 12)."))
    assert d.reply is not None and d.reply.replaces is None and d.issues == ()


def test_oral_questions_golden_case() -> None:
    case = Path(__file__).parents[1] / "cases" / "text-pypdf-mondelinge-vragen"
    graph = convert(case / "source.txt")
    assert_isomorphic(graph, Graph().parse(case / "expected.ttl"))
    conforms(graph)
