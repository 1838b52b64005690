"""Walk of a Kamervragen XML tree into blocks (parsers stage, used by `xml_source`).

Every element either becomes part of the `Extraction` (header text, a label, a paragraph, a
footnote, a metadata pair, a furniture line) or is reported as an issue naming its line and
an excerpt of its text; nothing is dropped without a word. Element names are those of the
current OP schema and of the older Sdu format (source-formats.md §8).
"""

from __future__ import annotations

from lxml import etree

from kv2rdf.model import Issue
from kv2rdf.parsers._assemble import ItemLinks
from kv2rdf.parsers._blocks import (
    Block,
    Paragraphs,
    item_blocks,
    notice_blocks,
    strip_markers,
)
from kv2rdf.parsers._header import REPLY_START
from kv2rdf.parsers._labels import Label, label, label_as
from kv2rdf.parsers._op_inline import Renderer, finish, plain
from kv2rdf.parsers._safe import local_name as name
from kv2rdf.parsers.metadata import Pair

_CONTAINERS = {"officiele-publicatie", "vraagdoc", "kamervragen", "vragen", "reactie", "body",
               "noten", "voetnoten"}
_HEADERS = {"kamervraagomschrijving", "omschr"}
_LABELS = {"nr", "nummer"}
_PARAGRAPHS = {"al", "tussenkop", "kop", "titel", "alinea"}


