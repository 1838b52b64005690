"""Batch engine: many inputs over all cores, in input order, with progress and a summary.

`run` cuts the inputs into chunks and hands them to a pool of worker processes
(``--jobs N``; all cores by default, ``--jobs 1`` runs in this process). Results come back
in input order whatever order the workers finish in, so files, messages and exit codes are
the same as a serial run's. A worker turns every failure of one input into that input's
`Outcome` (``source:line: message``), so one bad document never stops or loses the others.
At most a few chunks per worker are in flight, so memory stays flat however many inputs.

`Progress` draws a bar (tqdm) only when stderr is a terminal; `Summary` is the closing line.
`in_shard` splits a batch deterministically for ``--shard I/N`` (several machines, one store).
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from tqdm import tqdm

from kv2rdf import messages
from kv2rdf.errors import Kv2RdfError

T = TypeVar("T")
R = TypeVar("R")

#: Inputs per chunk at most: a worker's unit of work and of memory.
MAX_CHUNK = 32
#: Fewer inputs than this run in this process.
SERIAL_BELOW = 4


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input: its messages (in order) and what it held."""

    source: str
    messages: tuple[str, ...] = ()
    failed: bool = False
    violated: bool = False
    questions: int = 0
    answers: int = 0
    warnings: int = 0
    skipped: bool = False
    payload: Any = None  # what the caller needs besides (a report, graphs to load, …)


@dataclass(slots=True)
class Summary:
    """Totals of a batch for the closing line."""

    action: str = "converted"
    documents: int = 0
    skipped: int = 0
    questions: int = 0
    answers: int = 0
    warnings: int = 0
    failures: int = 0
    violations: int = 0
    held_back: int = 0  # not conforming, so not loaded (``load --validate``)
    started: float = field(default_factory=time.perf_counter)

    def add(self, outcome: Outcome) -> None:
        """Count one outcome."""
        self.documents += 1
        self.skipped += outcome.skipped
        self.questions += outcome.questions
        self.answers += outcome.answers
        self.warnings += outcome.warnings
        self.failures += outcome.failed
        self.violations += outcome.violated

    def line(self) -> str:
        """``kv2rdf: 5000 documents (12 converted, 4988 unchanged), … in 3.2 s (…/s)``."""
        seconds = time.perf_counter() - self.started
        done = self.documents - self.skipped - self.failures - self.held_back
        parts = [f"{done} {self.action}"]
        if self.skipped:
            parts.append(f"{self.skipped} unchanged")
        if self.held_back:
            parts.append(f"{self.held_back} not {self.action}")
        if self.failures:
            parts.append(f"{self.failures} failed")
        rate = f"{self.documents / seconds:.0f} documents/s" if seconds > 0 else ""
        text = (f"kv2rdf: {self.documents} document{'s' * (self.documents != 1)} "
                f"({', '.join(parts)}); {self.questions} questions, {self.answers} answers, "
                f"{self.warnings} warnings, {self.failures} failures")
        if self.violations:
            text += f", {self.violations} not conforming"
        return text + f"; {seconds:.1f} s ({rate})"


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def chunked(items: Sequence[T], jobs: int, most: int = MAX_CHUNK) -> list[Sequence[T]]:
    """``items`` in chunks: about eight per worker, at most ``most`` inputs each."""
    size = max(1, min(most, -(-len(items) // (jobs * 8))))
    return [items[i:i + size] for i in range(0, len(items), size)]


def run(items: Sequence[T], work: Callable[[Sequence[T]], list[R]], *, jobs: int,
        progress: Progress | None = None, most: int = MAX_CHUNK) -> Iterator[R]:
    """``work`` over ``items`` in chunks, on ``jobs`` processes; results in input order.

    Few inputs (`SERIAL_BELOW`) are done in this process: starting workers would cost more.
    """
    chunks = chunked(items, jobs, most)
    if jobs <= 1 or len(chunks) <= 1 or len(items) < SERIAL_BELOW:
        for chunk in chunks:
            results = work(chunk)
            if progress:
                progress.advance(len(chunk))
            yield from results
        return
    window = jobs * 3
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: dict[Future[list[R]], int] = {}
        done: dict[int, list[R]] = {}
        submitted = emitted = 0
        try:
            while emitted < len(chunks):
                while submitted < len(chunks) and len(pending) + len(done) < window:
                    pending[pool.submit(work, chunks[submitted])] = submitted
                    submitted += 1
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    index = pending.pop(future)
                    done[index] = future.result()
                    if progress:
                        progress.advance(len(chunks[index]))
                while emitted in done:
                    yield from done.pop(emitted)
                    emitted += 1
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


class Progress:
    """A progress bar on stderr, drawn only when stderr is a terminal (and not with -q)."""

    def __init__(self, total: int, label: str, *, enabled: bool | None = None) -> None:
        show = messages.progress_wanted() if enabled is None else enabled
        tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked
        self._bar: tqdm[Any] | None = tqdm(total=total, desc=label, unit="doc", leave=False,
                                            dynamic_ncols=True) if show and total else None

    def say(self, emit: Callable[[str], None]) -> Callable[[str], None]:
        """``emit``, or, while the bar is drawn, a writer that prints above the bar."""
        if self._bar is None:
            return emit
        return lambda message: tqdm.write(message, file=sys.stderr)

    def advance(self, count: int) -> None:
        """``count`` more inputs are done."""
        if self._bar is not None:
            self._bar.update(count)

    def close(self) -> None:
        """Take the bar off the screen."""
        if self._bar is not None:
            self._bar.close()


def parse_shard(text: str | None) -> tuple[int, int] | None:
    """``"2/8"`` → (2, 8): this run takes shard 2 of 8 (1-based); `Kv2RdfError` when bad."""
    if text is None:
        return None
    index, _, count = text.partition("/")
    if not (index.isdigit() and count.isdigit()) or not 1 <= int(index) <= int(count):
        raise Kv2RdfError(f"--shard {text!r}: give I/N with 1 <= I <= N, e.g. 2/8")
    return int(index), int(count)


def in_shard(path: Path, shard: tuple[int, int] | None) -> bool:
    """Whether ``path`` belongs to ``shard``: a hash of its file name, modulo N.

    The file name, not the whole path, so machines that mount the corpus in different places
    still split it the same way.
    """
    if shard is None:
        return True
    digest = hashlib.sha256(path.name.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % shard[1] == shard[0] - 1
