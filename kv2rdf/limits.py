"""Input limits: how big an input kv2rdf reads, so that time and memory stay bounded.

A Kamervragen document is small: the published PDFs have 1–30 pages and 50–500 kB, their text
10–100 kB. The limits leave room for far bigger ones and refuse what no document is:

* `MAX_INPUT_BYTES`, 32 MiB: any one input, a source document or an RDF data file (a FIFO or
  a device is read up to the limit and refused past it). ``KV2RDF_MAX_INPUT_MB`` sets another
  limit (whole megabytes, 1 MB = 1,048,576 bytes).
* `MAX_PDF_PAGES`, 1,000 pages: checked before any page is read.
* `MAX_TRIPLES`, 200,000 triples in one RDF data file (``validate``, ``load``): about 500
  converted documents. Parsing stops at the limit; validating that many takes about 30 s and
  500 MB, and a few hundred bytes of Turtle can describe many triples.

An input over a limit is a `LimitError` (exit code 2): ``path: message``.
"""

from __future__ import annotations

import os

from kv2rdf.errors import Kv2RdfError

MAX_INPUT_BYTES = 32 * 1024 * 1024
MAX_PDF_PAGES = 1000
MAX_TRIPLES = 200_000
LIMIT_VARIABLE = "KV2RDF_MAX_INPUT_MB"


class LimitError(Kv2RdfError):
    """An input is larger than kv2rdf reads."""


def max_input_bytes() -> int:
    """The size limit for one input: ``KV2RDF_MAX_INPUT_MB`` megabytes, else 32 MiB."""
    value = os.environ.get(LIMIT_VARIABLE, "").strip()
    if not value:
        return MAX_INPUT_BYTES
    if not value.isdigit() or int(value) < 1:
        raise LimitError(f"{LIMIT_VARIABLE}={value!r}: not a whole number of megabytes")
    return int(value) * 1024 * 1024


def size_text(size: int) -> str:
    """``size`` bytes, readably: "32 MB", "1.5 MB", "800 bytes"."""
    if size < 1024 * 1024:
        return f"{size} bytes"
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MB"


def check_pdf_pages(data: bytes, source: str) -> None:
    """Refuse a PDF of more than `MAX_PDF_PAGES` pages, counted before any page is read.

    A PDF that PDFium cannot open is left to the PDF parser, which says why.
    """
    if not data.startswith(b"%PDF") and b"%PDF-" not in data[:1024]:
        return
    import pypdfium2 as pdfium  # only for PDFs; loading it costs time

    try:
        document = pdfium.PdfDocument(data)
    except Exception:  # noqa: BLE001 - the PDF parser reports unreadable PDFs itself
        return
    try:
        pages = len(document)
    finally:
        document.close()
    if pages > MAX_PDF_PAGES:
        raise LimitError(f"{source}: the PDF has {pages} pages; kv2rdf reads at most "
                         f"{MAX_PDF_PAGES} (one Kamervragen document has a few dozen at most)")
