"""A file that holds several documents (a bundle of Aanhangsel numbers) is refused, never merged.

The bundles are built here from the corpus: two published PDFs joined page by page with
PDFium, and the renditions of the same two PDFs by other tools, one after the other.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from kv2rdf import cli
from kv2rdf.errors import ParseError
from kv2rdf.parsers import parse
from kv2rdf.parsers.pdf_source import parse_pdf
from tests.helpers import CASES, TESTS

PARTS = ("ah-tk-20232024-1076", "ah-tk-20232024-1292")
RENDITIONS = ("pypdf.txt", "pdfminer.txt", "pdfplumber.txt", "pdftotext.txt",
              "pdftotext-layout.txt", "pymupdf.txt", "pymupdf4llm.md")


@functools.cache
def bundle_pdf() -> bytes:
    out = pdfium.PdfDocument.new()
    for name in PARTS:
        part = pdfium.PdfDocument(str(CASES / f"pdf-{name}" / "source.pdf"))
        out.import_pages(part)
        part.close()
    data = io.BytesIO()
    out.save(data)
    out.close()
    return data.getvalue()


def test_pdf_bundle_is_refused_with_the_documents_it_holds() -> None:
    with pytest.raises(ParseError) as info:
        parse_pdf(bundle_pdf(), source="bundle.pdf")
    message = str(info.value)
    assert message.startswith("bundle.pdf:")
    assert "page 3: this file holds 2 documents" in message  # 1076 has two pages
    assert "ah-tk-20232024-1076, ah-tk-20232024-1292" in message
    assert "one document per file" in message


def test_each_part_alone_is_converted() -> None:
    for name in PARTS:
        doc = parse_pdf((CASES / f"pdf-{name}" / "source.pdf").read_bytes(), source=name)
        assert doc.identifier == name


def test_pdf_bundle_exits_2_without_output(tmp_path: Path) -> None:
    pdf, out = tmp_path / "bundle.pdf", tmp_path / "out.ttl"
    pdf.write_bytes(bundle_pdf())
    result = CliRunner().invoke(cli.main, ["convert", str(pdf), "-o", str(out)])
    assert result.exit_code == 2
    assert "holds 2 documents" in result.stderr and "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize("rendition", RENDITIONS)
@pytest.mark.parametrize("ids", [True, False], ids=["with-ids", "without-ids"])
def test_rendition_of_a_bundle_is_refused(rendition: str, ids: bool) -> None:
    """Found by the OEP ids in the furniture, or else by the second header after which the
    question numbers start again."""
    data = b"\n".join((TESTS / "renditions" / name / rendition).read_bytes() for name in PARTS)
    if not ids:
        for name in PARTS:
            data = data.replace(name.encode(), b"")
    with pytest.raises(ParseError, match="this file holds 2 documents"):
        parse(data, source=f"bundle-{rendition}")


def test_a_questions_sentence_quoted_in_an_answer_is_no_second_document() -> None:
    text = (TESTS / "renditions" / PARTS[1] / "pypdf.txt").read_text(encoding="utf-8")
    quoted = text.replace("Antwoord 2\n", "Antwoord 2\nVragen van het lid Keijzer (BBB) aan de "
                          "Minister van Binnenlandse Zaken en Koninkrijksrelaties over de "
                          "evacués (ingezonden 1 maart 2024) zijn eerder beantwoord.\n", 1)
    assert quoted != text
    doc = parse(quoted.encode(), source="quoted.txt")
    assert len(doc.questions) == 10
