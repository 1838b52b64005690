"""Question and answer labels, and answers that point at other answers.

Labels as printed: "Vraag 3", "Vraag 1 en 2", "Vraag 3, 4, 5 en 6", "Vraag 7, 8, 9 10 en 11"
(a comma missing), "Vraag 5, 6" (XML), "Vragen 4 t/m 6", "Antwoord 1 en 2", "Antwoord op vraag
3", "Vraag 1a". A label is a whole line (or heading) on its own; "vraag 7." at the end of a
wrapped sentence is not a label.

An answer such as "Zie het antwoord op vraag 7." or "Zie verder het antwoord op vraag 8"
refers to the answer given to that question.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_NUM = r"\d{1,4}[a-z]?(?!\d)"
NUMBERS = _NUM + r"(?:\s*(?:,|en|t/m|tot\s+en\s+met|[-–])?\s*" + _NUM + r")*"
_LABEL = re.compile(
    r"^(?P<kind>Vraag|Vragen|Antwoord|Antwoorden|VRAAG|ANTWOORD)"
    r"(?:\s+(?:op|bij)\s+(?:de\s+)?vra(?:ag|gen))?\s*(?P<nums>" + NUMBERS + r")?\s*[:.]?$")
# a label and its text on one line, set apart by a colon or bold: "Vraag 1: Bent u …"
INLINE = re.compile(r"^\s*(?P<label>(?:Vraag|Vragen|Antwoord)\s*(?:" + NUMBERS + r")?)"
                    r"(?:\s*:|\s*\*\*\s*:?)\s+(?P<text>\S.*)$")
_NOTICE = re.compile(r"^(?:Mededeling|MEDEDELING)\s*[:.]?$")
_FIRST = ("V", "A", "M")  # the first letter of every label and notice word above
_REFERS = re.compile(
    r"\b[Zz]ie\s+(?:ook\s+|verder\s+|daarvoor\s+(?:ook\s+)?|hiervoor\s+(?:ook\s+)?)?"
    r"(?:het\s+|de\s+|mijn\s+)?(?:antwoord(?:en)?|beantwoording)\s+(?:op|bij|onder|van)\s+"
    r"(?:de\s+)?vra(?:ag|gen)\s+"
    r"(?P<nums>" + NUMBERS + r")")


@dataclass(frozen=True, slots=True)
class Label:
    """A parsed label: kind ("vraag", "antwoord", "mededeling"), numbers, printed numbers."""

    kind: str
    numbers: tuple[str, ...]
    text: str


@functools.lru_cache(maxsize=4096)  # the footnote search asks about one line many times
def label(text: str) -> Label | None:
    """Parse a line as a label, or return None when it is not one."""
    text = text.strip().strip("*_").strip()
    if text[:1] not in _FIRST:  # a quick no for the many lines that are no label
        return None
    if _NOTICE.match(text):
        return Label("mededeling", (), "")
    m = _LABEL.match(text)
    if not m:
        return None
    kind = "vraag" if m["kind"].lower().startswith("vra") else "antwoord"
    nums = numbers(m["nums"] or "")
    return Label(kind, nums, " ".join((m["nums"] or "").split()))


def label_as(kind: str, printed: str) -> Label:
    """``printed`` read as a ``kind`` label whatever its word says (markup fixed the kind).

    Used where the structure of an XML or HTML item decides the kind: a ``vraag`` element
    labelled "Antwoord 2" is still question 2.
    """
    return Label(kind, numbers(printed), " ".join(re.sub(r"^\D*", "", printed).split()))


def numbers(text: str) -> tuple[str, ...]:
    """Expand "3, 4, 5 en 6", "7, 8, 9 10 en 11" or "4 t/m 6" into separate numbers."""
    text = re.sub(r"\s*(?:t/m|tot\s+en\s+met|[-–])\s*", "–", text)
    result: list[str] = []
    for token in re.findall(_NUM + r"(?:–" + _NUM + r")?", text):
        if "–" in token:
            first, last = token.split("–")
            if first.isdigit() and last.isdigit() and int(first) < int(last) <= int(first) + 50:
                result.extend(str(n) for n in range(int(first), int(last) + 1))
                continue
            result.extend((first, last))
        else:
            result.append(token)
    return tuple(dict.fromkeys(result))


def referred_questions(text: str) -> tuple[str, ...]:
    """Question numbers an answer refers to ("Zie het antwoord op vraag 7")."""
    if "ie" not in text:  # every reference says "Zie" or "zie" (most answers: none)
        return ()
    found: list[str] = []
    for m in _REFERS.finditer(text):
        found.extend(numbers(m["nums"]))
    return tuple(dict.fromkeys(found))
