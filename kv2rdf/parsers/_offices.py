"""Posts (offices) of ministers and state secretaries, as addressed and as answering.

Addressee phrases expand to one post each: "de Minister-President en de Ministers van A, van
B … en van Z"; "de Staatssecretaris van A en de Minister van B"; "de Staatssecretaris en de
Minister van A" (both of A); "de Ministers van Buitenlandse Zaken en voor Buitenlandse Handel
en Ontwikkelingssamenwerking"; "de Minister Justitie en Veiligheid" (the "van" dropped).
The publisher's typos name the same office: "Staatsecretaris", "Volksgezondheid Welzijn en
Sport" (commas missing); a post takes the canonical title and ministry name, so one office
has one label whatever was printed.
Ministry names contain "en" and commas themselves, so portfolios are split only where a new
"van"/"voor" starts.

Answerers are printed as "Minister Helder (Volksgezondheid, Welzijn en Sport)": the
portfolio in brackets is a ministry ("van") or, for a minister without portfolio, the
portfolio itself ("voor"): "Minister Helder (Langdurige Zorg en Sport)". Also printed:
"Minister-President Rutte, Minister van Algemene Zaken" (the office after a comma) and the
office alone ("Minister-President, Minister van Algemene Zaken": one post, no person).
"""

from __future__ import annotations

import re

from kv2rdf import ministries
from kv2rdf.model import Answerer, Post
from kv2rdf.parsers._people import person
from kv2rdf.parsers._text import squash

TITLE = (r"Vice-?minister-?president|Minister-?president|Ministers?|Staats?secretariss?e?n?"
         r"|Viceministers?")
_OFFICE_SPLIT = re.compile(r"(?:,\s*|\s+en\s+)(?=(?:de|het)\s+(?:" + TITLE + r")\b)", re.I)
_OFFICE = re.compile(r"^(?:de|het)?\s*(" + TITLE + r")\b\s*(.*)$", re.I | re.S)
_PORTFOLIO_SPLIT = re.compile(r"(?:,\s*|\s+en\s+)(?=(?:van|voor)\s)")
_SIGNER = re.compile(r"(?:^|\s)(" + TITLE + r")\s+([^()]+?)\s*\(([^()]+)\)", re.I)
# "Minister-President Rutte, Minister van Algemene Zaken": the signer's office after a comma
_SIGNER_COMMA = re.compile(r"(?:^|\s)(" + TITLE + r")\s+([A-Z][^,()]*?)\s*,\s*(?:de\s+)?("
                           + TITLE + r")\b\s*(?:(van|voor)\s+)?([^()]*)$", re.I)
_DASH = re.compile(r"\s+[–—-]\s+")


def normal_title(title: str) -> str:
    """Singular, capitalised title: "Ministers" → "Minister", "minister-president" → …."""
    t = title.lower().replace(" ", "")
    if "president" in t:
        return "Viceminister-President" if t.startswith("vice") else "Minister-President"
    if t.startswith(("staatssecretaris", "staatsecretaris")):  # the second a printed typo
        return "Staatssecretaris"
    return "Viceminister" if t.startswith("vice") else "Minister"


def post(title: str, preposition: str | None = None, portfolio: str | None = None) -> Post:
    """Build a post, deciding "van"/"voor" and the ministry from the reference table."""
    title = normal_title(title)
    if title == "Minister-President":
        return Post(title, "van", "Algemene Zaken", "Algemene Zaken")
    if not portfolio:
        return Post(title)
    detail = None
    parts = _DASH.split(squash(portfolio), maxsplit=1)
    if len(parts) == 2:
        portfolio, detail = parts
    portfolio = squash(portfolio).strip(" ,.")
    found = ministries.ministry(portfolio)
    voor_name = ministries.canonical_portfolio(portfolio)
    if voor_name and (preposition == "voor" or not found):
        home = ministries.portfolio_ministry(portfolio)
        return Post(title, "voor", voor_name, home.name if home else None, detail)
    if found and preposition != "voor":
        if ministries.fold(found.abbreviation) == ministries.fold(portfolio) or (
                ministries.fold(found.name) == ministries.fold(portfolio)):
            portfolio = found.name
        return Post(title, "van", portfolio, found.name, detail)
    return Post(title, preposition or "voor", portfolio, None, detail)


def addressees(text: str) -> tuple[Post, ...]:
    """Expand an addressee phrase into one post per office."""
    result: list[Post] = []
    pending: list[str] = []
    for phrase in _OFFICE_SPLIT.split(squash(text)):
        m = _OFFICE.match(phrase.strip())
        if not m:
            continue
        title, rest = m.group(1), m.group(2).strip(" ,.")
        if not rest:
            pending.append(title)
            continue
        portfolios = [_portfolio(p) for p in _PORTFOLIO_SPLIT.split(rest)]
        for waiting in pending:
            result.append(post(waiting, *portfolios[0]))
        pending = []
        result.extend(post(title, prep, pf) for prep, pf in portfolios)
    result.extend(post(t) for t in pending)
    return tuple(dict.fromkeys(result))


def _portfolio(part: str) -> tuple[str | None, str]:
    m = re.match(r"^(van|voor)\s+(.*)$", part.strip(), re.S)
    return (m.group(1), m.group(2)) if m else (None, part.strip())


def answerers(text: str) -> tuple[Answerer, ...]:
    """Parse "Minister X (Portfolio)[, mede namens de Minister van …]" into answerers."""
    signed, behalf = (re.split(r",?\s*\bmede\s+namens\s+", squash(text), maxsplit=1) + [""])[:2]
    result = [Answerer(post(t, None, pf), person(name))
              for t, name, pf in _SIGNER.findall(signed)]
    if not result and (m := _SIGNER_COMMA.search(signed)) and not re.match(TITLE, m[2], re.I):
        first = post(m[1])
        office = first if first.title == "Minister-President" else post(m[3], m[4], m[5])
        result.append(Answerer(office, person(m[2])))
    if not result:
        result.extend(Answerer(p) for p in addressees(signed))
    result.extend(Answerer(p) for p in addressees(behalf))
    return tuple(dict.fromkeys(result))
