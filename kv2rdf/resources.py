"""Locate the shipped SHACL shapes and ontology, in a checkout and in an installed wheel.

In a wheel they live in ``kv2rdf/_resources/{shapes,ontology}`` (hatchling force-include); in a
source checkout (editable install) they are the top-level ``shapes/`` and ``ontology/``.
"""

from __future__ import annotations

from pathlib import Path

from kv2rdf.errors import ShapesError

_PACKAGE = Path(__file__).resolve().parent


def _find(folder: str, name: str) -> Path:
    for candidate in (_PACKAGE / "_resources" / folder / name, _PACKAGE.parent / folder / name):
        if candidate.is_file():
            return candidate
    raise ShapesError(f"cannot find {folder}/{name} next to the kv2rdf package")


def shapes_path() -> Path:
    """The SHACL shapes file ``kv.shacl.ttl``."""
    return _find("shapes", "kv.shacl.ttl")


def ontology_path() -> Path:
    """The vocabulary file ``kv.ttl``."""
    return _find("ontology", "kv.ttl")
