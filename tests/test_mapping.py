"""Mapping hand-built documents to RDF: IRIs, types, roles, footnotes (no parsing involved)."""

from __future__ import annotations

from datetime import date

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, RDF, SKOS, XSD

from kv2rdf.mapping import to_graph
from kv2rdf.model import (
    Answer,
    Answerer,
    Asker,
    Document,
    Footnote,
    Person,
    Post,
    Question,
    Reply,
    ReplyKind,
)
from kv2rdf.namespaces import ELI, ELI_DL, KV, KVROL, SCHEMA, TOOI

ID = "https://w3id.org/kv2rdf/id/"
VWS = Post("Minister", "van", "Volksgezondheid, Welzijn en Sport", "Volksgezondheid, Welzijn "
           "en Sport")
NOTE = Footnote("1", "NOS, https://nos.nl/artikel/1", ("https://nos.nl/artikel/1",))


def document(**changes: object) -> Document:
    base = Document(
        source="/some/where/ah-tk-20232024-9.txt", source_format="text",
        title="Vragen van het lid Jansen (VVD) aan de Minister van VWS over iets",
        subject="iets", identifier="ah-tk-20232024-9", submitted=date(2024, 1, 2),
        askers=(Asker(Person("Jansen", "Jansen"), "VVD"),
                Asker(Person("Inge van Dijk", "van Dijk", "Inge"), "CDA")),
        addressees=(VWS,),
        questions=(Question("1", 1, "Klopt het?", (NOTE,)), Question("2", 2, "Waarom?")),
        reply=Reply(ReplyKind.ANSWER, (Answerer(VWS, Person("Helder", "Helder")),
                                       Answerer(Post("Minister", "voor", "Nieuw Beleid"))),
                    date(2024, 1, 20), ("ah-tk-20232024-1",)),
        answers=(Answer("1", 1, ("1",), "Ja."), Answer("2", 2, ("2",), None, ("1",))),
        digest="ab" * 32)
    return Document(**{**{f: getattr(base, f) for f in base.__dataclass_fields__}, **changes})


def test_iris_keyed_by_oep_id_and_types() -> None:
    g = to_graph(document())
    qs = URIRef(ID + "kamervraag/ah-tk-20232024-9")
    ad = URIRef(ID + "antwoord/ah-tk-20232024-9")
    assert (qs, RDF.type, KV.WrittenQuestions) in g
    assert (qs, RDF.type, ELI.Work) in g
    assert (URIRef(f"{qs}/vraag/2"), ELI.is_part_of, qs) in g
    assert (ad, ELI_DL.answers_to, qs) in g
    assert (URIRef(f"{ad}/onderdeel/1"), ELI_DL.answers_to, URIRef(f"{qs}/vraag/1")) in g
    assert (URIRef(f"{ad}/onderdeel/2"), KV.refersToAnswer, URIRef(f"{ad}/onderdeel/1")) in g
    assert (qs, DCTERMS.dateSubmitted, Literal(date(2024, 1, 2), datatype=XSD.date)) in g
    assert (ad, DCTERMS.references,
            URIRef("https://zoek.officielebekendmakingen.nl/ah-tk-20232024-1")) in g


def test_zaaknummer_keys_the_question_set_and_the_case() -> None:
    g = to_graph(document(zaaknummer="2024Z00001"))
    qs = URIRef(ID + "kamervraag/tk/2024Z00001")
    assert (qs, DCTERMS.identifier, Literal("2024Z00001")) in g
    assert (URIRef(ID + "zaak/tk/2024Z00001"), ELI_DL.involved_work, qs) in g


def test_roles_people_parties_posts() -> None:
    g = to_graph(document())
    qs = ID + "kamervraag/ah-tk-20232024-9"
    indiener = URIRef(qs + "/deelname/indiener/jansen")
    assert (indiener, ELI_DL.participation_role, KVROL.indiener) in g
    assert (indiener, ELI_DL.participation_in_name_of, URIRef(ID + "fractie/naam/vvd")) in g
    assert (URIRef(qs + "/deelname/medeindiener/van-dijk"), ELI_DL.had_participant_person,
            URIRef(ID + "persoon/naam/van-dijk")) in g
    person = URIRef(ID + "persoon/naam/van-dijk")
    assert (person, FOAF.givenName, Literal("Inge")) in g
    post = URIRef(ID + "post/minister-van-volksgezondheid-welzijn-en-sport")
    assert (post, ORG.postIn, TOOI.mnre1025) in g
    assert (post, SKOS.prefLabel, Literal("Minister van Volksgezondheid, Welzijn en Sport",
                                          lang="nl")) in g
    unknown = URIRef(ID + "post/minister-voor-nieuw-beleid")
    assert (unknown, RDF.type, ORG.Post) in g
    assert (unknown, ORG.postIn, None) not in g
    co = URIRef(ID + "antwoord/ah-tk-20232024-9/deelname/beantwoorder/minister-voor-nieuw-beleid")
    assert (co, ELI_DL.had_participant_organization, unknown) in g
    assert (co, ELI_DL.had_participant_person, None) not in g


def test_footnotes_are_resources_of_their_item() -> None:
    g = to_graph(document())
    q1 = URIRef(ID + "kamervraag/ah-tk-20232024-9/vraag/1")
    note = URIRef(f"{q1}/noot/1")
    assert (q1, KV.hasFootnote, note) in g
    assert (note, RDF.type, KV.Footnote) in g
    assert (note, DCTERMS.references, URIRef("https://nos.nl/artikel/1")) in g
    assert (note, SCHEMA.text, Literal(NOTE.text, lang="nl")) in g


def test_notice_without_ah_id_hangs_under_its_question_set() -> None:
    reply = Reply(ReplyKind.NOTICE, (Answerer(VWS, Person("Helder", "Helder")),),
                  date(2024, 3, 8), text="Het antwoord komt later.")
    g = to_graph(document(identifier=None, zaaknummer="2024Z02569", reply=reply, answers=()))
    notice = URIRef(ID + "kamervraag/tk/2024Z02569/uitstel/2024-03-08")
    assert (notice, KV.postponesAnswerTo, URIRef(ID + "kamervraag/tk/2024Z02569")) in g
    assert (notice, SCHEMA.text, Literal("Het antwoord komt later.", lang="nl")) in g


def test_without_any_identifier_the_content_hash_keys_the_set() -> None:
    g = to_graph(document(identifier=None, reply=None, answers=()))
    assert (URIRef(ID + "kamervraag/bron/" + "ab" * 8), RDF.type, KV.WrittenQuestions) in g


def test_base_is_configurable() -> None:
    g = to_graph(document(), base="https://data.example.org/kv")
    assert (URIRef("https://data.example.org/kv/id/kamervraag/ah-tk-20232024-9"), RDF.type,
            KV.WrittenQuestions) in g


def test_source_named_without_local_path() -> None:
    g = to_graph(document())
    titles = {str(o) for o in g.objects(None, DCTERMS.title) if "/" in str(o)}
    assert not titles
    assert (None, DCTERMS.title, Literal("ah-tk-20232024-9.txt")) in g
