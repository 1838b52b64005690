"""The officielebekendmakingen.nl HTML rendering of Kamervragen → `Document`.

Stage: parsers. The page is read into an `Extraction` and assembled by the shared grammar;
the ``meta`` elements of its head are applied like a metadata record. Format facts relied
on (source-formats.md §3–6, seen in ``kv-tk-2016Z00020`` and ``kv-tk-2016Z00047`` fragments):

* the header is ``h1.kamervraagomschrijving_kop`` ("Vragen van … (ingezonden …)."); other
  elements whose class starts with ``kamervraagomschrijving``, and a paragraph starting
  "Antwoord van"/"Mededeling van" before the first question, hold the reply sentence;
* ``div.vraag`` / ``div.antwoord`` hold a label (``h2.stuktitel`` "Vraag 1", "Vraag 2, 3",
  or an older ``p.nummer``) and ``p`` paragraphs; a Mededeling is ``div.kamervraagopmerking``;
* a footnote reference is ``<a class="nootnum …" href="#ID-2016Z00020-d37e57">1</a>``; the
  notes are in ``div#noten`` as ``div.voet.noot`` with ``sup/span.nootnum`` (the number, and
  an ``a[@id]`` the references point at), ``p`` (the text) and ``p/a/@href`` (the link);
* a link (``a[@href]``, http or https) in the text of a ``div.vraag`` / ``div.antwoord`` is a
  reference of that question or answer;
* ``meta[@name]`` in the head: ``DC.identifier`` / ``dcterms.identifier``,
  ``OVERHEIDop.aanhangsel`` and the other names of the metadata record.
"""

from __future__ import annotations

import hashlib
import re

from lxml.html import HtmlElement

from kv2rdf.model import Document, Footnote, Issue
from kv2rdf.parsers._assemble import ItemLinks, assemble, with_item_references
from kv2rdf.parsers._blocks import (
    Block,
    Extraction,
    Paragraphs,
    item_blocks,
    marker,
    notice_blocks,
)
from kv2rdf.parsers._header import REPLY_START
from kv2rdf.parsers._labels import label, label_as
from kv2rdf.parsers._op_inline import BREAK, finish
from kv2rdf.parsers._references import references
from kv2rdf.parsers._safe import parse_html_root
from kv2rdf.parsers.metadata import apply_metadata, from_pairs

_SKIP = {"script", "style", "nav", "header", "footer", "form", "button", "noscript"}


def classes(el: HtmlElement) -> set[str]:
    """The class tokens of an element."""
    return set((el.get("class") or "").split())


def parse_html(data: bytes, *, source: str = "<bytes>", strict: bool = False) -> Document:
    """Parse an officielebekendmakingen.nl HTML page (or a fragment of one)."""
    root = parse_html_root(data, source)
    links: ItemLinks = []
    doc = assemble(extract(root, source=source, digest=hashlib.sha256(data).hexdigest(),
                           links=links), strict=strict)
    doc = with_item_references(doc, links)
    heads = [m for m in root.iter("meta") if m.get("name") and m.get("content")]
    meta = from_pairs(((m.get("name") or "", m.get("content") or "", m.sourceline)
                       for m in heads), source=source)
    return apply_metadata(doc, meta, strict=strict)


def extract(root: HtmlElement, *, source: str = "<bytes>", digest: str | None = None,
            links: ItemLinks | None = None) -> Extraction:
    """Read a parsed page into header, label and paragraph blocks plus its footnotes.

    ``links``, when given, receives the links found in each question's or answer's text.
    """
    page = _Page(source, root)
    body = root.find("body")
    page.visit(root if body is None else body)
    if links is not None:
        links.extend(page.links)
    return Extraction(source, "html", page.header + page.body, page.footnotes,
                      digest=digest, issues=page.issues)


