"""Text helpers shared by the parsers: Unicode clean-up, Dutch dates, hyphenation, paragraphs.

Facts this module relies on:

* PDF text extraction leaves spacing accents after the letter they belong to
  ("Yes¸ilgöz" for "Yeşilgöz", "Kostic´" for "Kostić"), sometimes a space apart ("Kostic ´");
  they are recombined and the text put in NFC.
* A text source over `MAX_TEXT_BYTES` (10 MB) is refused: the longest published Kamervragen
  are well under 1 MB as text.
* Dates are printed in Dutch ("15 februari 2024", sometimes "13-02-2024").
* A word split at a line end ("Omgangsvor-" / "men") is joined without the hyphen, while a
  real hyphen stays ("GroenLinks-PvdA", "ICT-infrastructuur", "data-uitvraag").
* A URL broken over lines is joined without a space, after "/" or "_" ("…nl/huisvesting_" +
  "evacuees/b1") or before an escape ("…Regenboogbeleid%20provincies" + "%202022.pdf").
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_SPACING_ACCENTS = {
    "\u00b4": "\u0301",  # acute
    "\u00b8": "\u0327",  # cedilla
    "\u00a8": "\u0308",  # diaeresis
    "\u02c7": "\u030c",  # caron
    "\u02c6": "\u0302",  # circumflex
    "\u02dc": "\u0303",  # tilde
    "\u02d8": "\u0306",  # breve
    "\u02da": "\u030a",  # ring
    "\u02db": "\u0328",  # ogonek
}
_ACCENT_RE = re.compile(r"(?<=[A-Za-z])([" + "".join(_SPACING_ACCENTS) + r"])")
# an accent set apart from its letter by a space ("Kostic ´ (PvdD)", "c ́"), before a space,
# a sign or the line end: it still belongs to the letter
_LOOSE_ACCENT = re.compile(r"(?<=[A-Za-z]) ([" + "".join(_SPACING_ACCENTS)
                           + r"\u0300-\u036f])(?=[\s(),.;:!?]|$)")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\u00ad": "", "\u200b": "", "\ufeff": ""})
# what the substitutions below look for: a text without any of it is left as it is (faster)
_HAS_LIGATURE = re.compile("[\ufb00-\ufb04\u00ad\u200b\ufeff]")
HAS_ACCENT = re.compile("[" + "".join(_SPACING_ACCENTS) + "\u0300-\u036f]")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_LEAD = re.compile(r"^(\s*)(?:[\x80-\x9f]|\(cid:\d+\))\s*")
_CID = re.compile(r"\(cid:\d+\)")


def clean(text: str) -> str:
    """Normalise extracted text: recombine accents, undo ligatures, NFC, no odd spaces.

    A control character or pdfminer's "(cid:129)" opening a line is a bullet glyph the
    extraction could not map.
    """
    if text.isascii() and "(cid:" not in text:  # most lines: no accent, ligature or bullet
        if text.isprintable():  # not even a tab or a control character
            return text
        return _CONTROL.sub("", text).replace("\t", " ")
    return clean_any(text)


def clean_any(text: str) -> str:
    """`clean` for any text (what `clean` does with a text that is not plain ASCII)."""
    text = _LEAD.sub(r"\1• ", text)
    if "(cid:" in text:
        text = _CID.sub("", text)
    text = _CONTROL.sub("", text)
    if _HAS_LIGATURE.search(text):
        text = text.translate(_LIGATURES)
    if HAS_ACCENT.search(text):
        text = _LOOSE_ACCENT.sub(r"\1", text)
        text = _ACCENT_RE.sub(lambda m: _SPACING_ACCENTS[m.group(1)], text)
    text = unicodedata.normalize("NFC", text)
    return text.replace("\u00a0", " ").replace("\u2009", " ").replace("\t", " ")


def squash(text: str) -> str:
    """Collapse runs of whitespace into single spaces and trim."""
    return re.sub(r"\s+", " ", text).strip()


MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "febr": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}
DATE_PATTERN = (r"\d{1,2}\s*(?:e\s+)?(?:" + "|".join(sorted(MONTHS, key=len, reverse=True))
                + r")\.?\s+\d{4}|\d{1,2}-\d{1,2}-\d{4}|\d{4}-\d{2}-\d{2}")


def parse_date(text: str) -> date | None:
    """Parse a Dutch date ("8 maart 2024", "13-02-2024", "2024-03-08", also with a time).

    None when the text is not a date, or names a day that does not exist ("2009-02-30").
    """
    text = squash(text).lower()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:t[\d:.]*(?:z|[+-][\d:]+)?)?", text)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})", text):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    elif m := re.fullmatch(r"(\d{1,2})\s*(?:e\s+)?([a-z]+)\.?\s+(\d{4})", text):
        if m[2] not in MONTHS:
            return None
        d, mo, y = int(m[1]), MONTHS[m[2]], int(m[3])
    else:
        return None
    try:
        return date(y, mo, d)
    except ValueError:
        return None


_KEEP_HYPHEN_WORDS = {"niet", "oud", "ex", "anti", "pro", "vice", "non", "semi", "pseudo"}
_VOWELS = set("aeiouyáéíóúàèëïöüâêîôû")


_URL_BREAK_END = ("/", "\u2010", "_", "=", "&", "#", "~", "%")
_URL_BREAK_START = ("%", "/", "?", "&", "=", "#")


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines into one paragraph, undoing hyphenation only where a word was split.

    Linear in the length of the paragraph: each decision looks at the last word so far only.
    """
    parts: list[str] = []
    tail = ""  # the end of the last whitespace-free token so far (at most _TAIL characters)
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        words = line.split(None, 1)
        if not parts:
            parts.append(line)
            tail = line.rsplit(None, 1)[-1][-_TAIL:]
            continue
        base, glue = tail, " "
        if tail.endswith("-") and len(tail) > 1 and tail[-2].isalnum():
            parts[-1] = parts[-1][:-1]
            base = tail[:-1]
            glue = "-" if _real_hyphen(base, line) else ""
        elif url_break(tail, line):
            glue = ""  # a URL broken after "/" or "_", or before "%20"
        parts.append(glue + line)
        if len(words) > 1:
            tail = line.rsplit(None, 1)[-1][-_TAIL:]
        else:  # a one-word line: the token goes on from the line before unless a space came
            tail = ((base + glue + line) if glue != " " else line)[-_TAIL:]
    return "".join(parts)


