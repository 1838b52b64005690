"""Footnotes in extracted text: where their texts are, and where their markers were.

Facts from the published PDFs, as text extraction leaves them:

* footnote texts sit at the bottom of a page, each starting with its number, numbered on
  through the document ("1 Kamerstuk 36 200 IV, nr. 25."); converters that keep blank lines
  print each as a paragraph of its own, sometimes in the middle of the text flow;
* the superscript marker comes out glued to the word or sign before it ("motie?1",
  "bekend1"), before the next word ("3Toekomstige"), after a stop ("gesteld? 1",
  "encryptie». 5 De") or alone between words ("november 2023 1 heb ik").

A run of lines counts as a footnote only when the text before it holds its marker; the
marker is then replaced by a `marker` token for the assembler.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from kv2rdf.parsers._blocks import marker
from kv2rdf.parsers._labels import label
from kv2rdf.parsers._text import join_lines

Line = tuple[int, str]
_NOTE_START = re.compile(r"^(\d{1,3})(?:\s+|(?=[A-Z«(\"']))(\S.*)$")


def split_footnotes(page: list[Line], first: int, earlier: list[list[Line]],
                    paged: bool = False, orphans: list[int] | None = None
                    ) -> tuple[list[Line], dict[str, str]]:
    """Take the footnote texts out of a page and mark where they are referenced.

    In a source with pages (form feeds, separators or page furniture) footnotes are a run at
    the bottom of the page, which may contain blank lines. Without pages they are paragraphs
    of their own wherever the converter put them, or a run of lines between the last line of
    one page and the first of the next (see `_run_end`). The source lines of footnote
    numbers found without any text (see `_numbered`) are added to ``orphans``.
    """
    loose: set[int] = set()
    body = _numbered(list(page), first, loose, orphans) if paged else list(page)
    notes: dict[str, str] = {}
    index = len(body) if paged else 1
    searched: dict[tuple[int, bool], int] = {}  # lines already searched in vain for a marker
    while index < len(body):
        number = first + len(notes)
        if note_start(body[index][1], number):
            paragraph = not body[index - 1][1]
            weak = paragraph or bool(_CITED.search(" ".join(t for _, t in body[index:index + 3])))
            since = searched.get((number, weak), 0)
            searched[(number, weak)] = index
            if _place(body, str(number), earlier, weak=weak, since=since, end=index):
                end = (next((j for j in range(index, len(body)) if not body[j][1]), len(body))
                       if paragraph else _run_end(body, index, number))
                # a label line is never footnote text
                end = next((j for j in range(index + 1, end) if label(body[j][1])), end)
                found = _read_notes(body[index:end], number)
                for n in list(found)[1:]:
                    _place(body, n, earlier, end=index)
                notes.update(found)
                del body[index:end]
                continue
        index += 1
    if not paged:
        return body, notes
    body, bottom = _bottom_block(body, first, earlier, paged, loose)
    return body, bottom


def _numbered(page: list[Line], first: int, loose: set[int],
              orphans: list[int] | None = None) -> list[Line]:
    """Put footnote numbers printed on a line of their own back before their texts.

    Converters that keep the layout columns (pdftotext) print the number of a footnote on its
    own line, its text on the next ("1" / "Hart van Nederland, …"), or all the numbers of a
    page first and then their texts, one line each ("1", "2" / "Kamerstuk …", "Kamerstuk …").
    Only numbers that continue the document's footnote numbering are taken, allowing a
    few to be skipped after the first: the columns can come out of order ("9" text, "11"
    text, "12" text, then a lone "10"). A number so printed without text is dropped and its
    line added to ``orphans``; the lines made here are added to ``loose``, where
    `_read_notes` accepts such a skip.
    """
    following = [0] * (len(page) + 1)  # non-empty lines from k on
    nxt = [len(page)] * (len(page) + 1)  # the first non-empty line from k on
    for k in range(len(page) - 1, -1, -1):
        following[k] = following[k + 1] + bool(page[k][1])
        nxt[k] = k if page[k][1] else nxt[k + 1]
    out: list[Line] = []
    expected, index = first, 0
    taken = False
    while index < len(page):
        text = page[index][1]
        value = int(text) if text.isdigit() and len(text) <= 3 else 0
        if value and taken and expected - _SKIP <= value < expected and (
                nxt[index + 1] == len(page) or page[nxt[index + 1]][1].isdigit()):
            if orphans is not None:  # its text went to another number: it is lost
                orphans.append(page[index][0])
            index += 1
            continue
        if not value or not expected <= value <= expected + (_SKIP if taken else 0):
            out.append(page[index])
            index += 1
            continue
        run: list[Line] = []
        j = index
        while j < len(page) and (page[j][1] == str(value + len(run)) or not page[j][1]):
            if page[j][1]:
                run.append(page[j])
            j += 1
        text_at = nxt[j]
        if (text_at == len(page) or page[text_at][1].isdigit()
                or label(page[text_at][1])):
            out.append(page[index])
            index += 1
            continue
        if len(run) > 1 and following[j] == len(run):  # numbers first, then one text each
            texts = [k for k in range(j, len(page)) if page[k][1]]
            out.extend((n, f"{t} {page[k][1]}") for (n, t), k in zip(run, texts, strict=True))
            loose.update(n for n, _ in run)
            return out
        if len(run) > 1:  # cannot pair them: leave the lines as printed
            out.extend(page[index:j])
            index = j
            continue
        out.append((run[0][0], f"{run[0][1]} {page[text_at][1]}"))
        loose.add(run[0][0])
        expected, taken = value + 1, True
        index = text_at + 1
    return out


_SKIP = 3


_COMPLETE = re.compile(r"[.)»”]$")
# what footnote texts cite: a link, a domain, a parliamentary paper, a dated article
_CITED = re.compile(r"https?://|www\.|\b[a-z0-9-]+\.(?:nl|com|org|eu|net)\b|Kamerstuk|nr\.|"
                    r"Aanhangsel|Handelingen|Stb\.|Stcrt\.|«|\||\b\d{1,2} (?:januari|februari|"
                    r"maart|april|mei|juni|juli|augustus|september|oktober|november|december)"
                    r" \d{4}")


def _run_end(body: list[Line], start: int, number: int) -> int:
    """Where a run of footnote lines ends when no page break marks it.

    Each footnote may wrap over a few lines; a line that ends a sentence, or falls well short
    of the line width, ends the footnote, and the run ends when the next line does not start
    the next footnote. Footnotes are set in smaller type, so their full lines are longer
    than the body's: a capitalised line of body width is the next page, not the footnote.
    """
    lengths = sorted(len(t) for _, t in body if t)
    width = lengths[int(len(lengths) * 0.9)] if lengths else 0
    expected, wrapped, index = number + 1, 1, start + 1
    previous = body[start][1]
    while index < len(body):
        text = body[index][1]
        if note_start(text, expected):
            expected, wrapped = expected + 1, 1
        elif (not text or label(text) or _COMPLETE.search(previous) or wrapped >= 4
              or len(previous) < 0.6 * width or _body_like(text, width)):
            break
        else:
            wrapped += 1
        previous = text
        index += 1
    return index


def _body_like(text: str, width: int) -> bool:
    """A full-width line in the body's type starting a word in capitals: the next page."""
    return text[:1].isupper() and 0.8 * width <= len(text) <= 1.05 * width


