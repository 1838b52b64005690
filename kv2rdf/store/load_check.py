"""Storage stage, checked: ``kv2rdf load --validate`` validates each document before loading.

The workers that convert the inputs (`kv2rdf.store.bulk.LoadJob`) validate each input's
graphs as they come (`kv2rdf.bulk_validation.validate_many` on the conversion's own triples,
no rdflib graph: the same reports as ``kv2rdf validate`` gives each document). A document
whose graph violates the shapes is reported and kept out of the store; one that only draws
warnings is loaded, its warnings reported.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph as ox

from kv2rdf.bulk_validation import validate_many
from kv2rdf.rdf_input import index_of
from kv2rdf.shacl_data import from_triples
from kv2rdf.triples import Triples
from kv2rdf.validation import ValidationReport


def check_graphs(graphs: Sequence[Sequence[ox.Triple] | Triples], *, origin: str,
                 engine: str = "fast") -> list[ValidationReport]:
    """One validation report per graph of one input (pyoxigraph's triples or kv2rdf's)."""
    if not graphs:
        return []
    return validate_many([from_triples(g) if isinstance(g, Triples) else index_of(g, origin)
                          for g in graphs], engine=engine)


def report_lines(origin: str, reports: Sequence[ValidationReport]) -> tuple[str, ...]:
    """The lines that report the results of one input's graphs (none when all are clean).

    A graph that violates the shapes is an error (``source: not loaded: …``); one that only
    draws warnings is a warning (``source: warning: …``), which ``-q`` leaves unsaid.
    """
    return tuple(f"{origin}: {'warning: ' if report.conforms else 'not loaded: '}{report.text()}"
                 for report in reports if report.results)
