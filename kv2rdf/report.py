"""A static HTML report: charts of answer times, postponements and questions, with their tables.

One self-contained page: charts are inline SVG drawn by matplotlib (Agg backend, text kept as
text, fixed ids and no timestamp, so the same store gives the same bytes); no script, no
external stylesheet, no network. Each chart sits in a ``<section>`` with the HTML table of the
numbers it shows (`kv2rdf.report_data`).
"""

from __future__ import annotations

import datetime as dt
import html
import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kv2rdf import __version__
from kv2rdf.api import require
from kv2rdf.report_data import (
    Summary,
    answer_days,
    days_per_ministry,
    in_time_per_quarter,
    postponements_per_ministry,
    questions_per_member,
    questions_per_party,
)
from kv2rdf.store.derived import TERM_DAYS

if TYPE_CHECKING:
    from kv2rdf.api import Store

_STYLE = """body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:1rem 0 2rem}th,td{border:1px solid #ccc;padding:.2rem .5rem}
td.n{text-align:right}th{background:#eee}figure{margin:0}svg{max-width:100%;height:auto}"""


def _short(ministry: str) -> str:
    return ministry.removeprefix("Ministerie van ").removeprefix("Ministerie voor ")


def _pyplot() -> Any:
    require("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.hashsalt": "kv2rdf", "svg.fonttype": "none",
                         "font.size": 9, "figure.dpi": 100})
    return plt


def _svg(draw: Callable[[Any, Any], None], height: float) -> str:
    """Draw one chart with ``draw(figure, axes)``; the SVG element as text."""
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(8, max(2.0, height)))
    try:
        draw(figure, axes)
        figure.tight_layout()
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    finally:
        plt.close(figure)
    text = out.getvalue()
    return text[text.index("<svg"):]


def _days_chart(days: dict[str, list[int]]) -> str:
    def draw(figure: Any, axes: Any) -> None:
        names = list(days)
        if names:
            axes.boxplot([days[m] for m in names], orientation="horizontal", widths=0.5,
                         showfliers=False)
            for i, name in enumerate(names, start=1):
                axes.plot(days[name], [i] * len(days[name]), "o", color="#1f77b4", alpha=0.7)
            axes.set_yticks(range(1, len(names) + 1), [_short(n) for n in names])
            axes.invert_yaxis()
        axes.axvline(TERM_DAYS, color="#d62728", linestyle="--", label=f"{TERM_DAYS} days")
        axes.set_xlim(left=0)
        axes.set_xlabel("days from submitted to answered")
        axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return _svg(draw, 0.5 * len(days) + 1.2)


def _share_chart(summary: Summary) -> str:
    ministries = sorted({str(r[0]) for r in summary.rows})
    quarters = sorted({str(r[1]) for r in summary.rows})

    def draw(figure: Any, axes: Any) -> None:
        grid = [[float("nan")] * len(quarters) for _ in ministries]
        for ministry, period, answered, in_time, percent in summary.rows:
            y, x = ministries.index(str(ministry)), quarters.index(str(period))
            grid[y][x] = float(percent or 0)
            axes.text(x, y, f"{in_time}/{answered}", ha="center", va="center", fontsize=8)
        if ministries:
            image = axes.imshow(grid, cmap="RdYlGn", vmin=0, vmax=100, aspect="auto")
            figure.colorbar(image, ax=axes, label=f"% answered within {TERM_DAYS} days")
        axes.set_xticks(range(len(quarters)), quarters, rotation=45, ha="right")
        axes.set_yticks(range(len(ministries)), [_short(m) for m in ministries])
        axes.set_xlabel("quarter the questions were submitted")
    return _svg(draw, 0.45 * len(ministries) + 1.8)


def _bar_chart(labels: list[str], values: list[int], xlabel: str) -> str:
    def draw(figure: Any, axes: Any) -> None:
        positions = list(range(len(labels)))
        axes.barh(positions, values, color="#1f77b4")
        axes.set_yticks(positions, labels)
        axes.invert_yaxis()
        axes.set_xlabel(xlabel)
        for y, value in zip(positions, values, strict=True):
            axes.text(value, y, f" {value}", va="center", fontsize=8)
    return _svg(draw, 0.28 * len(labels) + 1.0)