class _Page:
    def __init__(self, source: str, root: HtmlElement) -> None:
        self.source = source
        self.issues: list[Issue] = []
        self.header: list[Block] = []
        self.body: list[Block] = []
        self.footnotes: dict[str, Footnote] = {}
        self.targets: dict[str, str] = {}  # note anchor id → note number
        self.links: ItemLinks = []
        for note in (e for e in root.iter() if {"voet", "noot"} <= classes(e)):
            self._note(note)

    def visit(self, el: HtmlElement) -> None:
        if not isinstance(el.tag, str) or el.tag in _SKIP:
            return
        found = classes(el)
        if any(c.startswith("kamervraagomschrijving") for c in found):
            self.header.append(Block(self.text(el), el.sourceline, exact=True))
        elif found & {"vraag", "antwoord"}:
            self._item(el, "vraag" if "vraag" in found else "antwoord")
        elif "kamervraagopmerking" in found:
            self.body.extend(notice_blocks(el.sourceline, self._paragraphs(el)))
        elif el.get("id") == "noten" or {"voet", "noot"} <= found:
            return  # read in __init__
        elif el.tag == "p" and not self.body and REPLY_START.match(el.text_content() or ""):
            self.header.append(Block(self.text(el), el.sourceline, exact=True))
        else:
            for child in el:
                self.visit(child)

    def _item(self, el: HtmlElement, kind: str) -> None:
        head = next((c for c in el.iter("h2", "h3", "h4", "p")
                     if c.tag != "p" or "nummer" in classes(c)), None)
        printed = finish(head.text_content()) if head is not None else ""
        found = label(printed)
        if found is None or found.kind != kind or not found.numbers:
            found = label_as(kind, printed)
            if not found.numbers:
                self.issues.append(Issue(self.source, el.sourceline, f"div.{kind} without a "
                                         f"number in its label ({printed!r})"))
        self.body.extend(item_blocks(printed or kind.capitalize(),
                                     head.sourceline if head is not None else el.sourceline,
                                     found, self._paragraphs(el, head)))
        hrefs = [(a.get("href") or "").strip() for a in el.iter("a")
                 if "nootnum" not in classes(a) and (a.get("href") or "") != ""]
        cited = tuple(dict.fromkeys(h.replace(" ", "%20") for h in hrefs
                                    if re.match(r"^https?://", h, re.I)))
        if cited:
            self.links.append((kind, found.numbers, cited))

    def _paragraphs(self, el: HtmlElement, skip: HtmlElement | None = None) -> Paragraphs:
        found: Paragraphs = []
        for child in el:
            if child is skip or not isinstance(child.tag, str) or child.tag in _SKIP:
                continue
            if child.tag in ("ul", "ol"):
                text = finish(BREAK.join(self.text(li) for li in child.iter("li")))
            elif child.tag == "table":
                text = finish(BREAK.join(" | ".join(finish(self.text(c)) for c in row
                                                    if c.tag in ("td", "th"))
                                         for row in child.iter("tr")))
            elif child.tag == "div" or child.find(".//p") is not None:
                found.extend(self._paragraphs(child, skip))
                continue
            else:
                text = finish(self.text(child))
            if text:
                found.append((text, child.sourceline))
        return found

    def text(self, el: HtmlElement) -> str:
        """Raw text of an element with footnote references as markers."""
        parts = [el.text or ""]
        for child in el:
            if not isinstance(child.tag, str):
                pass
            elif "nootnum" in classes(child) and child.tag == "a":
                parts.append(self._marker(child))
            elif child.tag == "br":
                parts.append(BREAK)
            elif child.tag not in _SKIP:
                parts.append(self.text(child))
            parts.append(child.tail or "")
        return "".join(parts)

    def _marker(self, a: HtmlElement) -> str:
        target = (a.get("href") or "").lstrip("#")
        number = self.targets.get(target) or re.sub(r"\W+", "", a.text_content() or "")
        return marker(number) if number else ""

    def _note(self, el: HtmlElement) -> None:
        num = next((s for s in el.iter("span") if "nootnum" in classes(s)), None)
        if num is None:
            num = el.find(".//sup")
        number = re.sub(r"\W+", "", num.text_content() if num is not None else "")
        if not number:
            self.issues.append(Issue(self.source, el.sourceline, "footnote without a number; "
                                     "left out"))
            return
        paragraphs = [finish(self.text(p)) for p in el.iter("p")]
        text = "\n\n".join(p for p in paragraphs if p)
        links = [a.get("href") or "" for p in el.iter("p") for a in p.iter("a")]
        refs = [h.replace(" ", "%20") for h in links if re.match(r"^https?://", h)]
        self.footnotes[number] = Footnote(number, text, tuple(dict.fromkeys(
            [*refs, *references(text)])))
        anchors = [a.get("id") or a.get("name") for a in (num.iter("a") if num is not None
                                                           else ())]
        note_id = (el.get("id") or "").removeprefix("supernote-note-")
        for anchor in [*anchors, note_id]:
            if anchor:
                self.targets[anchor] = number
