"""Table rows: what `kv2rdf.export` makes of the rows of each table's query.

Lists (askers, ministries, …) come from the queries as ``sort key<TAB>value`` items and are
sorted and joined with "; "; days to answer and "late" (beyond the customary three weeks, 21
days, for answering written questions) are computed from the dates; a value the store states
twice (two documents of a case that print it a little differently) is taken at its least;
rows are put in a fixed order, so the same store gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from kv2rdf.api import Row, Value
from kv2rdf.store.derived import TERM_DAYS  # the term the store's kv:answeredLate uses

_SEP = "; "


def items(value: Value) -> list[str]:
    """The values of a ``key<TAB>value`` list from a query, in the order of their keys.

    Empty items stand for "none" (an unbound value would make the whole GROUP_CONCAT an error).
    """
    if not isinstance(value, str) or not value:
        return []
    pairs = sorted({tuple(item.split("\t", 1)) if "\t" in item else (item, item)
                    for item in value.split("\n") if item}, key=lambda p: (natural_key(p[0]), p[1]))
    seen: dict[str, None] = {}
    for _, text in pairs:
        seen.setdefault(text, None)
    return list(seen)


def joined(value: Value) -> str | None:
    """A query list as one cell: its values in order, joined with "; " (None when empty)."""
    found = items(value)
    return _SEP.join(found) if found else None


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that puts "2" before "10" and "1a" after "1" (natural order)."""
    return tuple((0, int(part)) if part.isdigit() else (1, part.casefold())
                 for part in re.findall(r"\d+|\D+", text))


def _date(value: Value) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _dates(value: Value) -> list[dt.date]:
    found = []
    for text in items(value):
        try:
            found.append(dt.date.fromisoformat(text))
        except ValueError:
            continue
    return found


def _case_key(row: Row) -> str:
    """The zaaknummer, else the publication the questions were read from (its OEP id)."""
    own = str(row.get("identifier") or "").removeprefix("vragen-")
    return str(row.get("zaak") or own or row.get("set") or "")


def build_cases(rows: list[Row]) -> list[Row]:
    """One row per question set, with its derived days to answer and lateness."""
    out: list[Row] = []
    for r in rows:
        submitted, answered = _date(r["submitted"]), _date(r["answered"])
        days = (answered - submitted).days if submitted and answered else None
        postponements = _dates(r["postponements"])
        letters = _dates(r["letters"])
        ministry = next(iter(items(r["answering_ministries"]) + items(r["postponed_by"])
                             + items(r["addressed_ministries"])), None)
        out.append({
            "case": _case_key(r), "zaaknummer": r["zaak"], "title": r["title"],
            "subject": r["subject"], "askers": joined(r["askers"]),
            "parties": joined(r["parties"]), "questions": r["questions"] or 0,
            "addressed_to": joined(r["addressees"]),
            "addressed_ministries": joined(r["addressed_ministries"]),
            "answered_by": joined(r["answerers"]), "answering_posts": joined(r["answering_posts"]),
            "answering_ministries": joined(r["answering_ministries"]), "ministry": ministry,
            "submitted": submitted, "postponed": bool(postponements),
            "postponement_dates": _SEP.join(d.isoformat() for d in postponements) or None,
            "answered_by_letter": min(letters) if letters else None,
            "answered": answered, "days_to_answer": days,
            "late": None if days is None else days > TERM_DAYS,
            "answer_ids": joined(r["answer_ids"]), "source_urls": joined(r["sources"]),
            "iri": r["set"],
        })
    return sorted(out, key=lambda c: (c["submitted"] or dt.date.max,
                                      natural_key(str(c["case"])), str(c["iri"])))


