"""Reference table of Dutch ministries (ministeries) and the posts that belong to them.

TOOI organisation codes come from the official TOOI value list of ministries
(``https://identifier.overheid.nl/tooi/id/ministerie/mnreNNNN``). A ministry that was renamed
keeps its code, so older names map to the same code ("Infrastructuur en Milieu" →
``mnre1130``). Ministers without portfolio (*Minister voor …*) belong to the ministry that
houses them ("Minister voor Rechtsbescherming" → Justitie en Veiligheid).

This module is plain data plus a lookup; it is shared by the parsers (to tell a ministry from
a portfolio) and by the mapping (to point ``org:postIn`` at the TOOI IRI).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Ministry:
    """A ministry: canonical name (without "ministerie van"), TOOI code, abbreviation."""

    name: str
    code: str
    abbreviation: str


MINISTRIES: tuple[Ministry, ...] = (
    Ministry("Algemene Zaken", "mnre1010", "AZ"),
    Ministry("Asiel en Migratie", "mnre1162", "AenM"),
    Ministry("Binnenlandse Zaken en Koninkrijksrelaties", "mnre1034", "BZK"),
    Ministry("Buitenlandse Zaken", "mnre1013", "BZ"),
    Ministry("Defensie", "mnre1018", "Def"),
    Ministry("Economische Zaken en Klimaat", "mnre1045", "EZK"),
    Ministry("Financiën", "mnre1090", "Fin"),
    Ministry("Infrastructuur en Waterstaat", "mnre1130", "IenW"),
    Ministry("Justitie en Veiligheid", "mnre1058", "JenV"),
    Ministry("Klimaat en Groene Groei", "mnre1182", "KGG"),
    Ministry("Landbouw, Natuur en Voedselkwaliteit", "mnre1153", "LNV"),
    Ministry("Onderwijs, Cultuur en Wetenschap", "mnre1109", "OCW"),
    Ministry("Sociale Zaken en Werkgelegenheid", "mnre1073", "SZW"),
    Ministry("Volksgezondheid, Welzijn en Sport", "mnre1025", "VWS"),
    Ministry("Volkshuisvesting en Ruimtelijke Ordening", "mnre1171", "VRO"),
    Ministry("Verkeer en Waterstaat", "mnre0170", "VenW"),
    Ministry("Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer", "mnre0180", "VROM"),
)

# Former names and abbreviations of the same organisation (same TOOI code).
_ALIASES: dict[str, str] = {
    "Economische Zaken": "Economische Zaken en Klimaat",
    "Economische Zaken, Landbouw en Innovatie": "Economische Zaken en Klimaat",
    "EZ": "Economische Zaken en Klimaat",
    "ELI": "Economische Zaken en Klimaat",
    "Infrastructuur en Milieu": "Infrastructuur en Waterstaat",
    "IenM": "Infrastructuur en Waterstaat",
    "Veiligheid en Justitie": "Justitie en Veiligheid",
    "VenJ": "Justitie en Veiligheid",
    "Justitie": "Justitie en Veiligheid",
    "Landbouw, Visserij, Voedselzekerheid en Natuur": "Landbouw, Natuur en Voedselkwaliteit",
    "LVVN": "Landbouw, Natuur en Voedselkwaliteit",
    "Buza": "Buitenlandse Zaken",
    "Financien": "Financiën",
    "I&W": "Infrastructuur en Waterstaat",
    "J&V": "Justitie en Veiligheid",
}

# Ministers without portfolio ("Minister voor …") and the ministry that houses them.
POSTS_WITHOUT_PORTFOLIO: dict[str, str] = {
    "Rechtsbescherming": "Justitie en Veiligheid",
    "Migratie": "Justitie en Veiligheid",
    "Vreemdelingenzaken en Integratie": "Justitie en Veiligheid",
    "Immigratie, Integratie en Asiel": "Binnenlandse Zaken en Koninkrijksrelaties",
    "Langdurige Zorg en Sport": "Volksgezondheid, Welzijn en Sport",
    "Medische Zorg": "Volksgezondheid, Welzijn en Sport",
    "Medische Zorg en Sport": "Volksgezondheid, Welzijn en Sport",
    "Jeugd en Gezin": "Volksgezondheid, Welzijn en Sport",
    "Klimaat en Energie": "Economische Zaken en Klimaat",
    "Natuur en Stikstof": "Landbouw, Natuur en Voedselkwaliteit",
    "Primair en Voortgezet Onderwijs": "Onderwijs, Cultuur en Wetenschap",
    "Basis- en Voortgezet Onderwijs en Media": "Onderwijs, Cultuur en Wetenschap",
    "Volkshuisvesting en Ruimtelijke Ordening": "Binnenlandse Zaken en Koninkrijksrelaties",
    "Wonen en Rijksdienst": "Binnenlandse Zaken en Koninkrijksrelaties",
    "Bestuurlijke Vernieuwing en Koninkrijksrelaties": "Binnenlandse Zaken en Koninkrijksrelaties",
    "Buitenlandse Handel en Ontwikkelingssamenwerking": "Buitenlandse Zaken",
    "Ontwikkelingssamenwerking": "Buitenlandse Zaken",
    "Europese Zaken": "Buitenlandse Zaken",
    "Armoedebeleid, Participatie en Pensioenen": "Sociale Zaken en Werkgelegenheid",
    "Wonen, Wijken en Integratie": "Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer",
}


# The ministry keys of the reference data (`kv2rdf.reference`: ``org:min-bzk``) and their TOOI
# codes; a post recorded there under a ministry's part (``onderdeel``) belongs to the ministry.
REFERENCE_KEYS: dict[str, str] = {
    "org:min-aenm": "mnre1162", "org:min-az": "mnre1010", "org:min-bz": "mnre1013",
    "org:min-bzk": "mnre1034", "org:min-def": "mnre1018", "org:min-ezk": "mnre1045",
    "org:min-fin": "mnre1090", "org:min-ienw": "mnre1130", "org:min-jenv": "mnre1058",
    "org:min-kgg": "mnre1182", "org:min-lvvn": "mnre1153", "org:min-ocw": "mnre1109",
    "org:min-szw": "mnre1073", "org:min-vro": "mnre1171", "org:min-vws": "mnre1025",
    "org:onderdeel-sg-min-vws": "mnre1025",
}


# The current official name of each TOOI code, for labelling the ministry IRI once.
OFFICIAL_NAMES: dict[str, str] = {
    "mnre1045": "Economische Zaken",
    "mnre1153": "Landbouw, Visserij, Voedselzekerheid en Natuur",
}


def official_name(code: str) -> str:
    """The current name of the ministry with TOOI code ``code``."""
    return OFFICIAL_NAMES.get(code) or next(m.name for m in MINISTRIES if m.code == code)


def fold(text: str) -> str:
    """Fold text for lookups: no accents, lower case, "&" as "en", no commas, no spaces.

    Commas and spaces are left out because the publisher sometimes drops commas ("Volksgezondheid
    Welzijn en Sport") and text extraction spaces ("Zaken enKoninkrijksrelaties"); no two
    ministries or portfolios differ by those only.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("&", "en").replace("–", "-")
    return re.sub(r"[\s,.]+", "", text)


_BY_KEY: dict[str, Ministry] = {}
for _m in MINISTRIES:
    _BY_KEY[fold(_m.name)] = _m
    _BY_KEY[fold(_m.abbreviation)] = _m
for _alias, _name in _ALIASES.items():
    _BY_KEY[fold(_alias)] = _BY_KEY[fold(_name)]
_VOOR_KEYS = {fold(k): k for k in POSTS_WITHOUT_PORTFOLIO}


def ministry(name: str) -> Ministry | None:
    """The ministry called ``name`` (canonical name, former name or abbreviation), or None."""
    return _BY_KEY.get(fold(name))


def portfolio_ministry(portfolio: str) -> Ministry | None:
    """The ministry of a "voor" portfolio ("Rechtsbescherming" → Justitie en Veiligheid)."""
    key = _VOOR_KEYS.get(fold(portfolio))
    return ministry(POSTS_WITHOUT_PORTFOLIO[key]) if key else None


def canonical_portfolio(portfolio: str) -> str | None:
    """The canonical spelling of a known "voor" portfolio, or None."""
    return _VOOR_KEYS.get(fold(portfolio))
