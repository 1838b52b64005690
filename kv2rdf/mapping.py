"""Mapping: `Document` → rdflib `Graph`, following the ontology contract (``ontology/``).

One source yields a question set (``kv:WrittenQuestions``) with its numbered questions and,
when the source has a reply, an answer document (``kv:AnswerDocument``) with answer items or a
notice (``kv:PostponementNotice``). Texts are ``@nl``, dates ``xsd:date``, and no entity is a
blank node. Provenance: every work is ``prov:wasDerivedFrom`` its source, and each question
and answer has a ``…/bron`` specific resource naming the line and pages it came from.
"""

from __future__ import annotations

import dataclasses
from pathlib import PurePath

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from kv2rdf import agents
from kv2rdf.iris import Iris
from kv2rdf.model import Answer, Document, Footnote, Location, Question, QuestionsKind, ReplyKind
from kv2rdf.namespaces import (
    DEFAULT_BASE,
    ELI,
    ELI_DL,
    KV,
    KVDOC,
    KVZAAK,
    OA,
    OEP,
    RFC_PDF_FRAGMENT,
    RFC_TEXT_FRAGMENT,
    SCHEMA,
    new_graph,
)
from kv2rdf.titles import answer_title, notice_title

_MEDIA_TYPES = {"text": "text/plain", "markdown": "text/markdown", "pdf": "application/pdf",
                "xml": "application/xml", "html": "text/html"}


def to_graph(doc: Document, *, base: str = DEFAULT_BASE) -> Graph:
    """Describe ``doc`` in RDF."""
    g = new_graph(base)
    ids = Iris(base)
    source = _add_source(g, ids, doc)
    qs = ids.question_set(doc)
    # the questions' own publication is kv-tk-{zaaknummer}; without it, only the source's id
    own_id = f"kv-{doc.chamber}-{doc.zaaknummer}" if doc.zaaknummer else doc.identifier
    # oral questions (only a header) are an eli:Work of their own type, not kv:WrittenQuestions
    oral = doc.kind is QuestionsKind.ORAL
    _work(g, qs, ELI.Work if oral else KV.WrittenQuestions, KVDOC[doc.kind.value], doc.title,
          source, doc, own_id)
    g.add((qs, DCTERMS.identifier, Literal(doc.zaaknummer or doc.identifier or
                                           str(qs).rsplit("/", 1)[1])))
    if doc.subject:
        g.add((qs, DCTERMS.description, Literal(doc.subject, lang="nl")))
    if doc.submitted:
        g.add((qs, DCTERMS.dateSubmitted, Literal(doc.submitted, datatype=XSD.date)))
    for person in agents.add_askers(g, ids, qs, doc.askers):
        g.add((qs, DCTERMS.creator, person))
    agents.add_addressees(g, ids, qs, doc.addressees)
    _footnotes(g, qs, doc.footnotes)
    questions = {q.number: _question(g, qs, q, source) for q in doc.questions}
    works = [qs]
    if doc.reply is not None:
        works.append(_reply(g, ids, doc, qs, questions, source))
    if doc.zaaknummer:
        case = ids.case(doc)
        g.add((case, RDF.type, ELI_DL.Process))
        g.add((case, ELI_DL.process_id, Literal(doc.zaaknummer)))
        g.add((case, ELI_DL.process_type, KVZAAK["schriftelijke-vragen"]))
        for work in works:
            g.add((case, ELI_DL.involved_work, work))
    return g


def _add_source(g: Graph, ids: Iris, doc: Document) -> URIRef:
    source = ids.source(doc)
    g.add((source, RDF.type, PROV.Entity))
    g.add((source, DCTERMS.title, Literal(PurePath(doc.source).name or doc.source)))
    g.add((source, DCTERMS["format"], Literal(_MEDIA_TYPES.get(doc.source_format,
                                                               doc.source_format))))
    if doc.identifier:
        g.add((source, PROV.wasDerivedFrom, OEP[doc.identifier]))
    return source


def _work(g: Graph, iri: URIRef, cls: URIRef, work_type: URIRef, title: str, source: URIRef,
          doc: Document, own_id: str | None = None) -> None:
    """Types, title and provenance of a work; ``own_id`` is its own OEP identifier."""
    g.add((iri, RDF.type, ELI.Work))
    g.add((iri, RDF.type, cls))
    g.add((iri, ELI.work_type, work_type))
    g.add((iri, DCTERMS.title, Literal(title, lang="nl")))
    g.add((iri, PROV.wasDerivedFrom, source))
    if own_id or doc.identifier:
        g.add((iri, SKOS.notation, Literal(own_id or doc.identifier, datatype=KV.oepIdentifier)))
    if doc.identifier:
        g.add((iri, PROV.wasDerivedFrom, OEP[doc.identifier]))


