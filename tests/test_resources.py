"""Shapes and ontology are found in a checkout and shipped inside the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

from kv2rdf.namespaces import KV
from kv2rdf.resources import ontology_path, shapes_path
from tests.helpers import ROOT


def test_resources_found_in_checkout() -> None:
    assert shapes_path().name == "kv.shacl.ttl"
    assert ontology_path().name == "kv.ttl"
    assert len(Graph().parse(shapes_path())) > 100


def test_every_vocabulary_term_is_defined_in_the_ontology() -> None:
    ontology = Graph().parse(ontology_path())
    defined = {s for s in ontology.subjects() if str(s).startswith(str(KV))}
    declared = {KV[name] for name in KV.__annotations__}
    assert declared == defined
    for term in declared:
        assert (term, RDF.type, None) in ontology
    assert (None, RDF.type, OWL.Ontology) in ontology
    assert all((c, RDFS.subClassOf, None) in ontology for c in (KV.Question, KV.Answer))


@pytest.mark.slow
def test_wheel_ships_shapes_and_ontology(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path), str(ROOT)], check=True)
    (wheel,) = tmp_path.glob("kv2rdf-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "kv2rdf/_resources/shapes/kv.shacl.ttl" in names
    assert "kv2rdf/_resources/ontology/kv.ttl" in names
    assert "kv2rdf/cli.py" in names
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    found = subprocess.run(
        [sys.executable, "-c", "from kv2rdf.resources import shapes_path, ontology_path; "
         "print(shapes_path()); print(ontology_path())"],
        capture_output=True, text=True, check=True, cwd=tmp_path,
        env={"PYTHONPATH": str(unpacked), "PATH": ""}).stdout.split()
    assert all(Path(p).is_relative_to(unpacked / "kv2rdf" / "_resources") for p in found)
