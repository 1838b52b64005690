"""Throughput of the text and markdown pipeline: documents per second, per stage.

Run: ``python benchmarks/bench_text.py [ROUNDS]``. Not a test: it prints numbers for the README.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kv2rdf import dumps, parse, to_graph, validate

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([*ROOT.glob("examples/*.md"), *ROOT.glob("examples/*.txt"),
                  *ROOT.glob("tests/cases/*/source.txt"), *ROOT.glob("tests/cases/*/source.md")])


def measure(label: str, rounds: int, step) -> None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for _ in range(rounds):
        for path in SOURCES:
            step(path)
    elapsed = time.perf_counter() - start
    docs = rounds * len(SOURCES)
    print(f"{label:28} {docs / elapsed:8.1f} docs/s  ({1000 * elapsed / docs:6.1f} ms/doc)")


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    data = {p: p.read_bytes() for p in SOURCES}
    print(f"{len(SOURCES)} text/markdown documents, {rounds} rounds")
    measure("parse", rounds, lambda p: parse(data[p], source=str(p)))
    measure("parse + map", rounds, lambda p: to_graph(parse(data[p], source=str(p))))
    measure("parse + map + turtle", rounds,
            lambda p: dumps(to_graph(parse(data[p], source=str(p)))))
    measure("parse + map + SHACL", max(1, rounds // 10),
            lambda p: validate(to_graph(parse(data[p], source=str(p)))))


if __name__ == "__main__":
    main()
