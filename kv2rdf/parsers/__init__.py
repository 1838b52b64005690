"""Parsers: source bytes → `kv2rdf.model.Document`, one module per source format.

`PARSERS` maps each `SourceFormat` to its parse function; `parse` detects the format when
it is not given. Formats whose parser needs an optional dependency are registered lazily.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Protocol

from kv2rdf.errors import ParseError, UnknownFormatError
from kv2rdf.formats import SourceFormat, detect
from kv2rdf.model import Document


class ParseFn(Protocol):
    """The signature every parser follows."""

    def __call__(self, data: bytes, *, source: str = ..., strict: bool = ...) -> Document:
        """Parse ``data`` read from ``source``."""
        ...


PARSERS: dict[SourceFormat, str] = {
    SourceFormat.TEXT: "kv2rdf.parsers.text_source:parse_text",
    SourceFormat.MARKDOWN: "kv2rdf.parsers.markdown_source:parse_markdown",
    SourceFormat.XML: "kv2rdf.parsers.xml_source:parse_xml",
    SourceFormat.HTML: "kv2rdf.parsers.html_source:parse_html",
    SourceFormat.PDF: "kv2rdf.parsers.pdf_source:parse_pdf",
}


def parser_for(fmt: SourceFormat) -> ParseFn:
    """The parse function for ``fmt``; raise `UnknownFormatError` when there is none yet."""
    target = PARSERS.get(fmt)
    if target is None:
        supported = ", ".join(f.value for f in PARSERS)
        raise UnknownFormatError(f"no parser for {fmt.value} sources yet; supported: "
                                 f"{supported}")
    module, _, name = target.partition(":")
    fn: Callable[..., Document] = getattr(importlib.import_module(module), name)
    return fn


def parse(data: bytes, *, fmt: SourceFormat | None = None, source: str = "<bytes>",
          strict: bool = False) -> Document:
    """Parse a Kamervragen document from bytes, detecting the format unless ``fmt`` is given.

    Every parse ends with the conservation check (`_conservation`): a question or answer label
    of the source that is not in the result is reported (an error with ``strict``).
    """
    from kv2rdf.parsers import _conservation

    fmt = fmt or detect(data, source)
    with _conservation.reading() as read:
        try:
            doc = parser_for(fmt)(data, source=source, strict=strict)
        except ParseError as exc:
            located = _conservation.locate_error(exc, read)
            if located is exc:
                raise
            raise located from exc
    doc = _conservation.locate(doc, read)
    return _conservation.check(doc, _conservation.labels_read(read), strict=strict)
