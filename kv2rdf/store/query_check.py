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
"""

from __future__ import annotations

import re

from kv2rdf.errors import StoreError

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
