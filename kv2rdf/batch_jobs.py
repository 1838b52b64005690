"""The batch forms of ``convert`` and ``validate``: what a worker does with a chunk of inputs.

`convert_all` converts many sources into a folder through `kv2rdf.batch.run`, skipping the
sources whose manifest entry (`kv2rdf.manifest`) shows their output is up to date, and
`validate_all` validates many RDF files, read straight into the native engine's index
(`kv2rdf.rdf_input.read_index`) or, with pySHACL, a chunk per run where the documents allow
(`kv2rdf.bulk_validation`). Both report each input's messages in input order through an
``emit`` callback and return the `Summary`; the CLI turns it into an exit code.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from rdflib import Graph, URIRef

from kv2rdf.batch import Outcome, Progress, Summary, in_shard, run
from kv2rdf.bulk_validation import RUN_DOCUMENTS, validate_many
from kv2rdf.errors import Kv2RdfError
from kv2rdf.formats import SourceFormat
from kv2rdf.iris import Iris
from kv2rdf.manifest import Manifest, file_stamp, input_key, relative_name
from kv2rdf.model import Document
from kv2rdf.output import write_atomic
from kv2rdf.pipeline import (
    convert_source,
    display_path,
    located,
    metadata_beside,
    read_input,
    warning_lines,
)
from kv2rdf.serialization import dumps, oxigraph_triples
from kv2rdf.shacl_data import TripleIndex, from_triples
from kv2rdf.store.inputs import main_work
from kv2rdf.triples import Triples
from kv2rdf.validation import ValidationReport

Emit = Callable[[str], None]
#: Output formats with graph names (TriG, N-Quads).
NAMED = ("trig", "nquads")


def graph_name(graph: Triples, doc: Document, base: str) -> URIRef:
    """A document's graph name in TriG and N-Quads: its main work, as ``load`` names it."""
    name = main_work(oxigraph_triples(graph), doc.source or "")
    return URIRef(name) if name else Iris(base).source(doc)


@dataclass(frozen=True, slots=True)
class ConvertJob:
    """Convert sources to files; picklable, so a worker process can run it."""

    to: str = "turtle"
    fmt: SourceFormat | None = None
    base: str = "https://w3id.org/kv2rdf/"
    strict: bool = False
    check: bool = False
    metadata: str | None = None  # one record for every source (--metadata)
    engine: str = "fast"  # the validation engine (reports are the same)

    def options(self) -> list[str]:
        """The options that change the output, for the manifest key."""
        return [self.to, self.fmt.value if self.fmt else "", self.base, str(self.strict),
                str(self.check)]

    def meta_path(self, source: Path) -> Path | None:
        """The metadata record of ``source``: the one given, or the one beside it."""
        return Path(self.metadata) if self.metadata else metadata_beside(source)

    def __call__(self, chunk: Sequence[tuple[str, str]]) -> list[Outcome]:
        """Convert each (source, target) pair; write the files; validate when asked."""
        outcomes: list[Outcome] = []
        graphs: list[tuple[int, Triples]] = []
        for source, target in chunk:
            path = Path(source)
            meta = self.meta_path(path)
            try:
                doc, graph = convert_source(read_input(path), source=display_path(path),
                                            fmt=self.fmt, strict=self.strict, base=self.base,
                                           metadata=read_input(meta) if meta else None,
                                           metadata_source=display_path(meta) if meta else None)
                name = graph_name(graph, doc, self.base) if self.to in NAMED else None
                write_atomic(Path(target), dumps(graph, self.to, name=name))
            except Kv2RdfError as exc:
                outcomes.append(Outcome(source, (located(path, exc),), failed=True))
                continue
            lines = warning_lines(doc)
            outcomes.append(Outcome(source, tuple(lines), questions=len(doc.questions),
                                    answers=len(doc.answers), warnings=len(lines),
                                    payload=file_stamp(Path(target))))
            graphs.append((len(outcomes) - 1, graph))
        if self.check and graphs:
            reports = validate_many([from_triples(g) for _, g in graphs], engine=self.engine)
            for (index, _), report in zip(graphs, reports, strict=True):
                outcome = outcomes[index]
                extra = (f"{outcome.source}: {report.text()}",) if report.results else ()
                outcomes[index] = replace(outcome, messages=outcome.messages + extra,
                                          violated=not report.conforms)
        return outcomes


