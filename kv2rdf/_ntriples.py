r"""N-Triples and N-Quads for kv2rdf's triples, one sorted line per statement.

Written in Python from the plain terms of `kv2rdf.triples`, byte for byte as pyoxigraph
writes them (its escapes: a backslash before ``"`` and ``\``, ``\t``-style escapes for
backspace, tab, newline, form feed and carriage return, ``\uXXXX`` for the other control
characters, U+007F, U+FFFE and U+FFFF; language tags in lower case), without
building a pyoxigraph term per node first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib.namespace import XSD

from kv2rdf.triples import Triple

_XSD_STRING = str(XSD.string)
#: Line breaks to `str.splitlines` that pyoxigraph leaves unescaped in a literal.
_LINE_BREAKS = ("\x85", "\u2028", "\u2029")
_SPECIAL = re.compile('[\x00-\x1f"\\\\\x7f\ufffe\uffff]')
# what is left to escape once backslashes, quotes, newlines, returns and tabs are done
_RARE = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]')
_RARE_ESCAPES = str.maketrans({
    **{chr(c): f"\\u{c:04X}" for c in (*range(0x20), 0x7F, 0xFFFE, 0xFFFF)
       if chr(c) not in "\t\n\r"}, "\b": "\\b", "\f": "\\f"})


def _escaped(value: str) -> str:
    """``value`` with pyoxigraph's escapes (the common ones replaced in C, quickly)."""
    value = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace(
        "\r", "\\r").replace("\t", "\\t")
    return value.translate(_RARE_ESCAPES) if _RARE.search(value) else value


def statement_lines(triples: Iterable[Triple], graph_name: str | None = None) -> str:
    """The triples as N-Triples (or, with ``graph_name``, N-Quads) lines, sorted and unique."""
    tail = f" <{graph_name}> .\n" if graph_name else " .\n"
    made: dict[object, str] = {}
    lines = set()
    for s, p, o in triples:
        obj = made.get(o)
        if obj is None:
            if isinstance(o, str):
                obj = f"<{o}>"
            else:
                value, language, datatype = o
                obj = '"' + (_escaped(value) if _SPECIAL.search(value) else value) + '"'
                if language:
                    obj += "@" + language.lower()
                elif datatype and datatype != _XSD_STRING:
                    obj += f"^^<{datatype}>"
            made[o] = obj
        lines.add(f"<{s}> <{p}> {obj}{tail}")
    text = "".join(sorted(lines))
    if any(c in text for c in _LINE_BREAKS):  # as str.splitlines cut pyoxigraph's output
        parts = set(text.splitlines())
        return "".join(part + "\n" for part in sorted(parts) if part.strip())
    return text
