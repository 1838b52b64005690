"""Published Kamervragen PDFs (KOOP's ``ah-tk-20232024-1076.pdf``) → `Document`.

Stage: front-end (parser) for PDF sources. PDFium (through pypdfium2) gives every glyph with
its box, size and baseline; `_pdf_layout` sorts the lines into page furniture, footnotes and
body by position and size; this module turns the body into `Block`s (labels and paragraphs)
and the footnotes into `Footnote`s, and `_assemble` builds the document, as for every other
front-end. PDFium was chosen over pdfminer.six/pdfplumber: on the published PDFs it maps the
list bullet that pdfminer leaves as "(cid:129)", and it reads the glyphs faster (about 90
against 74 and 20 pages a second).

Facts it relies on:

* A complete PDF ends with "%%EOF" (PDF 32000-1, 7.5.5; readers accept it anywhere in the
  last 1024 bytes); a download cut short lacks it, even where PDFium could rebuild pages.
* Page furniture ("Tweede Kamer der Staten-Generaal", "ah-tk-20232024-1076", "ISSN 0921 -
  7398", "’s-Gravenhage 2024", "Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 1") is no
  text, but names the document: it goes to `Extraction.furniture`, where the assembler reads
  the OEP id and the vergaderjaar.
* Footnote markers are superscript digits; footnote bodies open with their number at the
  page bottom ("1 Hart van Nederland, 17 november 2023 (https://www.hartvannederland.nl/…").
* PDFium reports a hyphen that ends a line as U+0002; it is read as "-" and
  `_text.join_lines` decides whether a word was split there.

Decisions:

* A superscript number is a footnote marker only when the footnote with that number is
  printed on the same page (or the next, where a note did not fit); otherwise its digits stay
  in the text ("m2", "km2" printed with a superscript). When a page holds both "m²" and a
  marker "²", a superscript right after a unit or formula ("m", "km", "CO", "NO" …) is the
  exponent. Subscripts ("CO₂") are always text.
* A PDF protected only by an owner password (printing or copying restrictions) opens without
  a password and is read; one that needs a password to open is refused.
* A page without any text (a scanned page) is reported as an issue; a PDF without text on any
  page cannot yield a document.
"""

from __future__ import annotations

import ctypes
import hashlib
import math
import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from kv2rdf.errors import ParseError
from kv2rdf.model import Document, Footnote, Issue
from kv2rdf.parsers._assemble import assemble
from kv2rdf.parsers._blocks import MARKER, Block, Extraction, marker
from kv2rdf.parsers._labels import label
from kv2rdf.parsers._pdf_layout import Glyph, Layout, Line, PageGlyphs, analyse, ends_paragraph
from kv2rdf.parsers._references import references
from kv2rdf.parsers._text import clean, join_lines

_LINE_END_HYPHEN = {0x02: "-", 0xFFFE: "-"}
# what an exponent follows: a unit of area or volume, or a chemical formula ("CO²" is rare, but
# a formula's digit may be set raised by mistake)
_UNIT = re.compile(r"\b(?:[kcmd]?m|CO|NO|SO|CH|NOx|PM|H|O|N)$")


def parse_pdf(data: bytes, *, source: str = "<bytes>", strict: bool = False) -> Document:
    """Parse a Kamervragen PDF as published by KOOP (officielebekendmakingen.nl)."""
    pages = read_pages(data, source)
    issues = [Issue(source, None, f"page {p.number} has no text (a scanned page?); its "
                    "content is missing") for p in pages if not p.glyphs]
    layout = analyse(pages)
    footnotes, footnote_pages = _footnotes(layout.notes, source, issues)
    blocks = _blocks(layout, footnotes, footnote_pages)
    furniture = "\n".join(clean(line.plain) for line in layout.furniture)
    ex = Extraction(source, "pdf", blocks, footnotes, footnote_pages, furniture,
                    hashlib.sha256(data).hexdigest(), issues)
    return assemble(ex, strict=strict)


def read_pages(data: bytes, source: str) -> list[PageGlyphs]:
    """Every page's glyphs; raise `ParseError` for a file that is no readable PDF with text."""
    if not data.lstrip(b"\x00\t\n\f\r ").startswith(b"%PDF-"):
        raise ParseError(source, None, "not a PDF: the file does not start with '%PDF-'")
    if b"%%EOF" not in data[-1024:]:
        raise ParseError(source, None, "truncated PDF: the end-of-file marker (%%EOF) is "
                         "missing, so the file was cut off; download it again")
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ParseError(source, None, "encrypted PDF: it needs a password to open; "
                             "kv2rdf cannot read protected documents") from exc
        raise ParseError(source, None, f"damaged PDF: PDFium cannot open it ({exc})") from exc
    try:
        count = len(doc)
        if count == 0:
            raise ParseError(source, None, "the PDF has no pages")
        pages = [_page(doc, number, source) for number in range(1, count + 1)]
    finally:
        doc.close()
    if not any(p.glyphs for p in pages):
        raise ParseError(source, 1, f"page 1: no text on any of the {count} page(s): a scan "
                         "without a text layer? Run OCR first; kv2rdf reads the text layer")
    return pages


