"""References cited in footnotes and texts, as absolute IRIs.

Official publications become ``https://zoek.officielebekendmakingen.nl/{id}``:
"Kamerstuk 36 200 IV, nr. 25" → ``kst-36200-IV-25``; "Kamerstukken II 2023/24, 21 501-02,
nr. 2733" → ``kst-21501-02-2733``; "Aanhangsel van de Handelingen, vergaderjaar 2023–2024,
nr. 76" → ``ah-tk-20232024-76``; "Handelingen II 2023/24, nr. 28, item 3" →
``h-tk-20232024-28-3``; "Stb. 2023, 123" → ``stb-2023-123``; "Stcrt. 2024, 1234" →
``stcrt-2024-1234``. Court rulings by ECLI go to ``deeplink.rechtspraak.nl``, laws by BWB id
to ``wetten.overheid.nl``. URLs are kept as printed; a bare domain with a path
("nos.nl/artikel/1") or alone ("(volkskrant.nl)") gets ``https://``.
"""

from __future__ import annotations

import re

from kv2rdf.parsers._header import vergaderjaar

OEP = "https://zoek.officielebekendmakingen.nl/"
_URL = re.compile(r"\bhttps?://[^\s<>\"«»”]+|\bwww\.[^\s<>\"«»”]+", re.I)
_DOMAIN = re.compile(
    r"(?<![\w@./-])((?:[a-z0-9-]+\.)+(?:nl|com|org|eu|net|int|be|de|uk|gov|info|io|news|fm|tv)"
    r"(?:/[^\s<>\"«»”]*)?)(?![\w-])", re.I)
_KST = re.compile(
    r"Kamerstuk(?:ken)?(?:\s+(?:II|I|TK|EK))?(?:\s+\d{4}/\d{2,4})?\s*,?\s*"
    r"(?P<dossier>\d{2}\s?\d{3})(?:[\s-]+(?P<sub>(?:[A-Z]{1,3}|[IVXLC]+|\d{2}))\b)?"
    r"\s*,?\s*nrs?\.?\s*(?P<nums>\d+(?:\s*(?:,|en)\s*\d+)*)")
_AH = re.compile(
    r"Aanhangsel\s+(?:van\s+de\s+)?Handelingen(?:\s+(?P<kamer>II|I))?\s*,?\s*(?:vergaderjaar\s*)?"
    r"(?P<y1>\d{4})\s*[–/-]\s*(?P<y2>\d{2,4})\s*,?\s*(?:nrs?\.?\s*)?(?P<nums>\d+(?:\s*(?:,|en)"
    r"\s*\d+)*)")
_H = re.compile(r"(?<!Aanhangsel )Handelingen\s+(?P<kamer>II|I)\s*,?\s*(?:vergaderjaar\s+)?"
                r"(?P<y1>\d{4})\s*[/–-]\s*"
                r"(?P<y2>\d{2,4})\s*,\s*nr\.?\s*(?P<nr>\d+)\s*,\s*item\s+(?P<item>\d+)")
_STB = re.compile(r"\b(?P<kind>Stb|Stcrt|Trb)\.?\s+(?P<year>\d{4})\s*,\s*(?:nr\.?\s*)?(?P<nr>\d+)")
_ECLI = re.compile(r"\bECLI:[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9.]{1,25}[A-Z0-9]")
_BWB = re.compile(r"\bBWB[RV]\d{7}\b")
_OEP_ID = re.compile(r"\b((?:kst|ah-tk|ah-ek|h-tk|h-ek|stb|stcrt|trb|kv-tk|kv-ek)-[0-9A-Za-z-]+"
                     r"[0-9A-Za-z])\b")


