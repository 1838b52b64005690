"""Layer boundaries: the model is the seam between parsing (lxml) and RDF (rdflib)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import ROOT

PACKAGE = ROOT / "kv2rdf"


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_model_imports_neither_lxml_nor_rdflib() -> None:
    assert not imports(PACKAGE / "model.py") & {"lxml", "rdflib"}


@pytest.mark.parametrize("path", sorted((PACKAGE / "parsers").glob("*.py")), ids=lambda p: p.name)
def test_parsers_never_import_rdflib(path: Path) -> None:
    assert "rdflib" not in imports(path)


@pytest.mark.parametrize("name", ["mapping.py", "agents.py", "iris.py", "serialization.py",
                                  "validation.py"])
def test_rdf_side_never_imports_lxml(name: str) -> None:
    assert "lxml" not in imports(PACKAGE / name)


def test_modules_stay_small() -> None:
    sizes = {p.relative_to(PACKAGE).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
             for p in PACKAGE.rglob("*.py")}
    assert {name: n for name, n in sizes.items() if n > 400} == {}
