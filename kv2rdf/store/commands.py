"""Command line, store side: ``kv2rdf load`` and ``kv2rdf query``.

Both work on an embedded Oxigraph store in a folder (``--store DIR``, default
``./kv2rdf-store``) or on a SPARQL server (``--endpoint URL`` with ``--server`` naming its URL
conventions; see `kv2rdf.store.endpoint`), chosen by the shared options of
`kv2rdf.store.options` and reached through the Python API (`kv2rdf.api.Store`). Library
errors reach the group in `kv2rdf.cli`, which turns them into exit codes (2 for a bad input,
a bad query or a store that fails). Diagnostics go to stderr in the one form of
`kv2rdf.messages`; query results to stdout.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import click

from kv2rdf import batch, messages
from kv2rdf.api import Store
from kv2rdf.errors import DataError, Kv2RdfError
from kv2rdf.formats import SourceFormat, source_format
from kv2rdf.iris import check_base
from kv2rdf.limits import LimitError, max_input_bytes, size_text
from kv2rdf.manifest import Manifest, input_key
from kv2rdf.messages import InputFileError
from kv2rdf.namespaces import DEFAULT_BASE
from kv2rdf.pipeline import display_path, metadata_beside, read_input, require_text
from kv2rdf.store import bulk
from kv2rdf.store.bulk import LoadJob, Spool, shared_graph
from kv2rdf.store.inputs import expand_inputs
from kv2rdf.store.link_commands import echo_report
from kv2rdf.store.options import StoreChoice, store_options
from kv2rdf.store.query_check import check_query, looks_like_a_file, syntax_problem
from kv2rdf.store.remote import PROTOCOLS
from kv2rdf.store.results import RESULT_FORMATS, format_result
from kv2rdf.validation import ENGINES


@click.command(short_help="Load RDF files or source documents into a store.")
@click.argument("inputs", nargs=-1, required=True)
@store_options
@messages.verbosity_options
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
@click.option("--validate", "check", is_flag=True, help="Validate each document against the "
              "SHACL shapes first; one that violates them is reported and not loaded (exit "
              "code 1).")
@click.option("--engine", type=click.Choice(ENGINES), default=ENGINES[0], show_default=True,
              help="Validation engine (pyshacl: the reference, slower).")
def load(inputs: tuple[str, ...], store: StoreChoice, protocol: str, from_: str | None,
         base: str, strict: bool, keep_going: bool, jobs: int | None, shard: str | None,
         manifest_file: str | None, force: bool, link_after: bool, check: bool,
         engine: str) -> None:
    """Load RDF files or source documents into a store, one named graph per document.

    INPUTS are Turtle, N-Triples, TriG, N-Quads, JSON-LD or RDF/XML files, or source documents
    (text, markdown, …) converted on the fly; a folder stands for the files in it. A document's
    graph is named after its answer document, notice or question set, so loading it again
    replaces it; people, fracties, posts and ministries go once into a shared graph. Nothing
    is loaded when an input cannot be read, unless --keep-going. With --validate, a document
    that violates the shapes is reported and left out; the others are loaded.
    """
    base = check_base(require_text(base, "--base"))
    paths = expand_inputs(inputs)
    if not paths:
        raise DataError("no input files found")
    job = LoadJob(source_format(from_) if from_ else None, strict, base, check, engine)
    plan = plan_load(paths, job, batch.parse_shard(shard), manifest_file, force)
    spool = Spool(shared_graph(base))
    summary = batch.Summary("loaded")
    errors: list[str] = []
    progress = batch.Progress(len(plan.todo), "convert")
    say = progress.say(messages.diagnostic)
    write = progress.say(messages.detail)

    def say_detail(line: str) -> None:  # above the bar, and only when verbose
        if messages.level() >= messages.VERBOSE:
            write(line)

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
                    summary.warnings += 1
            if not outcome.failed:
                say_detail(messages.located(display_path(outcome.source), f"read: "
                                            f"{outcome.questions} questions, "
                                            f"{outcome.answers} answers"))
            summary.add(outcome)
            summary.held_back += outcome.violated
        progress.close()
        spool.close()
        for entry in plan.skipped:
            summary.add(batch.Outcome(entry, skipped=True))
            messages.detail(messages.located(display_path(entry), "unchanged since the last "
                                             "load (--manifest); not loaded again"))
        for error in errors:
            messages.error(f"{error} (not loaded)" if keep_going else error)
        if errors and not keep_going:
            raise DataError(f"nothing loaded: {len(errors)} of {len(plan.todo)} input"
                            f"{'s' * (len(plan.todo) != 1)} could not be read (--keep-going "
                            "loads the others)")
        _store_spool(spool, plan, store.open(create=True, protocol=protocol), summary,
                     link_after)
    finally:
        progress.close()
        spool.remove()
        plan.manifest.save()
    if errors:
        sys.exit(2)
    if summary.violations:
        sys.exit(1)


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
    if job.validate:  # validated now, and not before: load again
        options.append("validated")
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


def _store_spool(spool: Spool, plan: LoadPlan, store: Store, summary: batch.Summary,
                 link_after: bool) -> None:
    """Put the spool into ``store``; report each graph, record it, link, print the totals."""
    count = 0
    progress = batch.Progress(len(spool.names), "store")
    say = progress.say(messages.note)

    def loaded(names: list[str]) -> None:
        nonlocal count
        for name in names:
            origin = spool.origins[name]
            shown = display_path(origin)
            say(f"loaded <{name}> ({spool.sizes[name]} triples) from {shown}")
            count += 1
            if plan.keys.get(origin):
                plan.manifest.record(origin, plan.keys[origin])
        progress.advance(len(names))

    with store:
        scope = store.scope_of_load(spool.names) if link_after else None
        try:
            store.bulk_load(spool, loaded)
        finally:
            progress.close()
        if link_after:
            echo_report(store.link(scope))
        # -q shows no closing line: no count (at 100,000 documents, 10 s of a daily load)
        shown = messages.level() >= messages.NORMAL
        graphs, triples = store.size(besides=spool.shared_name) if shown else (0, 0)
        location = store.location
    messages.note(summary.line())
    messages.note(f"loaded {count} graph{'s' * (count != 1)} ({spool.triples} triples) into "
                  f"{location}; it now holds {graphs} graph{'s' * (graphs != 1)} "
                  f"({triples} triples)")


@click.command(short_help="Run a SPARQL query over the loaded documents.")
@click.argument("sparql", metavar="QUERY")
@store_options
@click.option("--format", "result_format", type=click.Choice(RESULT_FORMATS), default="table",
              show_default=True, help="table for reading; csv, tsv and json are the SPARQL "
              "1.1 results formats.")
@messages.verbosity_options
def query(sparql: str, store: StoreChoice, result_format: str) -> None:
    """Run a SPARQL query over all loaded documents (the union of the named graphs).

    QUERY is the query text, @FILE for a file (examples/queries/*.rq), or @- for stdin. The
    kv2rdf prefixes (kv:, eli:, dct:, …) may be used without declaring them. ASK prints true
    or false; CONSTRUCT and DESCRIBE print Turtle (table) or N-Triples (the other formats).
    Updates are refused (use load), and so is SERVICE against the embedded store. A syntax
    error is reported as SOURCE:LINE:COLUMN (SOURCE is the file, <stdin> or <query>).
    """
    text, source = read_query(sparql)
    check_query(text, embedded=not store.endpoint)
    if not store.endpoint:  # the embedded store's own parser: say where, in one line
        problem = syntax_problem(text, source)
        if problem is not None:
            raise problem
    started = time.perf_counter()
    with store.open(create=False) as opened:
        result = opened.result(text)
        location = opened.location
    click.echo(format_result(result, result_format), nl=False)
    rows = (f"{len(result.rows)} row{'s' * (len(result.rows) != 1)}"
            if result.boolean is None and result.graph is None else "an answer")
    messages.detail(messages.general(f"{rows} from {location} in "
                                     f"{time.perf_counter() - started:.2f} s"))


def read_query(argument: str) -> tuple[str, str]:
    """The query text of a QUERY argument (literal, ``@file`` or ``@-``) and its source name.

    The source name leads the messages about the query: the file, ``<stdin>`` or ``<query>``.
    A file name given without ``@`` gets a hint.
    """
    if not argument.startswith("@"):
        if looks_like_a_file(argument):
            raise InputFileError(display_path(argument), f"a file name, not a query; did you "
                                 f"mean @{display_path(argument)}?")
        return require_text(argument, "the query"), "<query>"
    name = argument[1:]
    source = "<stdin>" if name == "-" else display_path(name)
    if name == "-":
        limit = max_input_bytes()
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise InputFileError(source, f"the query on standard input goes on past "
                                 f"{size_text(limit)}")
    else:
        try:
            data = read_input(Path(name))
        except LimitError as exc:
            raise InputFileError(source, str(exc).removeprefix(f"{source}: ")) from None
        except DataError as exc:
            reason = str(exc).removeprefix(f"{source}: ").replace("cannot read:",
                                                                  "cannot read the query:", 1)
            raise InputFileError(source, reason) from None
    try:
        return data.decode("utf-8-sig"), source
    except UnicodeDecodeError as exc:
        raise InputFileError(source, f"cannot read the query: not UTF-8 text (byte "
                             f"{exc.start})") from None
