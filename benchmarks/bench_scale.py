"""The whole corpus at scale, side by side with a naive rdflib + pySHACL pipeline, in one run.

Run: ``python benchmarks/bench_scale.py [--docs 5000] [--sample 200] [--work DIR]``. It
generates a corpus (benchmarks/generate_corpus.py), then measures and prints ratios:

* convert: a naive pipeline (parse + map, rdflib's Turtle, pySHACL per document) against
  ``kv2rdf convert --validate`` serial and on 2 cores; ``kv2rdf convert`` (Turtle, N-Quads)
  serial and on 2 cores over the whole corpus; a re-run over the unchanged corpus; 1 % new;
* validation: one by one (`kv2rdf.validate`) against in bulk (`validate_many`);
* load: per-graph SPARQL updates against the bulk loader, embedded and to an Oxigraph server
  (``oxigraph serve``, from the dev extra), graph per request against batches;
* the example queries (examples/queries/*.rq) on the loaded corpus, with every entity in
  every document's graph (before) and with the shared graph (now); a time limit per query;
* peak RSS of ``kv2rdf load`` at 1,000 documents and at the whole corpus.

Not a test: it prints numbers for the README (and writes them to WORK/results.json).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pyshacl
from rdflib import Graph

from kv2rdf import convert, validate
from kv2rdf.bulk_validation import validate_many
from kv2rdf.resources import ontology_path, shapes_path
from kv2rdf.store.bulk import Document, Spool, shared_graph, split_shared
from kv2rdf.store.endpoint import endpoint_for
from kv2rdf.store.inputs import graphs_from_rdf
from kv2rdf.store.local import LocalStore, NamedGraph
from kv2rdf.store.remote import RemoteStore

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ROWS: list[tuple[str, str, str]] = []
RESULTS: dict[str, Any] = {}


def row(label: str, value: str, ratio: str = "") -> None:
    ROWS.append((label, value, ratio))
    print(f"{label:58} {value:>22} {ratio:>10}", flush=True)


def timed(step: Callable[[], object]) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def cli(*args: object, check: bool = True) -> float:
    """Seconds ``kv2rdf ARGS`` takes (stderr kept out of the way)."""
    start = time.perf_counter()
    done = subprocess.run([str(BIN / "kv2rdf"), *map(str, args)], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    if check and done.returncode not in (0, 1):
        raise SystemExit(f"kv2rdf {args}: exit {done.returncode}\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def peak_rss(*args: object) -> float:
    """Peak resident memory (MB) of ``kv2rdf ARGS`` and its worker processes."""
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
            "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, str(BIN / "kv2rdf"), *map(str, args)],
                         capture_output=True, text=True, check=True).stdout
    return int(out) / 1024


def sources(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md", ".xml"))


def naive(paths: list[Path]) -> float:
    """Documents/s of parse + map, rdflib's Turtle writer and pySHACL as it comes."""
    shapes = Graph().parse(shapes_path())
    ontology = Graph().parse(ontology_path())

    def run() -> None:
        for path in paths:
            graph = convert(path)
            graph.serialize(format="turtle")
            pyshacl.validate(graph, shacl_graph=shapes, ont_graph=ontology, inference="none",
                             allow_warnings=True)
    return len(paths) / timed(run)


def named_graphs(folder: Path) -> list[NamedGraph]:
    found = []
    for path in sorted(folder.glob("*.nq")):
        found += graphs_from_rdf(path.read_bytes(), ox.RdfFormat.N_QUADS, str(path),
                                 path.as_uri())
    return found


def spool_of(graphs: list[NamedGraph]) -> Spool:
    spool = Spool(shared_graph())
    for graph in graphs:
        own, shared = split_shared(graph.triples)
        node = ox.NamedNode(graph.name)
        quads = [ox.Quad(t.subject, t.predicate, t.object, node) for t in own]
        lines = ox.serialize(shared, format=ox.RdfFormat.N_TRIPLES) or b""
        spool.add(Document(graph.name, graph.origin, ox.serialize(
            quads, format=ox.RdfFormat.N_QUADS) or b"", len(graph.triples),
            tuple(lines.splitlines())))
    spool.close()
    return spool