def note_start(text: str, number: int) -> bool:
    """True when ``text`` starts the text of footnote ``number`` ("3 Kamerstuk …")."""
    if not text[:1].isdigit():  # a quick no for lines that start with no digit
        return False
    m = _NOTE_START.match(text)
    return m is not None and int(m[1]) == number


def note_lines(page: list[Line], numbers: Iterable[str]) -> dict[str, int]:
    """The last line of ``page`` that starts each footnote ("4 Richtlijn …", or "4" alone).

    One pass over the page, whatever the number of footnotes: by position, the last line
    that is the number itself or `note_start` of it.
    """
    exact: dict[str, int] = {}
    started: dict[int, int] = {}
    for position, (_, text) in enumerate(page):
        exact[text] = position
        if text[:1].isdigit() and (m := _NOTE_START.match(text)) is not None:
            started[int(m[1])] = position
    found: dict[str, int] = {}
    for n in numbers:
        last = max(exact.get(n, -1), started.get(int(n), -1))
        if last >= 0:
            found[n] = page[last][0]
    return found


def _bottom_block(page: list[Line], first: int, earlier: list[list[Line]],
                  paged: bool, loose: set[int] | None = None
                  ) -> tuple[list[Line], dict[str, str]]:
    """Cut a run of footnote texts off the bottom of a page.

    The run must be announced by its first marker in the text above; at the bottom of a real
    page a short run is taken even when that marker was lost ("20231 heb": the superscript
    glued to a year), and the footnote is then reported as having no marker.
    """
    starts = [i for i, (_, t) in enumerate(page) if t and note_start(t, first)]
    # the run sits at the bottom: only the last few candidates are tried (linear time)
    for start in reversed(starts[-_CANDIDATES:]):
        # a label line is never footnote text: the run ends there and the rest is body
        end = next((j for j in range(start, len(page)) if label(page[j][1])), len(page))
        notes = _read_notes(page[start:end], first, loose)
        body = page[:start]
        found = _place(body, str(first), earlier)
        if found or (paged and start == starts[-1] and end - start <= 4 * len(notes) + 4):
            for n in list(notes)[1:]:
                _place(body, n, earlier)
            return body + page[end:], notes
    return page, {}

_CANDIDATES = 20


