"""``kv2rdf report``: the HTML page, its charts and the tables behind them, on six golden cases.

The page is parsed with lxml; each section must hold an inline SVG chart naming what it
shows and a table whose numbers are worked out here from the documents' printed dates and
askers (`tests.test_export.CASES`).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html

from kv2rdf import Store, cli
from kv2rdf.report import render_report
from tests.store_support import store_of
from tests.test_export import CASES, SIX

pytest.importorskip("matplotlib")

SECTIONS = ("days-to-answer", "answered-in-time", "questions-per-party",
            "questions-per-member", "postponements")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> html.HtmlElement:
    folder = tmp_path_factory.mktemp("report")
    store_of(folder / "store", *SIX).close()
    output = folder / "report.html"
    result = CliRunner().invoke(cli.main, ["report", "--store", str(folder / "store"),
                                           "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "6 cases (5 answered), 5 charts" in result.output
    return html.fromstring(output.read_bytes())


def table(page: html.HtmlElement, section: str) -> list[tuple[str, ...]]:
    rows = page.xpath(f'//section[@id="{section}"]//table/tbody/tr')
    return [tuple(td.text_content() for td in row.xpath("./td")) for row in rows]


def answered() -> list[dict[str, object]]:
    return [c for c in CASES.values() if c["answered"]]


def test_every_chart_and_table_is_there(page: html.HtmlElement) -> None:
    for section in SECTIONS:
        found = page.xpath(f'//section[@id="{section}"]')
        assert len(found) == 1, section
        assert len(found[0].xpath(".//figure/svg")) == 1, section
        assert found[0].xpath(".//table/thead/tr/th"), section
        assert table(page, section), section


def test_the_page_needs_no_network(page: html.HtmlElement) -> None:
    assert not page.xpath("//script | //link | //iframe | //img[not(starts-with(@src, 'data:'))]")
    links = [(name, value) for element in page.iter() for name, value in element.attrib.items()
             if name.endswith(("href", "src"))]
    assert links  # the charts' markers are <use xlink:href="#…">
    for name, value in links:
        assert value.startswith(("#", "data:")), (name, value)


def test_days_to_answer_per_ministry(page: html.HtmlElement) -> None:
    days: dict[str, list[int]] = defaultdict(list)
    for case in answered():
        days[str(case["ministry"])].append((case["answered"] - case["submitted"]).days)  # type: ignore[operator]
    expected = [(m, str(len(d)), str(min(d)), str(float(statistics.median(d))),
                 str(round(statistics.fmean(d), 1)), str(max(d)), str(sum(x > 21 for x in d)))
                for m, d in sorted(days.items())]
    assert table(page, "days-to-answer") == expected
    assert expected[-1][:4] == ("Ministerie van Volksgezondheid, Welzijn en Sport", "2", "18",
                                "19.5")
    chart = page.xpath('//section[@id="days-to-answer"]//svg')[0]
    labels = {t.text_content().strip() for t in chart.xpath(".//text")}
    assert {"Volksgezondheid, Welzijn en Sport", "Buitenlandse Zaken", "21 days"} <= labels


def test_share_answered_within_three_weeks(page: html.HtmlElement) -> None:
    rows = table(page, "answered-in-time")
    assert rows == [
        ("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", "2024-Q1", "1", "0", "0.0"),
        ("Ministerie van Buitenlandse Zaken", "2023-Q4", "1", "0", "0.0"),
        ("Ministerie van Justitie en Veiligheid", "2024-Q2", "1", "0", "0.0"),
        ("Ministerie van Volksgezondheid, Welzijn en Sport", "2023-Q4", "1", "1", "100.0"),
        ("Ministerie van Volksgezondheid, Welzijn en Sport", "2024-Q1", "1", "1", "100.0"),
    ]
    chart = page.xpath('//section[@id="answered-in-time"]//svg')[0]
    cells = [t.text_content().strip() for t in chart.xpath(".//text")]
    assert cells.count("1/1") == 2 and cells.count("0/1") == 3


def test_questions_per_party_and_member(page: html.HtmlElement) -> None:
    per_party: dict[str, int] = defaultdict(int)
    per_member = []
    for case in CASES.values():
        for asker, party in zip(str(case["askers"]).split("; "), str(case["parties"]).split("; "),
                                strict=True):
            per_party[party] += int(case["questions"])  # type: ignore[call-overload]
            per_member.append((asker.split(" (")[0], party, str(case["questions"]), "1"))
    assert table(page, "questions-per-party") == [
        (p, str(n), "1") for p, n in sorted(per_party.items(), key=lambda i: (-i[1], i[0]))]
    assert table(page, "questions-per-member") == sorted(
        per_member, key=lambda r: (-int(r[2]), r[0].lower()))
    chart = page.xpath('//section[@id="questions-per-member"]//svg')[0]
    assert "Glimina Chakor (GL-PvdA)" in {t.text_content().strip() for t in chart.xpath(".//text")}


def test_postponements_per_ministry(page: html.HtmlElement) -> None:
    rows = {r[0]: r[1:] for r in table(page, "postponements")}
    assert rows["Ministerie van Volksgezondheid, Welzijn en Sport"] == ("3", "1", "33.3")
    assert rows["Ministerie van Buitenlandse Zaken"] == ("1", "0", "0.0")
    assert sum(int(r[0]) for r in rows.values()) == len(CASES)


def test_the_report_is_deterministic(tmp_path: Path) -> None:
    store_of(tmp_path / "store", "seed-004-aanhangsel-1064", "seed-000-mededeling").close()
    with Store(tmp_path / "store") as store:
        cases, people = store.table("cases"), store.table("people")
    assert render_report(cases, people) == render_report(cases, people)


def test_an_empty_store_gives_a_report_without_rows(tmp_path: Path) -> None:
    text = render_report([], [])
    page = html.fromstring(text.encode("utf-8"))
    assert len(page.xpath("//section//svg")) == len(SECTIONS)
    assert not page.xpath("//section//tbody/tr")


def _browser() -> str | None:
    import shutil

    return next((found for name in ("chromium", "chromium-browser", "google-chrome")
                 if (found := shutil.which(name))), None)


@pytest.mark.slow
@pytest.mark.skipif(_browser() is None, reason="no headless Chromium on PATH (Debian: chromium)")
def test_a_browser_draws_the_charts(tmp_path: Path) -> None:
    """Chromium, headless, renders the page: the blue of the bars must be on the screenshot."""
    import subprocess

    import numpy as np
    from matplotlib import image

    store_of(tmp_path / "store", *SIX).close()
    with Store(tmp_path / "store") as store:
        (tmp_path / "report.html").write_text(
            render_report(store.table("cases"), store.table("people")), encoding="utf-8")
    shot = tmp_path / "shot.png"
    subprocess.run([str(_browser()), "--headless", "--no-sandbox", "--disable-gpu",
                    "--hide-scrollbars", "--window-size=1000,4000", f"--screenshot={shot}",
                    (tmp_path / "report.html").as_uri()],
                   check=True, capture_output=True, timeout=120)
    pixels = image.imread(shot)[:, :, :3]
    assert pixels.shape[:2] == (4000, 1000)
    blue = np.all(np.abs(pixels - np.array([0x1F, 0x77, 0xB4]) / 255) < 0.03, axis=2)
    assert blue.sum() > 5000  # bars and dots of the charts, drawn
    assert (pixels.sum(axis=2) < 0.5).sum() > 5000  # text


def test_report_without_matplotlib_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    store_of(tmp_path / "store", "seed-004-aanhangsel-1064").close()
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    result = CliRunner().invoke(cli.main, ["report", "--store", str(tmp_path / "store"),
                                           "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert "matplotlib is not installed" in result.output
    assert "pip install 'kv2rdf[tables]'" in result.output
    assert not (tmp_path / "r.html").exists()
