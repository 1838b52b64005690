"""Documentation of the kv2rdf vocabulary, generated from ``ontology/kv.ttl``.

``python ontology/docs.py`` writes ``ontology/kv.html`` (one page: metadata, classes,
properties, datatypes and code lists, each term with its Dutch and English label and comment)
and the Mermaid class diagram between the ``<!-- diagram -->`` markers of
``ontology/README.md`` and of the project's ``README.md``. ``--check`` only compares and exits 1 when a file is out of date (CI runs
it through tests/test_ontology.py). Output is deterministic: terms are sorted by IRI.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

HERE = Path(__file__).resolve().parent
ONTOLOGY = HERE / "kv.ttl"
SHAPES = HERE.parent / "shapes" / "kv.shacl.ttl"
SH = "http://www.w3.org/ns/shacl#"
HTML_PAGE = HERE / "kv.html"
READMES = (HERE / "README.md", HERE.parent / "README.md")
START, END = "<!-- diagram -->", "<!-- /diagram -->"


def _curie(g: Graph, node: Node) -> str:
    if isinstance(node, URIRef):
        try:
            return g.namespace_manager.normalizeUri(node)
        except ValueError:
            return str(node)
    return str(node)


def _texts(g: Graph, node: Node, pred: URIRef) -> dict[str, str]:
    return {o.language or "": str(o) for o in g.objects(node, pred) if isinstance(o, Literal)}


def _terms(g: Graph, cls: URIRef, ns: str) -> list[URIRef]:
    return sorted(s for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef)
                  and str(s).startswith(ns))


def _pattern(g: Graph, datatype: URIRef) -> str | None:
    restrictions = g.value(datatype, OWL.withRestrictions)
    if restrictions is None:
        return None
    for item in g.items(restrictions):
        found = g.value(item, XSD.pattern)
        if found is not None:
            return str(found)
    return None


def _shape_links(shapes: Graph) -> list[tuple[URIRef, URIRef, URIRef]]:
    """(class, property, class) for every property shape with an IRI path and an sh:class."""
    links = set()
    for shape, target in shapes.subject_objects(URIRef(SH + "targetClass")):
        for prop in shapes.objects(shape, URIRef(SH + "property")):
            path = shapes.value(prop, URIRef(SH + "path"))
            classes = list(shapes.objects(prop, URIRef(SH + "class")))
            for alternatives in shapes.objects(prop, URIRef(SH + "or")):
                for option in shapes.items(alternatives):
                    classes += shapes.objects(option, URIRef(SH + "class"))
            for cls in classes:
                if isinstance(path, URIRef) and isinstance(cls, URIRef) and isinstance(
                        target, URIRef):
                    links.add((target, path, cls))
    return sorted(links)


def mermaid(g: Graph, shapes: Graph | None = None) -> str:
    """A Mermaid class diagram: kv classes, their super-classes, the kv properties and, from
    the shapes, the links between the classes (``sh:path`` with ``sh:class``)."""
    ns = str(g.namespace_manager.store.namespace("kv"))

    def name(node: Node) -> str:
        return re.sub(r"[^A-Za-z0-9]", "_", _curie(g, node))

    lines = ["classDiagram", "    direction LR"]
    classes = _terms(g, OWL.Class, ns)
    shown: set[Node] = set()
    for cls in classes:
        for sup in sorted(g.objects(cls, RDFS.subClassOf)):
            shown.add(sup)
    for node in sorted(set(classes) | shown):
        lines.append(f'    class {name(node)}["{_curie(g, node)}"]')
    for cls in classes:
        for sup in sorted(g.objects(cls, RDFS.subClassOf)):
            lines.append(f"    {name(sup)} <|-- {name(cls)}")
    for prop in _terms(g, OWL.ObjectProperty, ns):
        domain, range_ = g.value(prop, RDFS.domain), g.value(prop, RDFS.range)
        if domain is not None and range_ is not None:
            for node in (domain, range_):
                if node not in shown and node not in classes:
                    shown.add(node)
                    lines.append(f'    class {name(node)}["{_curie(g, node)}"]')
            lines.append(f"    {name(domain)} --> {name(range_)} : {_curie(g, prop)}")
    for source, path, target in _shape_links(shapes if shapes is not None else Graph()):
        if str(path).startswith(ns):
            continue  # already drawn from its domain and range
        for node in (source, target):
            if node not in shown and node not in classes:
                shown.add(node)
                lines.append(f'    class {name(node)}["{_curie(g, node)}"]')
        lines.append(f"    {name(source)} --> {name(target)} : {_curie(g, path)}")
    return "\n".join(lines) + "\n"


def _term_html(g: Graph, term: URIRef) -> str:
    labels, comments = _texts(g, term, RDFS.label), _texts(g, term, RDFS.comment)
    if not labels:
        labels = _texts(g, term, SKOS.prefLabel)
        comments = _texts(g, term, SKOS.definition)
    rows = [f'<section id="{html.escape(_curie(g, term))}">',
            f"<h3>{html.escape(_curie(g, term))}</h3>",
            f"<p class=\"iri\"><code>{html.escape(str(term))}</code></p>", "<dl>"]
    for lang in ("nl", "en"):
        if lang in labels:
            rows.append(f'<dt>label ({lang})</dt><dd lang="{lang}">{html.escape(labels[lang])}</dd>')
        if lang in comments:
            rows.append(f'<dt>comment ({lang})</dt><dd lang="{lang}">'
                        f"{html.escape(comments[lang])}</dd>")
    links = (("subclass of", RDFS.subClassOf), ("sub-property of", RDFS.subPropertyOf),
             ("domain", RDFS.domain), ("range", RDFS.range), ("disjoint with", OWL.disjointWith),
             ("type", RDF.type), ("in scheme", SKOS.inScheme), ("broader", SKOS.broader),
             ("notation", SKOS.notation), ("close match", SKOS.closeMatch),
             ("on datatype", OWL.onDatatype), ("see also", RDFS.seeAlso))
    for title, pred in links:
        values = sorted(_curie(g, o) for o in g.objects(term, pred))
        if values:
            rows.append(f"<dt>{title}</dt><dd>{html.escape(', '.join(values))}</dd>")
    pattern = _pattern(g, term)
    if pattern:
        rows.append(f"<dt>pattern</dt><dd><code>{html.escape(pattern)}</code></dd>")
    rows += ["</dl>", "</section>"]
    return "\n".join(rows)


def page(g: Graph) -> str:
    """The HTML page of the vocabulary."""
    onto = next(s for s in g.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef))
    kv = str(g.namespace_manager.store.namespace("kv"))
    title = _texts(g, onto, RDFS.label)
    comment = _texts(g, onto, RDFS.comment)
    meta = [("IRI", str(onto)), ("version IRI", str(g.value(onto, OWL.versionIRI))),
            ("version", str(g.value(onto, OWL.versionInfo))),
            ("licence", str(g.value(onto, DCTERMS.license)))]
    concepts = sorted(s for s in g.subjects(RDF.type, SKOS.Concept) if isinstance(s, URIRef))
    sections = [("Classes", _terms(g, OWL.Class, kv)),
                ("Object properties", _terms(g, OWL.ObjectProperty, kv)),
                ("Datatype properties", _terms(g, OWL.DatatypeProperty, kv)),
                ("Datatypes", _terms(g, RDFS.Datatype, kv)),
                ("Code lists (SKOS concept schemes)", _terms(g, SKOS.ConceptScheme, kv)),
                ("Codes (SKOS concepts)", concepts)]
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{html.escape(title.get('en', 'kv2rdf'))}</title>",
           "<style>body{font-family:sans-serif;max-width:60em;margin:auto;padding:1em}"
           "dt{font-weight:bold}section{border-top:1px solid #ccc}code{font-size:90%}</style>",
           "</head>", "<body>",
           f"<h1>{html.escape(title.get('en', ''))} / {html.escape(title.get('nl', ''))}</h1>",
           f"<p lang=\"en\">{html.escape(comment.get('en', ''))}</p>",
           f"<p lang=\"nl\">{html.escape(comment.get('nl', ''))}</p>", "<dl>"]
    out += [f"<dt>{k}</dt><dd><code>{html.escape(v)}</code></dd>" for k, v in meta]
    out += ["</dl>", "<nav><ul>"]
    for heading, terms in sections:
        out.append(f"<li>{heading}: " + ", ".join(
            f'<a href="#{html.escape(_curie(g, t))}">{html.escape(_curie(g, t))}</a>'
            for t in terms) + "</li>")
    out += ["</ul></nav>", "<h2>Diagram</h2>",
            f'<pre class="mermaid">{html.escape(mermaid(g, _shapes()))}</pre>']
    for heading, terms in sections:
        out.append(f"<h2>{heading}</h2>")
        out += [_term_html(g, t) for t in terms]
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def readme(current: str, g: Graph) -> str:
    """``current`` README text with the diagram between the markers replaced."""
    before, rest = current.split(START, 1)
    _, after = rest.split(END, 1)
    return f"{before}{START}\n```mermaid\n{mermaid(g, _shapes())}```\n{END}{after}"


def _shapes() -> Graph:
    return Graph().parse(SHAPES)


def main(argv: list[str]) -> int:
    """Write (or with ``--check`` compare) the page and the README diagram."""
    g = Graph().parse(ONTOLOGY)
    wanted = {HTML_PAGE: page(g)}
    wanted |= {path: readme(path.read_text(encoding="utf-8"), g) for path in READMES}
    stale = [p for p, text in wanted.items()
             if not p.exists() or p.read_text(encoding="utf-8") != text]
    if "--check" in argv:
        for path in stale:
            print(f"{path.name} is out of date: run python ontology/docs.py", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.write_text(wanted[path], encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
