"""Query times on a loaded corpus: every example query and every export table.

Run: ``python benchmarks/bench_queries.py --docs 10000`` generates a corpus
(benchmarks/generate_corpus.py), loads it with ``kv2rdf load -j 2`` into an embedded store
(converting as it loads, then linking), and times each query; ``--store DIR`` times the
queries on a store loaded before (``--endpoint URL``: on a SPARQL server instead).

Each query runs in a process of its own, as ``kv2rdf query`` and ``kv2rdf export`` do it: the
time is from sending the query to holding every row (for a table: its rows built as
``kv2rdf export`` builds them), Python's start and opening the store left out; wall clock and
CPU seconds of that process, the slowest of ``--runs`` runs discarded when there are more
than one. A query past ``--limit`` seconds is stopped and shown as such. Each row also
shows a digest of the rows (sorted), so two runs can be checked to give the same rows.

``--compare REV`` runs the queries of the git revision REV too, side by side with the current
ones on the same store: old and new CPU seconds, and whether the rows are the same. The
revision's whole ``kv2rdf`` package is taken (``git archive``) and run, since a table is its
query and the Python that builds its rows.

Not a test: it prints a Markdown table for the README (and writes WORK/queries.json).
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
EXAMPLES = "examples/queries"
TABLES = "kv2rdf/queries"

#: What runs in the query's own process: open the store, time the query and its rows.
#: argv: store folder, endpoint, "query" or "table", the query file.
RUNNER = """
import hashlib, json, sys, time
import kv2rdf
from kv2rdf.api import rows_of
from kv2rdf.export import table_of
store_dir, endpoint, kind, path = sys.argv[1:5]
text = open(path, encoding="utf-8").read()
store = (kv2rdf.Store(endpoint=endpoint, timeout=600.0) if endpoint
         else kv2rdf.Store(store_dir)).open()
store.size()  # opened and read once before the clock starts
wall, cpu = time.perf_counter(), time.process_time()
if kind == "table":
    name = path.rsplit("/", 1)[-1].removesuffix(".rq")
    rows = table_of(name).build(rows_of(store.result(text)))
else:
    rows = rows_of(store.result(text))
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
lines = sorted(json.dumps(r, sort_keys=True, default=str) for r in rows)
digest = hashlib.sha256("\\n".join(lines).encode()).hexdigest()[:12]
print(json.dumps({"wall": wall, "cpu": cpu, "rows": len(rows), "digest": digest,
                  "code": kv2rdf.__file__}))
