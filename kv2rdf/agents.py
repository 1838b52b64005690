"""RDF for the agents around a document: people, fracties, posts, ministries, participations.

Roles are SKOS concepts (``kvrol:indiener``, ``medeindiener``, ``geadresseerde``,
``beantwoorder``). The first asker is the indiener and the others medeindieners, as in the
Tweede Kamer's own records. Offices follow ORG: an ``org:Post`` ("Minister van Financiën") is
``org:postIn`` its ministry, an ``org:Organization`` with a TOOI IRI, and ``org:heldBy`` the
person who signed in it. Where ELI-DL expects an organisation (the addressee, the party an
answerer acts in name of, a post answered for "mede namens") the ministry is given; the post
stays beside it on the same link, as the ontology contract asks (see ontology/README.md). The
ministry, TOOI's resource, is named with ``rdfs:label``: queries of the contract read the
``skos:prefLabel`` of these links as the title of the post.

People are reconciled with the reference data (`kv2rdf.reconcile`): a matched person carries
the Tweede Kamer ``Persoon`` id (``skos:notation`` typed ``kv:tkPersoonId``), ``owl:sameAs``
the Wikidata entity and the name as recorded; a person's description never depends on the
document that names them. What is dated — a member's seat in a fractie, a minister's term in
a post — is an ``org:Membership`` with ``org:memberDuring`` an OWL-Time interval.
"""

from __future__ import annotations

from datetime import date

from rdflib import URIRef

from kv2rdf import ministries, reconcile
from kv2rdf.identities import Fractie, Identity, Period
from kv2rdf.iris import Iris
from kv2rdf.model import Answerer, Asker, Post
from kv2rdf.terms import (
    ELI_DL,
    FOAF,
    KV,
    KVROL,
    ORG,
    OWL,
    RDF,
    RDFS,
    SKOS,
    TIME,
    TOOIONT,
    WIKIDATA,
    XSD,
)
from kv2rdf.triples import Literal, Triples


def add_person(g: Triples, ids: Iris, person: Identity) -> URIRef:
    """A ``foaf:Person``: the name as recorded (or printed), and the TK and Wikidata ids."""
    iri = ids.person(person)
    g.add((iri, RDF.type, FOAF.Person))
    g.add((iri, FOAF.name, Literal(person.name)))
    g.add((iri, FOAF.familyName, Literal(person.family_name)))
    if person.given_name:
        g.add((iri, FOAF.givenName, Literal(person.given_name)))
    if person.tk_id:
        g.add((iri, SKOS.notation, Literal(person.tk_id, datatype=KV.tkPersoonId)))
    if person.wikidata:
        g.add((iri, OWL.sameAs, WIKIDATA[person.wikidata]))
    return iri


def add_fractie(g: Triples, ids: Iris, group: Fractie) -> URIRef:
    """A fractie: its short and long name when the party is known, else as printed."""
    iri = ids.fractie(group)
    g.add((iri, RDF.type, ORG.Organization))
    g.add((iri, RDF.type, KV.Fractie))
    g.add((iri, SKOS.prefLabel, Literal(f"Fractie {group.long_name or group.label}", lang="nl")))
    g.add((iri, SKOS.altLabel, Literal(group.label, lang="nl")))
    if group.long_name:
        g.add((iri, FOAF.name, Literal(group.long_name)))
    return iri


def _membership(g: Triples, iri: URIRef, person: URIRef, organisation: URIRef,
                period: Period) -> None:
    """An ``org:Membership`` of ``person`` in ``organisation`` during ``period``."""
    g.add((iri, RDF.type, ORG.Membership))
    g.add((iri, ORG.member, person))
    g.add((iri, ORG.organization, organisation))
    interval = URIRef(f"{iri}/periode")
    g.add((iri, ORG.memberDuring, interval))
    g.add((interval, RDF.type, TIME.ProperInterval))
    for link, tail, day in ((TIME.hasBeginning, "begin", period.start),
                            (TIME.hasEnd, "einde", period.end)):
        if day is None:
            continue
        instant = URIRef(f"{interval}/{tail}")
        g.add((interval, link, instant))
        g.add((instant, RDF.type, TIME.Instant))
        g.add((instant, TIME.inXSDDate, Literal(day, datatype=XSD.date)))