def build_questions(rows: list[Row]) -> list[Row]:
    """One row per question, answered by the earliest answer document that answers it."""
    own = least_values(rows, "question", ("number", "position", "text"))
    members: dict[str, dict[str, str]] = defaultdict(dict)  # answer item -> its questions
    for r in rows:
        facts = own[str(r["question"])]
        number, position = facts["number"], facts["position"]
        if r["answer_item"] is not None and number is not None and position is not None:
            members[str(r["answer_item"])][str(r["question"])] = f"{position}\t{number}"
    best: dict[str, Row] = {}
    for r in sorted(rows, key=_answer_order):
        best.setdefault(str(r["question"]), r)
    out: list[Row] = []
    for question, r in best.items():
        item = str(r["answer_item"]) if r["answer_item"] is not None else ""
        others = [k for q, k in members.get(item, {}).items() if q != question]
        out.append({
            "case": _case_key(r), "submitted": _date(r["submitted"]), **own[question],
            "answered": _date(r["answered"]), "answer_id": _answer_id(r),
            "answer_number": r["answer_number"], "answer_text": r["answer_text"],
            "refers_to": r["refers_to"], "grouped_with": joined("\n".join(others)),
            "iri": r["question"],
        })
    return sorted(out, key=lambda q: (q["submitted"] or dt.date.max, natural_key(str(q["case"])),
                                      _position(q), str(q["iri"])))


def least_values(rows: list[Row], key: str, fields: tuple[str, ...]) -> dict[str, Row]:
    """For each value of ``key``: the least of each of ``fields`` over its rows (SPARQL MIN).

    Numbers compare as numbers and the rest as text, as MIN over one kind of value does; None
    where no row has the field.
    """
    found: dict[str, Row] = {}
    for r in rows:
        least = found.setdefault(str(r[key]), dict.fromkeys(fields))
        for field in fields:
            value = r[field]
            if value is not None and (least[field] is None or _rank(value) < _rank(least[field])):
                least[field] = value if isinstance(value, int) else str(value)
    return found


def _rank(value: Value) -> tuple[int, int | str]:
    return (0, value) if isinstance(value, int) else (1, str(value))


def _answer_id(row: Row) -> str | None:
    """The answer document's identifier, else its IRI (None: no answer)."""
    if row["answer_id"] is not None:
        return str(row["answer_id"])
    return None if row["answer_document"] is None else str(row["answer_document"])


def _answer_order(row: Row) -> tuple[object, ...]:
    """Earliest answer first; the rest of the key only makes the choice the same every time."""
    return (_date(row["answered"]) or dt.date.max, _answer_id(row) or "~",
            natural_key(str(row["answer_number"] or "")), str(row["answer_item"] or ""),
            str(row["answer_text"] or ""), natural_key(str(row["refers_to"] or "")),
            str(row["set"]))


def _position(row: Row) -> tuple[int, tuple[tuple[int, int | str], ...]]:
    position = row["position"]
    return (position if isinstance(position, int) else 1 << 30,
            natural_key(str(row["number"] or "")))


def build_answers(rows: list[Row]) -> list[Row]:
    """One row per answer item of every answer document."""
    own = least_values(rows, "answer", ("number", "position", "text", "refers_to"))
    document: dict[str, Row] = {}  # answer -> a row of its (first) answer document
    questions: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        answer = str(r["answer"])
        if answer not in document or \
                str(r["answer_document"]) < str(document[answer]["answer_document"]):
            document[answer] = r
        if r["question"] is not None:
            position = "" if r["question_position"] is None else str(r["question_position"])
            questions[answer].add(f"{position}\t{r['question_number'] or r['question']}")
    out: list[Row] = [{
        "answer_id": r["answer_id"], "answered": _date(r["answered"]),
        "case": joined(r["sets"]), **own[answer],
        "questions": joined("\n".join(questions[answer])), "answered_by": joined(r["answerers"]),
        "iri": r["answer"],
    } for answer, r in document.items()]
    return sorted(out, key=lambda a: (a["answered"] or dt.date.max,
                                      natural_key(str(a["answer_id"])), _position(a),
                                      str(a["iri"])))


def build_people(rows: list[Row]) -> list[Row]:
    """One row per person, with what they asked and answered."""
    out: list[Row] = [{
        "name": r["name"], "family_name": r["family_name"], "party": joined(r["parties"]),
        "tk_id": r["tk_id"], "question_sets": r["question_sets"] or 0,
        "questions": r["questions"] or 0, "answer_documents": r["answer_documents"] or 0,
        "answers": r["answers"] or 0, "notices": r["notices"] or 0, "posts": joined(r["posts"]),
        "iri": r["person"],
    } for r in rows]
    return sorted(out, key=lambda p: (natural_key(str(p["family_name"] or p["name"] or "")),
                                      str(p["iri"])))
