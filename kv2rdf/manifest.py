"""Incremental runs: a manifest of what was made from what.

A batch writes ``.kv2rdf-manifest.json`` in its output folder (``convert -o DIR``) or store
folder (``load``). Each entry is keyed by the output (a file name, or a graph name for a load)
and records the *input key* — a SHA-256 of the source bytes, the metadata record's bytes, the
`engine_digest` (kv2rdf's code, version, shapes and ontology) and the options that change the
output — plus what the run reported for it (warnings, counts), so a later run can skip the
work and still print the same messages. An output file that was deleted or changed since
(other size or modification time) is made again. The file is written atomically.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kv2rdf import __version__
from kv2rdf.output import write_atomic
from kv2rdf.resources import ontology_path, shapes_path

MANIFEST_NAME = ".kv2rdf-manifest.json"
_FORMAT = 1


#: Modules that never change what a conversion writes or reports: left out of the digest.
_NOT_OUTPUT = ("store/", "cli.py", "__main__.py")


@functools.cache
def engine_digest() -> str:
    """A digest of what decides the output besides the input: code, version, shapes, ontology.

    The code is every module of the package but the store and the command line, so a new
    kv2rdf that converts alike (a new store option, say) still skips what is done.
    """
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        if path.relative_to(package).as_posix().startswith(_NOT_OUTPUT):
            continue
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    for path in (shapes_path(), ontology_path()):
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def input_key(data: bytes, *, metadata: bytes | None, options: Iterable[str]) -> str:
    """The key of one input: its bytes, its metadata record, the engine and the options."""
    digest = hashlib.sha256(engine_digest().encode())
    for part in (data, metadata or b"", "\x00".join(options).encode()):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def file_stamp(path: Path) -> list[int] | None:
    """Size and modification time of an output file; None when it is missing."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]


class Manifest:
    """The entries of one output folder, read at the start and saved at the end of a run."""

    def __init__(self, path: Path, entries: dict[str, dict[str, Any]] | None = None) -> None:
        self.path = path
        self.entries: dict[str, dict[str, Any]] = entries or {}

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        """The manifest in ``folder``; empty when there is none or it cannot be read."""
        return cls.at(folder / MANIFEST_NAME)

    @classmethod
    def at(cls, path: Path) -> Manifest:
        """The manifest in the file ``path``; empty when there is none or it is unreadable."""
        try:
            tree = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(path)
        if not isinstance(tree, dict) or tree.get("format") != _FORMAT:
            return cls(path)
        entries = tree.get("entries")
        return cls(path, entries if isinstance(entries, dict) else {})

    def fresh(self, name: str, key: str, output: Path | None = None) -> dict[str, Any] | None:
        """The entry for ``name`` when it was made from ``key`` and its output is untouched."""
        entry = self.entries.get(name)
        if entry is None or entry.get("key") != key:
            return None
        if output is not None and file_stamp(output) != entry.get("stamp"):
            return None
        return entry

    def record(self, name: str, key: str, **info: Any) -> None:
        """Remember that ``name`` was made from ``key`` (with what was reported)."""
        self.entries[name] = {"key": key, **info}

    def forget(self, name: str) -> None:
        """Drop the entry for ``name`` (its input failed)."""
        self.entries.pop(name, None)

    def save(self) -> None:
        """Write the manifest atomically (sorted keys: the same run gives the same file)."""
        if not self.path.parent.is_dir():
            return
        text = json.dumps({"format": _FORMAT, "entries": self.entries}, sort_keys=True,
                          ensure_ascii=True, separators=(",", ":"))
        write_atomic(self.path, text + "\n")


def relative_name(path: Path, folder: Path) -> str:
    """``path`` relative to ``folder`` (POSIX form), or absolute when outside it."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(_resolved(folder)).as_posix()
    except ValueError:
        return os.fspath(resolved)


@functools.lru_cache(maxsize=8)
def _resolved(folder: Path) -> Path:
    """``folder`` resolved, once per run and folder (every output of a batch lies in one)."""
    return folder.resolve()