def _reply(g: Graph, ids: Iris, doc: Document, qs: URIRef, questions: dict[str, URIRef],
           source: URIRef) -> URIRef:
    reply = doc.reply
    assert reply is not None
    if reply.kind is ReplyKind.NOTICE:
        work = ids.notice(doc)
        _work(g, work, KV.PostponementNotice, KVDOC["mededeling-uitstel-antwoord"],
              notice_title(doc), source, doc)
        g.add((work, KV.postponesAnswerTo, qs))
        if reply.text:
            g.add((work, SCHEMA.text, Literal(reply.text, lang="nl")))
        _footnotes(g, work, reply.footnotes)
        _provenance(g, work, source, reply.location)
    else:
        work = ids.answer_document(doc)
        kind = "antwoord-schriftelijke-vragen" + ("-nader" if reply.supplementary else "")
        _work(g, work, KV.AnswerDocument, KVDOC[kind], answer_title(doc), source, doc)
        g.add((work, ELI_DL.answers_to, qs))
        items = {a.position: URIRef(f"{work}/onderdeel/{a.position}") for a in doc.answers}
        covering = {n: items[a.position] for a in doc.answers for n in a.question_numbers}
        for answer in doc.answers:
            _answer(g, work, items[answer.position], answer, questions, covering, source)
    if doc.identifier and doc.identifier.startswith("ah-"):
        g.add((work, DCTERMS.identifier, Literal(doc.identifier)))
    if reply.received:
        g.add((work, DCTERMS.dateSubmitted, Literal(reply.received, datatype=XSD.date)))
    if doc.issued:
        g.add((work, DCTERMS.issued, Literal(doc.issued, datatype=XSD.date)))
    for person in agents.add_answerers(g, ids, work, reply.answerers):
        g.add((work, DCTERMS.creator, person))
    for other in reply.see_also:
        g.add((work, DCTERMS.references, OEP[other]))
    if reply.replaces:  # a re-issue: the work of the same kind under the number it replaces
        earlier = dataclasses.replace(doc, identifier=reply.replaces)
        g.add((work, DCTERMS.replaces, ids.notice(earlier) if reply.kind is ReplyKind.NOTICE
               else ids.answer_document(earlier)))
    return work


def _question(g: Graph, qs: URIRef, q: Question, source: URIRef) -> URIRef:
    iri = URIRef(f"{qs}/vraag/{q.number}")
    g.add((iri, RDF.type, ELI.WorkSubdivision))
    g.add((iri, RDF.type, KV.Question))
    g.add((qs, ELI.has_part, iri))
    g.add((iri, ELI.is_part_of, qs))
    g.add((iri, ELI.number, Literal(q.number)))
    g.add((iri, SCHEMA.position, Literal(q.position)))
    g.add((iri, SCHEMA.text, Literal(q.text, lang="nl")))
    for ref in q.references:
        g.add((iri, DCTERMS.references, URIRef(ref)))
    _footnotes(g, iri, q.footnotes)
    _provenance(g, iri, source, q.location)
    return iri


def _answer(g: Graph, work: URIRef, iri: URIRef, a: Answer, questions: dict[str, URIRef],
            covering: dict[str, URIRef], source: URIRef) -> None:
    g.add((iri, RDF.type, ELI.WorkSubdivision))
    g.add((iri, RDF.type, KV.Answer))
    g.add((work, ELI.has_part, iri))
    g.add((iri, ELI.is_part_of, work))
    g.add((iri, ELI.number, Literal(a.label)))
    g.add((iri, SCHEMA.position, Literal(a.position)))
    for number in a.question_numbers:
        g.add((iri, ELI_DL.answers_to, questions[number]))
    if a.text:
        g.add((iri, SCHEMA.text, Literal(a.text, lang="nl")))
    for number in a.refers_to:
        if number in covering and covering[number] != iri:
            g.add((iri, KV.refersToAnswer, covering[number]))
    for ref in a.references:
        g.add((iri, DCTERMS.references, URIRef(ref)))
    _footnotes(g, iri, a.footnotes)
    _provenance(g, iri, source, a.location)


def _footnotes(g: Graph, item: URIRef, notes: tuple[Footnote, ...]) -> None:
    for note in notes:
        iri = URIRef(f"{item}/noot/{note.number}")
        g.add((iri, RDF.type, KV.Footnote))
        g.add((item, KV.hasFootnote, iri))
        g.add((iri, ELI.number, Literal(note.number)))
        g.add((iri, SCHEMA.text, Literal(note.text, lang="nl")))
        for ref in note.references:
            g.add((iri, DCTERMS.references, URIRef(ref)))
            g.add((item, DCTERMS.references, URIRef(ref)))


def _provenance(g: Graph, item: URIRef, source: URIRef, where: Location) -> None:
    """``{item}/bron``: the source, the line the item starts on and the pages it spans."""
    if where.line is None and not where.pages:
        return
    span = URIRef(f"{item}/bron")
    g.add((item, PROV.wasDerivedFrom, span))
    g.add((span, RDF.type, OA.SpecificResource))
    g.add((span, OA.hasSource, source))
    if where.line is not None:
        selector = URIRef(f"{span}/regel")
        g.add((span, OA.hasSelector, selector))
        g.add((selector, RDF.type, OA.FragmentSelector))
        g.add((selector, DCTERMS.conformsTo, RFC_TEXT_FRAGMENT))
        g.add((selector, RDF.value, Literal(f"line={where.line - 1},{where.line}")))
    for page in where.pages:
        selector = URIRef(f"{span}/pagina/{page}")
        g.add((span, OA.hasSelector, selector))
        g.add((selector, RDF.type, OA.FragmentSelector))
        g.add((selector, DCTERMS.conformsTo, RFC_PDF_FRAGMENT))
        g.add((selector, RDF.value, Literal(f"page={page}")))
