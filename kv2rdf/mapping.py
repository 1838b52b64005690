"""Mapping: `Document` → rdflib `Graph`, following the ontology contract (``ontology/``).

One source yields a question set (``kv:WrittenQuestions``) with its numbered questions and,
when the source has a reply, an answer document (``kv:AnswerDocument``) with answer items or a
notice (``kv:PostponementNotice``). Texts are ``@nl``, dates ``xsd:date``, and no entity is a
blank node. Provenance: every work is ``prov:wasDerivedFrom`` its source, and each question
and answer has a ``…/bron/{source}`` specific resource naming the line and pages it came from,
keyed by the source so that two renditions of one publication (PDF, text, XML) loaded together
give each span one source. Texts are normalised (Unicode NFC, no soft hyphens, single spaces)
so that renditions converge on the same text.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from datetime import date
from pathlib import PurePath

from rdflib import Graph

from kv2rdf import agents
from kv2rdf.iris import Iris
from kv2rdf.letters import answering_letter
from kv2rdf.model import Answer, Document, Footnote, Location, Question, QuestionsKind, ReplyKind
from kv2rdf.namespaces import DEFAULT_BASE
from kv2rdf.terms import (
    DCTERMS,
    ELI,
    ELI_DL,
    IANA_MEDIA_TYPES,
    KV,
    KVDOC,
    KVZAAK,
    OA,
    OEP,
    PROV,
    RDF,
    RFC_PDF_FRAGMENT,
    RFC_TEXT_FRAGMENT,
    SCHEMA,
    SKOS,
    XSD,
)
from kv2rdf.titles import answer_title, notice_title
from kv2rdf.triples import Literal, Triples

_MEDIA_TYPES = {"text": "text/plain", "markdown": "text/markdown", "pdf": "application/pdf",
                "xml": "application/xml", "html": "text/html"}
_BLANK_LINES = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """One text for every rendition: NFC, no soft hyphens, single spaces, no spaces at line ends.

    Line breaks are kept: paragraphs are separated by a blank line and list items by a newline.
    """
    if not text.isascii():  # NFC and soft hyphens concern other text only
        text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    # within a line (no "\n") str.split cuts at the runs a [^\S\n]+ pattern would find
    text = "\n".join(" ".join(line.split()) for line in text.split("\n"))
    return (_BLANK_LINES.sub("\n\n", text) if "\n\n\n" in text else text).strip()


def _nl(text: str) -> Literal:
    return Literal(normalise_text(text), lang="nl")


def to_graph(doc: Document, *, base: str = DEFAULT_BASE) -> Graph:
    """Describe ``doc`` in RDF, as an rdflib graph (built from `to_triples`)."""
    return to_triples(doc, base=base).graph()


def to_triples(doc: Document, *, base: str = DEFAULT_BASE) -> Triples:
    """Describe ``doc`` in RDF: the triples of `to_graph`, without an rdflib graph."""
    ids = Iris(base)
    g = Triples(base)
    source = _add_source(g, ids, doc)
    qs = ids.question_set(doc)
    # oral questions (only a header) are a work of their own class, not kv:WrittenQuestions
    oral = doc.kind is QuestionsKind.ORAL
    _work(g, qs, KV.OralQuestions if oral else KV.WrittenQuestions, KVDOC[doc.kind.value],
          doc.title, source, doc, _own_publication(doc))
    g.add((qs, DCTERMS.identifier, Literal(question_set_identifier(doc, qs))))
    if doc.subject:
        g.add((qs, DCTERMS.description, _nl(doc.subject)))
    _dates(g, qs, doc.submitted)
    if doc.issued and _own_publication_is_source(doc):
        g.add((qs, DCTERMS.issued, Literal(doc.issued, datatype=XSD.date)))
    for person in agents.add_askers(g, ids, qs, doc.askers, doc.submitted):
        g.add((qs, DCTERMS.creator, person))
    agents.add_addressees(g, ids, qs, doc.addressees)
    _footnotes(g, qs, doc.footnotes)
    questions = {q.number: _question(g, qs, q, source) for q in doc.questions}
    works: list[str] = [qs]
    if doc.reply is not None:
        works.append(_reply(g, ids, doc, qs, questions, source))
    if doc.zaaknummer:
        case = str(ids.case(doc))
        g.add((case, RDF.type, ELI_DL.Process))
        g.add((case, ELI_DL.process_id, Literal(doc.zaaknummer)))
        g.add((case, ELI_DL.process_type, KVZAAK["schriftelijke-vragen"]))
        for work in works:
            g.add((case, ELI_DL.involved_work, work))
    return g


def _own_publication(doc: Document) -> str | None:
    """The questions' own OEP publication: ``kv-tk-{zaaknummer}``, or a ``kv-…`` source."""
    if doc.zaaknummer:
        return f"kv-{doc.chamber}-{doc.zaaknummer}"
    if doc.identifier and doc.identifier.startswith("kv-"):
        return doc.identifier
    return None


