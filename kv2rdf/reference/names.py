"""Name folding and family-name keys for matching printed names to reference persons.

A printed name ("Van Dijk", "Kostic", "Faber-van de Klashorst") is compared with the family
name of a person *including* the tussenvoegsel ("van Dijk"), ignoring case, accents and the
spacing around hyphens. "Dijk" (Jimmy Dijk) therefore never equals "Van Dijk".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that Unicode does not decompose into a base letter and a combining mark.
_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ł": "l", "Ł": "L",
                          "đ": "d", "Đ": "D", "ı": "i", "œ": "oe", "Œ": "OE", "þ": "th"})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_DASHES = re.compile(r"\s*[-‐‑‒–—]\s*")

# Tussenvoegsels: the lower-case particles printed before a Dutch family name.
PARTICLES = frozenset({"van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "in", "op",
                       "aan", "la", "le", "du", "des", "d'", "von", "zu", "da", "di", "dos",
                       "el", "al", "bij", "uit", "'s", "vd"})
_HONORIFIC = re.compile(r"^(?:[a-z]+\.)+$|^(?:prof|mr|dr|drs|ir|ing|bc|ds)\.?$", re.IGNORECASE)
_DEGREE = re.compile(r"^(?:MSc|MA|LLM|MBA|PhD|BSc|BA|MPhil|Msc|jr\.|sr\.)$")
_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.)+$")


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Fold a name for comparison: no accents, lower case, one spacing of hyphens and blanks."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_LETTERS).translate(_APOSTROPHES))
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold()
    return re.sub(r"\s+", " ", _DASHES.sub("-", text)).strip(" .,")


def _bare_words(full: str) -> list[str]:
    """The words of a full name without honorifics, degrees and initials."""
    words = full.split()
    while words and (_HONORIFIC.match(words[0]) or _INITIALS.match(words[0])):
        words.pop(0)
    while words and _DEGREE.match(words[-1]):
        words.pop()
    return words


def _extend(words: list[str], family: str) -> str | None:
    """``family`` with the tussenvoegsel that precedes it in ``words`` ("de" + "Jonge")."""
    family_words = family.split()
    n = len(family_words)
    if n == 0 or len(words) < n or [fold(w) for w in words[-n:]] != [fold(w) for w in
                                                                     family_words]:
        return None
    prefix = words[:-n]
    taken: list[str] = []
    hyphened = False
    while prefix:
        word = prefix[-1]
        head, _, tail = word.rpartition("-")
        if word.casefold() in PARTICLES and word[:1].islower():
            taken.insert(0, prefix.pop())
        elif head and tail.casefold() in PARTICLES and not hyphened:
            taken.insert(0, prefix.pop())  # "Gräper-van" in "Gräper-van Koolwijk"
            hyphened = True
        else:
            break
    return " ".join([*taken, *family_words])


def family_names(full: str, family: str, given: str | None) -> tuple[str, ...]:
    """The family names (with tussenvoegsel) a reference person may be printed under.

    The first is the display form. ``family`` is the recorded family name, which in some
    records lacks its tussenvoegsel ("Jonge" for Hugo de Jonge) or is split wrongly
    ("Koolwijk" for F.Q. Gräper-van Koolwijk); the full name repairs both. A recorded given
    name of several words may have swallowed the first part of a double family name
    ("Marlies Veldhuijzen" van Zanten), so the full name after its first word is kept too.
    """
    words = _bare_words(full)
    extended = _extend(words, family) if family else None
    given_words = (given or "").split()
    rest = None
    if given_words and [fold(w) for w in words[:len(given_words)]] == [fold(w) for w in
                                                                       given_words]:
        rest = " ".join(words[len(given_words):]) or None
    elif not given_words and words:
        rest = " ".join(words)
    recorded = family if fold(family) in fold(" ".join(words)) else None
    if extended:
        found = [n for n in (extended, rest) if n]
    else:
        found = [n for n in (rest, recorded) if n] or words[-1:]
    if extended and extended != family and len(given_words) > 1 and len(words) > 2:
        found.append(" ".join(words[1:]))  # "Veldhuijzen van Zanten"
    unique: dict[str, str] = {}
    for name in found:
        key = fold(name)
        if not any(k.endswith(" " + key) or k.endswith("-" + key) for k in unique):
            unique.setdefault(key, name)
    return tuple(unique.values())


def slug(text: str) -> str:
    """A lower-case ASCII slug of ``text``; never empty."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"
