"""Build the third-party renditions of the corpus PDFs in ``tests/cases/pdf-*/source.pdf``.

Each PDF is rendered as the tools people use render it: pypdf, pdfminer.six, pdfplumber,
pdftotext (plain and ``-layout``), PyMuPDF text and pymupdf4llm markdown. The outputs are
committed beside this script (``<case>/<tool>.txt|md``) so the tests need none of these tools;
run ``python tests/renditions/build.py`` to make them again after adding a PDF.

``word.txt`` is the document as Word saves it as plain text (the Kamer also publishes a Word
version): one line per paragraph, no page furniture, footnote markers as plain digits after
their word ("afgewogen1;") and the footnotes gathered at the end, one numbered line each. It
is made by reflowing the paragraphs kv2rdf's PDF front-end reads from the PDF (its blocks, in
reading order, before any interpretation): the masthead lines ("Tweede Kamer der
Staten-Generaal", "Vergaderjaar …") from the page furniture, then every block on a line of its
own, then the footnotes.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent
CASES = HERE.parent / "cases"


def pypdf_text(pdf: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


def pdfminer_text(pdf: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(pdf))


def pdfplumber_text(pdf: Path) -> str:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


def pdftotext_plain(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def pdftotext_layout(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def pymupdf_text(pdf: Path) -> str:
    import pymupdf

    with pymupdf.open(pdf) as doc:
        return "".join(page.get_text() for page in doc)


def word_text(pdf: Path) -> str:
    import re

    from kv2rdf.parsers import _conservation
    from kv2rdf.parsers._blocks import MARKER
    from kv2rdf.parsers.pdf_source import parse_pdf

    with _conservation.reading() as read:
        parse_pdf(pdf.read_bytes(), source=str(pdf))
    ex = read.extractions[-1]
    masthead = [line for line in ex.furniture.split("\n")
                if re.match(r"(?:Tweede|Eerste) Kamer der Staten-Generaal$|Vergaderjaar ", line)]
    lines = masthead + [MARKER.sub(r"\1", block.text) for block in ex.blocks]
    lines += [f"{n} {note.text}" for n, note in ex.footnotes.items()]
    return "\n".join(" ".join(line.split()) for line in lines) + "\n"


def pymupdf4llm_markdown(pdf: Path) -> str:
    import pymupdf4llm

    return pymupdf4llm.to_markdown(str(pdf), show_progress=False)


RENDITIONS: dict[str, Callable[[Path], str]] = {
    "pypdf.txt": pypdf_text,
    "pdfminer.txt": pdfminer_text,
    "pdfplumber.txt": pdfplumber_text,
    "pdftotext.txt": pdftotext_plain,
    "pdftotext-layout.txt": pdftotext_layout,
    "pymupdf.txt": pymupdf_text,
    "pymupdf4llm.md": pymupdf4llm_markdown,
    "word.txt": word_text,
}


def main(only: list[str]) -> None:
    """Write every rendition of every corpus PDF (or only the renditions named)."""
    for pdf in sorted(CASES.glob("pdf-*/source.pdf")):
        out = HERE / pdf.parent.name.removeprefix("pdf-")
        out.mkdir(exist_ok=True)
        for name, render in RENDITIONS.items():
            if only and name not in only:
                continue
            (out / name).write_text(render(pdf), encoding="utf-8")
        print(out.name, file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])  # e.g. ``python tests/renditions/build.py word.txt``
