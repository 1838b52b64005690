"""Command line: ``kv2rdf convert | validate | formats``.

Exit codes: 0 success; 1 SHACL violations; 2 bad input or usage (any `Kv2RdfError`, and
click's own usage errors); 3 internal error; 130 interrupted (Ctrl-C). The translation
happens in one place, `Kv2RdfGroup.invoke`; commands only call the library and print.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import click

from kv2rdf import __version__, batch, batch_jobs, messages, table_commands
from kv2rdf.errors import Kv2RdfError
from kv2rdf.formats import SourceFormat, source_format
from kv2rdf.iris import check_base
from kv2rdf.namespaces import DEFAULT_BASE
from kv2rdf.output import expand_sources, plan_outputs, write_atomic
from kv2rdf.parsers import PARSERS
from kv2rdf.pipeline import (
    convert_source,
    display_path,
    is_stdin,
    located,
    metadata_beside,
    read_input,
    require_text,
    warning_lines,
)
from kv2rdf.rdf_input import read_graph, read_index
from kv2rdf.reference.commands import reference
from kv2rdf.reports import FAIL_ON, fails, json_report, junit_report
from kv2rdf.serialization import FORMATS, dumps, output_format
from kv2rdf.shacl_data import from_triples
from kv2rdf.store import commands, link_commands
from kv2rdf.store.inputs import RDF_SUFFIXES
from kv2rdf.triples import Triples
from kv2rdf.validation import ENGINES, validate


class InputError(click.ClickException):
    """Bad input or usage: exit code 2, printed in the one message form (`kv2rdf.messages`)."""

    exit_code = 2

    def __init__(self, message: str, *, text: str | None = None) -> None:
        super().__init__(message)
        self.text = text or messages.general(message)

    def show(self, file: Any = None) -> None:
        """``kv2rdf: message``, or ``source:line: message`` for a problem in an input."""
        messages.error(self.text)


class UsageError(click.UsageError):
    """Click's usage error, its last line in the one message form: ``kv2rdf: message``."""

    def show(self, file: Any = None) -> None:
        """The usage, the hint to ``-h``, and ``kv2rdf: message``."""
        if self.ctx is not None:
            hint = f"Try '{self.ctx.command_path} {self.ctx.help_option_names[0]}' for help."
            click.echo(f"{self.ctx.get_usage()}\n{hint}\n", err=True)
        messages.error(messages.general(self.format_message()))


class Interrupted(click.ClickException):
    """Ctrl-C: exit code 130, as for any command a signal stops."""

    exit_code = 130

    def show(self, file: Any = None) -> None:
        """One line, no "Error:" prefix."""
        messages.error(messages.general("interrupted"))


class InternalError(click.ClickException):
    """A bug: exit code 3."""

    exit_code = 3

    def show(self, file: Any = None) -> None:
        """``kv2rdf: internal error (…)``."""
        messages.error(messages.general(self.format_message()))


class Kv2RdfGroup(click.Group):
    """Turns library errors into exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; map `Kv2RdfError` to exit 2 and anything else to exit 3."""
        messages.set_level(ctx.meta.get(messages.LEVEL_KEY, messages.NORMAL))  # kv2rdf -q …
        try:
            return super().invoke(ctx)
        except UsageError:
            raise
        except click.UsageError as exc:
            raise UsageError(exc.format_message(), exc.ctx) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:  # output files are whole or absent (kv2rdf.output)
            raise Interrupted("interrupted") from None
        except Kv2RdfError as exc:
            raise InputError(str(exc), text=messages.error_text(exc)) from exc
        except Exception as exc:
            detail = _USER_INFO.sub("//…@", f"{type(exc).__name__}: {exc}")
            raise InternalError(f"internal error ({detail}); please report it with the input "
                                "that caused it") from exc
        finally:
            messages.set_level(messages.NORMAL)  # the next run, or the library, starts afresh


#: ``//user:password@`` in a URL: never printed, not even in a bug report.
_USER_INFO = re.compile(r"//[^/\s]*@")


@click.group(cls=Kv2RdfGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kv2rdf")
@messages.verbosity_options
def main() -> None:
    """Turn Dutch parliamentary written questions (Kamervragen) into validated linked data."""


def batch_options(func: Any) -> Any:
    """``--jobs`` and ``--shard``: how a run over many inputs is spread."""
    func = click.option("--shard", metavar="I/N", help="Take only shard I of N of the inputs "
                        "(split by a hash of the file name; for several machines).")(func)
    return click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
                        help="Worker processes for many inputs [default: all cores].")(func)


def finish(summary: batch.Summary) -> None:
    """Print a batch's summary line; exit 2 when an input failed, 1 on violations."""
    messages.note(summary.line())
    if summary.failures:
        sys.exit(2)
    if summary.violations:
        sys.exit(1)


