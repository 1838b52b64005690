"""Writing results: whole files or nothing, and where each output goes.

A file is written to a temporary name in its target folder and renamed into place, so a
failure never leaves a half-written file behind.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from collections.abc import Collection, Iterable
from pathlib import Path

from kv2rdf.errors import Kv2RdfError

SOURCE_SUFFIXES = (".txt", ".md", ".markdown", ".pdf", ".xml", ".html", ".htm")
# notes that travel with a folder of documents but are not documents themselves
_NOT_SOURCES = re.compile(r"^(?:readme|notes|changelog|license|licence)\b", re.I)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def expand_sources(paths: Iterable[str],
                   suffixes: Collection[str] = SOURCE_SUFFIXES) -> list[Path]:
    """Input files: files as given, folders expanded to their files (sorted).

    A folder contributes the files with one of ``suffixes``, leaving out hidden files,
    metadata records and notes (README, NOTES …).
    """
    result: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            result.extend(sorted(p for p in path.rglob("*") if p.is_file()
                                 and p.suffix.lower() in suffixes
                                 and not p.name.startswith(".")
                                 and not p.name.endswith("metadata.xml")
                                 and not _NOT_SOURCES.match(p.name)))
        else:
            result.append(path)
    return result


def plan_outputs(sources: list[Path], output: str | None, suffix: str) -> list[Path | None]:
    """The output file for each source; None means standard output."""
    if output is None or output == "-":
        return [None] * len(sources)
    target = Path(output)
    if len(sources) == 1 and not target.is_dir() and not output.endswith(("/", os.sep)):
        return [target]
    if target.exists() and not target.is_dir():
        raise Kv2RdfError(f"{output}: several sources need -o to name a folder, not a file")
    stems = [_stem(s) for s in sources]
    shared = {stem for stem, count in Counter(stems).items() if count > 1}
    return [target / ((f"{s.parent.name}-{stem}" if stem in shared else stem) + suffix)
            for s, stem in zip(sources, stems, strict=True)]


def _stem(source: Path) -> str:
    """"ah-tk-20232024-1064.pdf-extract.md" → "ah-tk-20232024-1064"; "x.txt" → "x"."""
    return source.name.split(".")[0] if source.name.count(".") > 1 else source.stem
