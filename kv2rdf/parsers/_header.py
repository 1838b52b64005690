"""The header sentences of a Kamervragen document and the furniture around them.

Questions: "Vragen van het lid X (P) aan de Minister van Y over Z (ingezonden 15 februari
2024)." Reply: "Antwoord van Minister X (Portfolio)[, mede namens …] (ontvangen 16 februari
2024). Zie ook Aanhangsel Handelingen, vergaderjaar 2023–2024, nr. 1047." or "Mededeling van
…". Printed quirks handled: "(ontvangen (ontvangen 7 juni 2024)", "vergaderjaar 2023–2024,
1028" (no "nr."), "nrs. 1047 en 1059". The Aanhangsel preamble supplies the vergaderjaar and
the number ("Vergaderjaar 2023–2024 Aanhangsel van de Handelingen … 1481 Vragen van …").

Other forms of the questions sentence: "Vraag van het lid …" (a single question) and
"Mondelinge vragen van het lid …" (oral questions, published in the same series with only
this header; the "(ingezonden …)" date may be missing there).

Text extracted by other tools glues words at line ends and splits accents from their letters;
`normalise` undoes what the header grammar depends on: "Zaken(ontvangen" → "Zaken
(ontvangen", "augustus2024" → "augustus 2024", "(ontvangen (ontvangen 27 augustus 2024)" →
"(ontvangen 27 augustus 2024)", "Kostic ´" → "Kostić", "Yes¸ ilgöz" → "Yeşilgöz",
"Klashorst(PVV)" → "Klashorst (PVV)", "Ministervan" → "Minister van", "vanFinanciën" →
"van Financiën". "overhet verdwijnen" (the subject's
"over" glued to an article) is read by the sentence pattern itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from kv2rdf.model import Asker, Post, Reply, ReplyKind
from kv2rdf.parsers import _offices, _people
from kv2rdf.parsers._text import DATE_PATTERN, HAS_ACCENT, MONTHS, clean, parse_date, squash

# "over", "aan", "van" glued to the article after them by a lost line end ("overhet")
_GLUED = r"(?:\s+|(?=(?:het|de|een|uw|haar|zijn)\s))"
_KIND = r"(?P<kind>Mondelinge\s+[Vv]ragen|Vragen|Vraag)"
_SENTENCE = (_KIND + r"\s+van" + _GLUED + r"(?P<askers>.+?)(?:\s+aan" + _GLUED
             + r"(?P<addr>.+?))?\s+over" + _GLUED + r"(?P<subject>.+?)")
_QUESTIONS = re.compile(
    _SENTENCE + r"\s*\(\s*ingezonden\s*(?:op\s+)?(?P<date>" + DATE_PATTERN
    + r")\s*\)\s*\.?", re.S)
# oral questions may come without the "(ingezonden …)" date: the sentence ends at its full stop
_ORAL = re.compile(
    _SENTENCE.replace("(?P<kind>", "(?P<kind>(?=Mondelinge)") + r"(?:\s*\(\s*(?:ingezonden|"
    r"ingediend|gesteld)\s*(?:op\s+)?(?P<date>" + DATE_PATTERN + r")\s*\)\s*\.?|\.(?=\s|$)|$)",
    re.S)
_ACCENTS = "\u00b4\u00b8\u00a8\u02c7\u02c6\u02dc\u02d8\u02da\u02db"
# "Kostic ´ (PvdD)": an accent (spacing or combining) split from its letter by a space
_SPLIT_ACCENT = re.compile(r"(?<=[A-Za-z])\s+(?=[" + _ACCENTS + r"\u0300-\u036f](?:[\s(),.;:]|$))")
# "Yes¸ ilgöz": the accent stays with its letter, a space is put after it
_SPACE_AFTER_ACCENT = re.compile(r"(?<=[A-Za-z][" + _ACCENTS + r"])\s+(?=[a-zà-ÿ])")
# "Zaken(ontvangen", "Klashorst(PVV)": a bracket glued to the word before it
# (the bracket is matched first and the letter before it looked back at: faster, same matches)
_GLUED_PAREN = re.compile(r"\((?:(?<=\S\()(?=\s*(?:ontvangen|ingezonden)\b)"
                          r"|(?<=[a-zà-ÿ]\()(?=[A-Z]))")
# "Ministervan Financiën", "vanBinnenlandse Zaken", "Vragenvan": header words glued
# (the lookahead only spares the engine trying every word: both words start with V, M, S or v)
_GLUED_WORDS = re.compile(r"(?=[VMSv])(?:\b(Vragen|Vraag|Ministers|Minister|"
                          r"Staatss?ecretarissen|Staatss?ecretaris|Minister-President)"
                          r"(van|voor|en)\b|\b(van|voor)(?=[A-Z][a-zà-ÿ]))")
# what `clean` deletes: control characters, soft hyphens, zero-width spaces, "(cid:N)"
_VANISHING = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u00ad\u200b\ufeff]|\(cid:\d+\)")
_SPACE_COMMA = re.compile(r"(?<=\w) +(?=,)")
_DOUBLED = re.compile(r"\(\s*(ontvangen|ingezonden)\s*(?:\(\s*)?\1\b")
_GLUED_YEAR = re.compile(r"(?<=\d)(\s*(?:" + "|".join(sorted(MONTHS, key=len, reverse=True))
                         + r")\.?)(?=(?:19|20)\d{2}\b)")
_MAYBE_GLUED_YEAR = re.compile(r"[A-Za-z.](?:19|20)\d\d")  # what _GLUED_YEAR needs
_REPLY_KIND = r"(?:Nadere?\s+)?(?:Antwoord|Mededeling)(?:en)?"
_REPLY = re.compile(
    r"(?P<kind>" + _REPLY_KIND + r")\s+van\s+(?P<who>.+?)\s*"
    r"\(\s*(?:ontvangen\s*\(\s*)?ontvangen\s*(?:op\s+)?(?P<date>" + DATE_PATTERN
    + r")\s*\)\s*\)?\s*\.?", re.S)
_SEE_ALSO = re.compile(
    r"Zie\s+ook\s+(?:het\s+)?Aanhangsel\s+(?:van\s+de\s+)?Handelingen(?:\s+II)?\s*,?\s*"
    r"(?:vergaderjaar\s*)?(?P<y1>\d{4})\s*[–/-]\s*(?P<y2>\d{2,4})\s*,?\s*(?:nrs?\.?\s*)?"
    r"(?P<nums>\d+(?:\s*(?:,|en)\s*\d+)*)")
_YEARS = re.compile(r"(\d{4})\s*[–/-]\s*(\d{2,4})")  # "2023–2024", "2023/24"
_VERGADERJAAR = re.compile(r"[Vv]ergaderjaar\s+" + _YEARS.pattern)
#: A paragraph that opens the reply sentence ("Antwoord van …", "Mededeling van …").
REPLY_START = re.compile(r"^\s*" + _REPLY_KIND + r"\s+van\b")
_OEP_ID = re.compile(r"\b((?:ah|kv)-(?:tk|ek)-[0-9]{8}-[0-9]+(?:-[a-z0-9]+)?|kv-(?:tk|ek)-"
                     r"\d{4}Z\d{5})\b")
ZAAKNUMMER = re.compile(r"\b((?:19|20)\d{2}Z\d{5})\b")


@dataclass(frozen=True, slots=True)
class QuestionsHeader:
    """What the "Vragen van …" sentence says."""

    title: str
    askers: tuple[Asker, ...]
    addressees: tuple[Post, ...]
    subject: str
    submitted: date | None
    end: int
    problems: list[str] = field(default_factory=list)
    kind: str = "vragen"  # "vragen", "vraag" (one question) or "mondeling" (oral questions)


def normalise(text: str) -> str:
    """Undo what text extraction did to the header: glued words, doubled phrases, accents.

    Each substitution runs only when the text holds what it looks for (an accent, a bracket,
    " ,", a month glued to a year): most paragraphs hold none, and this runs on every one.
    """
    if HAS_ACCENT.search(text):
        text = _SPACE_AFTER_ACCENT.sub("", _SPLIT_ACCENT.sub("", text))
    text = clean(text)
    if "(" in text:
        text = _GLUED_PAREN.sub(" (", text)
    if " ," in text:
        text = _SPACE_COMMA.sub("", text)  # "Sneller , Bamenga"
    if "(" in text:
        text = _DOUBLED.sub(r"(\1", text)
    text = _GLUED_WORDS.sub(lambda m: f"{m[1]} {m[2]}" if m[1] else f"{m[3]} ", text)
    return _GLUED_YEAR.sub(r"\1 ", text) if _MAYBE_GLUED_YEAR.search(text) else text


def vergaderjaar(first: str, second: str) -> str:
    """Normalise "2023", "24" or "2024" to "2023-2024"."""
    return f"{first}-{second if len(second) == 4 else first[:2] + second}"


def vergaderjaar_in(text: str) -> str | None:
    """The first vergaderjaar in ``text`` ("2023–2024", "2023/24") as "2023-2024", if any."""
    m = _YEARS.search(text)
    return vergaderjaar(m[1], m[2]) if m else None


def questions(text: str) -> QuestionsHeader | None:
    """Find and parse the "Vragen van …" sentence in the header text.

    ``text`` should be `normalise`d already (positions refer to it); it is normalised again
    here, which changes nothing then.
    """
    text = normalise(text)
    m = _sentence(text)
    if not m:
        return None
    askers, problems = _people.askers(m["askers"])
    posts = _offices.addressees(m["addr"] or "")
    if not posts:
        problems.append(f"no addressee found in {squash(m['addr'] or '')!r}")
    title = squash(text[m.start():m.start("subject")]) + " " + squash(m["subject"])
    kind = m["kind"].lower()
    kind = "mondeling" if kind.startswith("mondeling") else kind
    return QuestionsHeader(title, askers, posts, squash(m["subject"]),
                           parse_date(m["date"]) if m["date"] else None, m.end(), problems,
                           kind)


def _sentence(text: str) -> re.Match[str] | None:
    """The questions sentence in normalised ``text``, if any.

    The written form needs "ingezonden", the oral one "Mondelinge": a text without either
    word is not searched (the patterns are slow to fail on long paragraphs).
    """
    found = _QUESTIONS.search(text) if "ingezonden" in text else None
    return found or (_ORAL.search(text) if "Mondelinge" in text else None)


def has_questions(text: str) -> bool:
    """True when ``text`` (a paragraph) holds a whole questions sentence."""
    # the sentence needs "ingezonden" or "Mondelinge", and `normalise` only ever joins
    # letters by dropping what `_VANISHING` matches: a paragraph without either word is no
    # questions sentence, and most paragraphs are not worth normalising
    probe = _VANISHING.sub("", text) if _VANISHING.search(text) else text
    if "ingezonden" not in probe and "Mondelinge" not in probe:
        return False
    text = normalise(text)
    return bool(_sentence(text))


def oep_ids(text: str) -> list[str]:
    """The distinct OEP identifiers printed in ``text``, in order."""
    return list(dict.fromkeys(m[1] for m in _OEP_ID.finditer(text)))


def reply(text: str) -> tuple[Reply | None, int]:
    """Find and parse the "Antwoord van …" / "Mededeling van …" sentence and its "Zie ook"."""
    text = normalise(text)
    m = _REPLY.search(text)
    if not m:
        return None, -1
    kind_text = m["kind"].lower()
    kind = ReplyKind.NOTICE if "mededeling" in kind_text else ReplyKind.ANSWER
    see_also = tuple(see_also_ids(text[m.end():]))
    return Reply(kind=kind, answerers=_offices.answerers(m["who"]),
                 received=parse_date(m["date"]), see_also=see_also,
                 supplementary=kind_text.startswith("nader")), m.start()


def rest(text: str, start: int) -> str:
    """The header text after ``start`` without the reply sentence and its "Zie ook"s.

    In a document with one question and no "Vraag" label, this is the question.
    """
    text = _REPLY.sub(" ", normalise(text)[start:], count=1)
    return squash(re.sub(r"^\s*\.\s*", "", _SEE_ALSO.sub(" ", text)))


def see_also_ids(text: str, chamber: str = "tk") -> list[str]:
    """OEP ids from "Zie ook Aanhangsel Handelingen, vergaderjaar 2023–2024, nr. 1047"."""
    ids: list[str] = []
    for m in _SEE_ALSO.finditer(text):
        year = vergaderjaar(m["y1"], m["y2"]).replace("-", "")
        ids.extend(f"ah-{chamber}-{year}-{n}" for n in re.findall(r"\d+", m["nums"]))
    return list(dict.fromkeys(ids))


def preamble(text: str) -> tuple[str | None, str | None]:
    """The vergaderjaar and the Aanhangsel number printed before the questions sentence."""
    found = _sentence(text)
    before = text[: found.start()] if found else text
    year = _VERGADERJAAR.search(before)
    number = re.search(r"(?:^|\s)(\d{1,5})\s*$", before)
    return (vergaderjaar(year[1], year[2]) if year else None, number[1] if number else None)


def oep_id(text: str) -> str | None:
    """The first OEP identifier printed in the text ("ah-tk-20232024-1076"), if any."""
    m = _OEP_ID.search(text)
    return m[1] if m else None
