"""Validation speed, side by side in one run: pySHACL one by one and in bulk, the native
engine with its SPARQL constraints in Oxigraph (the previous path) and evaluated natively on
its own index (the current path), reading Turtle, and ``kv2rdf validate`` on one and two cores.

Run: ``python benchmarks/bench_validation.py [--docs 2000] [--sample 200] [--work DIR]
[--profile]``. It generates ``--docs`` documents (benchmarks/generate_corpus.py), converts
them with ``kv2rdf convert -t turtle`` and measures:

* reading the Turtle files: rdflib's parser, pyoxigraph into rdflib graphs (`read_graph`, what
  ``validate`` read before) and pyoxigraph straight into the engine's index (`read_index`);
* on the first ``--sample`` documents (pySHACL is slow): pySHACL one by one, pySHACL in bulk
  (``validate_many(engine="pyshacl")``), the previous native path and the current one, and
  checks that the four give the same reports;
* on all documents: the previous native path (core constraints native, SPARQL constraints in
  Oxigraph over planned runs of rdflib graphs) and the current one (``validate_many`` on the
  indexes), each with its parts, and checks that the two give the same reports; then reading
  and validating together as ``validate`` does: before, 200 files read into rdflib graphs and
  then validated; now each file read into an index and validated in turn;
* ``kv2rdf validate DIR -j 1`` and ``-j 2`` (wall clock, and the CPU time of the processes).

Rates are documents per CPU-second of the benchmark process (the development machine is
shared, so that is the steadier figure); wall-clock rates are printed beside them. Before each
step the objects of the earlier ones are frozen out of the garbage collector's sight.
``--profile`` prints the top functions of the current path. Not a test: it prints numbers for
the README.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from rdflib import Graph

from kv2rdf.bulk_validation import (
    SPARQL_DOCUMENTS,
    _engine,
    _native,
    _split,
    plan_runs,
    validate_many,
)
from kv2rdf.rdf_input import read_graph, read_index
from kv2rdf.resources import ontology_path
from kv2rdf.shacl_data import TripleIndex
from kv2rdf.shacl_engine import DataIndex, nodes
from kv2rdf.sparql_constraints import evaluate
from kv2rdf.validation import ValidationResult, result_order, validate

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
Results = list[tuple[ValidationResult, ...]]
#: Files a worker read before validating them, in the previous path (its chunk size).
CHUNK = 200


def measure(label: str, count: int, step: Callable[[], object],
            base: float | None = None) -> float:
    """Run ``step``; print documents per second (wall and CPU) and the ratio to ``base``.

    What earlier steps keep (thousands of graphs) is moved out of the garbage collector's
    sight first, so every step pays for its own objects only, as in a process of its own.
    """
    gc.collect()
    gc.freeze()
    wall, cpu = time.perf_counter(), time.process_time()
    step()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rate = count / cpu
    ratio = f"{rate / base:8.1f}x" if base else " " * 9
    print(f"{label:56} {count:6d} docs {count / wall:9.1f}/s wall {rate:9.1f}/s CPU "
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


def read_each(files: Sequence[Path], reader: Callable[[Path], object]) -> None:
    """Read every file and let it go."""
    for path in files:
        reader(path)


def previous_core(graphs: Sequence[Graph]) -> list[list[ValidationResult]]:
    """The core constraints, native, on rdflib graphs (as before the SPARQL was native)."""
    core = _engine(None)
    return [core.results(g) for g in graphs]


def previous_sparql(graphs: Sequence[Graph]) -> list[list[ValidationResult]]:
    """The SPARQL constraints in Oxigraph over planned runs (as before they were native)."""
    _, constraints = _split(None)
    found: list[list[ValidationResult]] = [[] for _ in graphs]
    for members in plan_runs(graphs, documents=SPARQL_DOCUMENTS):
        results = evaluate([graphs[i] for i in members], constraints, str(ontology_path()))
        for index in members:
            mentioned = {str(n) for n in nodes(graphs[index])}
            found[index].extend(r for r in results if r.focus in mentioned)
    return found


def previous(graphs: Sequence[Graph]) -> Results:
    """The previous native path's reports: its two parts together."""
    return [tuple(sorted([*a, *b], key=result_order))
            for a, b in zip(previous_core(graphs), previous_sparql(graphs), strict=True)]


def current(indexes: Sequence[TripleIndex]) -> Results:
    """The current path's reports."""
    return [r.results for r in validate_many(indexes)]


