"""Conversion throughput: a naive rdflib pipeline, kv2rdf's fast path and older code, in one run.

Run: ``python benchmarks/bench_text.py [--docs 2000] [--sample 120] [--rounds 3] [--jobs 2]
[--baseline DIR]``. Not a test: it prints the numbers for the README's "Speed" section.

1. Per source format (text, markdown, KOOP XML) on a sample of a generated corpus
   (`generate_corpus.py`: the golden cases replicated with other identifiers), CPU time per
   document of each stage on its own: parse; map the document to triples; write them as
   Turtle; as N-Triples; and the naive pipeline (parse, map into an rdflib `Graph`, rdflib's
   Turtle serializer). The stages take turns round by round, so a busy machine slows them
   alike; the ratio to the naive pipeline is the figure to read.
2. ``kv2rdf convert CORPUS -o DIR --force`` on the whole corpus with ``-j 1`` and ``-j N``,
   taking turns: documents per second (wall clock), CPU per document, the speed-up, and a
   check that both runs wrote the same bytes.

With ``--baseline DIR`` (a checkout of older kv2rdf code, e.g. ``git worktree add DIR main``)
both parts run the old and this code alternately, each stage round in a fresh process of its
own code (``PYTHONPATH``), and print old → new per stage, with a check that the old and new
``convert`` wrote the same files.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = {"text": ".txt", "markdown": ".md", "xml": ".xml"}
NAIVE = "naive: parse + rdflib Graph + rdflib Turtle"
FAST = ("parse", "map to triples", "write Turtle", "write N-Triples")
Times = dict[str, dict[str, float]]  # format → stage → CPU seconds (summed over the rounds)


def generate(docs: int, folder: Path) -> Path:
    """A generated corpus of ``docs`` documents (made once per size)."""
    corpus = folder / f"corpus-{docs}"
    if not corpus.is_dir():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_corpus.py"),
                        str(docs), str(corpus)], check=True, stdout=subprocess.DEVNULL)
    return corpus


def stage_round(corpus: Path, sample: int, naive: bool) -> Times:
    """One round: CPU seconds of each stage over the sample of each format (this process).

    Each stage meets each document once, as a conversion of a corpus does (a document met
    again would find the parsers' and writers' caches filled); the process warms up on other
    documents first.
    """
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    times: Times = {}
    for fmt, suffix in SUFFIXES.items():
        chosen = [(p.read_bytes(), str(p)) for p in files if p.suffix == suffix]
        _format_round(chosen[-10:], naive=False)  # imports, reference data, compiled patterns
        times[fmt] = _format_round(chosen[:sample], naive)
    return times


def _format_round(chosen: list[tuple[bytes, str]], naive: bool) -> dict[str, float]:
    from kv2rdf import parse, to_graph
    from kv2rdf.mapping import to_triples
    from kv2rdf.model import Document
    from kv2rdf.serialization import dumps
    from kv2rdf.triples import Triples

    docs: list[Document] = []
    triples: list[Triples] = []
    steps: dict[str, Callable[[], object]] = {
        "parse": lambda: docs.extend(parse(data, source=name) for data, name in chosen),
        "map to triples": lambda: triples.extend(to_triples(doc) for doc in docs),
        "write Turtle": lambda: [dumps(t, "turtle") for t in triples],
        "write N-Triples": lambda: [dumps(t, "nt") for t in triples],
    }
    if naive:
        steps[NAIVE] = lambda: [to_graph(parse(data, source=name)).serialize(format="turtle")
                                for data, name in chosen]
    times = {"documents": float(len(chosen))}
    for stage, step in steps.items():
        start = time.process_time()
        step()
        times[stage] = time.process_time() - start
    return times


def _add(total: Times, more: Times) -> None:
    for fmt, stages in more.items():
        for stage, seconds in stages.items():
            total.setdefault(fmt, {}).setdefault(stage, 0.0)
            total[fmt][stage] += seconds


def _ms(stages: dict[str, float], stage: str) -> float:
    return 1000 * stages[stage] / stages["documents"]


def _worker(corpus: Path, sample: int, tree: Path, naive: bool) -> Times:
    """`stage_round` in a fresh process running the code in ``tree``."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_text.py"), "--worker", str(corpus),
         "--sample", str(sample), *(["--naive"] if naive else [])], check=True,
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(tree)})
    times: Times = json.loads(done.stdout)
    return times


def in_process(corpus: Path, sample: int, rounds: int) -> None:
    """CPU time per document of each stage and of the naive pipeline, per source format."""
    total: Times = {}
    for _ in range(rounds):
        _add(total, _worker(corpus, sample, ROOT, naive=True))
    print(f"\nCPU time per stage, {rounds} rounds, a fresh process each "
          f"({sample} documents of each format, each met once per round):")
    print(f"{'format':9} {'stage':44} {'docs/CPU-s':>11} {'ms/doc':>8} {'vs naive':>9}")
    for fmt, stages in total.items():
        whole = sum(_ms(stages, s) for s in FAST[:3])
        rows = [(s, _ms(stages, s)) for s in (*FAST, NAIVE)]
        rows.append(("fast: parse + triples + Turtle", whole))
        for stage, ms in rows:
            ratio = f"{_ms(stages, NAIVE) / whole:8.1f}×" if stage.startswith("fast") else ""
            print(f"{fmt:9} {stage:44} {1000 / ms:11.0f} {ms:8.2f} {ratio:>9}")


