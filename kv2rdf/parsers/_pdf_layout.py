"""PDF page layout: positioned glyphs → lines, sorted into furniture, footnotes and body.

Stage: the geometric half of the PDF front-end (`pdf_source` reads the glyphs and builds the
blocks). Nothing here opens a PDF, so the rules can be tested with made-up glyphs.

Format facts it relies on, measured on the published ``ah-tk-20232024-*`` PDFs (A4, points):

* One text column of ~8.5 pt type, set ragged-right from x≈221; nothing of the text proper
  lies left of that column.
* Page 1 opens with a masthead: "Tweede Kamer der Staten-Generaal" (18 pt) beside a 51 pt
  "2", and "Vergaderjaar 2023–2024" in the left margin. The column itself holds "Aanhangsel van
  de Handelingen", "Vragen gesteld door de leden der Kamer, …" and the Aanhangsel number
  ("1076", 12.8 pt) right above "Vragen van …".
* Every page ends, far below the text, with the footer "Tweede Kamer, vergaderjaar 2023–2024,
  Aanhangsel 1"; page 1 adds "ah-tk-20232024-1076", "ISSN 0921 - 7398" and "’s-Gravenhage
  2024" in the left margin.
* Footnote markers are superscripts: 5.5 pt digits raised 3.5 pt above the 8.5 pt baseline.
  Not every superscript is a marker ("m²" set as a raised "2"), and subscripts ("CO₂" set as
  a lowered "2") are text: a subscript joins its line as an ordinary glyph.
  Footnote bodies sit at the page bottom in 6.9 pt type, each opening with a raised 4.5 pt
  number; their further lines hang at the text indent.
* Paragraphs have no space between them: a paragraph ends on a line that ends a sentence
  while the next word would still have fitted on it. Labels ("Vraag 1") follow a blank line.
  List items open with "•" or "–" and a tab-wide gap, their further lines indented.
* Tables (rare) are set in small type with wide gaps between the cells.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kv2rdf.parsers._blocks import MARKER, marker
from kv2rdf.parsers._text import TERMINAL

_BULLETS = "•●▪◦·–-*"


@dataclass(frozen=True, slots=True)
class Glyph:
    """One character on a page; y grows downwards from the top of the page."""

    char: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float


@dataclass(frozen=True, slots=True)
class PageGlyphs:
    """The glyphs of one page (``number`` is 1-based)."""

    number: int
    width: float
    height: float
    glyphs: list[Glyph]


@dataclass(slots=True)
class Line:
    """A printed line: text with `marker` tokens where superscript digits stood."""

    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float
    lead: str | None = None  # superscript number opening the line: a footnote's number
    first_word: float = 0.0  # width of the first word, to tell whether it fitted above
    cells: bool = False  # wide gaps inside: a table row
    bullet: bool = False
    indent: float = 0.0  # where the text starts: after the bullet of a list item

    @property
    def plain(self) -> str:
        """The text without marker tokens."""
        return MARKER.sub("", self.text)


@dataclass(slots=True)
class Layout:
    """The lines of a document, sorted by role, with the measures of its body text."""

    body: list[Line] = field(default_factory=list)
    notes: list[Line] = field(default_factory=list)
    furniture: list[Line] = field(default_factory=list)
    size: float = 0.0
    left: float = 0.0
    right: float = 0.0
    pitch: float = 0.0
    space: float = 0.0


Row = list[tuple[Glyph, bool]]  # glyphs of one line, each flagged True when superscript


def analyse(pages: list[PageGlyphs]) -> Layout:
    """Measure the body text, then build and sort the lines of every page."""
    rows = {p.number: _rows(p.glyphs) for p in pages}
    sizes = Counter(round(g.size, 1) for p in pages for g in p.glyphs if not g.char.isspace())
    layout = Layout(size=sizes.most_common(1)[0][0] if sizes else 0.0)
    starts = Counter(round(r[0][0].x0) for rs in rows.values() for r in rs
                     if _near(_size(r), layout.size))
    layout.left = starts.most_common(1)[0][0] - 1.0 if starts else 0.0
    spaces = [g.x1 - g.x0 for p in pages for g in p.glyphs
              if g.char == " " and _near(g.size, layout.size) and g.x1 > g.x0]
    layout.space = sorted(spaces)[len(spaces) // 2] if spaces else 0.28 * layout.size
    lines = {n: [ln for r in rs for ln in _split_margin(r, n, layout.left)]
             for n, rs in rows.items()}
    text = [ln for ls in lines.values() for ln in ls if _near(ln.size, layout.size)]
    layout.pitch = _pitch(text) or 1.2 * layout.size
    for page in pages:
        _sort_page(layout, page, sorted(lines[page.number], key=lambda ln: (ln.top, ln.x0)))
    layout.right = max((ln.x1 for ln in layout.body if _near(ln.size, layout.size)
                        and not ln.cells), default=0.0)
    return layout


def ends_paragraph(prev: Line, line: Line, layout: Layout) -> bool:
    """True when ``line`` starts a new paragraph after ``prev`` (both body lines)."""
    if line.bullet or line.cells or prev.cells or not _near(prev.size, line.size, 0.08):
        return True
    if line.page == prev.page and line.baseline - prev.baseline > 1.5 * layout.pitch * max(
            prev.size, line.size) / layout.size:
        return True
    if line.page == prev.page and line.x0 < prev.indent - 2.0:
        return True  # back from the indent of a list item
    if not prev.plain.rstrip().endswith(TERMINAL):
        return False
    return prev.x1 + layout.space + line.first_word <= layout.right + 0.5


def _near(a: float, b: float, tolerance: float = 0.1) -> bool:
    return abs(a - b) <= tolerance * max(a, b, 1e-6)


def _size(row: Row) -> float:
    """The most common size among the row's ordinary glyphs."""
    sizes = Counter(round(g.size, 1) for g, sup in row if not sup and not g.char.isspace())
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _rows(glyphs: list[Glyph]) -> list[Row]:
    """Group glyphs by baseline, then hang raised or lowered smaller rows on their line.

    A raised run is flagged superscript (a footnote marker or an exponent, decided later); a
    lowered one (a subscript) becomes ordinary text of the line.
    """
    rows: list[list[Glyph]] = []
    shown: list[list[Glyph]] = []  # each row's visible glyphs
    anchor = 0.0  # baseline of the row's first visible glyph (a space may sit anywhere)
    for g in sorted(glyphs, key=lambda g: (g.baseline, g.x0)):
        if rows and abs(g.baseline - anchor) <= max(0.8, 0.12 * g.size):
            rows[-1].append(g)
        else:
            rows.append([g])
            shown.append([])
        if not shown[-1]:  # nothing but spaces before it in the row
            anchor = g.baseline
        if not g.char.isspace():
            shown[-1].append(g)
    kept = [(r, s) for r, s in zip(rows, shown, strict=True) if s]
    facts = [(max(g.size for g in s), s[0].baseline, min(g.x0 for g in s), max(g.x1 for g in s),
              len(s)) for _, s in kept]
    result: list[Row | None] = [[(g, False) for g in r] for r, _ in kept]
    for i, (size, base, x0, x1, count) in enumerate(facts):
        if count > 8:  # a superscript is a short run of small glyphs
            continue
        hosts = [j for j, (s2, b2, a2, z2, _) in enumerate(facts)
                 if j != i and s2 >= 1.15 * size and (0.3 < b2 - base <= 0.75 * s2
                                                      or 0.3 < base - b2 <= 0.45 * s2)
                 and x1 >= a2 - 2 * s2 and x0 <= z2 + 2 * s2]
        if hosts:
            j = min(hosts, key=lambda j: abs(facts[j][1] - base))
            host, row, raised = result[j], result[i], facts[j][1] > base
            if host is not None and row is not None:
                host.extend((g, raised) for g, _ in row)
                result[i] = None
    return [sorted(row, key=lambda p: p[0].x0) for row in result if row is not None]


