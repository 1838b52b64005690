"""Storage stage, output: SPARQL results as a value, and writers for terminals and tools.

Every store hands back SPARQL 1.1 Query Results JSON (W3C "SPARQL 1.1 Query Results JSON
Format"), which `QueryResult.from_json` reads; differences between servers are smoothed out
there (Virtuoso's ``typed-literal``, an explicit ``xsd:string`` datatype). The writers follow
the W3C formats so their output pipes into other tools:

* ``json``: the JSON results format (``head.vars``, ``results.bindings`` or ``boolean``);
* ``csv``: "SPARQL 1.1 Query Results CSV": a header of variable names, IRIs and literals as
  plain strings, blank nodes as ``_:label``, RFC 4180 quoting, CRLF line ends;
* ``tsv``: "… TSV": a header of ``?names``, every term in Turtle/SPARQL syntax (integers,
  decimals, doubles and booleans abbreviated), tabs and newlines escaped, LF line ends;
* ``table``: aligned columns for reading, IRIs shortened with the kv2rdf prefixes.

CONSTRUCT and DESCRIBE results are graphs: Turtle for ``table``, N-Triples otherwise.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from typing import Any

from rdflib import Graph

from kv2rdf.errors import StoreError
from kv2rdf.namespaces import PREFIXES, new_graph
from kv2rdf.serialization import sorted_copy

XSD = str(PREFIXES["xsd"])
RESULT_FORMATS = ("table", "csv", "tsv", "json")
_TABLE_CELL = 80
_ABBREVIATED = {XSD + "integer": r"[+-]?\d+", XSD + "decimal": r"[+-]?\d*\.\d+",
                XSD + "double": r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+",
                XSD + "boolean": r"true|false"}
_NUMERIC = {XSD + n for n in ("integer", "decimal", "double", "float", "int", "long",
                              "nonNegativeInteger", "positiveInteger")}


@dataclass(frozen=True, slots=True)
class Term:
    """One RDF term in a result: ``kind`` is "uri", "literal", "bnode" or "triple"."""

    kind: str
    value: str
    datatype: str | None = None
    lang: str | None = None

    def __str__(self) -> str:
        return self.value

    def n3(self) -> str:
        """The term in Turtle/SPARQL syntax (full IRIs, escaped literals)."""
        if self.kind == "uri":
            return f"<{self.value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        if self.kind == "triple":
            return self.value
        text = (self.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                .replace("\r", "\\r").replace("\t", "\\t"))
        if self.lang:
            return f'"{text}"@{self.lang}'
        if self.datatype:
            return f'"{text}"^^<{self.datatype}>'
        return f'"{text}"'

    def to_json(self) -> dict[str, Any]:
        """The term as a SPARQL JSON results binding."""
        if self.kind == "triple":
            return {"type": "triple", "value": self.value}
        found: dict[str, Any] = {"type": self.kind, "value": self.value}
        if self.lang:
            found["xml:lang"] = self.lang
        elif self.datatype:
            found["datatype"] = self.datatype
        return found


@dataclass(frozen=True, slots=True)
class QueryResult:
    """A SELECT (``variables``, ``rows``), ASK (``boolean``) or graph (``graph``) result."""

    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    graph: str | None = None

    @classmethod
    def from_json(cls, data: bytes | str) -> QueryResult:
        """Read SPARQL 1.1 Query Results JSON."""
        try:
            tree = json.loads(data)
            if "boolean" in tree:
                return cls(boolean=bool(tree["boolean"]))
            variables = tuple(str(v) for v in tree["head"].get("vars", ()))
            rows = tuple(tuple(_term(b[v]) if v in b else None for v in variables)
                         for b in tree["results"]["bindings"])
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise StoreError(f"the store answered with SPARQL JSON results kv2rdf cannot "
                             f"read ({type(exc).__name__}: {exc})") from None
        return cls(variables=variables, rows=rows)

    def records(self) -> list[dict[str, str]]:
        """Rows as dictionaries of plain values (unbound variables left out)."""
        return [{v: t.value for v, t in zip(self.variables, row, strict=True) if t is not None}
                for row in self.rows]


def _term(binding: dict[str, Any]) -> Term:
    kind = binding["type"]
    if kind == "typed-literal":  # Virtuoso, and the SPARQL XML-era JSON of some servers
        kind = "literal"
    if kind == "triple":
        value = binding["value"]
        parts = " ".join(_term(value[k]).n3() for k in ("subject", "predicate", "object"))
        return Term("triple", f"<< {parts} >>")
    lang = binding.get("xml:lang")
    datatype = None if lang else binding.get("datatype")
    if datatype == XSD + "string":
        datatype = None
    return Term(kind, str(binding["value"]), datatype, lang)


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Write ``result`` as ``table``, ``csv``, ``tsv`` or ``json``."""
    if result.graph is not None:
        return _graph_text(result.graph, turtle=fmt == "table")
    if result.boolean is not None:
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "json":
        tree = {"head": {"vars": list(result.variables)},
                "results": {"bindings": [
                    {v: t.to_json() for v, t in zip(result.variables, row, strict=True)
                     if t is not None} for row in result.rows]}}
        return json.dumps(tree, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([_csv_value(t) for t in row])
        return out.getvalue()
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in result.variables)]
        lines += ["\t".join(_tsv_value(t) for t in row) for row in result.rows]
        return "\n".join(lines) + "\n"
    if fmt == "table":
        return table(result)
    raise StoreError(f"unknown result format {fmt!r}; known: {', '.join(RESULT_FORMATS)}")


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    return f"_:{term.value}" if term.kind == "bnode" else term.value