def _own_publication_is_source(doc: Document) -> bool:
    """Whether the source is the questions' own publication (``kv-…``), not an Aanhangsel."""
    return bool(doc.identifier and doc.identifier.startswith("kv-"))


def question_set_identifier(doc: Document, qs: str) -> str:
    """The question set's own identifier, never the answer publication's ``ah-…`` id.

    The zaaknummer ("2024Z02569") when known; else the questions' own OEP id (``kv-…``); else
    ``vragen-{ah-id}`` for the questions repeated in an Aanhangsel; else the IRI's key.
    """
    if doc.zaaknummer:
        return doc.zaaknummer
    own = _own_publication(doc)
    if own:
        return own
    if doc.identifier:
        return f"vragen-{doc.identifier}"
    return str(qs).rsplit("/", 1)[1]


def _dates(g: Triples, work: str, when: date | None) -> None:
    """``dct:dateSubmitted`` and ``eli:date_document``: the one date the document bears."""
    if when:
        g.add((work, DCTERMS.dateSubmitted, Literal(when, datatype=XSD.date)))
        g.add((work, ELI.date_document, Literal(when, datatype=XSD.date)))


def _add_source(g: Triples, ids: Iris, doc: Document) -> str:
    source = str(ids.source(doc))
    g.add((source, RDF.type, PROV.Entity))
    g.add((source, DCTERMS.title, Literal(PurePath(doc.source).name or doc.source)))
    media_type = _MEDIA_TYPES.get(doc.source_format, "application/octet-stream")
    g.add((source, DCTERMS["format"], IANA_MEDIA_TYPES[media_type]))
    if doc.identifier:
        g.add((source, PROV.wasDerivedFrom, OEP[doc.identifier]))
    return source


def _work(g: Triples, iri: str, cls: str, work_type: str, title: str, source: str,
          doc: Document, own_id: str | None = None) -> None:
    """Types, title and provenance of a work; ``own_id`` is its own OEP identifier."""
    g.add((iri, RDF.type, ELI.Work))
    g.add((iri, RDF.type, cls))
    g.add((iri, ELI.work_type, work_type))
    g.add((iri, DCTERMS.title, _nl(title)))
    g.add((iri, PROV.wasDerivedFrom, source))
    if own_id:
        g.add((iri, SKOS.notation, Literal(own_id, datatype=KV.oepIdentifier)))
    if doc.identifier:
        g.add((iri, PROV.wasDerivedFrom, OEP[doc.identifier]))


def _reply(g: Triples, ids: Iris, doc: Document, qs: str, questions: dict[str, str],
           source: str) -> str:
    reply = doc.reply
    assert reply is not None
    if reply.kind is ReplyKind.NOTICE:
        work = ids.notice(doc)
        _work(g, work, KV.PostponementNotice, KVDOC["mededeling-uitstel-antwoord"],
              notice_title(doc), source, doc, _ah_id(doc))
        g.add((work, KV.postponesAnswerTo, qs))
        if reply.text:
            g.add((work, SCHEMA.text, _nl(reply.text)))
        letter = answering_letter(reply.text)
        if letter:  # "zijn beantwoord middels een brief (36 471, nr. 64)"
            g.add((work, KV.answeredByLetter, letter))
        _footnotes(g, work, reply.footnotes)
        _provenance(g, work, source, reply.location)
    else:
        work = ids.answer_document(doc)
        kind = "antwoord-schriftelijke-vragen" + ("-nader" if reply.supplementary else "")
        _work(g, work, KV.AnswerDocument, KVDOC[kind], answer_title(doc), source, doc,
              _ah_id(doc))
        g.add((work, ELI_DL.answers_to, qs))
        items = {a.position: f"{work}/onderdeel/{a.position}" for a in doc.answers}
        covering = {n: items[a.position] for a in doc.answers for n in a.question_numbers}
        for answer in doc.answers:
            _answer(g, work, items[answer.position], answer, questions, covering, source)
    if _ah_id(doc):
        g.add((work, DCTERMS.identifier, Literal(doc.identifier)))
    _dates(g, work, reply.received)
    if doc.issued and not _own_publication_is_source(doc):
        g.add((work, DCTERMS.issued, Literal(doc.issued, datatype=XSD.date)))
    for person in agents.add_answerers(g, ids, work, reply.answerers,
                                         reply.received or doc.issued):
        g.add((work, DCTERMS.creator, person))
    for other in reply.see_also:
        g.add((work, DCTERMS.references, OEP[other]))
    if reply.replaces:  # a re-issue: the work of the same kind under the number it replaces
        earlier = dataclasses.replace(doc, identifier=reply.replaces)
        g.add((work, DCTERMS.replaces, ids.notice(earlier) if reply.kind is ReplyKind.NOTICE
               else ids.answer_document(earlier)))
    return work


