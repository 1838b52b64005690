"""A notice (Mededeling) saying the questions were answered by letter, and that letter.

Instead of an Aanhangsel answer, a minister sometimes answers written questions in a letter to
the Kamer, and a Mededeling says so: "De vragen … zijn beantwoord middels een brief (36 471,
nr. 64)", "… zijn beantwoord bij brief van 12 maart 2024 (Kamerstuk 36 410 XVI, nr. 45)",
"… worden beantwoord in de brief die ik u heden stuur (Kamerstukken II 2023/24, 29 689, nr.
1234)", "… zijn meegenomen in de brief … (kst-32824-400)". The letter is a Kamerstuk; its IRI
is its officielebekendmakingen.nl address (``https://zoek.officielebekendmakingen.nl/kst-36471-64``),
as for every other Kamerstuk kv2rdf cites. A notice that only postpones the answer ("kunnen
niet binnen de gebruikelijke termijn worden beantwoord") names no letter.
"""

from __future__ import annotations

import re

OEP = "https://zoek.officielebekendmakingen.nl/"

# "beantwoord" / "antwoord" / "meegenomen" … then, within one sentence, "brief" (or
# "Kamerbrief"), then the Kamerstuk in brackets or after "Kamerstuk(ken)".
_SAYS_ANSWERED = re.compile(
    r"\b(?:beantwoord|antwoord(?:en)?|meegenomen|ingegaan|behandeld)\b[^.]*?\b(?:Kamer)?brief\b",
    re.IGNORECASE)
_POSTPONED = re.compile(r"\b(?:gebruikelijke\s+termijn|uitstel|zo\s+spoedig\s+mogelijk)\b",
                        re.IGNORECASE)
_KAMERSTUK = re.compile(
    r"(?:Kamerstuk(?:ken)?(?:\s+(?:II|I|TK|EK))?(?:\s+\d{4}\s*/\s*\d{2,4})?\s*,?\s*|\(\s*)"
    r"(?P<dossier>\d{2}\s?\d{3})(?:[\s-]+(?P<sub>[A-Z]{1,4}|\d{2})\b)?"
    r"\s*,\s*(?:nr|nummer)\.?\s*(?P<nr>\d{1,5})\b")
_OEP_KST = re.compile(r"\bkst-(?P<dossier>\d{5})(?:-(?P<sub>[0-9A-Z]{1,4}))?-(?P<nr>\d{1,5})\b")
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z«(])")


def _kst(match: re.Match[str]) -> str:
    dossier = match["dossier"].replace(" ", "")
    sub = f"-{match['sub']}" if match["sub"] else ""
    return f"{OEP}kst-{dossier}{sub}-{match['nr']}"


def answering_letter(text: str | None) -> str | None:
    """The Kamerstuk IRI of the letter a notice says answered the questions, or None.

    The sentence must say the questions were answered (or dealt with) in a letter and name
    the letter's Kamerstuk; a postponement sentence never counts.
    """
    if not text:
        return None
    for sentence in _SENTENCES.split(" ".join(text.split())):
        said = _SAYS_ANSWERED.search(sentence)
        if said is None or _POSTPONED.search(sentence):
            continue
        rest = sentence[said.start():]
        found = _KAMERSTUK.search(rest) or _OEP_KST.search(rest)
        if found is not None:
            return _kst(found)
    return None