def side_by_side(corpus: Path, sample: int, rounds: int, baseline: Path) -> None:
    """Old and new code per stage, a fresh process per round and code, taking turns."""
    totals: dict[str, Times] = {"old": {}, "new": {}}
    for index in range(rounds):
        order = ("old", "new") if index % 2 == 0 else ("new", "old")
        for which in order:
            _add(totals[which], _worker(corpus, sample, baseline if which == "old" else ROOT,
                                        naive=False))
    print(f"\nOld ({baseline}) → new code, CPU ms per document, {rounds} rounds taking turns, "
          f"a fresh process each ({sample} documents of each format):")
    print(f"{'format':9} {'stage':34} {'old':>8} {'new':>8} {'new/old':>8} {'new docs/CPU-s':>15}")
    for fmt in SUFFIXES:
        old, new = totals["old"][fmt], totals["new"][fmt]
        rows = [(s, _ms(old, s), _ms(new, s)) for s in FAST]
        rows.append(("parse + triples + Turtle", sum(r[1] for r in rows[:3]),
                     sum(r[2] for r in rows[:3])))
        for stage, before, after in rows:
            print(f"{fmt:9} {stage:34} {before:8.2f} {after:8.2f} {after / before:8.2f} "
                  f"{1000 / after:15.0f}")


def convert(corpus: Path, out: Path, jobs: int, tree: Path = ROOT) -> tuple[float, float]:
    """Wall seconds and CPU seconds (all processes) of one ``kv2rdf convert`` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kv2rdf", "convert", str(corpus), "-o", str(out),
                    "-j", str(jobs), "--force", "-q"], check=True, stderr=subprocess.DEVNULL,
                   env={**os.environ, "PYTHONPATH": str(tree)})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cli(corpus: Path, work: Path, jobs: int, rounds: int, baseline: Path | None) -> None:
    """``kv2rdf convert`` serial against ``jobs`` workers (old and new code), taking turns."""
    docs = sum(1 for p in corpus.rglob("*") if p.is_file())
    trees = {"new": ROOT} if baseline is None else {"old": baseline, "new": ROOT}
    runs = [(which, n) for which in trees for n in dict.fromkeys((1, jobs))]
    walls: dict[tuple[str, int], list[float]] = {run: [] for run in runs}
    cpus: dict[tuple[str, int], list[float]] = {run: [] for run in runs}
    for index in range(rounds):
        for which, n in runs if index % 2 == 0 else runs[::-1]:
            wall, cpu = convert(corpus, work / f"out-{which}-j{n}", n, trees[which])
            walls[which, n].append(wall)
            cpus[which, n].append(cpu)
    print(f"\nkv2rdf convert of {docs} documents to Turtle, {rounds} runs each, taking turns "
          f"(load average now: {os.getloadavg()[0]:.1f}):")
    for which, n in runs:
        best = min(walls[which, n])
        print(f"  {which} -j {n}: {docs / best:7.0f} docs/s (best run, {best:.1f} s; runs: "
              f"{', '.join(f'{w:.1f}' for w in walls[which, n])} s), CPU "
              f"{1000 * min(cpus[which, n]) / docs:.2f} ms/doc, "
              f"{docs / min(cpus[which, n]):.0f} docs per CPU-second")
    for which in trees:
        print(f"  {which}: speed-up with {jobs} workers: "
              f"{min(walls[which, 1]) / min(walls[which, jobs]):.2f}×; outputs byte-identical: "
              f"{_same_files(work / f'out-{which}-j1', work / f'out-{which}-j{jobs}')}")
    if baseline is not None:
        print(f"  old → new, CPU per document at -j 1: "
              f"{min(cpus['new', 1]) / min(cpus['old', 1]):.2f}×; outputs byte-identical: "
              f"{_same_files(work / 'out-old-j1', work / 'out-new-j1')}")


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
    parser.add_argument("--corpus", type=Path, help="an existing corpus (default: generate one)")
    parser.add_argument("--baseline", type=Path, metavar="DIR",
                        help="a checkout of older kv2rdf code, timed against this code")
    parser.add_argument("--no-cli", action="store_true", help="only the in-process figures")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--naive", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:  # one round of the stages, as JSON, in the code on PYTHONPATH
        print(json.dumps(stage_round(args.worker, args.sample, naive=args.naive)))
        return
    args.work.mkdir(parents=True, exist_ok=True)
    corpus = args.corpus or generate(args.docs, args.work)
    count = sum(1 for p in corpus.rglob("*") if p.is_file())
    print(f"corpus: {corpus} ({count} documents); {os.cpu_count()} cores")
    in_process(corpus, args.sample, args.rounds)
    if args.baseline is not None:
        side_by_side(corpus, args.sample, 2 * args.rounds, args.baseline.resolve())
    if not args.no_cli:
        cli(corpus, args.work, args.jobs, max(1, args.rounds - 1), args.baseline)


if __name__ == "__main__":
    main()
