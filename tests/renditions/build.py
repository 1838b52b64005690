"""Build the third-party renditions of the corpus PDFs in ``tests/cases/pdf-*/source.pdf``.

Each PDF is rendered as the tools people use render it: pypdf, pdfminer.six, pdfplumber,
pdftotext (plain and ``-layout``), PyMuPDF text and pymupdf4llm markdown. The outputs are
committed beside this script (``<case>/<tool>.txt|md``) so the tests need none of these tools;
run ``python tests/renditions/build.py`` to make them again after adding a PDF.
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
}


def main() -> None:
    for pdf in sorted(CASES.glob("pdf-*/source.pdf")):
        out = HERE / pdf.parent.name.removeprefix("pdf-")
        out.mkdir(exist_ok=True)
        for name, render in RENDITIONS.items():
            (out / name).write_text(render(pdf), encoding="utf-8")
        print(out.name, file=sys.stderr)


if __name__ == "__main__":
    main()
