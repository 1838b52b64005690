"""Conversion throughput: a naive rdflib pipeline against kv2rdf's fast path, in one run.

Run: ``python benchmarks/bench_text.py [--docs 2000] [--sample 120] [--rounds 3] [--jobs 2]``.
Not a test: it prints the numbers for the README's "Speed" section.

1. In this process, per source format (text, markdown, KOOP XML) on a sample of a generated
   corpus (`generate_corpus.py`: the golden cases replicated with other identifiers), CPU
   time per document of: parse only; the naive pipeline (parse, map into an rdflib `Graph`,
   rdflib's Turtle serializer); kv2rdf's fast path (parse, `to_triples`, kv2rdf's Turtle and
   N-Triples writers). The stages take turns round by round, so a busy machine slows them
   alike; the ratio to the naive pipeline is the figure to read.
2. ``kv2rdf convert CORPUS -o DIR --force`` on the whole corpus with ``-j 1`` and ``-j N``,
   taking turns: documents per second (wall clock), CPU per document, the speed-up, and a
   check that both runs wrote the same bytes.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kv2rdf import parse, to_graph
from kv2rdf.mapping import to_triples
from kv2rdf.serialization import dumps

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SUFFIXES = {"text": ".txt", "markdown": ".md", "xml": ".xml"}
Step = Callable[[bytes, str], object]
STAGES: dict[str, Step] = {
    "parse": lambda data, name: parse(data, source=name),
    "naive: parse + rdflib Graph + rdflib Turtle": lambda data, name: to_graph(
        parse(data, source=name)).serialize(format="turtle"),
    "fast: parse + triples + Turtle": lambda data, name: dumps(
        to_triples(parse(data, source=name)), "turtle"),
    "fast: parse + triples + N-Triples": lambda data, name: dumps(
        to_triples(parse(data, source=name)), "nt"),
}
NAIVE = "naive: parse + rdflib Graph + rdflib Turtle"


def generate(docs: int, folder: Path) -> Path:
    """A generated corpus of ``docs`` documents (made once per size)."""
    corpus = folder / f"corpus-{docs}"
    if not corpus.is_dir():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_corpus.py"),
                        str(docs), str(corpus)], check=True, stdout=subprocess.DEVNULL)
    return corpus


def in_process(corpus: Path, sample: int, rounds: int) -> None:
    """CPU time per document of each stage, per source format."""
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    print(f"\nIn one process, CPU time, {rounds} rounds taking turns "
          f"({sample} documents of each format):")
    print(f"{'format':9} {'stage':44} {'docs/CPU-s':>11} {'ms/doc':>8} {'vs naive':>9}")
    for fmt, suffix in SUFFIXES.items():
        chosen = [(p.read_bytes(), str(p)) for p in files if p.suffix == suffix][:sample]
        spent = dict.fromkeys(STAGES, 0.0)
        for _ in range(rounds):
            for stage, step in STAGES.items():
                start = time.process_time()
                for data, name in chosen:
                    step(data, name)
                spent[stage] += time.process_time() - start
        count = rounds * len(chosen)
        for stage, seconds in spent.items():
            ratio = spent[NAIVE] / seconds if stage != "parse" else float("nan")
            shown = f"{ratio:8.1f}×" if stage != "parse" else ""
            print(f"{fmt:9} {stage:44} {count / seconds:11.0f} {1000 * seconds / count:8.2f} "
                  f"{shown:>9}")


def convert(corpus: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Wall seconds and CPU seconds (all processes) of one ``kv2rdf convert`` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(BIN / "kv2rdf"), "convert", str(corpus), "-o", str(out), "-j",
                    str(jobs), "--force"], check=True, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cli(corpus: Path, work: Path, jobs: int, rounds: int) -> None:
    """``kv2rdf convert`` serial against ``jobs`` workers, taking turns."""
    docs = sum(1 for p in corpus.rglob("*") if p.is_file())
    walls: dict[int, list[float]] = {1: [], jobs: []}
    cpus: dict[int, list[float]] = {1: [], jobs: []}
    for _ in range(rounds):
        for n in (1, jobs):
            wall, cpu = convert(corpus, work / f"out-j{n}", n)
            walls[n].append(wall)
            cpus[n].append(cpu)
    same = _same_files(work / "out-j1", work / f"out-j{jobs}")
    print(f"\nkv2rdf convert of {docs} documents to Turtle, {rounds} runs each, taking turns "
          f"(load average before: {os.getloadavg()[0]:.1f}):")
    for n in (1, jobs):
        best = min(walls[n])
        print(f"  -j {n}: {docs / best:7.0f} docs/s (best run, {best:.1f} s; runs: "
              f"{', '.join(f'{w:.1f}' for w in walls[n])} s), CPU "
              f"{1000 * min(cpus[n]) / docs:.2f} ms/doc")
    print(f"  speed-up with {jobs} workers: {min(walls[1]) / min(walls[jobs]):.2f}×; "
          f"outputs byte-identical: {same}")


def _same_files(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir() if not p.name.startswith("."))
    _, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    return names == sorted(p.name for p in b.iterdir() if not p.name.startswith(".")) \
        and not mismatch and not errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--sample", type=int, default=120)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kv2rdf-bench")
    parser.add_argument("--no-cli", action="store_true", help="only the in-process figures")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    corpus = generate(args.docs, args.work)
    print(f"corpus: {corpus} ({args.docs} documents); {os.cpu_count()} cores")
    in_process(corpus, args.sample, args.rounds)
    if not args.no_cli:
        cli(corpus, args.work, args.jobs, max(1, args.rounds - 1))


if __name__ == "__main__":
    main()
