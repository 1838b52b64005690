"""Markdown renderings of Kamervragen documents → `Document`.

Markdown converters of the published PDF print the same document with markup: headings for
labels at any level ("#### Vraag 1 en 2", "### Antwoord 3"), the Aanhangsel number as a
heading ("### 1064"), the asker in bold ("**Erdmans**"), the subject in italics, footnote
markers in brackets ("…Karabach[1 ]", "[4 5 ]"), superscripts in brackets ("11[e ]"), and
"-----" between pages. The markup is removed line by line and the result goes through the
same rules as extracted plain text (`text_source`).
"""

from __future__ import annotations

import hashlib
import re

from kv2rdf.model import Document
from kv2rdf.parsers._blocks import marker
from kv2rdf.parsers._labels import INLINE
from kv2rdf.parsers._text import decode, url_break
from kv2rdf.parsers.text_source import parse_lines

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*(.*?)\s*#*\s*$")
_NOTE_REF = re.compile(r"\[\^?(\d{1,3}(?:\s+\d{1,3})*)\s*\]|<sup>\s*(\d{1,3})\s*</sup>")
_NOTE_DEF = re.compile(r"^\s*\[\^(\d{1,3})\]:\s*(.*)$")
_SUPERSCRIPT = re.compile(r"\[([^\]\d][^\]]{0,3}?)\s*\]")
_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]+)\)")
_STRONG = re.compile(r"\*\*|__")
_EMPHASIS = re.compile(r"(?<![\w*\\])[*_](?=\S)|(?<=\S)[*_](?![\w*])")
_TAG = re.compile(r"</?(?:br|span|sup|sub|b|i|em|strong|u|p)\b[^>]*>", re.I)
_MARKER_GAP = re.compile(r"(\ue001)\s+(?=[.,;:!?)])")
# a footnote text printed as a list item or a quote ("- 1 Kamerstuk …", "> 3 bis: …")
_NOTE_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|>)\s+(?=\d{1,3}\s+\S)")
_LIST_SIGNS = frozenset("-*+>")
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+(?:[•●▪◦]\s*)?(?=\S)")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_URL_SPLIT = re.compile(r"((?:https?://|www\.)\S+)")
_RULE = re.compile(r"\s*(?:-{3,}|\*{3,}|_{3,})\s*")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")


def parse_markdown(data: bytes, *, source: str = "<bytes>", strict: bool = False) -> Document:
    """Parse a markdown rendering of a Kamervragen document."""
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(decode(data, source).split("\n"), start=1):
        # each pattern runs only on a line that holds what it needs ("#" among the first
        # four characters, "[^", a list or quote sign among the first four)
        heading = _HEADING.match(raw) if "#" in raw[:4] else None
        definition = _NOTE_DEF.match(raw) if "[^" in raw else None
        if definition:  # "[^1]: text" → a footnote paragraph "1 text"
            lines.extend([(number, ""), (number, f"{definition[1]} {unmark(definition[2])}"),
                          (number, "")])
            continue
        body = heading.group(1) if heading else raw
        if not heading and not _LIST_SIGNS.isdisjoint(body[:4]):  # list and quote markup:
            body = _BULLET.sub("• ", _NOTE_ITEM.sub("", body))  # footnotes, bullets as printed
        inline = INLINE.match(body.lstrip("*_ "))
        if inline:  # "**Vraag 1** Bent u …", "### Vraag 1: Bent u …": the label apart
            lines.extend([(number, ""), (number, inline["label"]), (number, "")])
            body, heading = inline["text"], None
        text = unmark(body)
        # a heading is a paragraph of its own: blank lines around it keep it apart
        lines.extend([(number, ""), (number, text), (number, "")] if heading else [(number, text)])
    return parse_lines(lines, source=source, source_format="markdown", strict=strict,
                       digest=hashlib.sha256(data).hexdigest())


def unmark(line: str) -> str:
    """Remove inline markdown from one line, turning footnote references into markers."""
    if _RULE.fullmatch(line):
        return "\f"
    # each substitution runs only on a line that holds what it looks for (most hold none)
    if "[" in line or "<" in line:
        line = _NOTE_REF.sub(lambda m: "".join(marker(n) for n in (m.group(1) or m.group(2))
                                                .split()), line)
    if "\ue001" in line:
        line = _MARKER_GAP.sub(r"\1", line)  # "afgewogen<sup>1</sup> ;" → "afgewogen¹;"
    if "<" in line:
        line = _TAG.sub("", line)
    if "](" in line:
        line = _LINK.sub(lambda m: m.group(1) if m.group(1) == m.group(2) else
                         f"{m.group(1)} ({m.group(2)})", line)
    if "[" in line:
        line = _SUPERSCRIPT.sub(r"\1", line)
    if "**" in line or "__" in line:
        line = _STRONG.sub("", line)
    # "_" inside a URL is part of it ("…/220315_%20…"), not emphasis
    if "*" in line or "_" in line:
        line = "".join(part if _URL.match(part) else _EMPHASIS.sub("", part)
                       for part in _URL_SPLIT.split(line))
    if "\\" in line:
        line = _ESCAPE.sub(r"\1", line)
    return _mend_urls(line)


def _mend_urls(line: str) -> str:
    """Take out the spaces a converter put into a URL where the PDF broke its line.

    Converters that join a paragraph's lines themselves join them with a space, also inside
    a URL: "https:// www.…", "…/overijssel/ sinterklaasintocht…", "…provincies %202022.pdf".
    The rule is the one for lines broken inside a URL (`url_break`).
    """
    if "http" not in line and "www." not in line:
        return line
    out: list[str] = []
    for token in line.split(" "):
        if out and url_break(out[-1], token):
            out[-1] += token
        else:
            out.append(token)
    return " ".join(out)
