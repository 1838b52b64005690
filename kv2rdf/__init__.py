"""kv2rdf: Dutch parliamentary written questions (Kamervragen) as validated linked data.

Pipeline: ``parse`` (bytes → `Document`) → ``to_graph`` (→ rdflib `Graph`) → ``dumps`` /
``validate``. ``convert`` runs parse and mapping on a file. ``Store`` loads documents into a
triple store and queries them (rows, pandas DataFrames); ``export`` writes its tables.
"""

from kv2rdf.api import LoadSummary, Store
from kv2rdf.errors import Kv2RdfError, ParseError
from kv2rdf.export import export
from kv2rdf.formats import SourceFormat, detect
from kv2rdf.mapping import to_graph
from kv2rdf.model import Document
from kv2rdf.parsers import parse
from kv2rdf.pipeline import convert, convert_bytes
from kv2rdf.serialization import dumps
from kv2rdf.validation import ValidationReport, validate

__version__ = "0.1.0"

__all__ = [
    "Document",
    "Kv2RdfError",
    "LoadSummary",
    "ParseError",
    "SourceFormat",
    "Store",
    "ValidationReport",
    "__version__",
    "convert",
    "convert_bytes",
    "detect",
    "dumps",
    "export",
    "parse",
    "to_graph",
    "validate",
]