def cli(files: Sequence[Path], jobs: int) -> None:
    """``kv2rdf validate`` over the corpus folder: wall clock and the children's CPU time."""
    folder = files[0].parent
    while folder.parent != folder and not folder.name.startswith("ttl-"):
        folder = folder.parent
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    subprocess.run([str(BIN / "kv2rdf"), "-q", "validate", str(folder), "-j", str(jobs),
                    "--format", "json"], check=False, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    print(f"{f'kv2rdf validate -j {jobs} (whole process)':56} {len(files):6d} docs "
          f"{len(files) / wall:9.1f}/s wall {len(files) / cpu:9.1f}/s CPU "
          f"{1000 * cpu / len(files):8.2f} ms", flush=True)


def main() -> None:  # noqa: PLR0915 (one measurement after the other)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="kv2rdf-bench-validation-"))
    files = corpus(work, args.docs)
    print("-- reading Turtle (each file read and let go, as a validation run does)", flush=True)
    rdflib_rate = measure("rdflib Graph().parse", len(files),
                          lambda: read_each(files, lambda f: Graph().parse(f)))
    measure("pyoxigraph into rdflib graphs (read_graph)", len(files),
            lambda: read_each(files, read_graph), rdflib_rate)
    measure("pyoxigraph into the engine's index (read_index)", len(files),
            lambda: read_each(files, read_index), rdflib_rate)
    graphs = [read_graph(f) for f in files]  # kept for what follows
    indexes = [read_index(f) for f in files]
    print(f"{len(graphs)} documents, {sum(map(len, graphs)) / len(graphs):.0f} triples each; "
          f"sample of {args.sample} for pySHACL", flush=True)
    sample, sample_index = graphs[:args.sample], indexes[:args.sample]
    validate(graphs[0])  # compile the shapes and load the vocabulary once, as a run does
    validate(graphs[0], engine="pyshacl")
    previous(graphs[:1])
    print("-- validation, the sample", flush=True)
    reports: dict[str, Results] = {}
    one = measure("pySHACL, one by one", len(sample), lambda: reports.update(
        one=[validate(g, engine="pyshacl").results for g in sample]))
    measure("pySHACL, in bulk: validate_many(engine='pyshacl')", len(sample),
            lambda: reports.update(bulk=[r.results for r in validate_many(
                sample, engine="pyshacl")]), one)
    measure("previous native path (SPARQL in Oxigraph)", len(sample),
            lambda: reports.update(old=previous(sample)), one)
    measure("current native path (SPARQL native, index)", len(sample),
            lambda: reports.update(new=current(sample_index)), one)
    same = reports["one"] == reports["bulk"] == reports["old"] == reports["new"]
    print(f"reports of the sample identical in all four: {same}", flush=True)
    print("-- validation, all documents", flush=True)
    old = measure("previous native path (SPARQL in Oxigraph)", len(graphs),
                  lambda: reports.update(old=previous(graphs)), one)
    measure("  of which core constraints (native, rdflib graphs)", len(graphs),
            lambda: previous_core(graphs), one)
    measure("  of which SPARQL constraints (Oxigraph, runs of 8)", len(graphs),
            lambda: previous_sparql(graphs), one)
    measure("current native path (SPARQL native, index)", len(graphs),
            lambda: reports.update(new=current(indexes)), old)
    core, sparql = _engine(None), _native(None)
    data = [DataIndex(i, core.vocabulary) for i in indexes]
    measure("  of which core constraints (native, index)", len(graphs),
            lambda: [core.results(d) for d in data], old)
    measure("  of which SPARQL constraints (native, index)", len(graphs),
            lambda: [sparql.results(d) for d in data], old)
    both = reports["old"] == reports["new"]
    print(f"reports of all documents identical in both paths: {both}", flush=True)
    print("-- reading and validation together", flush=True)
    before = measure(f"rdflib parse + previous native path, {CHUNK} at a time", len(files),
                     lambda: [previous([Graph().parse(f) for f in files[i:i + CHUNK]])
                              for i in range(0, len(files), CHUNK)])
    measure("read_index + current native path, file by file", len(files),
            lambda: [current([read_index(f)]) for f in files], before)
    print("-- the command line (wall clock; CPU time of the whole process)", flush=True)
    cli(files, 1)
    cli(files, 2)
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(validate_many, indexes)
        pstats.Stats(profile).sort_stats("tottime").print_stats(15)
    if not (same and both):
        raise SystemExit("the paths' reports differ")


if __name__ == "__main__":
    main()