def add_post(g: Triples, ids: Iris, post: Post, holder: Identity | None = None
             ) -> tuple[URIRef, URIRef | None]:
    """An ``org:Post`` and its TOOI ministry: from the printed post, else the holder's post."""
    iri = ids.post(post)
    g.add((iri, RDF.type, ORG.Post))
    g.add((iri, SKOS.prefLabel, Literal(post.label, lang="nl")))
    if post.detail:
        g.add((iri, SKOS.altLabel, Literal(f"{post.label} – {post.detail}", lang="nl")))
    code = reconcile.post_ministry(post, holder)
    if code is None:
        return iri, None
    ministry = ids.ministry(code)
    g.add((iri, ORG.postIn, ministry))
    g.add((ministry, RDF.type, ORG.Organization))
    g.add((ministry, RDF.type, TOOIONT.Ministerie))
    name = ministries.official_name(code)
    g.add((ministry, RDFS.label, Literal(f"Ministerie van {name}", lang="nl")))
    return iri, ministry


def _participation(g: Triples, work: URIRef, role: str, key: str) -> URIRef:
    iri = Iris.participation(work, role, key)
    g.add((work, KV.participation, iri))
    g.add((iri, RDF.type, ELI_DL.Participation))
    g.add((iri, ELI_DL.participation_role, KVROL[role]))
    return iri


def add_askers(g: Triples, ids: Iris, work: URIRef, askers: tuple[Asker, ...],
               submitted: date | None = None) -> list[URIRef]:
    """Indiener and medeindieners, each acting in name of their fractie on ``submitted``."""
    people = []
    for index, asker in enumerate(askers):
        role = "indiener" if index == 0 else "medeindiener"
        who = reconcile.member(asker.person, asker.party, submitted)
        person = add_person(g, ids, who)
        part = _participation(g, work, role, who.local)
        g.add((part, ELI_DL.had_participant_person, person))
        if who.fractie is not None:
            group = add_fractie(g, ids, who.fractie)
            g.add((part, ELI_DL.participation_in_name_of, group))
            if who.seat is not None:
                _membership(g, ids.seat(person, group, who.seat.start), person, group, who.seat)
        people.append(person)
    return people


def add_addressees(g: Triples, ids: Iris, work: URIRef, posts: tuple[Post, ...]) -> None:
    """One geadresseerde participation per addressed post: its ministry, and the post."""
    for post in posts:
        iri, ministry = add_post(g, ids, post)
        part = _participation(g, work, "geadresseerde", str(iri).rsplit("/", 1)[1])
        g.add((part, ELI_DL.had_participant_organization, iri))
        if ministry is not None:
            g.add((part, ELI_DL.had_participant_organization, ministry))


def add_answerers(g: Triples, ids: Iris, work: URIRef, answerers: tuple[Answerer, ...],
                  received: date | None = None) -> list[URIRef]:
    """Beantwoorder participations: the signer in name of a post, and posts answered for.

    The signer is matched with the reference data as holding the post on ``received``.
    """
    people = []
    for answerer in answerers:
        if answerer.person is None:
            post, ministry = add_post(g, ids, answerer.post)
            part = _participation(g, work, "beantwoorder", str(post).rsplit("/", 1)[1])
            g.add((part, ELI_DL.had_participant_organization, post))
            if ministry is not None:
                g.add((part, ELI_DL.had_participant_organization, ministry))
            continue
        who = reconcile.minister(answerer.person, answerer.post, received)
        post, ministry = add_post(g, ids, answerer.post, who)
        person = add_person(g, ids, who)
        part = _participation(g, work, "beantwoorder", who.local)
        g.add((part, ELI_DL.had_participant_person, person))
        g.add((part, ELI_DL.participation_in_name_of, post))
        if ministry is not None:
            g.add((part, ELI_DL.participation_in_name_of, ministry))
        g.add((post, ORG.heldBy, person))
        g.add((person, ORG.holds, post))
        if who.term is not None:
            _membership(g, ids.term(person, post, who.term.start), person, post, who.term)
        people.append(person)
    return people