def _page(doc: pdfium.PdfDocument, number: int, source: str) -> PageGlyphs:
    try:
        page = doc[number - 1]
        textpage = page.get_textpage()
    except pdfium.PdfiumError as exc:
        raise ParseError(source, number, f"page {number}: cannot read the page ({exc})") from exc
    try:
        left, bottom, right, top = (float(v) for v in page.get_bbox())
        return PageGlyphs(number, right - left, top - bottom, _glyphs(textpage, left, top))
    finally:
        textpage.close()
        page.close()


def _glyphs(textpage: pdfium.PdfTextPage, left: float, top: float) -> list[Glyph]:
    """The page's characters, placed from the top left corner of the visible page."""
    handle = textpage.raw
    box, matrix = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()
    # PDFium's functions and the out-parameters' pointers looked up once a page, not per glyph
    unicode, loose_box = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_GetLooseCharBox
    origin, char_matrix = pdfium_c.FPDFText_GetCharOrigin, pdfium_c.FPDFText_GetMatrix
    font_size, hypot = pdfium_c.FPDFText_GetFontSize, math.hypot
    box_at, matrix_at = ctypes.byref(box), ctypes.byref(matrix)
    x_at, y_at = ctypes.byref(x), ctypes.byref(y)
    glyphs: list[Glyph] = []
    for i in range(int(pdfium_c.FPDFText_CountChars(handle))):
        code = int(unicode(handle, i))
        if code in (0x0A, 0x0D) or not loose_box(handle, i, box_at):
            continue
        origin(handle, i, x_at, y_at)
        char_matrix(handle, i, matrix_at)
        size = float(font_size(handle, i)) * hypot(matrix.c, matrix.d)
        glyphs.append(Glyph(_LINE_END_HYPHEN.get(code) or chr(code), box.left - left,
                            box.right - left, top - box.top, top - box.bottom, top - y.value,
                            size))
    return glyphs


def _footnotes(notes: list[Line], source: str,
               issues: list[Issue]) -> tuple[dict[str, Footnote], dict[str, int]]:
    """Footnotes from the lines at the page bottoms: a numbered line opens each one."""
    parts: list[tuple[str, int, list[str]]] = []
    for line in notes:
        if line.lead:
            parts.append((line.lead, line.page, [clean(line.plain)]))
        elif parts:
            parts[-1][2].append(clean(line.plain))
    footnotes: dict[str, Footnote] = {}
    pages: dict[str, int] = {}
    for number, page, lines in parts:
        if number in footnotes:
            issues.append(Issue(source, None, f"page {page}: footnote {number} is printed "
                                "twice; the second one is left out"))
            continue
        text = join_lines(lines)
        footnotes[number] = Footnote(number, text, references(text))
        pages[number] = page
    return footnotes, pages


def _blocks(layout: Layout, footnotes: dict[str, Footnote],
            pages: dict[str, int]) -> list[Block]:
    """Labels and paragraphs of the body, with the pages each came from."""
    blocks: list[Block] = []
    paragraph: list[Line] = []
    texts = _resolve_markers(layout.body, footnotes, pages)

    def flush() -> None:
        if paragraph:
            text = join_lines([texts[id(line)] for line in paragraph])
            blocks.append(Block(text, None, tuple(dict.fromkeys(ln.page for ln in paragraph))))
            paragraph.clear()

    for line in layout.body:
        tag = label(line.text) if not line.lead else None
        if tag is not None:
            flush()
            blocks.append(Block(clean(line.text).strip(), None, (line.page,), tag))
            continue
        if paragraph and ends_paragraph(paragraph[-1], line, layout):
            flush()
        paragraph.append(line)
    flush()
    return blocks


def _resolve_markers(lines: list[Line], footnotes: dict[str, Footnote],
                     pages: dict[str, int]) -> dict[int, str]:
    """Each body line's text (by ``id``), its superscripts read as markers or as digits."""
    raw = {id(line): (marker(line.lead) if line.lead else "") + line.text for line in lines}
    candidates: dict[str, list[tuple[int, int, bool]]] = {}
    for line in lines:
        text = raw[id(line)]
        for m in MARKER.finditer(text):
            if m[1] in footnotes and pages.get(m[1], line.page) in (line.page, line.page + 1):
                unit = bool(_UNIT.search(MARKER.sub("", text[:m.start()])))
                candidates.setdefault(m[1], []).append((id(line), m.start(), unit))
    markers: dict[int, set[int]] = {}
    for found in candidates.values():
        chosen = [(line, at) for line, at, unit in found if not unit] or [found[0][:2]]
        for line_id, at in chosen:
            markers.setdefault(line_id, set()).add(at)
    return {key: clean(_digits_except(text, markers.get(key, set())))
            for key, text in raw.items()}


def _digits_except(text: str, keep: set[int]) -> str:
    """``text`` with every marker not starting at a position in ``keep`` made digits again."""
    return MARKER.sub(lambda m: m[0] if m.start() in keep else m[1], text)