def _split_margin(row: Row, page: int, left: float) -> list[Line]:
    """The row as a line; a part in the left margin, apart from the rest, is a line of its own."""
    visible = [g for g, _ in row if not g.char.isspace()]
    cut = next((b.x0 for a, b in zip(visible, visible[1:], strict=False)
                if a.x1 <= left - 1.0 < b.x0 and b.x0 - a.x1 > 2 * max(a.size, b.size)), None)
    if cut is None:
        return [_line(row, page)]
    return [_line(part, page) for part in ([p for p in row if p[0].x0 < cut],
                                           [p for p in row if p[0].x0 >= cut])]


def _line(row: Row, page: int) -> Line:
    size = _size(row) or max(g.size for g, _ in row)
    visible = [(g, sup) for g, sup in row if not g.char.isspace()]
    lead = ""
    while visible and visible[0][1] and visible[0][0].char.isdigit():
        lead += visible.pop(0)[0].char
    if not visible:  # only a superscript number: keep it as text
        visible, lead = [(g, False) for g, _ in row if not g.char.isspace()], ""
    spaced = {id(g) for i, (g, _) in enumerate(row) if i and row[i - 1][0].char.isspace()}
    parts: list[str] = []
    digits = ""
    first_word = 0.0
    cells = bullet = False
    indent = visible[0][0].x0
    for i, (g, sup) in enumerate(visible):
        gap = g.x0 - visible[i - 1][0].x1 if i else 0.0
        if sup and g.char.isdigit():
            digits += g.char
            continue
        if digits:
            parts.append(marker(digits))
            digits = ""
        if i and (gap > 0.15 * size or id(g) in spaced):
            parts.append(" ")
            if not first_word:
                first_word = visible[i - 1][0].x1 - visible[0][0].x0
            if i == 1 and visible[0][0].char in _BULLETS and gap > 0.45 * size:
                bullet, indent = True, g.x0
            elif gap > 1.5 * size:
                cells = True
        parts.append(g.char)
    if digits:
        parts.append(marker(digits))
    plain = [g for g, sup in visible if not sup] or [visible[0][0]]
    return Line(page=page, text="".join(parts), x0=visible[0][0].x0,
                x1=max(g.x1 for g, _ in visible), top=min(g.top for g in plain),
                bottom=max(g.bottom for g in plain), baseline=plain[0].baseline, size=size,
                lead=lead or None,
                first_word=first_word or visible[-1][0].x1 - visible[0][0].x0, cells=cells,
                bullet=bullet, indent=indent)


