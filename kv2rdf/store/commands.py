"""Command line, store side: ``kv2rdf load`` and ``kv2rdf query``.

Both work on an embedded Oxigraph store in a folder (``--store DIR``, default
``./kv2rdf-store``) or on a SPARQL server (``--endpoint URL`` with ``--server`` naming its URL
conventions; see `kv2rdf.store.endpoint`). Library errors reach the group in `kv2rdf.cli`,
which turns them into exit codes (2 for a bad input, a bad query or a store that fails).
Diagnostics go to stderr; query results to stdout.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kv2rdf.errors import DataError, StoreError
from kv2rdf.formats import SourceFormat, source_format
from kv2rdf.iris import check_base
from kv2rdf.limits import LimitError, max_input_bytes, size_text
from kv2rdf.namespaces import DEFAULT_BASE
from kv2rdf.pipeline import display_path, read_input, require_text
from kv2rdf.store.endpoint import SERVERS, endpoint_for
from kv2rdf.store.inputs import expand_inputs, prepare
from kv2rdf.store.local import DEFAULT_STORE, GraphStore, LocalStore, NamedGraph
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
              "per graph, or SPARQL Update requests (DROP + INSERT DATA, atomic per request).")
@click.option("--from", "from_", type=click.Choice([f.value for f in SourceFormat]),
              help="Source format of the documents; detected when left out.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, metavar="IRI",
              help="Base IRI for instances.")
@click.option("--strict", is_flag=True, help="Treat parser warnings as errors.")
@click.option("--keep-going", is_flag=True, help="Load the inputs that can be read even when "
              "others cannot (exit code 2 all the same).")
@click.option("--link/--no-link", "link_after", default=True, show_default=True,
              help="Link the documents of each case after loading (see 'kv2rdf link').")
def load(inputs: tuple[str, ...], store_dir: str | None, endpoint: str | None, server: str,
         query_url: str | None, update_url: str | None, graph_store_url: str | None,
         timeout: float, protocol: str, from_: str | None, base: str, strict: bool,
         keep_going: bool, link_after: bool) -> None:
    """Load RDF files or source documents into a store, one named graph per document.

    INPUTS are Turtle, N-Triples, TriG, N-Quads, JSON-LD or RDF/XML files, or source documents
    (text, markdown, …) converted on the fly; a folder stands for the files in it. A document's
    graph is named after its answer document, notice or question set, so loading it again
    replaces it. Nothing is loaded when an input cannot be read, unless --keep-going.
    """
    base = check_base(require_text(base, "--base"))
    paths = expand_inputs(inputs)
    if not paths:
        raise DataError("no input files found")
    prepared = prepare(paths, fmt=source_format(from_) if from_ else None, strict=strict,
                       base=base)
    for warning in prepared.warnings:
        click.echo(warning, err=True)
    if prepared.errors and not keep_going:
        raise DataError("nothing loaded:\n" + "\n".join(prepared.errors))
    for error in prepared.errors:
        click.echo(f"{error} (not loaded)", err=True)
    store = open_store(store_dir, endpoint, server, query_url, update_url, graph_store_url,
                       timeout, create=True, protocol=protocol)
    try:
        loaded: list[NamedGraph] = []

        def report(graph: NamedGraph) -> None:
            loaded.append(graph)
            click.echo(f"loaded <{graph.name}> ({len(graph.triples)} triples) from "
                       f"{graph.origin}", err=True)

        store.replace(prepared.graphs, report)
        if link_after:
            from kv2rdf.store.link_commands import echo_report
            from kv2rdf.store.linking import link

            echo_report(link(store))
        graphs, triples = store.size()
    finally:
        store.close()
    count = sum(len(g.triples) for g in loaded)
    click.echo(f"loaded {len(loaded)} graph{'s' * (len(loaded) != 1)} ({count} triples) into "
               f"{store.location}; it now holds {graphs} graph{'s' * (graphs != 1)} "
               f"({triples} triples)", err=True)
    if prepared.errors:
        sys.exit(2)


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
