"""Deterministic IRIs for everything kv2rdf describes.

Keys come only from source identifiers or printed text, never from processing order (except
``onderdeel/{positie}``, the order of answers in their document). Patterns follow the
ontology design (``{base}id/{type}/{key}``):

* question set: ``id/kamervraag/{kamer}/{zaaknummer}``, else ``id/kamervraag/{oep-id}``,
  else ``id/kamervraag/bron/{content-hash}``; questions ``…/vraag/{nummer}``;
* answer document: ``id/antwoord/{ah-id}``; answer items ``…/onderdeel/{positie}``;
* notice: ``id/mededeling/{ah-id}``, else ``{question-set}/uitstel/{yyyy-mm-dd}``;
* person ``id/persoon/{tk-persoon-guid}`` when reconciled (``id/persoon/wikidata/{QID}`` for
  a minister who never sat in the Kamer), else ``id/persoon/naam/{printed key}``
  (`kv2rdf.reconcile`); fractie ``id/fractie/{party key}`` when the party is known, else
  ``id/fractie/naam/{slug}``; a seat or a post held ``{person}/lidmaatschap/{fractie}/{start}``
  and ``{person}/ambt/{post}/{start}``, each with ``…/periode`` and its ``begin`` and ``einde``;
  post ``id/post/{slug(title)}``; case ``id/zaak/{kamer}/{zaaknummer}``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from rdflib import URIRef

from kv2rdf.errors import MappingError
from kv2rdf.identities import Fractie, Identity
from kv2rdf.model import Document, Post
from kv2rdf.namespaces import DEFAULT_BASE, TOOI


def slug(text: str) -> str:
    """Slug a text: NFKD, no combining marks, lower case, other runs → "-".

    "Financiën" → "financien"; "GroenLinks-PvdA" → "groenlinks-pvda".
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def check_base(base: str) -> str:
    """Validate an instance base IRI; it must be absolute http(s) and ends with "/"."""
    if not re.match(r"^https?://[^\s/<>\"{}|\\^`]+(?:/[^\s<>\"{}|\\^`]*)?$", base):
        raise MappingError(f"base IRI {base!r} is not an absolute http(s) IRI")
    return base if base.endswith("/") else base + "/"


class Iris:
    """IRI minting for one base."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = check_base(base)

    def _id(self, *parts: str) -> URIRef:
        return URIRef(self.base + "id/" + "/".join(parts))

    def question_set(self, doc: Document) -> URIRef:
        """The question set (schriftelijke vragen) of a document."""
        if doc.zaaknummer:
            return self._id("kamervraag", doc.chamber, doc.zaaknummer)
        if doc.identifier:
            return self._id("kamervraag", doc.identifier)
        return self._id("kamervraag", "bron", (doc.digest or "0" * 16)[:16])

    def case(self, doc: Document) -> URIRef:
        """The TK case (zaak); only meaningful when the zaaknummer is known."""
        return self._id("zaak", doc.chamber, doc.zaaknummer or "")

    def answer_document(self, doc: Document) -> URIRef:
        """The answer document (antwoord) in a document."""
        if doc.identifier and doc.identifier.startswith("ah-"):
            return self._id("antwoord", doc.identifier)
        received = doc.reply.received.isoformat() if doc.reply and doc.reply.received else None
        if doc.zaaknummer and received:
            return self._id("antwoord", f"{doc.zaaknummer}-{received}")
        return self._id("antwoord", "bron-" + (doc.digest or "0" * 16)[:16])

    def notice(self, doc: Document) -> URIRef:
        """The notice (mededeling) in a document."""
        if doc.identifier and doc.identifier.startswith("ah-"):
            return self._id("mededeling", doc.identifier)
        received = doc.reply.received.isoformat() if doc.reply and doc.reply.received else None
        tail = received or (doc.digest or "0" * 16)[:16]
        return URIRef(f"{self.question_set(doc)}/uitstel/{tail}")

    def source(self, doc: Document) -> URIRef:
        """The source file, keyed by a hash of its bytes."""
        return self._id("bron", (doc.digest or "0" * 16)[:16])

    def person(self, person: Identity) -> URIRef:
        """A person: by TK Persoon id or Wikidata id when reconciled, else as printed."""
        return self._id("persoon", person.key)

    def fractie(self, group: Fractie) -> URIRef:
        """A fractie: by party key when the party is known, else by its printed label."""
        return self._id("fractie", group.key)

    @staticmethod
    def seat(person: URIRef, group: URIRef, start: date) -> URIRef:
        """A member's seat in a fractie from ``start`` (an ``org:Membership``)."""
        return URIRef(f"{person}/lidmaatschap/{str(group).rsplit('/', 1)[1]}/{start.isoformat()}")

    @staticmethod
    def term(person: URIRef, post: URIRef, start: date) -> URIRef:
        """A minister's term in a post from ``start`` (an ``org:Membership`` of the post)."""
        return URIRef(f"{person}/ambt/{str(post).rsplit('/', 1)[1]}/{start.isoformat()}")

    def post(self, post: Post) -> URIRef:
        """A post ("Minister van Financiën")."""
        return self._id("post", slug(post.label))

    @staticmethod
    def ministry(code: str) -> URIRef:
        """A ministry's TOOI IRI."""
        return TOOI[code]

    @staticmethod
    def participation(work: URIRef, role: str, key: str) -> URIRef:
        """A role someone played in a work (``{work}/deelname/{rol}/{key}``)."""
        return URIRef(f"{work}/deelname/{role}/{key}")