def _read_notes(lines: list[Line], first: int, loose: set[int] | None = None
                ) -> dict[str, str]:
    """The footnotes in a run of lines, numbered on from ``first``.

    A line in ``loose`` (a number put back before its text) may skip a few numbers.
    """
    notes: dict[str, list[str]] = {}
    expected, last = first, ""
    for n, text in lines:
        m = _NOTE_START.match(text)
        top = expected + (_SKIP if loose and n in loose else 0)
        if m and expected <= int(m[1]) <= top and m[1] not in notes:
            notes[m[1]] = [m[2]]
            expected, last = int(m[1]) + 1, m[1]
        elif text and notes:
            notes[last].append(text)
    return {n: join_lines(parts) for n, parts in notes.items()}


_STRONG = (
    r"(?<=[^\W\d_]|[?!.,;:»”)'\"]){n}(?![\w-])",  # "motie?1", "bekend1"
    r"(?<=\s){n}(?=[A-Z«])",  # "3Toekomstige"
    r"(?<=[?!.,;:»”)'\"])\s+{n}(?=\s|$)",  # "gesteld? 1", "encryptie». 5 De"
    r"(?<=[?!.;:»”)'\"]){n}(?=[A-Z«])",  # "gesproken.3Toekomstige"
    # glued to a year, which has four digits: "november 20231 heb", "2022–202813."
    r"(?:(?<=(?:ari|art|ril|mei|uni|uli|tus|ber)\s(?:19|20)\d\d)|(?<=[–-](?:19|20)\d\d)){n}"
    r"(?!\d)",
)
# A number standing alone between words ("november 2023 1 heb ik") is a marker only when
# the words around it do not take a number themselves ("artikel 3 van", "4 miljoen").
_WEAK = r"(?<=[^\W_])\s+{n}(?=\s+[a-z]|[.,;:](?:\s|$))"
_TAKES_NUMBER = re.compile(
    r"(?:artikel|art|nr|nummer|lid|hoofdstuk|paragraaf|vraag|vragen|bijlage|pagina|blz|p|fase"
    r"|stap|punt|groep|week|dag|dagen|jaar|jaren|klasse|niveau|versie|tabel|figuur|van|tot|en"
    r"|of|met|op|om|per|tussen|circa|ca|ongeveer|bijna|ruim|zo'n|over|na|voor|sinds|in)$", re.I)
_COUNTED = re.compile(
    r"(?:procent|miljoen|miljard|euro|keer|jaar|jaren|maanden|weken|dagen|uur|minuten|mensen"
    r"|personen|gemeenten|kinderen|meldingen|gevallen|stuks|km|kilometer|meter|uren|van|tot"
    r"|en|of|t/m|x"
    r"|januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november"
    r"|december)\b", re.I)  # a number before a month is a day: "(ingezonden 1 februari 2024)"


def _place(body: list[Line], number: str, earlier: list[list[Line]], weak: bool = True,
           since: int = 0, end: int | None = None) -> bool:
    """Replace the first marker for footnote ``number`` by a marker token; True if found.

    ``body[:end]`` is searched (then the previous page), and the hit is written into it.
    ``weak`` allows a number standing alone between words to count as the marker. ``since``
    > 0 says the lines before it and the previous page were searched in vain already, so
    trying one footnote number at many lines stays linear in the length of the page.
    """
    token = marker(number)
    end = len(body) if end is None else end
    pages: list[tuple[list[Line], int, int]] = [(body, since, end)]
    if not since:
        pages += [(lines, 0, len(lines)) for lines in earlier[-1:]]
    for lines, first, last in pages:
        if any(token in lines[i][1] for i in range(first, last)):
            return True
    for patterns in (_STRONG, (_WEAK,)) if weak else (_STRONG,):
        for lines, first, last in pages:
            # after the last marker placed: markers come in the order of their numbers
            start = max((i for i in range(first, last) if "\ue001" in lines[i][1]),
                        default=first)
            for i in range(start, last):
                n, text = lines[i]
                if label(text) is not None:
                    continue
                hit = _first_hit(text, number, patterns)
                if hit is not None:
                    lines[i] = (n, text[:hit[0]] + token + text[hit[1]:])
                    return True
    return False


@functools.lru_cache(maxsize=1024)
def _compiled(pattern: str, number: str) -> re.Pattern[str]:
    return re.compile(pattern.format(n=number))


def _first_hit(text: str, number: str, patterns: tuple[str, ...]) -> tuple[int, int] | None:
    if number not in text:  # every pattern holds the number itself
        return None
    hits = []
    for pattern in patterns:
        for m in _compiled(pattern, number).finditer(text):
            if pattern is _WEAK:
                before = text[: m.start()].split()[-1:] or [""]
                after = text[m.end():].split()[:1] or [""]
                if _TAKES_NUMBER.match(before[0]) or _COUNTED.match(after[0]):
                    continue
            hits.append((m.start(), m.end()))
            break
    return min(hits) if hits else None


