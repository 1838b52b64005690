"""The vocabularies of `kv2rdf.namespaces` with plain-string terms, for the mapping.

An rdflib namespace makes a new `URIRef` on every lookup (2–4 µs, more for a closed one);
these look each term up once (`kv2rdf.triples.Namespace`), and a closed namespace still
refuses a misspelt term.
"""

from __future__ import annotations

from rdflib import namespace as vocabularies

from kv2rdf import namespaces as ns
from kv2rdf.triples import Namespace

DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD = (Namespace(n) for n in (
    vocabularies.DCTERMS, vocabularies.FOAF, vocabularies.ORG, vocabularies.OWL,
    vocabularies.PROV, vocabularies.RDF, vocabularies.RDFS, vocabularies.SKOS,
    vocabularies.TIME, vocabularies.XSD))
ELI, ELI_DL, IANA_MEDIA_TYPES, KV, KVDOC, KVROL, KVZAAK, OA, OEP, SCHEMA, TOOIONT, WIKIDATA = (
    Namespace(n) for n in (ns.ELI, ns.ELI_DL, ns.IANA_MEDIA_TYPES, ns.KV, ns.KVDOC, ns.KVROL,
                           ns.KVZAAK, ns.OA, ns.OEP, ns.SCHEMA, ns.TOOIONT, ns.WIKIDATA))
RFC_PDF_FRAGMENT, RFC_TEXT_FRAGMENT = str(ns.RFC_PDF_FRAGMENT), str(ns.RFC_TEXT_FRAGMENT)
