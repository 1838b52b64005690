"""Official KOOP XML of Kamervragen (``kv-tk-…``, ``ah-tk-…`` and Eerste Kamer twins) → `Document`.

Stage: parsers. The XML is read into an `Extraction` (header text, one label block per
``nr``, one paragraph block per ``al`` or list) and assembled by the same grammar as every
other front-end; structured values (``@isodatum``, ``kamervraagkop``, inline ``meta``) then
override what the text gave. Format facts relied on (source-formats.md §2–6, §8):

* ``<officiele-publicatie>`` (no namespace) holds ``metadata/meta[@name][@content]`` and the
  body ``kamervragen``: ``kamervraagkop`` (``tekstregel[@inhoud]`` = ``kameraanduiding``,
  ``vergaderjaar``, ``documenttype``), ``kamervraagnummer``, ``kamervraagomschrijving``
  (``@type`` vraag/antwoord, mixed content with ``naam/achternaam``, ``kamervraagonderwerp``,
  ``datum/@isodatum``), then ``vraag``/``antwoord`` siblings (only ``vraag`` in ``kv``) and,
  for a Mededeling, ``kamervraagopmerking``.
* ``<nr status="officieel">Vraag 5, 6</nr>``: questions are numbered by their label, never by
  position; a grouped label with one ``al`` per number gives each question its paragraph.
* Older documents: root ``vraagdoc``, ``body/vragen/vraag`` and ``body/reactie/antwoord``,
  ``omschr`` for the header, ``nummer`` for ``nr``, ``vergjaar``, ``vraagnummer``.
* ``kamervraagnummer`` is not documented; it is read as the zaaknummer when it has that form
  (``2020Z02131``, as in a ``kv`` document) and otherwise as the Aanhangsel number.
* An ``extref`` in the text of a ``vraag`` or ``antwoord`` (outside a ``noot``) is a reference
  of that question or answer, matched by the numbers of its label.
* Footnotes copied from the questions keep the kv zaaknummer in their id
  (``ID-2018Z03521-d37e118``): when nothing else gives the zaaknummer, one shared by all such
  ids is used.

Elements that fit nowhere are reported as issues with an excerpt of their text.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import PurePath
from typing import Any

from lxml import etree

from kv2rdf.errors import ParseError
from kv2rdf.model import Document, Issue
from kv2rdf.parsers import _header
from kv2rdf.parsers._assemble import assemble, with_item_references
from kv2rdf.parsers._blocks import Extraction
from kv2rdf.parsers._safe import local_name as name
from kv2rdf.parsers._safe import parse_xml_root
from kv2rdf.parsers._text import parse_date
from kv2rdf.parsers._xml_reader import Reader
from kv2rdf.parsers.metadata import ZAAKNUMMER, Metadata, apply_metadata, from_pairs

_BODY = {"kamervragen", "vragen", "reactie", "vraag", "antwoord"}
_NOTE_ZAAK = re.compile(r"^ID-((?:19|20)\d{2}Z\d{5})-")


def parse_xml(data: bytes, *, source: str = "<bytes>", strict: bool = False) -> Document:
    """Parse an official Kamervragen XML publication."""
    root = parse_xml_root(data, source)
    tag = name(root)
    if tag == "metadata_gegevens":
        raise ParseError(source, root.sourceline, "this is a metadata.xml record "
                         "(<metadata_gegevens>), not a Kamervragen document; give it with "
                         "--metadata, or put it beside its document")
    if not any(name(el) in _BODY for el in root.iter()):
        raise ParseError(source, root.sourceline, f"not a Kamervragen document: <{tag}> holds "
                         "no <kamervragen>, <vraag> or <antwoord>")
    reader = Reader(source, root)
    reader.visit(root)
    ex = Extraction(source, "xml", reader.blocks(), reader.render.footnotes,
                    furniture=reader.furniture(), digest=hashlib.sha256(data).hexdigest(),
                    issues=reader.issues)
    doc = assemble(ex, strict=strict)
    meta = from_pairs(reader.meta, source=source)
    doc = _complete(doc, reader, meta, root, strict)
    return apply_metadata(doc, meta, strict=strict)


def _complete(doc: Document, reader: Reader, meta: Metadata, root: etree._Element,
              strict: bool) -> Document:
    """Override the text's reading with the structured values of the XML."""
    issues = list(doc.issues)

    def issue(line: int | None, message: str) -> None:
        if strict:
            raise ParseError(doc.source, line, message)
        issues.append(Issue(doc.source, line, message))

    changes: dict[str, Any] = {}
    for key, (value, line) in reader.dates.items():
        day = parse_date(value)
        if day is None:
            issue(line, f"datum isodatum={value!r} is not a valid date; the printed date is used")
            continue
        current = doc.submitted if key == "vraag" else doc.reply.received if doc.reply else None
        if current is not None and current != day:
            issue(line, f"the printed date {current} differs from isodatum {day}; {day} is used")
        if key == "vraag":
            changes["submitted"] = day
        elif doc.reply is not None:
            changes["reply"] = dataclasses.replace(doc.reply, received=day)
    chamber = "ek" if "eerste kamer" in reader.kop.get("kameraanduiding", "").lower() \
        else doc.chamber
    vergaderjaar = (_header.vergaderjaar_in(reader.kop.get("vergaderjaar", ""))
                    or doc.vergaderjaar)
    number = reader.number or ""
    zaak = doc.zaaknummer or (number if ZAAKNUMMER.match(number) else None)
    identifier = (meta.identifier or doc.identifier or _header.oep_id(PurePath(doc.source).name))
    if identifier is None and zaak and doc.reply is None:
        identifier = f"kv-{chamber}-{zaak}"
    if identifier is None and number.isdigit() and vergaderjaar and doc.reply is not None:
        identifier = f"ah-{chamber}-{vergaderjaar.replace('-', '')}-{number}"
    if identifier and "-ek-" in identifier:
        chamber = "ek"
    if zaak is None and identifier and (m := re.match(r"^kv-(?:tk|ek)-(\d{4}Z\d{5})$",
                                                      identifier)):
        zaak = m[1]
    if zaak is None:
        zaken = {m[1] for n in root.iter("noot") if (m := _NOTE_ZAAK.match(n.get("id") or ""))}
        zaak = zaken.pop() if len(zaken) == 1 else None
    changes.update(chamber=chamber, vergaderjaar=vergaderjaar, identifier=identifier,
                   zaaknummer=zaak, issues=tuple(issues))
    return with_item_references(dataclasses.replace(doc, **changes), reader.item_links)
