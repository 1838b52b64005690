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
"""

from __future__ import annotations

from rdflib import URIRef

from kv2rdf import ministries
from kv2rdf.iris import Iris, slug
from kv2rdf.model import Answerer, Asker, Person, Post
from kv2rdf.terms import ELI_DL, FOAF, KV, KVROL, ORG, RDF, RDFS, SKOS, TOOIONT
from kv2rdf.triples import Literal, Triples


def add_person(g: Triples, ids: Iris, person: Person) -> URIRef:
    """A ``foaf:Person`` with the name as printed."""
    iri = ids.person(person)
    g.add((iri, RDF.type, FOAF.Person))
    g.add((iri, FOAF.name, Literal(person.name)))
    g.add((iri, FOAF.familyName, Literal(person.family_name)))
    if person.given_name:
        g.add((iri, FOAF.givenName, Literal(person.given_name)))
    return iri


def add_fractie(g: Triples, ids: Iris, label: str) -> URIRef:
    """A fractie, labelled as printed ("GroenLinks-PvdA", "JA21")."""
    iri = ids.fractie(label)
    g.add((iri, RDF.type, ORG.Organization))
    g.add((iri, RDF.type, KV.Fractie))
    g.add((iri, SKOS.prefLabel, Literal(f"Fractie {label}", lang="nl")))
    g.add((iri, SKOS.altLabel, Literal(label, lang="nl")))
    return iri


def add_post(g: Triples, ids: Iris, post: Post) -> tuple[URIRef, URIRef | None]:
    """An ``org:Post`` and, when the reference table knows it, its TOOI ministry."""
    iri = ids.post(post)
    g.add((iri, RDF.type, ORG.Post))
    g.add((iri, SKOS.prefLabel, Literal(post.label, lang="nl")))
    if post.detail:
        g.add((iri, SKOS.altLabel, Literal(f"{post.label} – {post.detail}", lang="nl")))
    found = ministries.ministry(post.ministry) if post.ministry else None
    if found is None:
        return iri, None
    ministry = ids.ministry(found.code)
    g.add((iri, ORG.postIn, ministry))
    g.add((ministry, RDF.type, ORG.Organization))
    g.add((ministry, RDF.type, TOOIONT.Ministerie))
    name = ministries.official_name(found.code)
    g.add((ministry, RDFS.label, Literal(f"Ministerie van {name}", lang="nl")))
    return iri, ministry


def _participation(g: Triples, work: URIRef, role: str, key: str) -> URIRef:
    iri = Iris.participation(work, role, key)
    g.add((work, KV.participation, iri))
    g.add((iri, RDF.type, ELI_DL.Participation))
    g.add((iri, ELI_DL.participation_role, KVROL[role]))
    return iri


def add_askers(g: Triples, ids: Iris, work: URIRef, askers: tuple[Asker, ...]) -> list[URIRef]:
    """Indiener and medeindieners, each acting in name of their fractie."""
    people = []
    for index, asker in enumerate(askers):
        role = "indiener" if index == 0 else "medeindiener"
        person = add_person(g, ids, asker.person)
        part = _participation(g, work, role, slug(asker.person.family_name))
        g.add((part, ELI_DL.had_participant_person, person))
        if asker.party:
            g.add((part, ELI_DL.participation_in_name_of, add_fractie(g, ids, asker.party)))
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


def add_answerers(g: Triples, ids: Iris, work: URIRef,
                  answerers: tuple[Answerer, ...]) -> list[URIRef]:
    """Beantwoorder participations: the signer in name of a post, and posts answered for."""
    people = []
    for answerer in answerers:
        post, ministry = add_post(g, ids, answerer.post)
        if answerer.person is None:
            part = _participation(g, work, "beantwoorder", str(post).rsplit("/", 1)[1])
            g.add((part, ELI_DL.had_participant_organization, post))
            if ministry is not None:
                g.add((part, ELI_DL.had_participant_organization, ministry))
            continue
        person = add_person(g, ids, answerer.person)
        part = _participation(g, work, "beantwoorder", slug(answerer.person.family_name))
        g.add((part, ELI_DL.had_participant_person, person))
        g.add((part, ELI_DL.participation_in_name_of, post))
        if ministry is not None:
            g.add((part, ELI_DL.participation_in_name_of, ministry))
        g.add((post, ORG.heldBy, person))
        g.add((person, ORG.holds, post))
        people.append(person)
    return people
