"""A small, fast Turtle writer for kv2rdf graphs (no blank nodes).

rdflib's Turtle serializer took two thirds of the time of a whole text conversion (11 ms of
15 ms for 400 triples); this writer does the same in about a tenth of that. Output is fixed:
subjects in natural order (``vraag/2`` before ``vraag/10``), ``rdf:type`` first, then
predicates and objects sorted; only the prefixes in use are declared. Texts with line breaks
are written as long strings so paragraphs stay readable.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_DIGITS = re.compile(r"(\d+)")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders runs of digits by value: "vraag/2" before "vraag/10"."""
    return tuple((0, int(part)) if part.isdigit() else (1, part)
                 for part in _DIGITS.split(text) if part)


def write_turtle(graph: Graph) -> str | None:
    """Turtle for ``graph``, or None when it holds blank nodes (the caller falls back)."""
    prefixes = sorted(((str(ns), p) for p, ns in graph.namespaces() if p), key=lambda x: -len(x[0]))
    used: set[str] = set()
    subjects: dict[URIRef, dict[URIRef, list[str]]] = defaultdict(lambda: defaultdict(list))

    names: dict[str, str] = {}

    def iri(term: URIRef) -> str:
        text = str(term)
        if text not in names:
            names[text] = f"<{text}>"
            for ns, prefix in prefixes:
                if text.startswith(ns) and _LOCAL.match(text[len(ns):]):
                    names[text] = f"{prefix}:{text[len(ns):]}"
                    break
        name = names[text]
        if not name.startswith("<"):
            used.add(name.split(":", 1)[0])
        return name

    def literal(term: Literal) -> str:
        value = str(term)
        if term.datatype == XSD.integer and re.fullmatch(r"-?\d+", value):
            return value
        if "\n" in value:
            body = value.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")
            text = f'"""{body}"""'
        else:
            text = '"' + "".join(_ESCAPES.get(c, c) for c in value) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{text}^^{iri(term.datatype)}"
        return text

    for s, p, o in graph:
        if isinstance(s, BNode) or isinstance(o, BNode):
            return None
        obj = literal(o) if isinstance(o, Literal) else iri(o)  # type: ignore[arg-type]
        subjects[s][p].append(obj)  # type: ignore[index]

    blocks = []
    for subject in sorted(subjects, key=natural_key):
        predicates = subjects[subject]
        order = sorted(predicates, key=lambda p: (p != RDF.type, str(p)))
        lines = []
        for predicate in order:
            name = "a" if predicate == RDF.type else iri(predicate)
            objects = predicates[predicate]
            objects = sorted(set(objects), key=natural_key) if len(objects) > 1 else objects
            lines.append(f"    {name} " + ",\n        ".join(objects))
        blocks.append(f"{iri(subject)}\n" + " ;\n".join(lines) + " .\n")
    head = "".join(f"@prefix {p}: <{ns}> .\n" for ns, p in sorted(prefixes, key=lambda x: x[1])
                   if p in used)
    return head + "\n" + "\n".join(blocks)
