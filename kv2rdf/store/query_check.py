"""Storage stage, query side: what ``kv2rdf query`` refuses before any store sees the text.

* An update (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ``DROP``, ``CREATE``, ``ADD``,
  ``MOVE``, ``COPY``, ``WITH …``): ``kv2rdf query`` only reads; data goes in with ``kv2rdf
  load``. Some servers (Virtuoso) run updates sent to their query service, so this is checked
  here, not left to the server.
* A ``SERVICE`` clause against the embedded store: Oxigraph would fetch the named service over
  the network, and kv2rdf reaches no network unless the user names a server (``--endpoint``,
  where the server decides).

The check reads the query's words outside IRIs, strings and comments, so a ``SERVICE`` in a
literal or a ``#`` comment does not count.

`syntax_problem` turns a syntax error into one line, ``source:line:column: message``: an
unknown prefix is named (with the prefixes kv2rdf knows), Oxigraph's list of expected tokens is
cut to the tokens a person types. `looks_like_a_file` spots a file name given as the query.
"""

from __future__ import annotations

import os
import re

import pyoxigraph as ox

from kv2rdf.errors import StoreError
from kv2rdf.messages import InputFileError
from kv2rdf.namespaces import PREFIXES

_UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
_NOISE = re.compile(r'''<[^<>"{}|^`\\\s]*>'''              # an IRI
                    r"""|'''(?:[^'\\]|\\.|'(?!''))*'''"""   # long strings
                    r'''|"""(?:[^"\\]|\\.|"(?!""))*"""'''
                    r"""|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*\""""  # short strings
                    r"|#[^\n]*", re.S)                        # a comment
_PROLOGUE = re.compile(r"(?i)\s*(?:PREFIX\s+[\w.-]*:|BASE\b)")
_WORD = re.compile(r"[A-Za-z]+")
_LATER_UPDATE = re.compile(rf"(?i);\s*(?:{'|'.join(_UPDATES)})\b")
_SERVICE = re.compile(r"(?i)(?<![\w:?$-])SERVICE(?![\w:-])")


def words_only(sparql: str) -> str:
    """``sparql`` with its IRIs, strings and comments blanked out."""
    return _NOISE.sub(" ", sparql)


def check_query(sparql: str, *, embedded: bool) -> None:
    """Refuse an update, and (``embedded``) a SERVICE clause; `StoreError` says which."""
    text = words_only(sparql)
    rest = text
    while (found := _PROLOGUE.match(rest)) is not None:
        rest = rest[found.end():]
    first = _WORD.match(rest.lstrip())
    keyword = first.group(0).upper() if first else ""
    if keyword in _UPDATES or _LATER_UPDATE.search(text):
        shown = keyword if keyword in _UPDATES else "an update"
        raise StoreError(f"the query is a SPARQL update ({shown}); kv2rdf query only reads, "
                         "and data goes into a store with kv2rdf load")
    if embedded and _SERVICE.search(text):
        raise StoreError("the query has a SERVICE clause, which would reach out over the "
                         "network; the embedded store runs local queries only (query a "
                         "server with --endpoint, which then decides)")


#: Where Oxigraph puts the position of a syntax error: ``error at LINE:COLUMN: …``.
_AT = re.compile(r"error at (\d+):(\d+): (.*)", re.S)
#: A character class in Oxigraph's list of expected tokens (``['0' ..= '9' | …]``).
_CHAR_CLASS = re.compile(r"\[(?:'(?:[^'\\]|\\.)*'|[^\]'])*\]")
#: A prefixed name's prefix (``kv:`` in ``kv:Question``), outside IRIs, strings, comments.
_PNAME = re.compile(r"(?<![\w?$.:-])([A-Za-z][\w.-]*)?:(?=[\w%\\]|[\s;,.)\]}]|$)")
#: One alternative of the list: a quoted token, or a word or phrase up to the next comma.
_ALTERNATIVE = re.compile(r'"(?:[^"\\]|\\.)*"|[^,\s][^,]*')
#: Alternatives of an "expected one of" list shown in a message.
SHOWN_ALTERNATIVES = 8


