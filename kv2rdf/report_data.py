"""The tables behind the report's charts, computed from the export tables (cases, people).

Each function takes rows of `kv2rdf.export` tables and returns a `Summary`: column names and
rows of plain values, sorted, so the charts and the HTML tables of `kv2rdf.report` show the
same numbers.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass

from kv2rdf.api import Row, Value
from kv2rdf.store.derived import TERM_DAYS
from kv2rdf.table_rows import natural_key

Cell = str | int | float | None


@dataclass(frozen=True, slots=True)
class Summary:
    """A small table: a title, column names and rows."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def _split(value: Value) -> list[str]:
    return [v for v in str(value).split("; ") if v] if value else []


def _int(value: Value) -> int:
    return value if isinstance(value, int) else 0


def quarter(day: dt.date) -> str:
    """The calendar quarter of ``day``, as "2024-Q1"."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def answer_days(cases: list[Row]) -> dict[str, list[int]]:
    """Days to answer of every answered case, per responsible ministry (sorted by name)."""
    found: dict[str, list[int]] = defaultdict(list)
    for case in cases:
        days = case["days_to_answer"]
        if isinstance(days, int) and case["ministry"]:
            found[str(case["ministry"])].append(days)
    return {m: sorted(found[m]) for m in sorted(found, key=natural_key)}


def days_per_ministry(cases: list[Row]) -> Summary:
    """Per ministry: answered cases, min/median/mean/max days, and answers after three weeks."""
    rows = tuple((ministry, len(days), min(days), float(statistics.median(days)),
                  round(statistics.fmean(days), 1), max(days),
                  sum(d > TERM_DAYS for d in days))
                 for ministry, days in answer_days(cases).items())
    return Summary("Days to answer per ministry",
                   ("ministry", "answered", "min_days", "median_days", "mean_days", "max_days",
                    f"over_{TERM_DAYS}_days"), rows)


def in_time_per_quarter(cases: list[Row]) -> Summary:
    """Per ministry and quarter of submission: answered cases, those within three weeks, share."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for case in cases:
        days, submitted = case["days_to_answer"], case["submitted"]
        if isinstance(days, int) and isinstance(submitted, dt.date) and case["ministry"]:
            cell = counts[(str(case["ministry"]), quarter(submitted))]
            cell[0] += 1
            cell[1] += days <= TERM_DAYS
    rows = tuple((ministry, period, answered, in_time, round(100 * in_time / answered, 1))
                 for (ministry, period), (answered, in_time)
                 in sorted(counts.items(), key=lambda i: (natural_key(i[0][0]), i[0][1])))
    return Summary("Share answered within three weeks, per ministry and quarter",
                   ("ministry", "quarter", "answered", f"within_{TERM_DAYS}_days", "percent"),
                   rows)


def questions_per_party(cases: list[Row]) -> Summary:
    """Per party: questions and question sets asked (a set of two parties counts for both)."""
    questions: dict[str, int] = defaultdict(int)
    sets: dict[str, int] = defaultdict(int)
    for case in cases:
        for party in set(_split(case["parties"])):
            questions[party] += _int(case["questions"])
            sets[party] += 1
    rows = tuple((party, questions[party], sets[party])
                 for party in sorted(questions, key=lambda p: (-questions[p], natural_key(p))))
    return Summary("Questions per party", ("party", "questions", "question_sets"), rows)


def questions_per_member(people: list[Row]) -> Summary:
    """Per member who asked: party, questions and question sets (most questions first)."""
    askers = [p for p in people if isinstance(p["question_sets"], int) and p["question_sets"]]
    askers.sort(key=lambda p: (-_int(p["questions"]), natural_key(str(p["name"]))))
    rows = tuple((str(p["name"]), str(p["party"] or ""), _int(p["questions"]),
                  _int(p["question_sets"])) for p in askers)
    return Summary("Questions per member", ("member", "party", "questions", "question_sets"),
                   rows)


def postponements_per_ministry(cases: list[Row]) -> Summary:
    """Per ministry: cases, cases with a postponement notice, and their share."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case in cases:
        if case["ministry"]:
            cell = counts[str(case["ministry"])]
            cell[0] += 1
            cell[1] += bool(case["postponed"])
    rows = tuple((ministry, total, postponed, round(100 * postponed / total, 1))
                 for ministry, (total, postponed)
                 in sorted(counts.items(), key=lambda i: natural_key(i[0])))
    return Summary("Postponements per ministry",
                   ("ministry", "cases", "postponed", "percent"), rows)