def _postponement_chart(summary: Summary) -> str:
    def draw(figure: Any, axes: Any) -> None:
        labels = [_short(str(r[0])) for r in summary.rows]
        positions = list(range(len(labels)))
        axes.barh(positions, [r[1] for r in summary.rows], color="#c7c7c7", label="cases")
        axes.barh(positions, [r[2] for r in summary.rows], color="#ff7f0e", label="postponed")
        axes.set_yticks(positions, labels)
        axes.invert_yaxis()
        axes.set_xlabel("cases")
        axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return _svg(draw, 0.4 * len(summary.rows) + 1.2)


def _table(summary: Summary, ident: str) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in summary.columns)
    body = []
    for row in summary.rows:
        cells = "".join(
            f'<td class="n">{v}</td>' if isinstance(v, int | float) else
            f"<td>{html.escape('' if v is None else str(v))}</td>" for v in row)
        body.append(f"<tr>{cells}</tr>")
    return (f'<table id="{ident}"><caption>{html.escape(summary.title)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def _section(ident: str, title: str, text: str, chart: str, summary: Summary) -> str:
    return (f'<section id="{ident}"><h2>{html.escape(title)}</h2><p>{html.escape(text)}</p>'
            f'<figure class="chart">{chart}</figure>\n{_table(summary, ident + "-table")}'
            "</section>\n")


def render_report(cases: list[Any], people: list[Any]) -> str:
    """The HTML page for the rows of the cases and people tables."""
    days = days_per_ministry(cases)
    share = in_time_per_quarter(cases)
    parties = questions_per_party(cases)
    members = questions_per_member(people)
    postponed = postponements_per_ministry(cases)
    answered = sum(1 for c in cases if isinstance(c["answered"], dt.date))
    sections = [
        _section("days-to-answer", days.title,
                 "Days from 'ingezonden' to 'ontvangen' of the first answer, per ministry of "
                 "the post that signed it: one dot per case, the box from the first to the "
                 f"third quartile; the dashed line is the customary term of {TERM_DAYS} days.",
                 _days_chart(answer_days(cases)), days),
        _section("answered-in-time", share.title,
                 f"Answered cases per quarter the questions were submitted; each cell shows "
                 f"those answered within {TERM_DAYS} days of all answered.",
                 _share_chart(share), share),
        _section("questions-per-party", parties.title,
                 "Numbered questions asked, counting every asker; a set asked by members of "
                 "two parties counts for both.",
                 _bar_chart([str(r[0]) for r in parties.rows],
                            [int(r[1] or 0) for r in parties.rows], "questions"), parties),
        _section("questions-per-member", members.title,
                 "Numbered questions in the sets each member asked or co-signed.",
                 _bar_chart([f"{r[0]} ({r[1]})" if r[1] else str(r[0]) for r in members.rows],
                            [int(r[2] or 0) for r in members.rows], "questions"), members),
        _section("postponements", postponed.title,
                 "Cases per responsible ministry, and those with a postponement notice "
                 "('Mededeling uitstel antwoord').",
                 _postponement_chart(postponed), postponed),
    ]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>Kamervragen: answer times and questions</title>"
            f"<style>{_STYLE}</style></head><body>\n"
            "<h1>Kamervragen: answer times and questions</h1>\n"
            f'<p id="summary">{len(cases)} cases, {answered} answered; made by kv2rdf '
            f"{__version__}.</p>\n{''.join(sections)}</body></html>\n")


def write_report(store: Store, output: Path) -> str:
    """Write the report of ``store`` to ``output``; a one-line summary of what it shows."""
    cases, people = store.table("cases"), store.table("people")
    text = render_report(cases, people)
    output.write_text(text, encoding="utf-8")
    answered = sum(1 for c in cases if isinstance(c["answered"], dt.date))
    return f"{len(cases)} cases ({answered} answered), 5 charts"
