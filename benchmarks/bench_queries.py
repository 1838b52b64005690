"""Query times on a loaded corpus: every example query and every table query.

Run: ``python benchmarks/bench_queries.py --docs 10000`` generates a corpus
(benchmarks/generate_corpus.py), loads it with ``kv2rdf load -j 2`` into an embedded store
(converting as it loads, then linking), and times each query; ``--store DIR`` times the
queries on a store loaded before (``--endpoint URL``: on a SPARQL server instead). Each
query runs in a process of its own, as ``kv2rdf query`` does it: the time is from sending
the query to holding every row as SPARQL JSON (Python's start and opening the store left
out), wall clock and CPU seconds of that process, the slowest of ``--runs`` runs discarded
when there are more than one. A query past ``--limit`` seconds is stopped and shown as such.

Not a test: it prints a Markdown table for the README (and writes WORK/queries.json).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
QUERIES = sorted((ROOT / "examples" / "queries").glob("*.rq")) + sorted(
    (ROOT / "kv2rdf" / "queries").glob("*.rq"))

#: What runs in the query's own process: open the store, time the query and its rows.
RUNNER = """
import json, sys, time
from kv2rdf.store.commands import open_store
from kv2rdf.store.query_check import check_query
store_dir, endpoint, path = sys.argv[1:4]
text = open(path, encoding="utf-8").read()
check_query(text, embedded=not endpoint)
store = open_store(store_dir or None, endpoint or None, "oxigraph", None, None, None, 600.0,
                   create=False)
wall, cpu = time.perf_counter(), time.process_time()
result = store.query(text)
rows = len(result.rows)
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                  "rows": rows}))
"""


def time_query(path: Path, store: str, endpoint: str, limit: float) -> dict[str, float] | None:
    """Wall and CPU seconds and rows of one query run; None when it passes ``limit``."""
    try:
        done = subprocess.run([sys.executable, "-c", RUNNER, store, endpoint, str(path)],
                              capture_output=True, text=True, timeout=limit, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as exc:
        raise SystemExit(f"{path.name}: {exc.stderr[-2000:]}") from None
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def size(store: str, endpoint: str) -> tuple[int, int]:
    """Named graphs and triples in the store."""
    code = ("import sys; from kv2rdf.store.commands import open_store; "
            "s = open_store(sys.argv[1] or None, sys.argv[2] or None, 'oxigraph', None, None, "
            "None, 600.0, create=False); print(*s.size())")
    out = subprocess.run([sys.executable, "-c", code, store, endpoint], capture_output=True,
                         text=True, check=True).stdout.split()
    return int(out[0]), int(out[1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--store", help="a store loaded before (skips generating, loading)")
    parser.add_argument("--endpoint", default="", help="a SPARQL server instead of a store")
    parser.add_argument("--work", type=Path,
                        default=Path(tempfile.gettempdir()) / "kv2rdf-bench-queries")
    parser.add_argument("--limit", type=float, default=120.0)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    store = args.store or ""
    if not store and not args.endpoint:
        corpus, store = args.work / f"corpus-{args.docs}", str(args.work / f"store-{args.docs}")
        if not corpus.is_dir():
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_corpus.py"),
                            str(args.docs), str(corpus)], check=True)
        if not Path(store).is_dir():
            start = time.perf_counter()
            subprocess.run([str(BIN / "kv2rdf"), "load", str(corpus), "--store", store, "-j",
                            "2", "--keep-going"], check=True, stderr=subprocess.DEVNULL)
            print(f"loaded {args.docs} documents in {time.perf_counter() - start:.0f} s")
    graphs, triples = size(store, args.endpoint)
    print(f"{graphs:,} graphs, {triples:,} triples in {args.endpoint or store}\n")
    print("| query | rows | seconds | CPU seconds |\n|---|---|---|---|")
    results = {}
    for path in QUERIES:
        runs = [time_query(path, store, args.endpoint, args.limit) for _ in range(args.runs)]
        done = sorted((r for r in runs if r is not None), key=lambda r: r["wall"])
        if len(done) < len(runs):
            results[path.stem] = None
            print(f"| {path.parent.name}/{path.name} | | > {args.limit:.0f} (stopped) | |",
                  flush=True)
            continue
        best = done[:-1] if len(done) > 1 else done
        wall = sum(r["wall"] for r in best) / len(best)
        cpu = sum(r["cpu"] for r in best) / len(best)
        results[path.stem] = {"wall": wall, "cpu": cpu, "rows": done[0]["rows"]}
        print(f"| {path.parent.name}/{path.name} | {int(done[0]['rows']):,} | {wall:.2f} "
              f"| {cpu:.2f} |", flush=True)
    args.work.mkdir(parents=True, exist_ok=True)
    (args.work / "queries.json").write_text(json.dumps(
        {"graphs": graphs, "triples": triples, "queries": results}, indent=2),
        encoding="utf-8")


if __name__ == "__main__":
    main()