def _converted(outcome: batch.Outcome) -> None:
    """The verbose line of one source of a batch conversion."""
    if not outcome.failed:
        state = "unchanged" if outcome.skipped else "converted"
        messages.detail(messages.located(display_path(outcome.source), f"{state}: "
                                         f"{outcome.questions} questions, {outcome.answers} "
                                         "answers"))


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("-o", "--output", help="Output file, folder (several sources), or - for stdout.")
@click.option("-t", "--to", "to", type=click.Choice(list(FORMATS)), default="turtle",
              show_default=True, help="Output RDF format (trig and nquads: one named graph per "
              "document, named as load names it).")
@click.option("--from", "from_", type=click.Choice([f.value for f in SourceFormat]),
              help="Source format; detected from the content when left out.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI for instances.")
@click.option("--validate", "check", is_flag=True, help="Validate against the SHACL shapes.")
@click.option("--strict", is_flag=True, help="Treat parser warnings as errors.")
@click.option("--metadata", type=click.Path(exists=True, dir_okay=False),
              help="OEP metadata.xml of the source (default: <id>.metadata.xml or metadata.xml "
                   "beside it).")
@batch_options
@click.option("--force", is_flag=True, help="Convert every source again, even unchanged ones.")
@click.option("--engine", type=click.Choice(ENGINES), default=ENGINES[0], show_default=True,
              help="Validation engine (pyshacl: the reference, slower).")
@messages.verbosity_options
def convert(sources: tuple[str, ...], output: str | None, to: str, from_: str | None,
            base: str, check: bool, strict: bool, metadata: str | None, jobs: int | None,
            shard: str | None, force: bool, engine: str) -> None:
    """Convert Kamervragen documents (text, markdown, …) to RDF."""
    base = check_base(require_text(base, "--base"))
    if output == "":
        raise InputError("-o needs a file or folder name (or - for standard output)")
    fmt = source_format(from_) if from_ else None
    paths = expand_sources(sources)
    if not paths:
        raise InputError("no source documents found")
    if len(paths) > 1 and any(is_stdin(p) for p in paths):
        raise InputError("- (standard input) can only be the one source")
    targets = plan_outputs(paths, output, output_format(to).suffix)
    if None in targets and sys.stdout is None:
        raise InputError("standard output is closed; name an output file with -o")
    if len(paths) > 1 and output is not None and output != "-":  # many sources into a folder
        job = batch_jobs.ConvertJob(to, fmt, base, strict, check, metadata, engine)
        finish(batch_jobs.convert_all(paths, [t for t in targets if t], Path(output), job,
                                      jobs=jobs or batch.default_jobs(),
                                      emit=messages.filtered(messages.diagnostic),
                                      force=force, shard=batch.parse_shard(shard),
                                      done=_converted))
        return
    failed = violated = False
    merged = Triples(base)
    parts: list[str] = []  # TriG and N-Quads: one named graph per document
    progress = batch.Progress(len(paths) if len(paths) > 1 else 0, "convert")
    try:
        with messages.writing_through(progress.say(messages.echo)):
            for path, target in zip(paths, targets, strict=True):
                failed_one, violated_one = _convert_one(path, target, to, fmt, base, strict,
                                                        check, metadata, merged, parts,
                                                        engine=engine)
                progress.advance(1)
                failed |= failed_one
                violated |= violated_one
    finally:
        progress.close()
    if parts:
        click.echo(merge_named(parts, to), nl=False)
    elif len(merged):
        click.echo(dumps(merged, to), nl=False)
    if failed:
        sys.exit(2)
    if violated:
        sys.exit(1)


def _convert_one(path: Path, target: Path | None, to: str, fmt: SourceFormat | None,
                 base: str, strict: bool, check: bool, metadata: str | None, merged: Triples,
                 parts: list[str], *, engine: str) -> tuple[bool, bool]:
    """Convert one source of a serial run; (failed, violated). RDF for stdout is collected."""
    meta = Path(metadata) if metadata else metadata_beside(path)
    try:
        doc, graph = convert_source(read_input(path), source=display_path(path), fmt=fmt,
                                    strict=strict, base=base,
                                    metadata=read_input(meta) if meta else None,
                                    metadata_source=display_path(meta) if meta else None)
    except Kv2RdfError as exc:
        messages.error(located(path, exc))
        return True, False
    for warning in warning_lines(doc):
        messages.warn(warning)
    violated = False
    if check:
        report = validate(from_triples(graph), engine=engine)
        if report.results:
            shown = f"{display_path(path)}: {report.text()}"
            (messages.warn if report.conforms else messages.error)(shown)
        violated = not report.conforms
    name = batch_jobs.graph_name(graph, doc, base) if to in NAMED_FORMATS else None
    if target is None and name is not None:
        parts.append(dumps(graph, to, name=name))
    elif target is None:
        merged.update(graph)
    else:
        try:
            write_atomic(target, dumps(graph, to, name=name))
        except Kv2RdfError as exc:  # this output cannot be written; the others go on
            messages.error(str(exc))  # "path: message": the output the user named
            return True, violated
    messages.detail(messages.located(display_path(path), f"converted: {len(doc.questions)} "
                                     f"questions, {len(doc.answers)} answers, {len(graph)} "
                                     "triples" + (f" → {display_path(target)}" if target
                                                  else "")))
    return False, violated


