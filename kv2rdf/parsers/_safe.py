"""Safe parsing of untrusted XML and HTML bytes (parsers stage, shared by the markup front-ends).

Safe by construction: lxml parsers are built with ``resolve_entities=False``,
``no_network=True``, ``load_dtd=False``, ``huge_tree=False`` and ``dtd_validation=False``,
so no entity is expanded, no DTD or external file is read and libxml2's size limits stay on
(a text node or attribute over 10 MB is an error). KOOP publications never declare entities
(their prolog is ``<?xml version="1.0" encoding="UTF-8"?>`` followed by the root), so a
DOCTYPE that declares any (``<!ENTITY lol "…">``, ``<!ENTITY xxe SYSTEM "file:///…">``) is
refused before the parser sees it; the parsed tree's internal DTD is checked again afterwards.
Every failure is a `ParseError` in ``source:line: message`` form.
"""

from __future__ import annotations

import re

from lxml import etree, html

from kv2rdf.errors import ParseError

_DOCTYPE = re.compile(r"<!DOCTYPE", re.I)
_ENTITY = re.compile(r"<!ENTITY", re.I)
_POSITION = re.compile(r",\s*line\s+\d+,\s*column\s+(\d+)\s*$")
_ENTITY_MESSAGE = ("the DOCTYPE declares entities (<!ENTITY …>); refused: Kamervragen "
                   "publications never need them, and expanding them is unsafe")


def _scan_text(data: bytes) -> str:
    """The bytes as text for the entity scan, whatever the byte encoding."""
    for bom, codec in ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
                       (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    if data[:2] == b"<\x00":
        return data.decode("utf-16-le", errors="replace")
    if data[:2] == b"\x00<":
        return data.decode("utf-16-be", errors="replace")
    return data.decode("latin-1")  # every byte maps; ASCII markup stays as it is


def local_name(el: etree._Element) -> str:
    """The local name of an element ("" for comments and processing instructions)."""
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


def refuse_entities(data: bytes, source: str) -> None:
    """Raise `ParseError` when the data has a DOCTYPE followed by an entity declaration."""
    text = _scan_text(data)
    doctype = _DOCTYPE.search(text)
    if doctype and _ENTITY.search(text, doctype.end()):
        raise ParseError(source, text.count("\n", 0, doctype.start()) + 1, _ENTITY_MESSAGE)


def _message(exc: Exception) -> str:
    text = str(getattr(exc, "msg", "") or exc) or type(exc).__name__
    return _POSITION.sub(r" (column \1)", " ".join(text.split()))


def parse_xml_root(data: bytes, source: str) -> etree._Element:
    """Parse XML bytes into their root element, safely."""
    refuse_entities(data, source)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, dtd_validation=False, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ParseError(source, exc.lineno, f"not well-formed XML: {_message(exc)}") from exc
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise ParseError(source, 1, _ENTITY_MESSAGE)
    return root


def parse_html_root(data: bytes, source: str) -> html.HtmlElement:
    """Parse HTML bytes (a page or a fragment) into an ``html`` element, safely.

    Bytes are decoded here (UTF-8, or UTF-16 with a byte order mark; Windows-1252 when not
    UTF-8) because libxml2 would otherwise guess Latin-1 for a fragment without a charset.
    """
    refuse_entities(data, source)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses str with a declaration
    if not text.strip():
        raise ParseError(source, 1, "empty file: no HTML to convert")
    parser = html.HTMLParser(no_network=True, huge_tree=False, remove_comments=True,
                             remove_pis=True)
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.LxmlSyntaxError, etree.ParserError) as exc:
        raise ParseError(source, getattr(exc, "lineno", None) or 1,
                         f"not readable HTML: {_message(exc)}") from exc
    return root