def query_times(store_dir: Path, limit: float) -> dict[str, float | None]:
    times: dict[str, float | None] = {}
    for rq in sorted((ROOT / "examples" / "queries").glob("*.rq")):
        try:
            start = time.perf_counter()
            subprocess.run([str(BIN / "kv2rdf"), "query", f"@{rq}", "--store", str(store_dir),
                            "--format", "csv"], stdout=subprocess.DEVNULL, check=True,
                           timeout=limit)
            times[rq.stem] = time.perf_counter() - start
        except subprocess.TimeoutExpired:
            times[rq.stem] = None
    return times


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_load(graphs: list[NamedGraph], spool: Spool, work: Path) -> tuple[float, float]:
    """Triples/s to an Oxigraph server: a PUT per graph, then bulk batches (same graphs)."""
    triples = sum(len(g.triples) for g in graphs)
    rates = []
    for protocol in ("gsp", "bulk"):
        port, folder = free_port(), work / f"server-{protocol}"
        shutil.rmtree(folder, ignore_errors=True)
        server = subprocess.Popen([str(BIN / "oxigraph"), "serve", "--location", str(folder),
                                   "--bind", f"127.0.0.1:{port}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            store = RemoteStore(endpoint_for(f"http://127.0.0.1:{port}"), protocol=protocol,
                                timeout=600)
            if protocol == "gsp":
                seconds = timed(lambda s=store: s.replace(graphs, lambda g: None))
            else:
                seconds = timed(lambda s=store: s.bulk_replace(spool, lambda n: None))
            rates.append(triples / seconds)
        finally:
            server.terminate()
            server.wait()
    return rates[0], rates[1]


def main() -> None:  # noqa: PLR0915
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kv2rdf-bench")
    parser.add_argument("--query-limit", type=float, default=60.0)
    parser.add_argument("--server-docs", type=int, default=1000)
    parser.add_argument("--serial-docs", type=int, default=1000)
    args = parser.parse_args()
    work: Path = args.work
    corpus, sample_dir = work / f"corpus-{args.docs}", work / "sample"
    if not corpus.is_dir():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_corpus.py"),
                        str(args.docs), str(corpus)], check=True)
    paths = sources(corpus)
    print(f"{len(paths)} documents in {corpus}; {os.cpu_count()} cores; sample {args.sample}")
    shutil.rmtree(sample_dir, ignore_errors=True)
    sample_dir.mkdir(parents=True)
    step = max(1, len(paths) // args.sample)
    for path in paths[::step][:args.sample]:
        shutil.copy(path, sample_dir / path.name)
    sample = sources(sample_dir)

    # -- convert + validate, against the naive pipeline ----------------------------------------
    base = naive(sample)
    row("naive: parse+map, rdflib Turtle, pySHACL (docs/s)", f"{base:.1f}", "1.0x")
    for jobs in (1, 2):
        out = work / f"sample-out-{jobs}"
        shutil.rmtree(out, ignore_errors=True)
        rate = len(sample) / cli("convert", sample_dir, "-o", out, "--validate", "-j", jobs)
        row(f"kv2rdf convert --validate, {jobs} core(s) (docs/s)", f"{rate:.1f}",
            f"{rate / base:.1f}x")

    # -- convert the whole corpus --------------------------------------------------------------
    rates = {}
    for jobs in (1, 2):
        out = work / f"out-{jobs}"
        shutil.rmtree(out, ignore_errors=True)
        subset = paths if jobs == 2 else paths[:args.serial_docs]
        folder = corpus if jobs == 2 else work / "corpus-serial"
        if jobs == 1:
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            for path in subset:
                shutil.copy(path, folder / path.name)
        rates[jobs] = len(subset) / cli("convert", folder, "-o", out, "-j", jobs)
        row(f"kv2rdf convert to Turtle, {jobs} core(s) (docs/s)", f"{rates[jobs]:.1f}",
            f"{rates[jobs] / rates[1]:.2f}x" if jobs == 2 else "1.0x")
    first = len(paths) / rates[2]
    rerun = cli("convert", corpus, "-o", work / "out-2", "-j", 2)
    row("re-run over the unchanged corpus (s; share of the first run)", f"{rerun:.1f}",
        f"{100 * rerun / first:.1f}%")
    extra = work / "corpus-new"
    shutil.rmtree(extra, ignore_errors=True)
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_corpus.py"),
                    str(len(paths) + len(paths) // 100), str(extra)], check=True,
                   stdout=subprocess.DEVNULL)
    # the same documents plus 1 % (the generator makes the same first N files), into a copy
    shutil.rmtree(work / "out-new", ignore_errors=True)
    shutil.copytree(work / "out-2", work / "out-new")
    new = cli("convert", extra, "-o", work / "out-new", "-j", 2)
    row("run over the corpus with 1 % new documents (s; share)", f"{new:.1f}",
        f"{100 * new / first:.1f}%")
    nq = work / "nq"
    shutil.rmtree(nq, ignore_errors=True)
    cli("convert", corpus, "-o", nq, "-t", "nquads", "-j", 2)

    # -- validation ----------------------------------------------------------------------------
    graphs = [Graph().parse(p) for p in sorted((work / "sample-out-1").glob("*.ttl"))]
    one = len(graphs) / timed(lambda: [validate(g, engine="pyshacl") for g in graphs])
    bulk = len(graphs) / timed(lambda: validate_many(graphs, engine="pyshacl"))
    row("validation one by one, pySHACL (docs/s)", f"{one:.1f}", "1.0x")
    row("validation in bulk (docs/s)", f"{bulk:.1f}", f"{bulk / one:.1f}x")

    # -- load ----------------------------------------------------------------------------------
    named = named_graphs(nq)
    triples = sum(len(g.triples) for g in named)
    old_dir, new_dir = work / "store-old", work / "store-new"
    for folder in (old_dir, new_dir):
        shutil.rmtree(folder, ignore_errors=True)
    old = LocalStore(old_dir)
    old_rate = triples / timed(lambda: old.replace(named, lambda g: None))
    old.close()
    spool = spool_of(named)
    new_store = LocalStore(new_dir)
    new_rate = triples / timed(lambda: new_store.bulk_replace(spool, lambda n: None))
    new_store.close()
    row(f"load embedded, per-graph updates ({triples} triples/s)", f"{old_rate:,.0f}", "1.0x")
    row("load embedded, bulk loader + shared graph (triples/s)", f"{new_rate:,.0f}",
        f"{new_rate / old_rate:.1f}x")
    if (BIN / "oxigraph").exists():
        few = named[:args.server_docs]
        few_spool = spool_of(few)
        put, batched = server_load(few, few_spool, work)
        few_spool.remove()
        row(f"load to Oxigraph server ({len(few)} docs), PUT per graph (triples/s)",
            f"{put:,.0f}", "1.0x")
        row("load to Oxigraph server, bulk batches (triples/s)", f"{batched:,.0f}",
            f"{batched / put:.1f}x")
    spool.remove()

    # -- queries -------------------------------------------------------------------------------
    before = query_times(old_dir, args.query_limit)
    after = query_times(new_dir, args.query_limit)
    for name in before:
        b, a = before[name], after[name]
        shown_b = f"{b:.2f}" if b is not None else f">{args.query_limit:.0f}"
        shown_a = f"{a:.2f}" if a is not None else f">{args.query_limit:.0f}"
        ratio = f"{b / a:.0f}x" if a and b else (">" + f"{args.query_limit / a:.0f}x" if a
                                                  else "")
        row(f"query {name} (s: entities per document -> shared)", f"{shown_b} -> {shown_a}",
            ratio)

    # -- memory --------------------------------------------------------------------------------
    small = work / "nq-1k"
    shutil.rmtree(small, ignore_errors=True)
    small.mkdir()
    for path in sorted(nq.glob("*.nq"))[:1000]:
        shutil.copy(path, small / path.name)
    rss_small = peak_rss("load", small, "--store", work / "rss-1k", "-j", 2)
    rss_big = peak_rss("load", nq, "--store", work / "rss-all", "-j", 2)
    row("peak RSS of load, 1,000 documents (MB)", f"{rss_small:.0f}", "1.0x")
    row(f"peak RSS of load, {len(paths):,} documents (MB)", f"{rss_big:.0f}",
        f"{rss_big / rss_small:.2f}x")
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    RESULTS["rows"] = ROWS
    RESULTS["children_cpu_s"] = cpu.ru_utime + cpu.ru_stime
    (work / "results.json").write_text(json.dumps(RESULTS, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
