"""The one error hierarchy of kv2rdf.

`Kv2RdfError` means "the user can fix this" (bad input, bad option): the CLI turns it into
exit code 2. Anything else escaping the library is a bug (exit code 3).
"""

from __future__ import annotations


class Kv2RdfError(Exception):
    """Base for every error kv2rdf raises on purpose."""


class ParseError(Kv2RdfError):
    """A source cannot yield a document; the message starts with ``source:line:``."""

    def __init__(self, source: str, line: int | None, message: str) -> None:
        super().__init__(message)
        self.source = source
        self.line = line
        self.message = message

    def __str__(self) -> str:
        return f"{self.source}:{self.line or 1}: {self.message}"


class UnknownFormatError(Kv2RdfError):
    """The input or output format is not known, or cannot be detected."""


class MappingError(Kv2RdfError):
    """A document breaks an invariant the RDF mapping relies on."""


class ShapesError(Kv2RdfError):
    """The SHACL shapes or the ontology are missing or cannot be loaded."""


class DataError(Kv2RdfError):
    """An RDF data file given to ``validate`` or ``load`` cannot be read."""


class StoreError(Kv2RdfError):
    """A triple store or SPARQL endpoint refused or failed a request."""
