"""Command line, store side: ``kv2rdf load`` and ``kv2rdf query``.

Both work on an embedded Oxigraph store in a folder (``--store DIR``, default
``./kv2rdf-store``) or on a SPARQL server (``--endpoint URL`` with ``--server`` naming its URL
conventions; see `kv2rdf.store.endpoint`). Library errors reach the group in `kv2rdf.cli`,
which turns them into exit codes (2 for a bad input, a bad query or a store that fails).
Diagnostics go to stderr; query results to stdout.
"""

from __future__ import annotations

import hashlib
import math
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from kv2rdf import batch
from kv2rdf.errors import DataError, Kv2RdfError, StoreError
from kv2rdf.formats import SourceFormat, source_format
from kv2rdf.iris import check_base
from kv2rdf.limits import LimitError, max_input_bytes, size_text
from kv2rdf.manifest import Manifest, input_key
from kv2rdf.namespaces import DEFAULT_BASE
from kv2rdf.pipeline import display_path, metadata_beside, read_input, require_text
from kv2rdf.store import bulk
from kv2rdf.store.bulk import LoadJob, Spool, shared_graph
from kv2rdf.store.endpoint import SERVERS, endpoint_for
from kv2rdf.store.inputs import expand_inputs
from kv2rdf.store.local import DEFAULT_STORE, GraphStore, LocalStore
from kv2rdf.store.query_check import check_query
from kv2rdf.store.remote import PROTOCOLS, RemoteStore
from kv2rdf.store.results import RESULT_FORMATS, format_result


