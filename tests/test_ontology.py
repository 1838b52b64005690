"""The vocabulary (ontology/kv.ttl): documented terms, and its generated page and diagram."""

from __future__ import annotations

import importlib.util
import re
from types import ModuleType

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from kv2rdf.namespaces import ELI, ELI_DL, KV
from kv2rdf.resources import ontology_path
from tests.helpers import ROOT

ONTOLOGY = Graph().parse(ontology_path())
KV_NS = str(KV)


def docs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ontology_docs", ROOT / "ontology" / "docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def kv_terms() -> set[URIRef]:
    return {s for s in ONTOLOGY.subjects() if isinstance(s, URIRef) and str(s).startswith(KV_NS)}


def languages(term: URIRef, pred: URIRef) -> set[str]:
    return {o.language for o in ONTOLOGY.objects(term, pred) if isinstance(o, Literal)
            and o.language}


def test_every_term_has_dutch_and_english_label_and_comment() -> None:
    terms = kv_terms()
    assert len(terms) >= 17
    for term in sorted(terms):
        assert languages(term, RDFS.label) >= {"nl", "en"}, term
        assert languages(term, RDFS.comment) >= {"nl", "en"}, term


def test_properties_have_domain_and_range_and_classes_are_disjoint() -> None:
    for prop in [*ONTOLOGY.subjects(RDF.type, OWL.ObjectProperty),
                 *ONTOLOGY.subjects(RDF.type, OWL.DatatypeProperty)]:
        assert ONTOLOGY.value(prop, RDFS.domain) is not None, prop
        assert ONTOLOGY.value(prop, RDFS.range) is not None, prop
    documents = [KV.WrittenQuestions, KV.AnswerDocument, KV.PostponementNotice, KV.Question,
                 KV.Answer, KV.Footnote]
    for i, a in enumerate(documents):
        for b in documents[i + 1:]:
            assert (a, OWL.disjointWith, b) in ONTOLOGY or (b, OWL.disjointWith, a) in ONTOLOGY


def test_datatypes_state_their_pattern() -> None:
    examples = {KV.oepIdentifier: "ah-tk-20232024-1064", KV.tkDocumentnummer: "2024D00010",
                KV.tkPersoonId: "5ee2b5a6-7f8d-4c1b-9a3e-2f6d8c4b1e07",
                KV.tkFractieId: "5ee2b5a6-7f8d-4c1b-9a3e-2f6d8c4b1e07"}
    for datatype, example in examples.items():
        assert (datatype, OWL.onDatatype, XSD.string) in ONTOLOGY
        facets = ONTOLOGY.items(ONTOLOGY.value(datatype, OWL.withRestrictions))
        patterns = [str(ONTOLOGY.value(f, XSD.pattern)) for f in facets]
        assert len(patterns) == 1 and re.match(patterns[0], example), datatype
        assert not re.match(patterns[0], "04"), datatype


def test_version_iri_and_licence() -> None:
    onto = URIRef("https://w3id.org/kv2rdf/def")
    assert (onto, RDF.type, OWL.Ontology) in ONTOLOGY
    version = ONTOLOGY.value(onto, OWL.versionIRI)
    assert str(version).endswith("/" + str(ONTOLOGY.value(onto, OWL.versionInfo)))
    assert ONTOLOGY.value(onto, DCTERMS.license) is not None


def test_code_lists_are_typed_for_eli() -> None:
    kinds = {"documentsoort": ELI.WorkType, "zaaksoort": ELI_DL.ProcessType,
             "rol": ELI_DL.ParticipationRole}
    concepts = set(ONTOLOGY.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == 10
    for concept in concepts:
        kind = str(concept).split("/def/", 1)[1].split("/", 1)[0]
        assert (concept, RDF.type, kinds[kind]) in ONTOLOGY, concept
        assert (concept, RDF.type, OWL.NamedIndividual) in ONTOLOGY, concept
        assert ONTOLOGY.value(concept, SKOS.inScheme) is not None
        assert languages(concept, SKOS.prefLabel) >= {"nl", "en"}
        assert languages(concept, SKOS.definition) >= {"nl", "en"}


def test_generated_page_and_diagram_are_up_to_date() -> None:
    module = docs()
    assert module.main(["--check"]) == 0, "run: python ontology/docs.py"
    page = (ROOT / "ontology" / "kv.html").read_text(encoding="utf-8")
    for term in kv_terms():
        curie = ONTOLOGY.namespace_manager.normalizeUri(term)
        assert f'id="{curie}"' in page, term
    assert "Schriftelijke vragen" in page and "written questions" in page
    diagram = (ROOT / "ontology" / "README.md").read_text(encoding="utf-8")
    assert "kv_WrittenQuestions <|-- " not in diagram
    assert "eli_Work <|-- kv_WrittenQuestions" in diagram
    assert "eli_dl_Participation --> org_Organization : eli-dl:had_participant_organization" in diagram