def _ah_id(doc: Document) -> str | None:
    """The Aanhangsel publication id of the reply, when the source is one."""
    return doc.identifier if doc.identifier and doc.identifier.startswith("ah-") else None


def _question(g: Triples, qs: str, q: Question, source: str) -> str:
    iri = f"{qs}/vraag/{q.number}"
    g.add((iri, RDF.type, ELI.WorkSubdivision))
    g.add((iri, RDF.type, KV.Question))
    g.add((qs, ELI.has_part, iri))
    g.add((iri, ELI.is_part_of, qs))
    g.add((iri, ELI.number, Literal(q.number)))
    g.add((iri, SCHEMA.position, Literal(q.position)))
    g.add((iri, SCHEMA.text, _nl(q.text)))
    for ref in q.references:
        g.add((iri, DCTERMS.references, ref))
    _footnotes(g, iri, q.footnotes)
    _provenance(g, iri, source, q.location)
    return iri


def _answer(g: Triples, work: str, iri: str, a: Answer, questions: dict[str, str],
            covering: dict[str, str], source: str) -> None:
    g.add((iri, RDF.type, ELI.WorkSubdivision))
    g.add((iri, RDF.type, KV.Answer))
    g.add((work, ELI.has_part, iri))
    g.add((iri, ELI.is_part_of, work))
    g.add((iri, ELI.number, Literal(a.label)))
    g.add((iri, SCHEMA.position, Literal(a.position)))
    for number in a.question_numbers:
        g.add((iri, ELI_DL.answers_to, questions[number]))
    if a.text:
        g.add((iri, SCHEMA.text, _nl(a.text)))
    for number in a.refers_to:
        if number in covering and covering[number] != iri:
            g.add((iri, KV.refersToAnswer, covering[number]))
    for ref in a.references:
        g.add((iri, DCTERMS.references, ref))
    _footnotes(g, iri, a.footnotes)
    _provenance(g, iri, source, a.location)


def _footnotes(g: Triples, item: str, notes: tuple[Footnote, ...]) -> None:
    for note in notes:
        iri = f"{item}/noot/{note.number}"
        g.add((iri, RDF.type, KV.Footnote))
        g.add((item, KV.hasFootnote, iri))
        g.add((iri, ELI.number, Literal(note.number)))
        g.add((iri, SCHEMA.text, _nl(note.text)))
        for ref in note.references:
            g.add((iri, DCTERMS.references, ref))
            g.add((item, DCTERMS.references, ref))


def _provenance(g: Triples, item: str, source: str, where: Location) -> None:
    """``{item}/bron/{source}``: the source, the line the item starts on, the pages it spans.

    The span is keyed by the source (the tail of its IRI, a hash of its bytes), so two
    renditions of one publication give two spans, each with one source.
    """
    if where.line is None and not where.pages:
        return
    span = f"{item}/bron/{str(source).rsplit('/', 1)[1]}"
    g.add((item, PROV.wasDerivedFrom, span))
    g.add((span, RDF.type, OA.SpecificResource))
    g.add((span, OA.hasSource, source))
    if where.line is not None:
        selector = f"{span}/regel"
        g.add((span, OA.hasSelector, selector))
        g.add((selector, RDF.type, OA.FragmentSelector))
        g.add((selector, DCTERMS.conformsTo, RFC_TEXT_FRAGMENT))
        g.add((selector, RDF.value, Literal(f"line={where.line - 1},{where.line}")))
    for page in where.pages:
        selector = f"{span}/pagina/{page}"
        g.add((span, OA.hasSelector, selector))
        g.add((selector, RDF.type, OA.FragmentSelector))
        g.add((selector, DCTERMS.conformsTo, RFC_PDF_FRAGMENT))
        g.add((selector, RDF.value, Literal(f"page={page}")))
