"""The corpus end to end: converted, validated and loaded into the embedded store, in one run.

Run: ``python benchmarks/bench_end_to_end.py [--docs 10000] [--small 1000] [--jobs 2]``. It
generates a corpus (benchmarks/generate_corpus.py; ``--corpus DIR`` reuses one), then runs
``kv2rdf -q load --validate -j JOBS`` into a new embedded store over the first ``--small``
documents and over all of them, and again over all of them with the manifest (nothing
changed, so nothing is done). For each run: wall-clock seconds, CPU seconds of kv2rdf and its
workers, and the peak RSS of the largest of those processes. A naive pipeline (parse + map,
rdflib's Turtle writer, pySHACL as it comes, one ``Store.load`` per document) runs over
``--sample`` documents in the same run, for the ratio.

Not a test: it prints numbers for the README (and writes them to WORK/end-to-end.json).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pyshacl
from rdflib import Graph

from kv2rdf import convert
from kv2rdf.resources import ontology_path, shapes_path

ROOT = Path(__file__).resolve().parent.parent
KV2RDF = Path(sys.executable).parent / "kv2rdf"
#: Runs a command and prints its wall time and its children's resource use, as JSON.
MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
wall = time.perf_counter() - start
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": code, "wall": wall, "cpu": use.ru_utime + use.ru_stime,
                  "rss_mb": use.ru_maxrss / 1024}))
"""


def measured(*args: object) -> dict[str, Any]:
    """Wall and CPU seconds and peak RSS (MB) of ``kv2rdf ARGS`` and its workers."""
    out = subprocess.run([sys.executable, "-c", MEASURE, str(KV2RDF), *map(str, args)],
                         capture_output=True, text=True, check=True).stdout
    result: dict[str, Any] = json.loads(out)
    if result["code"] not in (0, 1):
        raise SystemExit(f"kv2rdf {' '.join(map(str, args))}: exit {result['code']}")
    return result


def naive(paths: list[Path], work: Path) -> float:
    """CPU seconds per document of a naive convert, validate and load, one document at a time."""
    shapes, ontology = Graph().parse(shapes_path()), Graph().parse(ontology_path())
    store = ox.Store(str(work / "naive-store"))
    start = time.process_time()
    for number, path in enumerate(paths):
        graph = convert(path)
        turtle = graph.serialize(format="turtle")
        pyshacl.validate(graph, shacl_graph=shapes, ont_graph=ontology, inference="none",
                         allow_warnings=True)
        store.load(turtle.encode(), format=ox.RdfFormat.TURTLE,
                   to_graph=ox.NamedNode(f"urn:naive:{number}"))
    return (time.process_time() - start) / len(paths)


def corpus(args: argparse.Namespace) -> tuple[Path, list[Path]]:
    """The corpus folder and its source files; generated when ``--corpus`` names none."""
    folder = args.corpus or args.work / f"corpus-{args.docs}"
    if not folder.exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_corpus.py"),
                        str(args.docs), str(folder)], check=True)
    return folder, sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md", ".xml"))


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--work", type=Path,
                        default=Path(tempfile.gettempdir()) / "kv2rdf-end-to-end")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    folder, paths = corpus(args)
    small = args.work / "small"
    shutil.rmtree(small, ignore_errors=True)
    small.mkdir()
    for number, path in enumerate(paths[:args.small]):  # links: the same bytes, fewer files
        (small / f"{number:06d}{path.suffix}").symlink_to(path)
    results: dict[str, Any] = {"documents": len(paths), "jobs": args.jobs}
    shutil.rmtree(args.work / "naive-store", ignore_errors=True)
    naive_cpu = results["naive_cpu_per_doc"] = naive(paths[:args.sample], args.work)
    print(f"naive (parse + map, rdflib Turtle, pySHACL, Store.load; {args.sample} docs): "
          f"{naive_cpu * 1000:.1f} CPU-ms/doc", flush=True)
    for label, inputs in (("small", small), ("all", folder)):
        store, manifest = args.work / f"store-{label}", args.work / f"manifest-{label}.json"
        shutil.rmtree(store, ignore_errors=True)
        manifest.unlink(missing_ok=True)
        command = ["-q", "load", "--validate", "-j", args.jobs, inputs, "--store", store,
                   "--manifest", manifest]
        run = results[label] = measured(*command)
        docs = run["documents"] = args.small if label == "small" else len(paths)
        cpu = run["cpu"] / docs
        print(f"load --validate -j {args.jobs}, {docs} docs: {run['wall']:.1f} s wall "
              f"({docs / run['wall']:.0f} docs/s), {cpu * 1000:.1f} CPU-ms/doc "
              f"({naive_cpu / cpu:.1f}x naive), peak RSS {run['rss_mb']:.0f} MB", flush=True)
        if label == "all":
            rerun = results["rerun"] = measured(*command)
            print(f"re-run, unchanged: {rerun['wall']:.1f} s ({rerun['wall'] / run['wall']:.1%}"
                  f" of the first); peak RSS all / small: "
                  f"{run['rss_mb'] / results['small']['rss_mb']:.2f}x", flush=True)
        (args.work / "end-to-end.json").write_text(json.dumps(results, indent=2))

if __name__ == "__main__":
    main()
