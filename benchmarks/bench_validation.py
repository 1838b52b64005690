"""Validation speed, side by side in one run: pySHACL one by one, pySHACL in bulk, the native
engine in bulk — on a generated corpus converted to Turtle first.

Run: ``python benchmarks/bench_validation.py [--docs 2000] [--sample 200] [--work DIR]
[--profile]``. It generates ``--docs`` documents (benchmarks/generate_corpus.py), converts
them with ``kv2rdf convert -t turtle``, reads the Turtle files into rdflib graphs (timed on its
own), and validates:

* one by one with pySHACL (``validate(graph, engine="pyshacl")``) and in bulk with pySHACL
  (``validate_many(graphs, engine="pyshacl")``) on the first ``--sample`` documents (they
  are slow);
* in bulk with the native engine (``validate_many(graphs)``) on all documents, and its two
  parts apart: the core constraints (`kv2rdf.shacl_engine`) and the SPARQL constraints in
  Oxigraph;
* and checks that the reports of the sample are the same in all three.

Both wall-clock and CPU time are printed: the development machine is shared, so documents per
CPU-second is the steadier figure. ``--profile`` prints the top functions of the native run.
Not a test: it prints numbers for the README.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from kv2rdf.bulk_validation import SPARQL_DOCUMENTS, _engine, _split, plan_runs, validate_many
from kv2rdf.resources import ontology_path
from kv2rdf.sparql_constraints import evaluate
from kv2rdf.validation import validate

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def measure(label: str, count: int, step: Callable[[], object],
            base: float | None = None) -> float:
    """Run ``step``; print documents per second (wall and CPU) and the ratio to ``base``."""
    wall, cpu = time.perf_counter(), time.process_time()
    step()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rate = count / cpu
    ratio = f"{rate / base:8.1f}x" if base else " " * 9
    print(f"{label:52} {count:6d} docs {count / wall:9.1f}/s wall {rate:9.1f}/s CPU "
          f"{1000 * cpu / count:8.2f} ms {ratio}", flush=True)
    return rate


def corpus(work: Path, docs: int) -> list[Path]:
    """The Turtle files of a generated corpus of ``docs`` documents (made once per folder)."""
    turtle = work / f"ttl-{docs}"
    if not turtle.is_dir():
        sources = work / f"corpus-{docs}"
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_corpus.py"),
                        str(docs), str(sources)], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([str(BIN / "kv2rdf"), "convert", str(sources), "-o", str(turtle)],
                       check=True, stderr=subprocess.DEVNULL)
    return sorted(turtle.rglob("*.ttl"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="kv2rdf-bench-validation-"))
    files = corpus(work, args.docs)
    graphs: list[Graph] = []
    measure("read Turtle into rdflib graphs", len(files),
            lambda: graphs.extend(Graph().parse(f) for f in files))
    sample = graphs[:args.sample]
    print(f"{len(graphs)} documents, {sum(map(len, graphs)) / len(graphs):.0f} triples each; "
          f"sample of {len(sample)} for pySHACL", flush=True)
    validate(graphs[0])  # compile the shapes and load the vocabulary once, as a run does
    validate(graphs[0], engine="pyshacl")
    reports: dict[str, object] = {}
    one = measure("pySHACL, one by one (sample)", len(sample), lambda: reports.update(
        one=[validate(g, engine="pyshacl").results for g in sample]))
    measure("pySHACL, in bulk: validate_many (sample)", len(sample), lambda: reports.update(
        bulk=[r.results for r in validate_many(sample, engine="pyshacl")]), one)
    measure("native engine, in bulk (sample)", len(sample), lambda: reports.update(
        fast=[r.results for r in validate_many(sample)]), one)
    same = reports["one"] == reports["bulk"] == reports["fast"]
    print(f"reports of the sample identical in all three: {same}", flush=True)
    measure("native engine, in bulk (all)", len(graphs), lambda: validate_many(graphs), one)
    core = _engine(None)
    measure("  of which core constraints (native)", len(graphs),
            lambda: [core.results(g) for g in graphs], one)
    _, constraints = _split(None)
    runs = plan_runs(graphs, documents=SPARQL_DOCUMENTS)
    measure("  of which SPARQL constraints (Oxigraph)", len(graphs),
            lambda: [evaluate([graphs[i] for i in run], constraints, str(ontology_path()))
                     for run in runs], one)
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(validate_many, graphs)
        pstats.Stats(profile).sort_stats("tottime").print_stats(15)
    if not same:
        raise SystemExit("the engines' reports differ")


if __name__ == "__main__":
    main()
