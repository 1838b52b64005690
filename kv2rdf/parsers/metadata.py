"""The OEP metadata record (``metadata.xml``) and inline ``meta`` elements → `Metadata`.

Stage: parsers. The record completes what a front-end read from the document itself; the
pipeline applies it with `apply_metadata`. Format facts relied on (source-formats.md §7):

* ``<metadata_gegevens><metadata name="DC.identifier" scheme="…" content="ah-tk-…"/>…`` is a
  flat list; a repeated name carries several values (one ``OVERHEIDop.indiener`` per asker);
  nested ``metadata`` elements are sub-records and are not read.
* Names (matched without regard to case, as HTML pages write ``dcterms.identifier``):
  ``DC.identifier``, ``OVERHEIDop.vraagnummer`` / ``OVERHEIDop.vraagNummer`` (the zaaknummer),
  ``OVERHEIDop.indiener``, ``OVERHEIDop.ontvanger``, ``OVERHEIDop.datumIndiening``
  (ingezonden), ``OVERHEIDop.datumOntvangst`` (ontvangen), ``OVERHEIDop.aanhangsel`` (the
  Aanhangsels answering a kv document), ``DCTERMS.issued``, ``DC.type`` (multi-valued; it
  contains "Mededeling" for a notice), ``OVERHEIDop.vergaderjaar``,
  ``OVERHEIDop.externMetadataRecord`` (``…/{id}/metadata.xml``, the only inline ``meta`` of
  recent XML).
* Dates are mostly ``YYYY-MM-DD``, sometimes ``DD-MM-YYYY``; impossible dates
  (``2009-02-30``) occur and become an `Issue`, never a crash.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from kv2rdf.errors import ParseError
from kv2rdf.model import Asker, Document, Issue, ReplyKind
from kv2rdf.parsers._header import vergaderjaar_in
from kv2rdf.parsers._people import person
from kv2rdf.parsers._safe import local_name, parse_xml_root
from kv2rdf.parsers._text import parse_date

ZAAKNUMMER = re.compile(r"^(?:19|20)\d{2}Z\d{5}$")
_OEP_ID = re.compile(r"\b((?:ah|kv)-(?:tk|ek)-[0-9A-Za-z-]+?)(?:/|\.(?:xml|html|pdf)|$)")
_KV_ZAAK = re.compile(r"^kv-(?:tk|ek)-((?:19|20)\d{2}Z\d{5})$")
_AH_YEAR = re.compile(r"^ah-(?:tk|ek)-(\d{4})(\d{4})-")

Pair = tuple[str, str, int | None]


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a metadata record says about one publication."""

    source: str
    identifier: str | None = None
    zaaknummer: str | None = None
    askers: tuple[str, ...] = ()
    receivers: tuple[str, ...] = ()
    submitted: date | None = None
    received: date | None = None
    issued: date | None = None
    answered_in: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    vergaderjaar: str | None = None
    issues: tuple[Issue, ...] = ()

    @property
    def is_notice(self) -> bool:
        """True when DC.type calls the publication a Mededeling."""
        return any("mededeling" in t.lower() for t in self.types)


def read_metadata(data: bytes, *, source: str = "<metadata>") -> Metadata:
    """Read a ``metadata.xml`` record; raise `ParseError` when the bytes are not one."""
    root = parse_xml_root(data, source)
    tag = local_name(root)
    if tag != "metadata_gegevens":
        raise ParseError(source, root.sourceline, f"not a metadata.xml record: the root is "
                         f"<{tag}>, expected <metadata_gegevens>")
    return from_pairs(((el.get("name") or "", el.get("content") or "", el.sourceline)
                       for el in root if local_name(el) == "metadata"), source=source)