def references(text: str) -> tuple[str, ...]:
    """All references in ``text``, in order of appearance, without duplicates."""
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for m in _URL.finditer(text):
        url = m.group(0).rstrip(".,;:)]'")
        if url.count("(") < url.count(")"):
            url = url[: url.rfind(")")]
        found.append((m.start(), url if "://" in url else "https://" + url))
        taken.append((m.start(), m.start() + len(url)))
    for m in _DOMAIN.finditer(text):
        if not any(a <= m.start() < b for a, b in taken):
            domain, _, path = m.group(1).rstrip(".,;:)").partition("/")
            found.append((m.start(), "https://" + domain.lower() + (f"/{path}" if _ else "")))
    for m in _KST.finditer(text):
        dossier = m["dossier"].replace(" ", "")
        sub = f"-{m['sub']}" if m["sub"] else ""
        found.extend((m.start(), f"{OEP}kst-{dossier}{sub}-{n}") for n in re.findall(r"\d+",
                                                                                      m["nums"]))
    for m in _AH.finditer(text):
        chamber = "ek" if m["kamer"] == "I" else "tk"
        year = vergaderjaar(m["y1"], m["y2"]).replace("-", "")
        found.extend((m.start(), f"{OEP}ah-{chamber}-{year}-{n}")
                     for n in re.findall(r"\d+", m["nums"]))
    for m in _H.finditer(text):
        chamber = "ek" if m["kamer"] == "I" else "tk"
        year = vergaderjaar(m["y1"], m["y2"]).replace("-", "")
        found.append((m.start(), f"{OEP}h-{chamber}-{year}-{m['nr']}-{m['item']}"))
    for m in _STB.finditer(text):
        found.append((m.start(), f"{OEP}{m['kind'].lower()}-{m['year']}-{m['nr']}"))
    for m in _ECLI.finditer(text):
        found.append((m.start(), f"https://deeplink.rechtspraak.nl/uitspraak?id={m.group(0)}"))
    for m in _BWB.finditer(text):
        if not any(a <= m.start() < b for a, b in taken):
            found.append((m.start(), f"https://wetten.overheid.nl/{m.group(0)}"))
    for m in _OEP_ID.finditer(text):
        if not any(a <= m.start() < b for a, b in taken):
            found.append((m.start(), OEP + m.group(1)))
    return tuple(dict.fromkeys(url for _, url in sorted(found, key=lambda p: p[0])))


# A re-issued publication says so in a sentence naming a version and what happened to it:
# "Deze versie vervangt de eerder gepubliceerde versie (Aanhangsel Handelingen II 2023/24,
# nr. 1234)", "Een eerdere versie van dit antwoord (nr. 1234) is offline gehaald".
_REISSUE = re.compile(r"\b(?:vervang\w*|ter\s+vervanging|offline|ingetrokken|teruggetrokken|"
                      r"verwijderd|gecorrigeerde|herdruk|heruitgave)\b", re.I)
_VERSION = re.compile(r"\b(?:versie|herdruk|heruitgave|publicatie)\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z«(])")
_AH_ID = re.compile(r"\bah-(?:tk|ek)-\d{8}-\d+\b")
_NUMBER = re.compile(r"\b(?:nr|nummer|Aanhangsel)\.?\s*(\d{1,5})\b", re.I)


def replaced(texts: list[str], vergaderjaar: str | None,
             chamber: str = "tk") -> tuple[str | None, str | None]:
    """The OEP id a re-issued publication replaces, and the sentence that says so.

    ``(None, sentence)`` when a sentence says the publication is re-issued but names no number;
    ``(None, None)`` when nothing says so. A bare "nr. 1234" is read in ``vergaderjaar``.
    """
    for text in texts:
        for sentence in _SENTENCE_END.split(text):
            if not (_REISSUE.search(sentence) and _VERSION.search(sentence)):
                continue
            if m := _AH_ID.search(sentence):
                return m[0], sentence
            if m := _AH.search(sentence):
                kamer = "ek" if m["kamer"] == "I" else chamber
                number = re.findall(r"\d+", m["nums"])[0]
                return f"ah-{kamer}-{vergaderjaar_of(m['y1'], m['y2'])}-{number}", sentence
            if (m := _NUMBER.search(sentence)) and vergaderjaar:
                return f"ah-{chamber}-{vergaderjaar.replace('-', '')}-{m[1]}", sentence
            return None, sentence
    return None, None


def vergaderjaar_of(first: str, second: str) -> str:
    """"2023", "24" → "20232024", as in an OEP id."""
    return vergaderjaar(first, second).replace("-", "")