def _tsv_value(term: Term | None) -> str:
    if term is None:
        return ""
    pattern = _ABBREVIATED.get(term.datatype or "")
    if term.kind == "literal" and pattern and re.fullmatch(pattern, term.value):
        return term.value
    return term.n3()


# the prefixes of kv2rdf's own output (``id:`` too), longest namespace first
_SHORT = sorted(((str(ns), p) for p, ns in new_graph().namespaces()),
                key=lambda item: -len(item[0]))


def shorten(iri: str) -> str:
    """``iri`` as ``prefix:local`` with the kv2rdf prefixes, when one fits."""
    for namespace, prefix in _SHORT:
        if iri.startswith(namespace) and len(iri) > len(namespace) \
                and not re.search(r"[\s<>\"{}|^`\\]", iri[len(namespace):]):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


def _cell(term: Term | None) -> str:
    if term is None:
        return ""
    if term.kind == "uri":
        text = shorten(term.value)
    elif term.kind == "bnode":
        text = f"_:{term.value}"
    elif term.kind == "literal" and term.datatype and term.datatype not in _NUMERIC \
            and term.datatype != XSD + "date":
        text = f"{term.value} ({shorten(term.datatype)})"
    else:
        text = term.value
    text = " ".join(text.split())
    return text if len(text) <= _TABLE_CELL else text[:_TABLE_CELL - 1] + "…"


def _is_number(term: Term | None) -> bool:
    return term is None or (term.kind == "literal" and term.datatype in _NUMERIC)


def table(result: QueryResult) -> str:
    """Aligned columns with a header rule and a row count; numbers right-aligned."""
    cells = [[_cell(t) for t in row] for row in result.rows]
    header = list(result.variables)
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(header)]
    numeric = [bool(result.rows) and all(_is_number(row[i]) for row in result.rows)
               for i in range(len(header))]

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w)
                         for v, w, num in zip(values, widths, numeric, strict=True)).rstrip()

    out = [line(header), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    count = len(cells)
    out.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(out) + "\n"


def _graph_text(ntriples: str, *, turtle: bool) -> str:
    if not turtle:
        return "".join(sorted(line + "\n" for line in ntriples.splitlines() if line.strip()))
    graph: Graph = new_graph()
    graph.parse(data=ntriples, format="nt")
    return sorted_copy(graph).serialize(format="turtle")