_TAIL = 1000


def url_break(before: str, after: str) -> bool:
    """True when ``before`` ends inside a URL that ``after`` goes on with (no space between).

    A URL is broken after "/", "_", "=" … or before "%20", "/", "?" ….
    """
    # the quick test first: most lines end and start with neither
    return (before.endswith(_URL_BREAK_END) or after.startswith(_URL_BREAK_START)) \
        and _url_tail(before[-_TAIL:])


def _real_hyphen(before: str, after: str) -> bool:
    """True when the hyphen at a line end belongs to the word ("ICT-", "data-uitvraag").

    ``before`` is the text before the hyphen; only its last word counts.
    """
    word = re.split(r"[\s(«\"'/]", before[-200:])[-1]
    nxt = after[:1]
    if not word or not nxt:
        return True
    if _url_tail(before[-200:]):
        return True
    if not word[-1].isalpha() or not nxt.isalpha():
        return True  # "13-", "2023-2024", "-(" …
    if word[-1].isupper() or nxt.isupper():
        return True  # "ICT-infrastructuur", "GroenLinks-PvdA"
    if "-" in word:
        return True  # "Faber-van-", already a compound
    if word.lower() in _KEEP_HYPHEN_WORDS:
        return True
    return word[-1].lower() in _VOWELS and nxt.lower() in _VOWELS  # "data-uitvraag"


def _url_tail(text: str) -> bool:
    """True when the text ends inside a URL-like token."""
    words = text.rsplit(None, 1)  # no words: only spaces, or nothing
    return bool(words) and _URL_LIKE.search(words[-1]) is not None


_URL_LIKE = re.compile(r"https?://|www\.|\.[a-z]{2,4}/")


TERMINAL = (".", "?", "!", ":", ";", "»", "”", '"', "'", ")")


def continues(previous: str, following: str, page_break: bool = False) -> bool:
    """True when ``following`` continues the sentence of ``previous`` across a page break.

    With ``page_break`` known, a paragraph ending mid-sentence is enough; otherwise the
    following paragraph must also start in lower case.
    """
    prev = previous.rstrip()
    nxt = following.lstrip()
    if not prev or not nxt:
        return False
    if prev.endswith("-") and prev[-2:-1].isalpha():
        return nxt[:1].isalpha()
    if prev.endswith(TERMINAL) or nxt.startswith(("•", "- ", "– ")):
        return False
    return page_break or nxt[0].islower() or nxt[0] in "(«,"


def merge(previous: str, following: str) -> str:
    """Merge a paragraph with its continuation, undoing a split word."""
    return join_lines([previous, following])


#: The largest text or markdown source read (bytes); larger ones are refused (exit 2).
MAX_TEXT_BYTES = 10_000_000


def decode(data: bytes, source: str) -> str:
    """Decode source bytes as UTF-8 (or UTF-16 with a byte order mark)."""
    from kv2rdf.errors import ParseError

    if len(data) > MAX_TEXT_BYTES:
        raise ParseError(source, None, f"text of {len(data) / 1e6:.1f} MB is over the limit of "
                         f"{MAX_TEXT_BYTES // 1_000_000} MB for one Kamervragen document (the "
                         "longest published ones are under 1 MB); is this the right file?")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ParseError(source, 1, f"undecodable UTF-16 text ({exc.reason})") from exc
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise ParseError(source, line, f"not UTF-8 text: undecodable byte "
                             f"0x{data[exc.start]:02x} at offset {exc.start}") from exc
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ParseError(source, line, "binary data (NUL byte), not a text document")
    if not text.strip():
        raise ParseError(source, 1, "empty file: no text to convert")
    return text.replace("\r\n", "\n").replace("\r", "\n")