"""


def queries(root: Path) -> list[tuple[str, str, Path]]:
    """(name, kind, file) of each example query and each table under ``root``."""
    found = [(f.stem, "query", f) for f in sorted((root / EXAMPLES).glob("*.rq"))]
    return found + [(f"table {f.stem}", "table", f) for f in sorted((root / TABLES).glob("*.rq"))]


def checkout(rev: str, work: Path) -> Path:
    """The example queries and the ``kv2rdf`` package of git revision ``rev``, under ``work``."""
    target = work / f"rev-{rev.replace('/', '_')}"
    if target.is_dir():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, EXAMPLES, "kv2rdf"],
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def time_query(kind: str, path: Path, store: str, endpoint: str,
               limit: float, code: Path = ROOT) -> dict[str, object] | None:
    """Wall and CPU seconds, rows and their digest of one run; None when it passes ``limit``.

    The query runs with the ``kv2rdf`` package found in ``code`` (its folder comes first on
    Python's path).
    """
    try:
        done = subprocess.run([sys.executable, "-c", RUNNER, store, endpoint, kind, str(path)],
                              capture_output=True, text=True, timeout=limit, check=True,
                              cwd=code)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as exc:
        raise SystemExit(f"{path.name}: {exc.stderr[-2000:]}") from None
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    if not str(result["code"]).startswith(str(code)):
        raise SystemExit(f"{path.name} ran the kv2rdf of {result['code']}, not of {code}")
    return result


def timed(kind: str, path: Path, store: str, endpoint: str, limit: float,
          runs: int, code: Path = ROOT) -> dict[str, object] | None:
    """The mean of ``runs`` runs less the slowest (when more than one); None when stopped."""
    done = [time_query(kind, path, store, endpoint, limit, code) for _ in range(runs)]
    if any(r is None for r in done):
        return None
    ordered = sorted((r for r in done if r is not None), key=lambda r: float(str(r["wall"])))
    best = ordered[:-1] if len(ordered) > 1 else ordered
    return {"wall": sum(float(str(r["wall"])) for r in best) / len(best),
            "cpu": sum(float(str(r["cpu"])) for r in best) / len(best),
            "rows": ordered[0]["rows"], "digest": ordered[0]["digest"]}


def size(store: str, endpoint: str) -> tuple[int, int]:
    """Named graphs and triples in the store."""
    code = ("import sys, kv2rdf; s = (kv2rdf.Store(endpoint=sys.argv[2], timeout=600.0) "
            "if sys.argv[2] else kv2rdf.Store(sys.argv[1])); print(*s.size())")
    out = subprocess.run([sys.executable, "-c", code, store, endpoint], capture_output=True,
                         text=True, check=True, cwd=ROOT).stdout.split()
    return int(out[0]), int(out[1])


def cell(result: dict[str, object] | None, limit: float) -> str:
    """Seconds (CPU seconds) of a result, or that it was stopped."""
    if result is None:
        return f"> {limit:.0f} (stopped)"
    return f"{float(str(result['wall'])):.2f} ({float(str(result['cpu'])):.2f})"


def load(docs: int, work: Path) -> str:
    """A store of ``docs`` generated documents under ``work`` (made once, then reused)."""
    corpus, store = work / f"corpus-{docs}", work / f"store-{docs}"
    if not corpus.is_dir():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_corpus.py"),
                        str(docs), str(corpus)], check=True)
    if not store.is_dir():
        start = time.perf_counter()
        subprocess.run([str(BIN / "kv2rdf"), "load", str(corpus), "--store", str(store), "-j",
                        "2", "--keep-going", "-q"], check=True)
        print(f"loaded {docs} documents in {time.perf_counter() - start:.0f} s")
    return str(store)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--store", help="a store loaded before (skips generating, loading)")
    parser.add_argument("--endpoint", default="", help="a SPARQL server instead of a store")
    parser.add_argument("--work", type=Path,
                        default=Path(tempfile.gettempdir()) / "kv2rdf-bench-queries")
    parser.add_argument("--limit", type=float, default=120.0)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--compare", metavar="REV", help="also time the queries of git REV")
    parser.add_argument("--only", nargs="*", default=[], help="only these queries (names)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    store = args.store or ("" if args.endpoint else load(args.docs, args.work))
    graphs, triples = size(store, args.endpoint)
    print(f"{graphs:,} graphs, {triples:,} triples in {args.endpoint or store}\n")
    old_root = checkout(args.compare, args.work) if args.compare else None
    if old_root:
        print(f"| query | rows | {args.compare}: s (CPU s) | now: s (CPU s) | same rows |\n"
              "|---|---|---|---|---|")
    else:
        print("| query | rows | s (CPU s) |\n|---|---|---|")
    results: dict[str, object] = {}
    for name, kind, path in queries(ROOT):
        if args.only and name not in args.only and name.removeprefix("table ") not in args.only:
            continue
        new = timed(kind, path, store, args.endpoint, args.limit, args.runs)
        rows = f"{int(str(new['rows'])):,}" if new else ""
        if old_root is None:
            results[name] = new
            print(f"| {name} | {rows} | {cell(new, args.limit)} |", flush=True)
            continue
        old_path = old_root / path.relative_to(ROOT)
        old = timed(kind, old_path, store, args.endpoint, args.limit, args.runs, old_root) \
            if old_path.is_file() else None
        same = "?" if old is None or new is None else \
            ("yes" if old["digest"] == new["digest"] else f"NO ({old['rows']} rows before)")
        results[name] = {"old": old, "new": new, "same": same}
        print(f"| {name} | {rows} | {cell(old, args.limit)} | {cell(new, args.limit)} "
              f"| {same} |", flush=True)
    (args.work / "queries.json").write_text(json.dumps(
        {"graphs": graphs, "triples": triples, "queries": results}, indent=2),
        encoding="utf-8")


if __name__ == "__main__":
    main()