def _pitch(lines: list[Line]) -> float:
    """The usual distance between the baselines of two lines of one paragraph."""
    steps = sorted(b.baseline - a.baseline for a, b in zip(lines, lines[1:], strict=False)
                   if a.page == b.page and 0 < b.baseline - a.baseline < 2 * a.size)
    return steps[len(steps) // 2] if steps else 0.0


def _sort_page(layout: Layout, page: PageGlyphs, lines: list[Line]) -> None:
    """Split one page's lines into furniture, footnotes and body."""
    big = {id(ln) for ln in lines if ln.size >= 1.8 * layout.size or ln.x1 <= layout.left}
    rest = [ln for ln in lines if id(ln) not in big]
    gap = 2 * layout.pitch
    head = 0  # a running header: lines near the top, far above the text
    for k in range(len(rest) - 1):
        if rest[k].bottom > 0.12 * page.height:
            break
        if rest[k + 1].top - rest[k].bottom > gap:
            head = k + 1
    foot = len(rest)  # a running footer: lines near the bottom, far below the text
    for k in range(len(rest) - 1, head, -1):
        if rest[k].top < 0.85 * page.height:
            break
        if rest[k].top - rest[k - 1].bottom > gap:
            foot = k
    furniture = [ln for ln in lines if id(ln) in big] + rest[:head] + rest[foot:]
    rest = rest[head:foot]
    notes = _footnote_run(rest, layout)
    layout.furniture.extend(sorted(furniture, key=lambda ln: (ln.top, ln.x0)))
    layout.notes.extend(rest[notes:])
    layout.body.extend(rest[:notes])


def _footnote_run(lines: list[Line], layout: Layout) -> int:
    """Index of the first footnote line: small type at the page bottom, opening with a number.

    The run of small lines ends upwards at normal type or at a wide gap (a table above);
    lines of it above the first numbered one are not footnotes.
    """
    start = len(lines)
    for k in range(len(lines) - 1, -1, -1):
        if lines[k].size >= 0.9 * layout.size:
            break
        if k + 1 < len(lines) and lines[k + 1].top - lines[k].bottom > 2.5 * lines[k].size:
            break
        if lines[k].lead:
            start = k
    return start
