"""Storage stage, spool: the N-Quads of a bulk load, in temporary files, in input order.

The workers' `kv2rdf.store.bulk.Document`s are written here as they come, so the main process
never holds more than a few chunks; the store then reads the files in pieces
(`LocalStore.bulk_replace`, `RemoteStore.bulk_replace`). The shared entities' triples go to a
second file, each line once, in the shared graph.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from kv2rdf.store.bulk import Document


class Spool:
    """Temporary N-Quads files of the documents to load (and of the shared graph)."""

    def __init__(self, shared_name: str) -> None:
        self.shared_name = shared_name
        self.names: list[str] = []  # in input order, each once
        self.origins: dict[str, str] = {}
        self.ranges: dict[str, tuple[int, int]] = {}
        self.sizes: dict[str, int] = {}  # triples of each document, shared ones too
        self.replaced: list[str] = []  # named twice in one load: the later one wins
        self.triples = self.shared_triples = 0
        self._seen: set[bytes] = set()
        self._tail = f" <{shared_name}> .\n".encode()
        self.path, self._file = self._open("documents")
        self.shared_path, self._shared = self._open("shared")

    @staticmethod
    def _open(kind: str) -> tuple[Path, BinaryIO]:
        fd, name = tempfile.mkstemp(prefix=f"kv2rdf-load-{kind}-", suffix=".nq")
        return Path(name), os.fdopen(fd, "w+b")

    def add(self, doc: Document) -> str | None:
        """Write one document; a warning when it replaces one written before."""
        warning = None
        if doc.name in self.ranges:
            warning = (f"{doc.origin}: warning: describes <{doc.name}> as "
                       f"{self.origins[doc.name]} does; it replaces that one")
            self.replaced.append(doc.name)
        else:
            self.names.append(doc.name)
        start = self._file.tell()
        self._file.write(doc.nquads)
        self.ranges[doc.name] = (start, self._file.tell())
        self.origins[doc.name] = doc.origin
        self.sizes[doc.name] = doc.triples
        self.triples += doc.triples
        for line in doc.shared:
            if line not in self._seen:
                self._seen.add(line)
                self._shared.write(line.rstrip()[:-1].rstrip() + self._tail)
                self.shared_triples += 1
        return warning

    def close(self) -> None:
        """Finish writing."""
        self._file.flush()
        self._shared.flush()

    def read(self, name: str) -> bytes:
        """The N-Quads of the graph ``name`` as last written."""
        start, end = self.ranges[name]
        self._file.seek(start)
        return self._file.read(end - start)

    def batches(self, limit: int) -> Iterator[tuple[list[str], bytes]]:
        """Runs of whole documents of at most about ``limit`` bytes, then the shared graph.

        A document written twice comes with its later N-Quads, where it was first named.
        """
        names: list[str] = []
        parts: list[bytes] = []
        size = 0
        for name in self.names:
            data = self.read(name)
            if names and size + len(data) > limit:
                yield names, b"".join(parts)
                names, parts, size = [], [], 0
            names.append(name)
            parts.append(data)
            size += len(data)
        if names:
            yield names, b"".join(parts)
        self._shared.seek(0)
        while True:
            lines = self._shared.readlines(limit)
            if not lines:
                break
            yield [], b"".join(lines)

    def remove(self) -> None:
        """Delete the files."""
        for handle, path in ((self._file, self.path), (self._shared, self.shared_path)):
            handle.close()
            path.unlink(missing_ok=True)
