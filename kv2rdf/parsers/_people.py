"""Askers and their parties, from the header phrase "van het lid X (P)" / "van de leden …".

Forms seen in real headers: "het lid Erdmans (JA21)"; "de leden Chakor (GroenLinks-PvdA) en
Palmen (Nieuw Sociaal Contract)"; "de leden Sneller (D66), Chakor (GroenLinks-PvdA) en Van
Nispen (SP)"; "het lid Van Eijk en Aartsen (beiden VVD)" (singular "lid" with two names);
"Faber-van de Klashorst(PVV)" (no space); "Inge vanDijk (CDA)" (a given name printed to tell
two members apart, the space lost by the extraction); "Yeş ilgöz-Zegerius" (pdfminer puts a
space after a letter whose accent it recombined: the name is "Yeşilgöz-Zegerius").
"""

from __future__ import annotations

import re
import unicodedata

from kv2rdf.model import Asker, Person
from kv2rdf.parsers._text import squash

_PREFIXES = {"van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "in", "op", "la", "le",
             "du", "d'", "von", "el", "al"}
_GLUED_PREFIX = re.compile(r"(?<![\w-])(van|de|der|den|ter|ten)(?=[A-Z][a-z])")
_LEAD = re.compile(r"^\s*(?:van\s+)?(?:het|de)\s+(?:Kamer)?(?:lid|leden)\b\s*", re.IGNORECASE)
_GROUP = re.compile(r"([^()]*?)\s*\(([^()]*)\)")
_SPLIT_NAMES = re.compile(r"\s*,\s*|\s+en\s+")
_PARTY_LEAD = re.compile(r"^(?:beiden|beide|allen|alle)\s+", re.IGNORECASE)


def person(name: str) -> Person:
    """Split a printed name into given and family name.

    Only a capitalised first word followed by a lower-case prefix ("Inge van Dijk") is read as
    a given name; "Bruins Slot", "Van Haga" and "De Jonge" are family names as a whole.
    Initials ("A.G. Wolbert") are kept in the name and left out of the family name.
    """
    name = _rejoin_accented(squash(_GLUED_PREFIX.sub(r"\1 ", squash(name).strip(" ,.*_"))))
    family = re.sub(r"^(?:[A-Z][a-z]?\.\s*)+", "", name).strip() or name
    tokens = family.split(" ")
    if (len(tokens) > 2 and tokens[0].isalpha() and tokens[0][:1].isupper()
            and tokens[0].lower() not in _PREFIXES and tokens[1] in _PREFIXES):
        return Person(name=name, family_name=" ".join(tokens[1:]), given_name=tokens[0])
    return Person(name=name, family_name=family)


def _rejoin_accented(name: str) -> str:
    """Join a name part that starts in lower case (and is no prefix) to an accented part.

    "Yeş ilgöz-Zegerius" → "Yeşilgöz-Zegerius": the space follows a recombined accent.
    """
    tokens = name.split(" ")
    out = tokens[:1]
    for token in tokens[1:]:
        last = unicodedata.normalize("NFD", out[-1][-1:])
        if (token[:1].islower() and token.lower() not in _PREFIXES and len(last) > 1
                and unicodedata.combining(last[-1])):
            out[-1] += token
        else:
            out.append(token)
    return " ".join(out)


def askers(text: str) -> tuple[tuple[Asker, ...], list[str]]:
    """Parse the askers phrase; return the askers and messages about anything left unplaced."""
    text = _LEAD.sub("", squash(text))
    found: list[Asker] = []
    problems: list[str] = []
    end = 0
    for m in _GROUP.finditer(text):
        party = _PARTY_LEAD.sub("", squash(m.group(2))) or None
        names = _names(m.group(1))
        if not names:
            problems.append(f"party ({party}) without a name in {text!r}")
        found.extend(Asker(person(n), party) for n in names)
        end = m.end()
    for name in _names(text[end:]):
        problems.append(f"asker {name!r} printed without a party")
        found.append(Asker(person(name), None))
    return tuple(found), problems


def _names(part: str) -> list[str]:
    part = re.sub(r"^\s*(?:,|\ben\b)\s*", "", part.strip())
    return [n for n in (squash(x) for x in _SPLIT_NAMES.split(part)) if n and n != "en"]
