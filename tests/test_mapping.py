"""Mapping hand-built documents to RDF: IRIs, types, roles, footnotes (no parsing involved)."""

from __future__ import annotations

from datetime import date

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS, XSD

from kv2rdf.mapping import to_graph
from kv2rdf.model import (
    Answer,
    Answerer,
    Asker,
    Document,
    Footnote,
    Location,
    Person,
    Post,
    Question,
    Reply,
    ReplyKind,
)
from kv2rdf.namespaces import ELI, ELI_DL, KV, KVROL, OA, SCHEMA, TOOI

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
    # no Jansen sat for the VVD: keyed on the printed name and the (known) party
    indiener = URIRef(qs + "/deelname/indiener/jansen-vvd")
    assert (indiener, ELI_DL.participation_role, KVROL.indiener) in g
    assert (indiener, ELI_DL.participation_in_name_of, URIRef(ID + "fractie/vvd")) in g
    assert (indiener, ELI_DL.had_participant_person, URIRef(ID + "persoon/naam/jansen-vvd")) in g
    # Inge van Dijk (CDA) is in the reference data: her Tweede Kamer Persoon id keys her
    tk_id = "1ee767b9-67f3-47e5-9e28-045da1c37b05"
    person = URIRef(ID + "persoon/" + tk_id)
    assert (URIRef(qs + "/deelname/medeindiener/" + tk_id), ELI_DL.had_participant_person,
            person) in g
    assert (person, FOAF.givenName, Literal("Inge")) in g
    assert (person, SKOS.notation, Literal(tk_id, datatype=KV.tkPersoonId)) in g
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


def test_addressee_is_the_ministry_with_its_post() -> None:
    g = to_graph(document())
    part = URIRef(ID + "kamervraag/ah-tk-20232024-9/deelname/geadresseerde/"
                  "minister-van-volksgezondheid-welzijn-en-sport")
    post = URIRef(ID + "post/minister-van-volksgezondheid-welzijn-en-sport")
    organisations = set(g.objects(part, ELI_DL.had_participant_organization))
    assert organisations == {TOOI.mnre1025, post}
    assert (TOOI.mnre1025, RDF.type, ORG.Organization) in g
    assert (part, ELI_DL.had_participant_person, None) not in g


def test_answerer_acts_for_the_ministry_and_holds_the_post() -> None:
    g = to_graph(document())
    part = URIRef(ID + "antwoord/ah-tk-20232024-9/deelname/beantwoorder/wikidata-q110316953")
    post = URIRef(ID + "post/minister-van-volksgezondheid-welzijn-en-sport")
    helder = URIRef(ID + "persoon/wikidata/Q110316953")  # never a member: no TK id
    assert set(g.objects(part, ELI_DL.participation_in_name_of)) == {post, TOOI.mnre1025}
    assert (post, ORG.heldBy, helder) in g
    assert (helder, ORG.holds, post) in g
    # a post answered for without a person is held by nobody
    assert (URIRef(ID + "post/minister-voor-nieuw-beleid"), ORG.heldBy, None) not in g


def test_document_dates_identifiers_and_format() -> None:
    g = to_graph(document(issued=date(2024, 1, 25)))
    qs = URIRef(ID + "kamervraag/ah-tk-20232024-9")
    ad = URIRef(ID + "antwoord/ah-tk-20232024-9")
    assert (qs, ELI.date_document, Literal(date(2024, 1, 2), datatype=XSD.date)) in g
    assert (ad, ELI.date_document, Literal(date(2024, 1, 20), datatype=XSD.date)) in g
    assert (ad, DCTERMS.issued, Literal(date(2024, 1, 25), datatype=XSD.date)) in g
    assert (qs, DCTERMS.issued, None) not in g
    # the questions have an identifier of their own, not the answer's publication
    assert set(g.objects(qs, DCTERMS.identifier)) == {Literal("vragen-ah-tk-20232024-9")}
    assert (qs, SKOS.notation, None) not in g
    assert (ad, DCTERMS.identifier, Literal("ah-tk-20232024-9")) in g
    assert (None, DCTERMS["format"],
            URIRef("http://www.iana.org/assignments/media-types/text/plain")) in g


def test_questions_own_publication_is_their_notation() -> None:
    g = to_graph(document(identifier="kv-tk-2024Z00001", reply=None, answers=(),
                          issued=date(2024, 1, 3)))
    qs = URIRef(ID + "kamervraag/kv-tk-2024Z00001")
    assert (qs, DCTERMS.identifier, Literal("kv-tk-2024Z00001")) in g
    assert (qs, SKOS.notation, Literal("kv-tk-2024Z00001", datatype=KV.oepIdentifier)) in g
    assert (qs, DCTERMS.issued, Literal(date(2024, 1, 3), datatype=XSD.date)) in g


def test_pref_and_alt_labels_differ() -> None:
    g = to_graph(document())
    vvd = URIRef(ID + "fractie/vvd")
    assert (vvd, SKOS.altLabel, Literal("VVD", lang="nl")) in g
    assert (vvd, SKOS.prefLabel,
            Literal("Fractie Volkspartij voor Vrijheid en Democratie", lang="nl")) in g
    assert (vvd, FOAF.name, Literal("Volkspartij voor Vrijheid en Democratie")) in g
    for subject in set(g.subjects(SKOS.prefLabel, None)):
        assert not set(g.objects(subject, SKOS.prefLabel)) & set(g.objects(subject, SKOS.altLabel))


def test_texts_are_normalised() -> None:
    messy = "Klopt  het\u00a0dat de mi\u00adnister\t zegt:  \n– ja;\n\n\n\nof niet? "
    g = to_graph(document(questions=(Question("1", 1, messy), Question("2", 2, "Waarom?"))))
    text = g.value(URIRef(ID + "kamervraag/ah-tk-20232024-9/vraag/1"), SCHEMA.text)
    assert str(text) == "Klopt het dat de minister zegt:\n– ja;\n\nof niet?"


def test_two_renditions_give_each_span_one_source() -> None:
    """The same publication read from two sources: spans are keyed by source."""
    first = to_graph(document(questions=(Question("1", 1, "Klopt het?", location=Location(3)),
                                         Question("2", 2, "Waarom?"))))
    second = to_graph(document(questions=(Question("1", 1, "Klopt  het?", location=Location(9)),
                                          Question("2", 2, "Waarom?")),
                               digest="cd" * 32, source="/else/where/ah-tk-20232024-9.pdf",
                               source_format="pdf"))
    both = first + second
    q1 = URIRef(ID + "kamervraag/ah-tk-20232024-9/vraag/1")
    spans = set(both.objects(q1, PROV.wasDerivedFrom))
    assert len(spans) == 2
    for span in spans:
        assert len(set(both.objects(span, OA.hasSource))) == 1
    assert len(set(both.objects(q1, SCHEMA.text))) == 1