def convert_all(paths: Sequence[Path], targets: Sequence[Path], folder: Path, job: ConvertJob,
                *, jobs: int, emit: Emit, force: bool = False,
                shard: tuple[int, int] | None = None,
                done: Callable[[Outcome], None] | None = None) -> Summary:
    """Convert ``paths`` to ``targets`` (in ``folder``), redoing only what changed.

    ``done`` is told of each source's outcome, in input order, after its messages.
    """
    summary = Summary("converted")
    manifest = Manifest.read(folder)
    todo: list[tuple[str, str]] = []
    keys: dict[str, tuple[str, str]] = {}
    plan: list[Outcome | str] = []  # a replayed outcome, or the source of work to do
    for path, target in zip(paths, targets, strict=True):
        if not in_shard(path, shard):
            continue
        name = relative_name(target, folder)
        try:
            meta = job.meta_path(path)
            key = input_key(read_input(path), metadata=read_input(meta) if meta else None,
                            options=job.options())
        except Kv2RdfError as exc:
            plan.append(Outcome(str(path), (located(path, exc),), failed=True))
            continue
        entry = None if force else manifest.fresh(name, key, target)
        if entry is not None:
            plan.append(Outcome(str(path), tuple(entry["messages"]), skipped=True,
                                violated=entry["violated"], questions=entry["questions"],
                                answers=entry["answers"], warnings=entry["warnings"]))
            continue
        todo.append((str(path), str(target)))
        keys[str(path)] = (name, key)
        plan.append(str(path))
    progress = Progress(len(todo), "convert")
    emit = progress.say(emit)
    results = run(todo, job, jobs=jobs, progress=progress)
    try:
        for item in plan:
            outcome = item if isinstance(item, Outcome) else next(results)
            if not isinstance(item, Outcome):
                name, key = keys[outcome.source]
                if outcome.failed:
                    manifest.forget(name)
                else:
                    manifest.record(name, key, stamp=outcome.payload,
                                    messages=list(outcome.messages), violated=outcome.violated,
                                    questions=outcome.questions, answers=outcome.answers,
                                    warnings=outcome.warnings)
            for message in outcome.messages:
                emit(message)
            if done is not None:
                done(outcome)
            summary.add(outcome)
    finally:
        progress.close()
        manifest.save()
    return summary


@dataclass(frozen=True, slots=True)
class ValidateJob:
    """Read RDF files and validate them, many per pySHACL run."""

    reader: Callable[[Path], Graph | TripleIndex]
    shapes: Path | None = None
    engine: str = "fast"

    def __call__(self, chunk: Sequence[str]) -> list[Outcome]:
        """One outcome per file; its payload is the `ValidationReport`.

        The native engine validates each file as soon as it is read (nothing to plan, and
        the memory of one document is reused for the next); pySHACL a chunk at a time.
        """
        outcomes: list[Outcome] = []
        graphs: list[tuple[int, Graph | TripleIndex]] = []
        for name in chunk:
            try:
                graph = self.reader(Path(name))
            except Kv2RdfError as exc:
                outcomes.append(Outcome(name, (str(exc),), failed=True))
                continue
            outcomes.append(Outcome(name))
            if self.engine == "fast":
                (report,) = validate_many([graph], shapes=self.shapes)
                outcomes[-1] = _validated(outcomes[-1], report)
            else:
                graphs.append((len(outcomes) - 1, graph))
        reports = validate_many([g for _, g in graphs], shapes=self.shapes, engine=self.engine)
        for (index, _), report in zip(graphs, reports, strict=True):
            outcomes[index] = _validated(outcomes[index], report)
        return outcomes


def _validated(outcome: Outcome, report: ValidationReport) -> Outcome:
    return replace(outcome, payload=report, violated=not report.conforms,
                   warnings=len(report.warnings))


def validate_all(names: Sequence[str], job: ValidateJob, *, jobs: int, emit: Emit,
                 shard: tuple[int, int] | None = None
                 ) -> tuple[dict[str, ValidationReport], dict[str, str], Summary]:
    """Validate every file: the reports and the errors by file (input order), and a summary."""
    summary = Summary("validated")
    errors: dict[str, str] = {}
    chosen = [n for n in names if in_shard(Path(n), shard)]
    progress = Progress(len(chosen), "validate")
    emit = progress.say(emit)
    reports: dict[str, ValidationReport] = {}
    try:
        for outcome in run(chosen, job, jobs=jobs, progress=progress, most=RUN_DOCUMENTS):
            for message in outcome.messages:
                emit(message)
            if outcome.payload is not None:
                reports[outcome.source] = outcome.payload
            if outcome.failed:
                errors[outcome.source] = "\n".join(outcome.messages)
            summary.add(outcome)
    finally:
        progress.close()
    return reports, errors, summary
