"""Titles for the works kv2rdf describes, in the wording of the Tweede Kamer.

"Antwoord op vragen van het lid Erdmans (JA21) over …"; "Mededeling uitstel antwoord op vragen
van de leden Chakor (GroenLinks-PvdA) en Palmen (Nieuw Sociaal Contract) over …"; a notice
that says the questions were answered by letter is "Mededeling over de beantwoording van …".
"""

from __future__ import annotations

import re

from kv2rdf.model import Asker, Document


def askers_phrase(askers: tuple[Asker, ...]) -> str:
    """"het lid X (P)" or "de leden X (P), Y (Q) en Z (R)"."""
    names = [f"{a.person.name} ({a.party})" if a.party else a.person.name for a in askers]
    if len(names) <= 1:
        return f"het lid {names[0]}" if names else "leden der Kamer"
    return "de leden " + ", ".join(names[:-1]) + " en " + names[-1]


def answer_title(doc: Document) -> str:
    """Title of an answer document."""
    kind = "Nader antwoord" if doc.reply and doc.reply.supplementary else "Antwoord"
    return f"{kind} op vragen van {askers_phrase(doc.askers)} over {doc.subject}"


def notice_title(doc: Document) -> str:
    """Title of a notice (mededeling)."""
    text = doc.reply.text if doc.reply else None
    if text and re.search(r"\bzijn\s+(?:\w+\s+)?beantwoord\b|\bbeantwoord\s+(?:bij|middels|met|"
                          r"in)\b", text):
        lead = "Mededeling over de beantwoording van vragen van"
    else:
        lead = "Mededeling uitstel antwoord op vragen van"
    return f"{lead} {askers_phrase(doc.askers)} over {doc.subject}"