def from_pairs(pairs: Iterable[Pair], *, source: str) -> Metadata:
    """Build `Metadata` from (name, content, line) triples, as found in a record or a page."""
    values: dict[str, list[tuple[str, int | None]]] = {}
    for name, content, line in pairs:
        if name.strip() and content.strip():
            values.setdefault(name.strip().lower(), []).append((content.strip(), line))
    issues: list[Issue] = []

    def all_of(*names: str) -> tuple[str, ...]:
        found = [v for n in names for v, _ in values.get(n, [])]
        return tuple(dict.fromkeys(found))

    def day(name: str) -> date | None:
        for text, line in values.get(name, [])[:1]:
            parsed = parse_date(text)
            if parsed is None:
                issues.append(Issue(source, line, f"{_printed(name)} {text!r} is not a valid "
                                    "date; ignored"))
            return parsed
        return None

    identifier = next(iter(all_of("dc.identifier", "dcterms.identifier")), None)
    if identifier is None:
        records = all_of("overheidop.externmetadatarecord")
        found = [m[1] for r in records if (m := _OEP_ID.search(r))]
        identifier = found[0] if found else None
    zaak: str | None = None
    for text, line in values.get("overheidop.vraagnummer", []):
        if not ZAAKNUMMER.match(text):
            issues.append(Issue(source, line, f"OVERHEIDop.vraagnummer {text!r} is not a TK "
                                "zaaknummer (YYYYZnnnnn); not used"))
        elif zaak is None:
            zaak = text
        elif text != zaak:
            issues.append(Issue(source, line, f"a second OVERHEIDop.vraagnummer {text!r} "
                                f"(besides {zaak}); only the first is used"))
    year = next(iter(all_of("overheidop.vergaderjaar")), None)
    return Metadata(
        source=source, identifier=identifier, zaaknummer=zaak,
        askers=all_of("overheidop.indiener"), receivers=all_of("overheidop.ontvanger"),
        submitted=day("overheidop.datumindiening"), received=day("overheidop.datumontvangst"),
        issued=day("dcterms.issued"), answered_in=all_of("overheidop.aanhangsel"),
        types=all_of("dc.type"), vergaderjaar=vergaderjaar_in(year) if year else None,
        issues=tuple(issues))


def _printed(name: str) -> str:
    known = {"overheidop.datumindiening": "OVERHEIDop.datumIndiening",
             "overheidop.datumontvangst": "OVERHEIDop.datumOntvangst",
             "dcterms.issued": "DCTERMS.issued"}
    return known.get(name, name)


def apply_metadata(doc: Document, meta: Metadata, *, strict: bool = False) -> Document:
    """Complete ``doc`` with what ``meta`` says.

    The identifier, zaaknummer, issued date and vergaderjaar come from the record; the
    ingezonden and ontvangen dates and the askers only fill gaps (the document's own values
    win, and a disagreement is reported). A record about another publication is not used.
    """
    issues = list(meta.issues)

    def note(message: str) -> None:
        issues.append(Issue(meta.source, None, message))

    if meta.identifier and doc.identifier and meta.identifier != doc.identifier:
        note(f"the metadata describes {meta.identifier}, but the document is "
             f"{doc.identifier}; metadata not used")
        return _finish(doc, {}, issues, strict)
    identifier = doc.identifier or meta.identifier
    changes: dict[str, Any] = {"identifier": identifier}
    if identifier and "-ek-" in identifier:
        changes["chamber"] = "ek"
    kv_zaak = _KV_ZAAK.match(identifier or "")
    zaak = meta.zaaknummer or (kv_zaak[1] if kv_zaak else None)
    if zaak:
        if doc.zaaknummer and doc.zaaknummer != zaak:
            note(f"the metadata gives zaaknummer {zaak}; the document said {doc.zaaknummer}")
        changes["zaaknummer"] = zaak
    ah_year = _AH_YEAR.match(identifier or "")
    changes["vergaderjaar"] = (meta.vergaderjaar or doc.vergaderjaar
                               or (f"{ah_year[1]}-{ah_year[2]}" if ah_year else None))
    changes["issued"] = meta.issued or doc.issued
    if meta.submitted:
        if doc.submitted and doc.submitted != meta.submitted:
            note(f"OVERHEIDop.datumIndiening {meta.submitted} differs from the ingezonden "
                 f"date {doc.submitted} in the document; the document's date is kept")
        changes["submitted"] = doc.submitted or meta.submitted
    if doc.reply is not None and meta.received:
        if doc.reply.received and doc.reply.received != meta.received:
            note(f"OVERHEIDop.datumOntvangst {meta.received} differs from the ontvangen date "
                 f"{doc.reply.received} in the document; the document's date is kept")
        changes["reply"] = dataclasses.replace(
            doc.reply, received=doc.reply.received or meta.received)
    if not doc.askers and meta.askers:
        changes["askers"] = tuple(Asker(person(name), None) for name in meta.askers)
    if meta.is_notice and doc.reply is not None and doc.reply.kind is ReplyKind.ANSWER:
        note("DC.type says Mededeling, but the document holds answers")
    return _finish(doc, changes, issues, strict)


def _finish(doc: Document, changes: dict[str, Any], issues: list[Issue],
            strict: bool) -> Document:
    if strict and issues:
        raise ParseError(issues[0].source, issues[0].line, issues[0].message)
    return dataclasses.replace(doc, **changes, issues=doc.issues + tuple(issues))
