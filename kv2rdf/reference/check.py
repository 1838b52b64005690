"""Check the askers and answerers of Kamervragen documents against the reference data.

The report says who was matched and why the others were not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kv2rdf.model import Document
from kv2rdf.reference.index import Reference, load_reference
from kv2rdf.reference.matching import Match, match_member, match_minister


@dataclass(frozen=True, slots=True)
class CheckRow:
    """One printed person of a document and its match.

    ``role`` is ``indiener`` (asker) or ``beantwoorder`` (answerer); ``printed_as`` the
    party or post printed beside the name; ``on`` the date matched on.
    """

    source: str
    role: str
    name: str
    printed_as: str
    on: date | None
    match: Match


def check_document(doc: Document, reference: Reference | None = None) -> tuple[CheckRow, ...]:
    """Match the askers and the signing answerers of ``doc``.

    Askers are matched on the submission date, answerers on the date the reply was received.
    """
    ref = reference or load_reference()
    rows = [CheckRow(doc.source, "indiener", a.person.name, a.party or "", doc.submitted,
                     match_member(a.person.family_name, a.party, doc.submitted,
                                  a.person.given_name, reference=ref))
            for a in doc.askers]
    if doc.reply:
        answered = doc.reply.received or doc.issued
        rows += [CheckRow(doc.source, "beantwoorder", a.person.name, a.post.label, answered,
                          match_minister(a.person.family_name, a.post.label, answered,
                                         a.person.given_name, reference=ref))
                 for a in doc.reply.answerers if a.person is not None]
    return tuple(rows)


def report_lines(rows: tuple[CheckRow, ...]) -> list[str]:
    """Readable lines: one per row, then a summary of the match rate."""
    lines = []
    for row in rows:
        m = row.match
        who = f"{row.name} ({row.printed_as}, {row.on or 'no date'})"
        if m.matched and m.person:
            ids = ", ".join(f"{k} {v}" for k, v in (("tk", m.tk_id), ("wikidata", m.wikidata))
                            if v) or "no identifiers"
            lines.append(f"{row.source}: {row.role} {who}: matched {m.person.full_name} [{ids}]")
        else:
            lines.append(f"{row.source}: {row.role} {who}: not matched, {m.status.value}: "
                         f"{m.reason}")
    matched = sum(r.match.matched for r in rows)
    lines.append(f"matched {matched} of {len(rows)} printed people"
                 + (f" ({100 * matched / len(rows):.0f}%)" if rows else ""))
    return lines