class Reader:
    """Collects the parts of one document while visiting its elements in order."""

    def __init__(self, source: str, root: etree._Element) -> None:
        self.source = source
        self.issues: list[Issue] = []
        self.render = Renderer(source, self.issues, root)
        self.question_header: list[Block] = []
        self.reply_header: list[Block] = []
        self.body: list[Block] = []
        self.meta: list[Pair] = []
        self.kop: dict[str, str] = {}
        self.kop_lines: list[str] = []
        self.number: str | None = None
        self.dates: dict[str, tuple[str, int | None]] = {}
        # per vraag/antwoord element: its kind, label numbers and the extrefs in its text
        self.item_links: ItemLinks = []

    def blocks(self) -> list[Block]:
        """Header blocks (questions sentence first), then labels and paragraphs in order."""
        return self.question_header + self.reply_header + self.body

    def furniture(self) -> str:
        """The kamervraagkop lines ("Tweede Kamer der Staten-Generaal", "Vergaderjaar …")."""
        return "\n".join(self.kop_lines)

    def issue(self, el: etree._Element, message: str) -> None:
        """Record a problem at ``el``."""
        self.issues.append(Issue(self.source, el.sourceline, message))

    def visit(self, el: etree._Element) -> None:
        """Place one element (and what it holds)."""
        tag = name(el)
        if not tag:
            return
        if tag in ("metadata", "meta"):
            metas = [el] if tag == "meta" else [m for m in el.iter() if name(m) == "meta"]
            self.meta.extend((m.get("name") or "", m.get("content") or "", m.sourceline)
                             for m in metas)
        elif tag == "kamervraagkop":
            for line in (x for x in el.iter() if name(x) == "tekstregel"):
                self.kop[(line.get("inhoud") or "").lower()] = plain(line)
                self.kop_lines.append(plain(line))
        elif tag in ("kamervraagnummer", "vraagnummer"):
            self.number = plain(el)
        elif tag == "vergjaar":
            self.kop["vergaderjaar"] = plain(el)
        elif tag in _HEADERS:
            self._header(el)
        elif tag in ("vraag", "antwoord"):
            self._item(el, tag)
        elif tag == "kamervraagopmerking":
            self._notice(el)
        elif tag == "noot":
            self.render.note(el)  # a note kept apart from the text (older documents)
        elif tag in _CONTAINERS:
            for child in el:
                self.visit(child)
            self._stray(el)
        elif tag == "al" and not self.body and REPLY_START.match(plain(el)):
            self.reply_header.append(Block(self.render.paragraph(el), el.sourceline, exact=True))
        else:
            self._unplaced(el)

    def _header(self, el: etree._Element) -> None:
        text = self.render.paragraph(el)
        kind = (el.get("type") or "").lower() or (
            "vraag" if text.startswith(("Vragen", "Vraag ", "Mondelinge vragen")) else "antwoord")
        target = self.question_header if kind == "vraag" else self.reply_header
        target.append(Block(text, el.sourceline, exact=True))
        day = next((d for d in el.iter() if name(d) == "datum" and d.get("isodatum")), None)
        if day is not None:
            self.dates["vraag" if kind == "vraag" else "reply"] = (day.get("isodatum") or "",
                                                                   day.sourceline)

    def _item(self, el: etree._Element, kind: str) -> None:
        self.render.links = []
        paragraphs = self._paragraphs(el)
        links = tuple(dict.fromkeys(self.render.links))
        nr = next((c for c in el if name(c) in _LABELS), None)
        if nr is not None:
            printed, line = plain(nr), nr.sourceline
        elif paragraphs and (found := label(strip_markers(paragraphs[0][0])[0])) \
                and found.kind == kind:
            (printed, line), paragraphs = paragraphs[0], paragraphs[1:]
        else:
            printed, line = "", el.sourceline
        tag = self._label(el, printed, kind)
        self.body.extend(item_blocks(printed or kind.capitalize(), line, tag, paragraphs))
        if links:
            self.item_links.append((kind, tag.numbers, links))

    def _label(self, el: etree._Element, printed: str, kind: str) -> Label:
        found = label(printed)
        if found is not None and found.kind == kind and found.numbers:
            return found
        forced = label_as(kind, printed)
        if not forced.numbers:
            self.issue(el, f"<{name(el)}> without a number in its label ({printed!r}); it takes "
                       "the number after the one before")
        elif found is not None and found.kind != kind:
            self.issue(el, f"<{name(el)}> labelled {printed!r}; read as {kind} "
                       f"{', '.join(forced.numbers)}")
        return forced

    def _notice(self, el: etree._Element) -> None:
        self.body.extend(notice_blocks(el.sourceline, self._paragraphs(el)))

    def _paragraphs(self, container: etree._Element) -> Paragraphs:
        """The paragraphs of a question, answer or notice, in order.

        A ``noot`` standing between paragraphs is referenced at the end of the one before.
        """
        found: Paragraphs = []
        pending = ""

        def add(text: str, line: int | None) -> None:
            nonlocal pending
            if text:
                found.append((text + pending, line))
                pending = ""

        add(finish(container.text or ""), container.sourceline)
        for child in container:
            tag = name(child)
            if tag in _PARAGRAPHS:
                add(self.render.paragraph(child), child.sourceline)
            elif tag == "lijst":
                add(finish(self.render.lijst(child)), child.sourceline)
            elif tag in ("tabel", "table"):
                add(finish(self.render.table(child)), child.sourceline)
            elif tag == "noot":
                marker = self.render.note(child)
                if found:
                    found[-1] = (found[-1][0] + marker, found[-1][1])
                else:
                    pending += marker
            elif tag and tag not in _LABELS:
                if any(name(x) in _PARAGRAPHS | {"lijst"} for x in child.iter()):
                    for text, line in self._paragraphs(child):
                        add(text, line)
                else:
                    text = self.render.paragraph(child)
                    self.issue(child, f"<{tag}> inside <{name(container)}> read as a paragraph"
                               if text else f"<{tag}> inside <{name(container)}> has no text; "
                               "left out")
                    add(text, child.sourceline)
            add(finish(child.tail or ""), child.sourceline)
        return found

    def _stray(self, el: etree._Element) -> None:
        bits = [el.text or ""] + [c.tail or "" for c in el]
        text = finish(" ".join(bits))
        if text:
            self.issue(el, f"text directly inside <{name(el)}> is not placed: {text[:60]!r}")

    def _unplaced(self, el: etree._Element) -> None:
        text = plain(el)
        what = f"its text {text[:60]!r} is left out" if text else "it has no text"
        self.issue(el, f"<{name(el)}> is not part of the Kamervragen structure; {what}")
