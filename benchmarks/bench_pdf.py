"""Throughput of the PDF pipeline: pages and documents per second, parse only and parse + map.

Run: ``python benchmarks/bench_pdf.py [ROUNDS] [PDF ...]``; without files it converts the
published PDFs of the golden cases (``tests/cases/pdf-*/source.pdf``). Not a test: it prints
numbers for the README: pages per CPU-second of this process (the figure to read on a busy
machine) and per second of wall clock. The first line times the glyph extraction alone
(PDFium), to show how much of the parse is spent reading the file; the last two map into an
rdflib graph (the API edge) and into kv2rdf's triples written as Turtle (what ``kv2rdf
convert`` does).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from kv2rdf import parse, to_graph
from kv2rdf.formats import SourceFormat
from kv2rdf.mapping import to_triples
from kv2rdf.parsers.pdf_source import read_pages
from kv2rdf.serialization import dumps

ROOT = Path(__file__).resolve().parent.parent


def measure(label: str, rounds: int, data: dict[Path, bytes], pages: int,
            step: Callable[[Path, bytes], object]) -> None:
    """Pages and documents per second of ``step``: per CPU-second, and by the wall clock."""
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for path, raw in data.items():
            step(path, raw)
    elapsed, used = time.perf_counter() - start, time.process_time() - cpu
    docs = rounds * len(data)
    print(f"{label:26} {rounds * pages / used:8.1f} pages/CPU-s {docs / used:7.1f} docs/CPU-s"
          f" ({1000 * used / docs:6.1f} CPU-ms/doc); wall clock {rounds * pages / elapsed:6.1f}"
          " pages/s")


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    paths = [Path(a) for a in sys.argv[2:]] or sorted(ROOT.glob("tests/cases/pdf-*/source.pdf"))
    data = {p: p.read_bytes() for p in paths}
    pages = sum(len(read_pages(raw, str(p))) for p, raw in data.items())
    print(f"{len(data)} PDF documents, {pages} pages, {rounds} rounds")
    pdf = SourceFormat.PDF
    measure("glyphs (PDFium)", rounds, data, pages, lambda p, raw: read_pages(raw, str(p)))
    measure("parse", rounds, data, pages, lambda p, raw: parse(raw, fmt=pdf, source=str(p)))
    measure("parse + rdflib graph", rounds, data, pages,
            lambda p, raw: to_graph(parse(raw, fmt=pdf, source=str(p))))
    measure("parse + triples + Turtle", rounds, data, pages,
            lambda p, raw: dumps(to_triples(parse(raw, fmt=pdf, source=str(p))), "turtle"))


if __name__ == "__main__":
    main()
