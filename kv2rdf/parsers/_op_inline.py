"""Text of OP XML paragraphs with their footnotes (parsers stage, used by `xml_source`).

Format facts relied on (source-formats.md §4–5; seen in six real ``ah-tk`` documents):

* ``al`` is a paragraph with mixed content: ``nadruk`` (emphasis), ``extref`` (a link whose
  text is printed), ``noot`` (a footnote, inline where it is referenced).
* ``<noot id="ID-2020Z02131-d37e56" type="voet"><noot.nr>1</noot.nr><noot.al>Nieuwsuur, 4
  februari 2020 (<extref soort="URL" doc="https://nos.nl/…">…</extref>)</noot.al></noot>``;
  a note may have several ``noot.al``. Its number is printed, never counted.
* ``extref/@soort`` is ``URL`` (``@doc`` is the URL) or ``document`` (``@doc`` is an OEP id:
  ``kst-31066-119``, ``h-tk-20192020-28-3``, ``ah-tk-20192020-3975``, which become
  ``https://zoek.officielebekendmakingen.nl/{id}``). An ``extref`` in the text itself, outside
  any note ("zie Kamerstuk <extref doc="kst-35925-A-68">35 925-A, nr. 68</extref>"), is
  collected in `Renderer.links`: the reader makes it a reference of its question or answer.
  A note's text is also searched for references; when the note has extrefs, only official
  documents are taken from its text (the publisher marked its links up, and "Noordhollands
  Dagblad.nl, …" names no site).
* ``<lijst><li><li.nr>a.</li.nr><al>…</al></li>…</lijst>``: each item is kept as a line of
  the paragraph, printed with its ``li.nr``.
* Older documents: ``noot/@nr`` instead of ``noot.nr``, ``noot.lijst``, and a separate
  ``nootref`` (``@refid`` → ``noot/@id``, or ``@nr``) marking where a note is referenced.
"""

from __future__ import annotations

import re
import unicodedata

from lxml import etree

from kv2rdf.model import Footnote, Issue
from kv2rdf.parsers._blocks import marker, strip_markers
from kv2rdf.parsers._references import OEP, references
from kv2rdf.parsers._safe import local_name as name

BREAK = "\u2028"  # a line break that whitespace normalisation keeps
_OEP_ID = re.compile(r"^[a-z]{1,6}(?:-[A-Za-z0-9]+)+$")
_SCHEME = re.compile(r"^(?:https?|ftp|mailto):", re.I)
_NOTE_PARTS = {"noot.al", "al", "noot.lijst", "lijst"}


def finish(raw: str) -> str:
    """Normalise rendered text: NFC, one space between words, kept line breaks."""
    if raw.isascii():  # no line break kept (U+2028), nothing to compose: one line
        return " ".join(raw.split())
    return finish_any(raw)


def finish_any(raw: str) -> str:
    """`finish` for any text (what `finish` does with a text that is not plain ASCII)."""
    raw = unicodedata.normalize("NFC", raw).replace("\u00a0", " ")
    lines = (" ".join(part.split()) for part in raw.split(BREAK))  # split: runs of \s
    return "\n".join(line for line in lines if line)


def plain(el: etree._Element) -> str:
    """All text of an element, whitespace normalised."""
    return finish("".join(el.itertext()))


