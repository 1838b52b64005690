"""Which question sets in a store are one case (zaak): the decision, without the store.

A Kamervragen case leaves several publications: the questions (``kv-tk-…``), one or more
notices (*mededeling*: the answer is late) and the answer in the Aanhangsel (``ah-tk-…``),
which repeats the questions. Each publication read on its own mints its own question set
unless it prints the zaaknummer. `find_links` decides which question sets are one case:

* **identifier** — the same zaaknummer; two different zaaknummers are never one case;
* **content** — the same submission date, a shared asker (*indiener*), and the same
  questions (their opening words) or, when one side holds no questions, the same subject.

A set that matches two sets which do not match each other is ambiguous: it is reported and
left alone, never guessed. The canonical IRI of a case does not depend on the order in
which documents were loaded: the zaaknummer form when the case has one, else the questions'
own publication (``kv-tk-…``), else the smallest IRI.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

ZAAKNUMMER = re.compile(r"^\d{4}Z\d{5}$")

#: Words of a question's opening that identify it across renditions and publications.
OPENING_WORDS = 8


@dataclass(frozen=True, slots=True)
class QuestionSet:
    """What the store holds about one question-set IRI, gathered over all its graphs."""

    iri: str
    graphs: frozenset[str]
    zaaknummers: frozenset[str] = frozenset()
    submitted: str | None = None
    askers: frozenset[str] = frozenset()
    title: str = ""
    questions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Link:
    """``alias`` is the same case as ``canonical``, for the reasons in ``evidence``."""

    alias: str
    canonical: str
    evidence: tuple[str, ...]
    graphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """A question set that matches sets of different cases; left unlinked."""

    iri: str
    candidates: tuple[str, ...]


def words(text: str) -> tuple[str, ...]:
    """``text`` as lower-case words without accents: the form two renditions share."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return tuple(re.findall(r"[a-z0-9]+", folded))


def subject(title: str) -> tuple[str, ...]:
    """The subject words of a title: after "over", before "(ingezonden …)"."""
    found = re.search(r"\bover\b(.*?)(\(\s*ingezonden|$)", title, re.S)
    return words(found.group(1) if found else title)


def _openings(qs: QuestionSet) -> set[tuple[str, ...]]:
    return {w[:OPENING_WORDS] for w in map(words, qs.questions) if w}


def _jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0


def evidence(a: QuestionSet, b: QuestionSet) -> tuple[str, ...]:
    """Why ``a`` and ``b`` are one case; empty when they are not (or may not be)."""
    if a.zaaknummers and b.zaaknummers:
        return ("zaaknummer",) if a.zaaknummers & b.zaaknummers else ()
    if not a.submitted or a.submitted != b.submitted or not a.askers & b.askers:
        return ()
    found = ["submitted", "askers"]
    oa, ob = _openings(a), _openings(b)
    if oa and ob:
        shared = len(oa & ob)
        if shared < min(2, len(oa), len(ob)) or shared / min(len(oa), len(ob)) < 0.5:
            return ()
        found.append("questions")
    elif _jaccard(subject(a.title), subject(b.title)) >= 0.6:
        found.append("subject")
    else:
        return ()
    return tuple(found)


def _rank(qs: QuestionSet) -> tuple[int, str]:
    if "/kv-tk-" in qs.iri:
        return (0, qs.iri)
    if "/ah-tk-" in qs.iri or "/ah-ek-" in qs.iri:
        return (1, qs.iri)
    return (2, qs.iri)


def canonical_iri(group: Sequence[QuestionSet]) -> str:
    """The IRI a case is known by: its zaaknummer form, else its best publication IRI."""
    zaak = sorted({z for qs in group for z in qs.zaaknummers})
    keyed = sorted(qs.iri for qs in group if zaak and qs.iri.endswith("/" + zaak[0]))
    if keyed:
        return keyed[0]
    if zaak:
        first = min(group, key=_rank).iri
        head = first[:first.index("/kamervraag/") + len("/kamervraag/")]
        chamber = "ek" if "-ek-" in first else "tk"
        return f"{head}{chamber}/{zaak[0]}"
    return min(group, key=_rank).iri


def find_links(sets: Iterable[QuestionSet], rejected: frozenset[tuple[str, str]] = frozenset()
               ) -> tuple[list[Link], list[Ambiguity]]:
    """The links that make each case one question set, and the sets left ambiguous.

    ``rejected`` holds (alias, canonical) pairs a user has undone; they are not made again.
    """
    by_iri = {qs.iri: qs for qs in sets}
    blocks: dict[str, list[str]] = defaultdict(list)
    for qs in by_iri.values():
        for key in [f"z:{z}" for z in qs.zaaknummers] + ([f"d:{qs.submitted}"]
                                                          if qs.submitted else []):
            blocks[key].append(qs.iri)
    edges: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)
    for members in blocks.values():
        for i, a in enumerate(sorted(members)):
            for b in sorted(members)[i + 1:]:
                why = evidence(by_iri[a], by_iri[b])
                if why:
                    edges[a][b] = edges[b][a] = why
    ambiguous = [Ambiguity(iri, tuple(sorted(near))) for iri, near in sorted(edges.items())
                 if any(y not in edges[x] for x in near for y in near if x < y)]
    bad = {a.iri for a in ambiguous}
    links: list[Link] = []
    seen: set[str] = set()
    for start in sorted(edges):
        if start in seen or start in bad:
            continue
        group, todo = [], [start]
        while todo:
            iri = todo.pop()
            if iri in seen:
                continue
            seen.add(iri)
            group.append(by_iri[iri])
            todo.extend(n for n in edges[iri] if n not in bad)
        if len({z for qs in group for z in qs.zaaknummers}) > 1:
            ambiguous.append(Ambiguity(start, tuple(sorted(qs.iri for qs in group))))
            continue
        canonical = canonical_iri(group)
        for qs in sorted(group, key=lambda q: q.iri):
            if qs.iri == canonical or (qs.iri, canonical) in rejected:
                continue
            case = {g.iri for g in group}
            why = tuple(sorted({reason for other, reasons in edges[qs.iri].items()
                                if other in case for reason in reasons}))
            links.append(Link(qs.iri, canonical, why, tuple(sorted(qs.graphs))))
    return links, ambiguous