def blank_noise(sparql: str) -> str:
    """``sparql`` with IRIs, strings and comments blanked, keeping every line and column."""
    return _NOISE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), sparql)


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (what the query asks for), or "" when unclear."""
    rest = words_only(sparql)
    while (found := _PROLOGUE.match(rest)) is not None:
        rest = rest[found.end():]
    first = _WORD.match(rest.lstrip())
    return first.group(0).upper() if first else ""


def without_services(sparql: str) -> str:
    """``sparql`` with ``SERVICE [SILENT] x {…}`` read as ``GRAPH x {…}``, same positions.

    Only for checking the syntax on an empty store: nothing is fetched.
    """
    blanked = blank_noise(sparql)
    text = list(sparql)
    for found in re.finditer(r"(?i)(?<![\w:?$-])SERVICE(\s+SILENT)?(?![\w:-])", blanked):
        start, end = found.span()
        text[start:end] = list("GRAPH".ljust(end - start))
    return "".join(text)


def syntax_problem(sparql: str, source: str) -> InputFileError | None:
    """A syntax error in ``sparql`` as a one-line `InputFileError` (``source:line:col: …``).

    The query is parsed by Oxigraph against an empty store, with the kv2rdf prefixes known
    and SERVICE read as GRAPH, so nothing is fetched. None when the query is valid.
    """
    unknown = unknown_prefix(sparql, source)
    if unknown is not None:
        return unknown
    try:
        ox.Store().query(without_services(sparql),
                         prefixes={p: str(ns) for p, ns in PREFIXES.items()})
    except SyntaxError as exc:
        return _earlier(sparql, source) or _problem(str(exc), sparql, source)
    except (OSError, ValueError, RuntimeError):  # valid, though not runnable on nothing
        return None
    return None


def unknown_prefix(sparql: str, source: str) -> InputFileError | None:
    """The first prefixed name whose prefix is neither declared nor one kv2rdf knows."""
    blanked = blank_noise(sparql)
    declared = {m for m in re.findall(r"(?i)\bPREFIX\s+([\w.-]*):", blanked)}
    known = set(PREFIXES) | declared
    for number, text in enumerate(blanked.split("\n"), start=1):
        for found in _PNAME.finditer(text):
            prefix = found.group(1) or ""
            if prefix in known or prefix == "_" or re.search(r"(?i)PREFIX\s+$",
                                                              text[:found.start()]):
                continue
            listed = ", ".join(f"{p}:" for p in sorted(PREFIXES))
            return InputFileError(source, f"unknown prefix '{prefix}:'; declare it with "
                                  f"PREFIX {prefix}: <…> (kv2rdf knows {listed})", number,
                                  found.start() + 1)
    return None


def _earlier(sparql: str, source: str) -> InputFileError | None:
    """Where a second SPARQL parser (rdflib's) stops, when it names the clause that fails.

    Oxigraph gives the furthest point its parser reached, which for a clause that goes
    wrong midway is often the end of the query; rdflib's parser stops where the clause
    starts, and names the word it found there.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parseQuery(sparql)
    except ParseException as exc:
        found = re.search(r"found (.*?)\s+\(at char", str(exc))
        word = found.group(1) if found else "this"
        return InputFileError(source, f"SPARQL syntax error: unexpected {word}",
                              exc.lineno, exc.col)
    except Exception:  # noqa: BLE001 - any other failure: Oxigraph's words stand
        return None
    return None


def _problem(text: str, sparql: str, source: str) -> InputFileError:
    found = _AT.match(text)
    if found is None:
        return InputFileError(source, "SPARQL syntax error: " + " ".join(text.split()))
    line, column, rest = int(found.group(1)), int(found.group(2)), found.group(3)
    listed = rest.removeprefix("expected one of ").removeprefix("expected ")
    alternatives = [a.strip() for a in _ALTERNATIVE.findall(_CHAR_CLASS.sub("", listed))]
    alternatives = [a for a in alternatives if a and a not in ("|", "_")]
    words = [a for a in alternatives if " " in a and not a.startswith('"')]
    if "Prefix not found" in words:
        prefix = _prefix_before(sparql, line, column)
        shown = f"'{prefix}:'" if prefix is not None else "of a prefixed name"
        known = ", ".join(f"{p}:" for p in sorted(PREFIXES))
        return InputFileError(source, f"unknown prefix {shown}; declare it with PREFIX "
                              f"{prefix or 'p'}: <…> (kv2rdf knows {known})", line, column)
    if words:
        return InputFileError(source, f"SPARQL error: {words[0]}", line, column)
    tokens = [a for a in alternatives if " " not in a or a.startswith('"')]
    if rest.startswith("expected") and tokens:
        more = ", …" if len(tokens) > SHOWN_ALTERNATIVES else ""
        shown_tokens = ", ".join(tokens[:SHOWN_ALTERNATIVES]) + more
        what = ("expected one of " if len(tokens) > 1 else "expected ") + shown_tokens
        return InputFileError(source, f"SPARQL syntax error: {what}", line, column)
    return InputFileError(source, "SPARQL syntax error: " + " ".join(rest.split()), line,
                          column)


def _prefix_before(sparql: str, line: int, column: int) -> str | None:
    """The prefix of the last prefixed name ending before ``line:column``."""
    lines = blank_noise(sparql).split("\n")
    if not 1 <= line <= len(lines):
        return None
    text = lines[line - 1][:max(0, column - 1)]
    for candidate in reversed(list(_PNAME.finditer(text))):
        prefix = candidate.group(1) or ""
        if prefix != "_":
            return prefix
    return None


def looks_like_a_file(argument: str) -> bool:
    """Whether a QUERY argument is a file name rather than a query (``x.rq``, an existing file)."""
    if "{" in argument or "\n" in argument:
        return False
    return os.path.isfile(argument) or bool(re.fullmatch(r"\S+\.(rq|sparql|txt)", argument))
