"""Writing results: whole files or nothing, and where each output goes.

A file is written to a temporary name in its target folder and renamed into place, so a
failure never leaves a half-written file behind. The rules:

* the temporary name is ``.<name>.kv2rdf-<pid>-<random>.tmp``; one left behind by a killed
  process (``kill -9``) is removed by the next run that writes to that folder (only when the
  process that made it is gone, so two runs writing one folder do not disturb each other);
* a new file gets the permissions the user's umask gives (``0644`` under umask ``022``); a
  file that is replaced keeps its own permissions;
* ``-o`` naming a symbolic link writes the file the link points to (the link stays);
* ``-o`` naming a device or a FIFO (``/dev/null``, a named pipe) or an open descriptor
  (``/dev/stdout``, ``/dev/fd/3``, even when the shell sent it to a file) writes into it
  directly: nothing is ever renamed over it;
* ``-o`` naming one of the inputs is refused, as is a folder output whose place is taken by
  a file (or whose name looks like a file's, for several sources).

Every failure is a `Kv2RdfError` reading ``path: message``.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
from collections import Counter
from collections.abc import Collection, Iterable
from pathlib import Path

from kv2rdf.errors import Kv2RdfError

SOURCE_SUFFIXES = (".txt", ".md", ".markdown", ".pdf", ".xml", ".html", ".htm")
# notes that travel with a folder of documents but are not documents themselves
_NOT_SOURCES = re.compile(r"^(?:readme|notes|changelog|license|licence)\b", re.I)
_CLEANED: set[Path] = set()
_TEMP = re.compile(r"^\..+\.kv2rdf-(\d+)-[0-9a-f]+\.tmp$")


class OutputError(Kv2RdfError):
    """An output cannot be written where the user asked."""


def _shown(path: Path | str) -> str:
    return os.fsencode(path).decode("utf-8", errors="replace")


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` in one step (see the module rules); `OutputError` if not."""
    data = text.encode("utf-8")
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):  # a file in the way: see _make_folder
        info = None
    except OSError as exc:
        raise OutputError(f"{_shown(path)}: cannot write: {exc.strerror or exc}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{_shown(path)}: is a folder; name a file, or give several sources")
    if info is not None and (not stat.S_ISREG(info.st_mode) or _descriptor(path)):
        _write_through(path, data)  # a device, a FIFO, or stdout: never rename over it
        return
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        _make_folder(target.parent)
        if target.parent not in _CLEANED:  # once per folder and run: a batch stays linear
            _CLEANED.add(target.parent)
            remove_stale_temporaries(target.parent)
        tmp = _create_temporary(target, info)
        try:
            with open(tmp, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        where = exc.filename if isinstance(exc.filename, str) else target
        if _TEMP.match(os.path.basename(where)):  # the user knows the name they gave
            where = target
        raise OutputError(f"{_shown(where)}: cannot write: {exc.strerror or exc}") from None


def _make_folder(folder: Path) -> None:
    """Create ``folder`` and its parents; a file in the way is an `OutputError`."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()),
                       folder)
        raise OutputError(f"{_shown(blocker)}: is a file, so the folder {_shown(folder)} "
                          "cannot be made") from None


def _create_temporary(target: Path, replaced: os.stat_result | None) -> Path:
    """An empty, new temporary file beside ``target`` (the umask applies to its mode)."""
    # the name is cut so that the temporary name stays within the 255 bytes a name may have
    stem = os.fsencode(target.name)[:180].decode("utf-8", "ignore") or "out"
    name = f".{stem}.kv2rdf-{os.getpid()}-{secrets.token_hex(4)}.tmp"
    tmp = target.with_name(name)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        if replaced is not None:
            os.fchmod(fd, stat.S_IMODE(replaced.st_mode))
    finally:
        os.close(fd)
    return tmp


def _descriptor(path: Path) -> bool:
    """True for the name of an open file descriptor: ``/dev/stdout``, ``/dev/fd/1`` ….

    Such a name stands for whatever the shell redirected, a regular file too.
    """
    text = os.path.abspath(path)
    if re.match(r"^/(?:dev/fd|proc/(?:self|thread-self|\d+)/fd)/\d+$", text):
        return True
    try:
        return os.readlink(path).startswith("/proc/")
    except OSError:
        return False


def _write_through(path: Path, data: bytes) -> None:
    """Write into what is there: appending, as to a stream (``>>`` redirection stays)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        with open(fd, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise OutputError(f"{_shown(path)}: cannot write: {exc.strerror or exc}") from None


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove temporary files that killed kv2rdf processes left in ``folder``; return them."""
    removed = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            found = _TEMP.match(entry.name)
            if found and not _alive(int(found.group(1))) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:  # another user's process
        return True
    return True


def expand_sources(paths: Iterable[str],
                   suffixes: Collection[str] = SOURCE_SUFFIXES) -> list[Path]:
    """Input files: files as given, folders expanded to their files (sorted).

    A folder contributes the files with one of ``suffixes``, leaving out hidden files,
    metadata records and notes (README, NOTES …). A file named twice (``dir`` and
    ``dir/a.md``, or through a link) is read once.
    """
    result: list[Path] = []
    for name in paths:
        path = Path(name)
        if os.path.isdir(path):  # False for names that cannot be looked at: read_input says why
            result.extend(sorted(p for p in path.rglob("*") if p.is_file()
                                 and p.suffix.lower() in suffixes
                                 and not p.name.startswith(".")
                                 and not p.name.endswith("metadata.xml")
                                 and not _NOT_SOURCES.match(p.name)))
        else:
            result.append(path)
    seen: set[tuple[int, int] | str] = set()
    unique = []
    for path in result:
        key = _identity(path) or str(path)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def plan_outputs(sources: list[Path], output: str | None, suffix: str) -> list[Path | None]:
    """The output file for each source; None means standard output.

    Refused (`OutputError`): an output that is one of the sources; several sources with
    ``-o`` naming a file, a device, or a name with a file suffix that does not exist yet
    (``-o x.ttl``; end it with ``/`` to make a folder of that name).
    """
    if output is None or output == "-":
        return [None] * len(sources)
    target, shown = Path(output), _shown(output)
    folder_meant = output.endswith(("/", os.sep))
    mode = _mode(target)
    is_dir = mode is not None and stat.S_ISDIR(mode)
    if len(sources) == 1 and not is_dir and not folder_meant:
        targets: list[Path | None] = [target]
    else:
        if mode is not None and not is_dir:
            raise OutputError(f"{shown}: several sources need -o to name a folder (or - for "
                              "standard output), not a file")
        if mode is None and target.suffix and not folder_meant:
            raise OutputError(f"{shown}: several sources need -o to name a folder, and "
                              f"{shown} looks like a file name; write {shown}/ to make a "
                              "folder of that name, or - for standard output")
        stems = [_stem(s) for s in sources]
        shared = {stem for stem, count in Counter(stems).items() if count > 1}
        targets = [target / ((f"{s.parent.name}-{stem}" if stem in shared else stem) + suffix)
                   for s, stem in zip(sources, stems, strict=True)]
    inputs = {key: s for s in sources if (key := _identity(s)) is not None}
    for planned in targets:
        key = _identity(planned) if planned is not None else None
        source = inputs.get(key) if key is not None else None
        if planned is not None and source is not None:
            raise OutputError(f"{_shown(planned)}: is the source {_shown(source)}; refusing to "
                              "write over it (name another output)")
    return targets


def _mode(path: Path) -> int | None:
    """The file mode at ``path`` (links followed); None when nothing is there."""
    try:
        return os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:  # a name too long, a loop of links, no permission
        raise OutputError(f"{_shown(path)}: cannot write: {exc.strerror or exc}") from None


def _identity(path: Path) -> tuple[int, int] | None:
    """Device and inode of a regular file (links followed); None for anything else."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def _stem(source: Path) -> str:
    """"ah-tk-20232024-1064.pdf-extract.md" → "ah-tk-20232024-1064"; "x.txt" → "x"."""
    return source.name.split(".")[0] if source.name.count(".") > 1 else source.stem