class Renderer:
    """Renders paragraphs to text with footnote markers, collecting the footnotes met."""

    def __init__(self, source: str, issues: list[Issue], root: etree._Element) -> None:
        self.source, self.issues = source, issues
        self.footnotes: dict[str, Footnote] = {}
        self._done: dict[str, str] = {}  # noot identity → footnote key
        self._by_id = {n.get("id"): n for n in root.iter("noot") if n.get("id")}
        self._by_nr = {self._printed(n): n for n in root.iter("noot") if self._printed(n)}
        self.links: list[str] = []  # extrefs met outside notes since the caller last cleared
        self._in_note = 0

    def issue(self, el: etree._Element, message: str) -> None:
        """Record a problem found at ``el``."""
        self.issues.append(Issue(self.source, el.sourceline, message))

    def paragraph(self, el: etree._Element) -> str:
        """The finished text of a paragraph-like element."""
        return finish(self.text(el))

    def text(self, el: etree._Element) -> str:
        """Raw text of an element: inline markup read, notes turned into markers."""
        parts = [el.text or ""]
        for child in el:
            tag = name(child)
            if tag == "noot":
                parts.append(self.note(child))
            elif tag == "nootref":
                parts.append(self.note_ref(child))
            elif tag == "br":
                parts.append(BREAK)
            elif tag in ("lijst", "noot.lijst"):
                parts.append(BREAK + self.lijst(child) + BREAK)
            elif tag in ("tabel", "table"):
                parts.append(BREAK + self.table(child) + BREAK)
            elif tag == "extref":
                if not self._in_note and (link := self._link(child)):
                    self.links.append(link)
                parts.append(self.text(child))
            elif tag:
                parts.append(self.text(child))
            elif isinstance(child, etree._Entity):
                self.issue(el, f"entity {child.text} is not resolved (no DTD is read); left out")
            parts.append(child.tail or "")
        return "".join(parts)

    def lijst(self, el: etree._Element) -> str:
        """A list, one line per item, each with its printed ``li.nr``."""
        lines: list[str] = []
        for li in (c for c in el if name(c) == "li"):
            nr = next((plain(c) for c in li if name(c) == "li.nr"), "")
            pieces: list[str] = [li.text or ""]
            for child in li:
                tag = name(child)
                if tag in ("al", "lijst"):
                    pieces.append(BREAK + (self.lijst(child) if tag == "lijst"
                                           else self.text(child)) + BREAK)
                elif tag == "noot":
                    pieces.append(self.note(child))
                elif tag == "nootref":
                    pieces.append(self.note_ref(child))
                elif tag and tag != "li.nr":
                    pieces.append(self.text(child))
                pieces.append(child.tail or "")
            body = [p for p in finish("".join(pieces)).split("\n") if p]
            if body:
                lines.append(f"{nr} {body[0]}".strip())
                lines.extend(body[1:])
            elif nr:
                lines.append(nr)
        return BREAK.join(lines)

    def table(self, el: etree._Element) -> str:
        """A table, one line per row, cells separated by " | "."""
        rows = [r for r in el.iter() if name(r) in ("row", "tr")]
        lines = [" | ".join(finish(self.text(c)) for c in r if name(c) in ("entry", "td", "th"))
                 for r in rows]
        return BREAK.join(line for line in lines if line.strip(" |"))

    def note(self, el: etree._Element) -> str:
        """Register a ``noot`` and return the marker for where it is referenced."""
        identity = el.get("id") or f"line-{el.sourceline}-{self._printed(el)}"
        if identity in self._done:
            return marker(self._done[identity])
        printed = self._printed(el)
        key = re.sub(r"\W+", "", printed)
        if not key:
            key = str(len(self.footnotes) + 1)
            self.issue(el, f"footnote without a number; numbered {key}")
        if key in self.footnotes:
            clash, k = key, 2
            while f"{clash}_{k}" in self.footnotes:
                k += 1
            key = f"{clash}_{k}"
            self.issue(el, f"footnote number {clash} is used twice; the second is kept as {key}")
        parts = [c for c in el if name(c) in _NOTE_PARTS]
        self._in_note += 1
        raw = ([self.lijst(c) if "lijst" in name(c) else self.text(c) for c in parts] if parts
               else [self._without_number(el)])
        self._in_note -= 1
        text = "\n\n".join(t for t in (finish(strip_markers(r)[0]) for r in raw) if t)
        refs = [r for x in el.iter("extref") if (r := self._link(x))]
        # Where the publisher marked links up, the markup is the authority for URLs; the text
        # still names official documents ("Kamerstuk 31 066, nr. 77") that have no extref.
        found = [r for r in references(text) if not refs or r.startswith(OEP)]
        self.footnotes[key] = Footnote(key, text, tuple(dict.fromkeys([*refs, *found])))
        self._done[identity] = key
        return marker(key)

    def note_ref(self, el: etree._Element) -> str:
        """An old-style ``nootref``: the marker of the note it points at."""
        target = self._by_id.get(el.get("refid") or "")
        if target is None:
            target = self._by_nr.get(el.get("nr") or "")
        if target is None:
            self.issue(el, f"nootref {el.get('refid') or el.get('nr')!r} points at no noot")
            return ""
        return self.note(target)

    def _without_number(self, el: etree._Element) -> str:
        """The text of a note that has no ``noot.al``, leaving out its ``noot.nr``."""
        parts = [el.text or ""]
        for child in el:
            if name(child) != "noot.nr":
                parts.append(self.text(child))
            parts.append(child.tail or "")
        return "".join(parts)

    @staticmethod
    def _printed(el: etree._Element) -> str:
        number = next((plain(c) for c in el if name(c) == "noot.nr"), None)
        return number if number is not None else (el.get("nr") or "").strip()

    def _link(self, el: etree._Element) -> str | None:
        """The IRI an ``extref`` points at: a URL as given, an OEP id as an OEP URL."""
        doc = (el.get("doc") or "").strip()
        soort = (el.get("soort") or "").lower()
        if not doc:
            return None
        if _SCHEME.match(doc):
            return doc.replace(" ", "%20")
        if soort == "url" or doc.startswith("www."):
            return "https://" + doc.replace(" ", "%20")
        if _OEP_ID.match(doc):
            return OEP + doc
        self.issue(el, f"extref doc {doc!r} (soort {soort or 'none'}) is neither a URL nor an "
                       "OEP id; not linked")
        return None