#: Output formats with graph names: each document is a graph named as ``load`` names it.
NAMED_FORMATS = batch_jobs.NAMED


def merge_named(parts: list[str], to: str) -> str:
    """Several documents' TriG or N-Quads as one dataset: their prefixes once, graphs in order."""
    if to == "nquads":
        return "".join(parts)
    head: dict[str, None] = {}
    bodies: list[str] = []
    for part in parts:
        lines = part.splitlines()
        head.update((line, None) for line in lines if line.startswith("@prefix"))
        bodies.append("\n".join(line for line in lines
                                if not line.startswith("@prefix")).strip("\n"))
    return "\n".join(head) + "\n\n" + "\n\n".join(bodies) + "\n"


@main.command(name="validate")
@click.argument("data", nargs=-1, required=True)
@click.option("--shapes", type=click.Path(exists=True, dir_okay=False),
              help="SHACL shapes file (default: the shipped shapes).")
@click.option("--format", "report_format", type=click.Choice(["text", "json", "junit"]),
              default="text", show_default=True, help="Report format (junit: JUnit XML for CI).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="violation", show_default=True,
              help="Exit 1 on violations only, or on warnings too.")
@batch_options
@click.option("--engine", type=click.Choice(ENGINES), default=ENGINES[0], show_default=True,
              help="Validation engine (pyshacl: the reference, slower).")
@messages.verbosity_options
def validate_command(data: tuple[str, ...], shapes: str | None, report_format: str,
                     fail_on: str, jobs: int | None, shard: str | None, engine: str) -> None:
    """Validate RDF files against the kv2rdf SHACL shapes (a folder stands for its RDF files)."""
    shapes_file = Path(shapes) if shapes else None
    data = tuple(str(p) for p in expand_sources(data, set(RDF_SUFFIXES)))
    if not data:
        raise InputError("no RDF files found")
    if len(data) > 1 and any(is_stdin(n) for n in data):
        raise InputError("- (standard input) can only be the one data file")
    summary = None
    unreadable: dict[str, str] = {}
    reader = read_index if engine == "fast" else read_graph  # the native engine needs no graph
    if len(data) > 1 or shard:  # many files: in bulk, on every core
        reports, unreadable, summary = batch_jobs.validate_all(
            data, batch_jobs.ValidateJob(reader, shapes_file, engine),
            jobs=jobs or batch.default_jobs(), emit=messages.error,
            shard=batch.parse_shard(shard))
        reports = {display_path(n): r for n, r in reports.items()}
        unreadable = {display_path(n): e for n, e in unreadable.items()}
    else:
        reports = {}
        for name in data:
            try:
                graph = reader(Path(name))
            except Kv2RdfError as exc:  # "path:line: message", from the reader
                messages.error(str(exc))
                unreadable[display_path(name)] = str(exc)
                continue
            reports[display_path(name)] = validate(graph, shapes=shapes_file, engine=engine)
    if report_format == "json":
        click.echo(json_report(reports, unreadable), nl=False)
    elif report_format == "junit":
        click.echo(junit_report(reports, fail_on=fail_on, errors=unreadable), nl=False)
    else:
        for name, report in reports.items():
            status = "conforms" if report.conforms else "does not conform"
            click.echo(f"{name}: {status}; {report.text()}")
    for name, report in reports.items():
        messages.detail(messages.located(name, f"validated: {len(report.violations)} "
                                         f"violations, {len(report.warnings)} warnings"))
    if summary is not None:
        messages.note(summary.line())
    if unreadable:
        sys.exit(2)
    if any(fails(r, fail_on) for r in reports.values()):
        sys.exit(1)


@main.command()
@messages.verbosity_options
def formats() -> None:
    """List the source and output formats."""
    click.echo("Source formats (--from):")
    for fmt in SourceFormat:
        state = "" if fmt in PARSERS else "  (not yet supported)"
        click.echo(f"  {fmt.value}{state}")
    click.echo("Output formats (-t/--to):")
    for name, spec in FORMATS.items():
        click.echo(f"  {name:8} {spec.suffix:8} {spec.media_type}")


main.add_command(commands.load)
main.add_command(commands.query)
main.add_command(link_commands.link_command)
main.add_command(link_commands.optimize_command)
main.add_command(reference)
main.add_command(table_commands.export)
main.add_command(table_commands.report)