def store_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The options that pick a store, shared by ``load`` and ``query``."""
    options = [
        click.option("--store", "store_dir", type=click.Path(file_okay=False),
                     help=f"Embedded store folder [default: ./{DEFAULT_STORE}]."),
        click.option("--endpoint", metavar="URL", help="SPARQL server URL (instead of --store)."),
        click.option("--server", type=click.Choice(list(SERVERS)), default="oxigraph",
                     show_default=True, help="URL conventions of the server at --endpoint."),
        click.option("--query-url", metavar="URL",
                     help="Query service URL (overrides the convention)."),
        click.option("--update-url", metavar="URL",
                     help="Update service URL (overrides the convention)."),
        click.option("--graph-store-url", metavar="URL",
                     help="Graph Store Protocol URL (overrides the convention)."),
        click.option("--timeout", type=float, default=60.0, show_default=True,
                     help="Seconds to wait for the server."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def open_store(store_dir: str | None, url: str | None, server: str, query_url: str | None,
               update_url: str | None, graph_store_url: str | None, timeout: float, *,
               create: bool, protocol: str = "gsp") -> GraphStore:
    """The store the options name: a server when ``--endpoint`` is given, else a folder."""
    if url and store_dir:
        raise click.UsageError("give --store or --endpoint, not both")
    if not math.isfinite(timeout) or timeout <= 0:
        raise click.BadParameter(f"{timeout:g}: give a finite number of seconds above 0",
                                 param_hint="--timeout")
    if url:
        target = endpoint_for(url, server, query_url=query_url, update_url=update_url,
                              graph_store_url=graph_store_url)
        return RemoteStore(target, timeout=timeout, protocol=protocol)
    if query_url or update_url or graph_store_url:
        raise click.UsageError("--query-url, --update-url and --graph-store-url need --endpoint")
    folder = store_dir or DEFAULT_STORE
    try:
        os.stat(folder)
    except (FileNotFoundError, NotADirectoryError):
        pass  # a new store, or a file in the way: LocalStore says which
    except OSError as exc:  # a name too long, a loop of links, no permission
        raise StoreError(f"{display_path(folder)}: cannot open the store: "
                         f"{exc.strerror or exc}") from None
    return LocalStore(folder, create=create)


@click.command(short_help="Load RDF files or source documents into a store.")
@click.argument("inputs", nargs=-1, required=True)
@store_options
@click.option("--protocol", type=click.Choice(PROTOCOLS), default="gsp",
              show_default=True, help="How to load into a server: a Graph Store Protocol PUT "
              "per graph, SPARQL Update requests (DROP + INSERT DATA, atomic per request), or "
              "bulk: batches of graphs as N-Quads (Oxigraph server), with retries.")
@click.option("--from", "from_", type=click.Choice([f.value for f in SourceFormat]),
              help="Source format of the documents; detected when left out.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, metavar="IRI",
              help="Base IRI for instances.")
@click.option("--strict", is_flag=True, help="Treat parser warnings as errors.")
@click.option("--keep-going", is_flag=True, help="Load the inputs that can be read even when "
              "others cannot (exit code 2 all the same).")
@click.option("--link/--no-link", "link_after", default=True, show_default=True,
              help="Link the documents of each case after loading (see 'kv2rdf link').")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes converting the inputs [default: all cores].")
@click.option("--shard", metavar="I/N", help="Take only shard I of N of the inputs (split by "
              "a hash of the file name; for several machines loading into one server).")
@click.option("--manifest", "manifest_file", type=click.Path(dir_okay=False),
              help="Record what was loaded in this file; a later load with it skips inputs "
              "loaded from the same bytes (resumes an interrupted load).")
@click.option("--force", is_flag=True, help="Load every input, even ones the manifest has.")
def load(inputs: tuple[str, ...], store_dir: str | None, endpoint: str | None, server: str,
         query_url: str | None, update_url: str | None, graph_store_url: str | None,
         timeout: float, protocol: str, from_: str | None, base: str, strict: bool,
         keep_going: bool, jobs: int | None, shard: str | None, manifest_file: str | None,
         force: bool, link_after: bool) -> None:
    """Load RDF files or source documents into a store, one named graph per document.

    INPUTS are Turtle, N-Triples, TriG, N-Quads, JSON-LD or RDF/XML files, or source documents
    (text, markdown, …) converted on the fly; a folder stands for the files in it. A document's
    graph is named after its answer document, notice or question set, so loading it again
    replaces it; people, fracties, posts and ministries go once into a shared graph. Nothing
    is loaded when an input cannot be read, unless --keep-going.
    """
    base = check_base(require_text(base, "--base"))
    paths = expand_inputs(inputs)
    if not paths:
        raise DataError("no input files found")
    job = LoadJob(source_format(from_) if from_ else None, strict, base)
    plan = plan_load(paths, job, batch.parse_shard(shard), manifest_file, force)
    spool = Spool(shared_graph(base))
    summary = batch.Summary("loaded")
    errors: list[str] = []
    progress = batch.Progress(len(plan.todo), "convert")
    say = progress.say(lambda message: click.echo(message, err=True))
    try:
        for outcome in batch.run(plan.todo, job, jobs=jobs or batch.default_jobs(),
                                 progress=progress):
            for message in outcome.messages if not outcome.failed else ():
                say(message)
            if outcome.failed:
                errors.extend(outcome.messages)
            for doc in outcome.payload or ():
                warning = spool.add(doc)
                if warning:
                    say(warning)
            summary.add(outcome)
        progress.close()
        spool.close()
        for entry in plan.skipped:
            summary.add(batch.Outcome(entry, skipped=True))
        if errors and not keep_going:
            raise DataError("nothing loaded:\n" + "\n".join(errors))
        for error in errors:
            click.echo(f"{error} (not loaded)", err=True)
        _store_spool(spool, plan, open_store(store_dir, endpoint, server, query_url, update_url,
                                             graph_store_url, timeout, create=True,
                                             protocol=protocol), summary, link_after)
    finally:
        progress.close()
        spool.remove()
        plan.manifest.save()
    if errors:
        sys.exit(2)


@dataclass(slots=True)
class LoadPlan:
    """The inputs to convert, the ones the manifest shows are loaded, and their keys."""

    manifest: Manifest
    todo: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    keys: dict[str, str] = field(default_factory=dict)


def plan_load(paths: list[Path], job: LoadJob, shard: tuple[int, int] | None,
              manifest_file: str | None, force: bool) -> LoadPlan:
    """Which inputs to convert and load: those of the shard the manifest does not have."""
    plan = LoadPlan(Manifest.at(Path(manifest_file)) if manifest_file
                    else Manifest(Path(os.devnull) / "none"))
    # what a load makes of a graph (the shared graph, say) is decided by the bulk module too
    loader = hashlib.sha256(Path(bulk.__file__).read_bytes()).hexdigest()
    options = [job.fmt.value if job.fmt else "", str(job.strict), job.base, loader]
    for path in paths:
        if not batch.in_shard(path, shard):
            continue
        name = str(path)
        if manifest_file:
            try:
                meta = metadata_beside(path)
                key = input_key(read_input(path), options=options,
                                metadata=read_input(meta) if meta else None)
            except Kv2RdfError:
                key = ""
            if not force and key and plan.manifest.fresh(name, key):
                plan.skipped.append(name)
                continue
            plan.keys[name] = key
        plan.todo.append(name)
    return plan


def _store_spool(spool: Spool, plan: LoadPlan, store: GraphStore, summary: batch.Summary,
                 link_after: bool) -> None:
    """Put the spool into ``store``; report each graph, record it, link, print the totals."""
    count = 0

    def loaded(names: list[str]) -> None:
        nonlocal count
        for name in names:
            origin = spool.origins[name]
            shown = display_path(origin)
            click.echo(f"loaded <{name}> ({spool.sizes[name]} triples) from {shown}", err=True)
            count += 1
            if plan.keys.get(origin):
                plan.manifest.record(origin, plan.keys[origin])

    try:
        store.bulk_replace(spool, loaded)
        if link_after:
            from kv2rdf.store.link_commands import echo_report
            from kv2rdf.store.linking import link

            echo_report(link(store, spool.names))
        graphs, triples = store.size(besides=spool.shared_name)
    finally:
        store.close()
    click.echo(summary.line(), err=True)
    click.echo(f"loaded {count} graph{'s' * (count != 1)} ({spool.triples} triples) into "
               f"{store.location}; it now holds {graphs} graph{'s' * (graphs != 1)} "
               f"({triples} triples)", err=True)


@click.command(short_help="Run a SPARQL query over the loaded documents.")
@click.argument("sparql", metavar="QUERY")
@store_options
@click.option("--format", "result_format", type=click.Choice(RESULT_FORMATS), default="table",
              show_default=True, help="table for reading; csv, tsv and json are the SPARQL "
              "1.1 results formats.")
def query(sparql: str, store_dir: str | None, endpoint: str | None, server: str,
          query_url: str | None, update_url: str | None, graph_store_url: str | None,
          timeout: float, result_format: str) -> None:
    """Run a SPARQL query over all loaded documents (the union of the named graphs).

    QUERY is the query text, @FILE for a file (examples/queries/*.rq), or @- for stdin. The
    kv2rdf prefixes (kv:, eli:, dct:, …) may be used without declaring them. ASK prints true
    or false; CONSTRUCT and DESCRIBE print Turtle (table) or N-Triples (the other formats).
    Updates are refused (use load), and so is SERVICE against the embedded store.
    """
    text = read_query(sparql)
    check_query(text, embedded=not endpoint)
    store = open_store(store_dir, endpoint, server, query_url, update_url, graph_store_url,
                       timeout, create=False)
    try:
        result = store.query(text)
    finally:
        store.close()
    click.echo(format_result(result, result_format), nl=False)


def read_query(argument: str) -> str:
    """The query text of a QUERY argument: literal, ``@file`` or ``@-`` (size-limited)."""
    if not argument.startswith("@"):
        return require_text(argument, "the query")
    name = argument[1:]
    if name == "-":
        limit = max_input_bytes()
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise LimitError(f"standard input: the query goes on past {size_text(limit)}")
    else:
        try:
            data = read_input(Path(name))
        except LimitError:
            raise
        except DataError as exc:
            raise DataError(str(exc).replace(": cannot read:", ": cannot read the query:", 1)
                            ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = "standard input" if name == "-" else display_path(name)
        raise DataError(f"{where}: cannot read the query: not UTF-8 text (byte "
                        f"{exc.start})") from None
