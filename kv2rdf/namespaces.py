"""Namespaces and prefixes: the only module that holds vocabulary IRI strings.

The kv vocabulary is closed (`DefinedNamespace` with ``_fail``): a typo such as
``KV.Answr`` raises `AttributeError` the first time the line runs. Its terms are defined in
``ontology/kv.ttl``; a test checks that both agree.
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
)


class KV(DefinedNamespace):
    """The kv2rdf vocabulary (``https://w3id.org/kv2rdf/def#``)."""

    _NS = Namespace("https://w3id.org/kv2rdf/def#")
    _fail = True

    WrittenQuestions: URIRef
    OralQuestions: URIRef
    Question: URIRef
    AnswerDocument: URIRef
    Answer: URIRef
    PostponementNotice: URIRef
    Fractie: URIRef
    Footnote: URIRef
    participation: URIRef
    postponesAnswerTo: URIRef
    refersToAnswer: URIRef
    hasFootnote: URIRef
    oepIdentifier: URIRef
    tkDocumentnummer: URIRef
    tkPersoonId: URIRef
    tkFractieId: URIRef
    documentsoorten: URIRef
    zaaksoorten: URIRef
    rollen: URIRef
    CaseLink: URIRef
    linkedAlias: URIRef
    linkedTo: URIRef
    evidence: URIRef
    rejected: URIRef
    followsUp: URIRef
    daysToAnswer: URIRef
    answeredLate: URIRef
    answeredByLetter: URIRef
    questionCount: URIRef
    answerDocumentCount: URIRef
    firstAnswered: URIRef
    askedFor: URIRef
    groupedAnswer: URIRef
    answeringMinistry: URIRef
    answerCount: URIRef


ELI = Namespace("http://data.europa.eu/eli/ontology#")
ELI_DL = Namespace("http://data.europa.eu/eli/eli-draft-legislation-ontology#")
SCHEMA = Namespace("http://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
TOOI = Namespace("https://identifier.overheid.nl/tooi/id/ministerie/")
TOOIONT = Namespace("https://identifier.overheid.nl/tooi/def/ont/")
KVDOC = Namespace("https://w3id.org/kv2rdf/def/documentsoort/")
KVZAAK = Namespace("https://w3id.org/kv2rdf/def/zaaksoort/")
KVROL = Namespace("https://w3id.org/kv2rdf/def/rol/")
OEP = Namespace("https://zoek.officielebekendmakingen.nl/")
IANA_MEDIA_TYPES = Namespace("http://www.iana.org/assignments/media-types/")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")
RFC_TEXT_FRAGMENT = URIRef("http://tools.ietf.org/rfc/rfc5147")
RFC_PDF_FRAGMENT = URIRef("http://tools.ietf.org/rfc/rfc3778")

DEFAULT_BASE = "https://w3id.org/kv2rdf/"

PREFIXES: dict[str, Namespace] = {
    "rdf": Namespace(str(RDF)), "rdfs": Namespace(str(RDFS)), "xsd": Namespace(str(XSD)),
    "owl": Namespace(str(OWL)), "dct": Namespace(str(DCTERMS)), "foaf": Namespace(str(FOAF)),
    "org": Namespace(str(ORG)), "skos": Namespace(str(SKOS)), "prov": Namespace(str(PROV)),
    "eli": ELI, "eli-dl": ELI_DL, "schema": SCHEMA, "oa": OA, "kv": Namespace(str(KV)),
    "kvdoc": KVDOC, "kvzaak": KVZAAK, "kvrol": KVROL, "tooi": TOOI, "tooiont": TOOIONT,
    "time": Namespace(str(TIME)), "wd": WIKIDATA,
}


def new_graph(base: str = DEFAULT_BASE) -> Graph:
    """An empty graph with kv2rdf's prefixes bound (and ``id:`` for the instance base)."""
    graph = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    graph.bind("id", Namespace(base + "id/"))
    return graph
