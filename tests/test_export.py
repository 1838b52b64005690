"""The tables of ``kv2rdf export`` and the example queries added with them, on golden cases.

Expected values come from what the documents print (askers and parties, "ingezonden" and
"ontvangen" dates, question and answer labels, who signed), written out in `CASES` below, with
people and parties named as the reference data records them once reconciled ("Glimina Chakor",
"GL-PvdA"; Erdmans, not in the data, as printed); days
and lateness are computed here with Python's dates, not copied from output.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kv2rdf import Store, cli, export
from kv2rdf.errors import DataError
from kv2rdf.export import TABLES
from kv2rdf.table_rows import build_answers, build_questions
from tests.helpers import ROOT
from tests.store_support import QUERIES, plain, run, store_of

NOTICE = "seed-000-mededeling"
ERDMANS = "seed-004-aanhangsel-1064"
DIJK = "markdown-ah-tk-20232024-302"
BOSWIJK = "markdown-ah-tk-20232024-387"
KOEKKOEK = "text-ah-tk-20232024-1481"
FABER = "text-ah-tk-20232024-1949"
SIX = (NOTICE, ERDMANS, DIJK, BOSWIJK, KOEKKOEK, FABER)
VWS = "Ministerie van Volksgezondheid, Welzijn en Sport"


# What each case prints: case key, askers, parties, questions, ministry responsible,
# ingezonden, ontvangen (None: not answered), signer, postponement notice date.
CASES: dict[str, dict[str, Any]] = {
    BOSWIJK: {"case": "ah-tk-20232024-387", "askers": "Derk Boswijk (CDA)", "parties": "CDA",
              "questions": 10, "ministry": "Ministerie van Buitenlandse Zaken",
              "submitted": date(2023, 10, 2), "answered": date(2023, 11, 13),
              "answered_by": "Hanke Bruins Slot", "postponement_dates": None},
    DIJK: {"case": "ah-tk-20232024-302", "askers": "Jimmy Dijk (SP)", "parties": "SP",
           "questions": 8, "ministry": VWS, "submitted": date(2023, 10, 3),
           "answered": date(2023, 10, 24), "answered_by": "Conny Helder", "postponement_dates": None},
    ERDMANS: {"case": "ah-tk-20232024-1064", "askers": "Erdmans (JA21)", "parties": "JA21",
              "questions": 9, "ministry": VWS, "submitted": date(2024, 1, 29),
              "answered": date(2024, 2, 16), "answered_by": "Conny Helder",
              "postponement_dates": None},
    KOEKKOEK: {"case": "ah-tk-20232024-1481", "askers": "Marieke Koekkoek (Volt)", "parties": "Volt",
               "questions": 6,
               "ministry": "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
               "submitted": date(2024, 2, 12), "answered": date(2024, 4, 11),
               "answered_by": "Alexandra van Huffelen", "postponement_dates": None},
    NOTICE: {"case": "2024Z02569",
             "askers": "Glimina Chakor (GL-PvdA); Sandra Palmen (NSC)",
             "parties": "GL-PvdA; NSC", "questions": 13,
             "ministry": VWS, "submitted": date(2024, 2, 15), "answered": None,
             "answered_by": None, "postponement_dates": "2024-03-08"},
    FABER: {"case": "ah-tk-20232024-1949", "askers": "Marjolein Faber (PVV)",
            "parties": "PVV", "questions": 5, "ministry": "Ministerie van Justitie en Veiligheid",
            "submitted": date(2024, 5, 6), "answered": date(2024, 6, 11),
            "answered_by": "Dilan Yeşilgöz-Zegerius", "postponement_dates": None},
}


def letter_notice(folder: Path) -> Path:
    """The example notice of 2024Z02569, as a later notice that it was answered by letter."""
    text = (ROOT / "examples" / "mededeling-2024Z02569.txt").read_text(encoding="utf-8")
    head, _ = re.split(r"\n\s*Mededeling\s*\n", text)
    head = head.replace("(ontvangen 8 maart 2024)", "(ontvangen 2 april 2024)")
    notice = ("\nMededeling\n\nDe vragen van de leden Chakor (GroenLinks-PvdA) en Palmen (Nieuw "
              "Sociaal Contract) over een sociaal veilige werkomgeving voor Rijksambtenaren "
              "(2024Z02569) zijn beantwoord bij brief van 2 april 2024 (Kamerstuk 31 490, "
              "nr. 340).\n")
    path = folder / "mededeling-brief-2024Z02569.txt"
    path.write_text(head + notice, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def six(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("six") / "store"
    store_of(folder, *SIX).close()
    with Store(folder) as store:
        yield store


def test_cases_table_has_one_row_per_case_in_date_order(six: Store) -> None:
    rows = six.table("cases")
    expected = sorted(CASES.values(), key=lambda c: c["submitted"])
    assert [r["case"] for r in rows] == [c["case"] for c in expected]
    for row, case in zip(rows, expected, strict=True):
        days = (case["answered"] - case["submitted"]).days if case["answered"] else None
        assert {k: row[k] for k in case} == case
        assert row["days_to_answer"] == days
        assert row["late"] == (None if days is None else days > 21)
        assert row["postponed"] == (case["postponement_dates"] is not None)
    by_case = {r["case"]: r for r in rows}
    assert by_case["ah-tk-20232024-302"]["late"] is False  # 21 days: just in time
    assert by_case["ah-tk-20232024-1064"]["answer_ids"] == "ah-tk-20232024-1064"
    assert by_case["2024Z02569"]["zaaknummer"] == "2024Z02569"
    assert by_case["2024Z02569"]["addressed_to"] == (
        "Minister van Volksgezondheid, Welzijn en Sport; "
        "Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties")
    assert by_case["ah-tk-20232024-1481"]["source_urls"] == \
        "https://zoek.officielebekendmakingen.nl/ah-tk-20232024-1481"
    assert by_case["ah-tk-20232024-302"]["answering_posts"] == "Minister voor Langdurige Zorg en Sport"


def test_questions_table_groups_and_answers(six: Store) -> None:
    rows = [r for r in six.table("questions") if r["case"] == "ah-tk-20232024-1064"]
    assert [r["number"] for r in rows] == [str(n) for n in range(1, 10)]
    first, second = rows[0], rows[1]
    assert (first["answer_number"], first["grouped_with"]) == ("1 en 2", "2")
    assert (second["answer_number"], second["grouped_with"]) == ("1 en 2", "1")
    assert first["answer_text"] == second["answer_text"] and first["answer_text"]
    assert rows[2]["grouped_with"] is None and rows[2]["answered"] == date(2024, 2, 16)
    assert rows[0]["text"].startswith("Zijn er op uw ministerie bijeenkomsten georganiseerd")
    notice = [r for r in six.table("questions") if r["case"] == "2024Z02569"]
    assert len(notice) == 13 and all(r["answer_text"] is None for r in notice)


def test_answers_table_lists_answer_items_with_their_questions(six: Store) -> None:
    rows = [r for r in six.table("answers") if r["answer_id"] == "ah-tk-20232024-1064"]
    assert [(r["number"], r["questions"]) for r in rows] == [
        ("1 en 2", "1; 2"), ("3", "3"), ("4", "4"), ("5", "5"), ("6 en 7", "6; 7"),
        ("8", "8"), ("9", "9")]
    assert {r["answered_by"] for r in rows} == {"Conny Helder"}
    assert {r["case"] for r in rows} == {"ah-tk-20232024-1064"}


def test_tables_take_the_least_of_values_stated_twice() -> None:
    """A question or answer with two values (two graphs disagree) gets the same one each time."""
    base = {"set": "urn:s", "zaak": None, "identifier": "vragen-kv-1", "submitted": None,
            "question": "urn:q1", "number": "1", "position": 1, "answer_document": "urn:d",
            "answer_id": "ah-1", "answered": date(2024, 3, 1), "answer_item": "urn:a1",
            "answer_number": "1", "answer_text": "Ja.", "refers_to": None}
    rows = [{**base, "text": text, "refers_to": ref} for text in ("Tweede?", "Eerste?")
            for ref in ("10", "4")]
    rows.append({**base, "question": "urn:q2", "number": "2", "position": 2, "text": "Ook?"})
    for order in (rows, rows[::-1]):
        first, second = build_questions(order)
        assert (first["text"], first["refers_to"], first["grouped_with"]) == ("Eerste?", "4", "2")
        assert (second["number"], second["grouped_with"]) == ("2", "1")
    item = {"answer_document": "urn:d", "answer_id": "ah-1", "answered": None, "sets": "k\tk",
            "answerers": "", "answer": "urn:a1", "position": 1, "refers_to": None,
            "question": "urn:q1", "question_position": 1, "question_number": "1"}
    answers = [{**item, "number": n, "text": t} for n in ("1", "1 en 2") for t in ("B", "A")]
    answers.append({**item, "number": "1", "text": "A", "question": "urn:q2",
                    "question_position": 2, "question_number": "2"})
    for order in (answers, answers[::-1]):
        [row] = build_answers(order)
        assert (row["number"], row["text"], row["questions"], row["case"]) == \
            ("1", "A", "1; 2", "k")


def test_people_table_counts_questions_and_answers(six: Store) -> None:
    people = {r["name"]: r for r in six.table("people")}
    chakor = people["Glimina Chakor"]
    assert (chakor["party"], chakor["question_sets"], chakor["questions"],
            chakor["answer_documents"]) == ("GL-PvdA", 1, 13, 0)
    helder = people["Conny Helder"]  # answered Erdmans (7 items) and Dijk; signed the notice
    assert (helder["party"], helder["question_sets"], helder["answer_documents"],
            helder["notices"]) == (None, 0, 2, 1)
    assert helder["posts"] == ("Minister van Volksgezondheid, Welzijn en Sport; "
                               "Minister voor Langdurige Zorg en Sport")
    askers = {c["askers"].split(" (")[0]: c["questions"] for c in CASES.values()}
    assert {n: p["questions"] for n, p in people.items() if p["questions"]} == {
        **{k: v for k, v in askers.items() if not k.startswith("Glimina Chakor")},
        "Glimina Chakor": 13, "Sandra Palmen": 13}


def test_csv_is_deterministic_with_iso_dates_and_yes_no(six: Store) -> None:
    data = export(six, "cases", "csv")
    assert data == export(six, "cases", "csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert list(rows[0]) == list(TABLES["cases"].columns)
    dijk = next(r for r in rows if r["case"] == "ah-tk-20232024-302")
    assert (dijk["submitted"], dijk["answered"], dijk["days_to_answer"], dijk["late"],
            dijk["postponed"]) == ("2023-10-03", "2023-10-24", "21", "no", "no")


def test_tsv_json_and_parquet_hold_the_same_rows(six: Store, tmp_path: Path) -> None:
    pyarrow_parquet = pytest.importorskip("pyarrow.parquet")
    rows = six.table("questions")
    tsv = export(six, "questions", "tsv").decode("utf-8").split("\n")
    assert len(tsv) == len(rows) + 2 and tsv[-1] == ""  # texts' line breaks are escaped
    records = json.loads(export(six, "questions", "json"))
    assert [r["iri"] for r in records] == [r["iri"] for r in rows]
    assert records[0]["submitted"] == rows[0]["submitted"].isoformat()
    target = tmp_path / "cases.parquet"
    export(six, "cases", "parquet", target)
    table = pyarrow_parquet.read_table(target)
    assert str(table.schema.field("submitted").type) == "date32[day]"
    assert str(table.schema.field("late").type) == "bool"
    assert str(table.schema.field("days_to_answer").type) == "int64"
    assert table.column("case").to_pylist() == [r["case"] for r in six.table("cases")]


def test_export_command(six: Store, tmp_path: Path) -> None:
    target = tmp_path / "people.csv"
    expected = export(six, "people", "csv")
    six.close()  # the command opens the store itself (an embedded store has one user)
    result = CliRunner().invoke(cli.main, ["export", "--store", six.location, "--table",
                                           "people", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == expected
    result = CliRunner().invoke(cli.main, ["export", "--store", six.location, "--table",
                                           "cases", "-t", "json"])
    assert result.exit_code == 0, result.output
    assert [r["case"] for r in json.loads(result.stdout)][:2] == [
        "ah-tk-20232024-387", "ah-tk-20232024-302"]


@pytest.mark.parametrize(("args", "message"), [
    (["--table", "cases", "--store", "{tmp}/none"], "no store there yet"),
    (["--table", "votes", "--store", "{tmp}"], "Invalid value for '--table'"),
    (["--table", "cases", "--store", "{tmp}/s", "--endpoint", "http://localhost:1"],
     "not both"),
])
def test_export_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli.main, ["export", *[a.format(tmp=tmp_path) for a in args]])
    assert result.exit_code == 2 and message in result.output


def test_parquet_without_pyarrow_is_a_clear_exit_2(six: Store, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pyarrow", None)
    six.close()
    result = CliRunner().invoke(cli.main, ["export", "--store", six.location, "--table",
                                           "cases", "-t", "parquet", "-o",
                                           str(tmp_path / "x.parquet")])
    assert result.exit_code == 2
    assert "pyarrow is not installed" in result.output and "kv2rdf[tables]" in result.output
    assert not (tmp_path / "x.parquet").exists()


def test_unknown_table_in_python_is_a_data_error(six: Store) -> None:
    with pytest.raises(DataError, match="known: cases, questions, answers, people"):
        six.table("votes")


# The example queries added with the tables


def test_questions_per_member(six: Store, tmp_path: Path) -> None:
    store = store_of(tmp_path / "store", *SIX)
    expected = sorted(((a.split(" (")[0], p, c["questions"], 1)
                       for c in CASES.values()
                       for a, p in zip(c["askers"].split("; "), c["parties"].split("; "),
                                       strict=True)),
                      key=lambda r: (-r[2], r[0].lower()))
    assert plain(run(store, "questions-per-member")) == expected
    assert expected[:2] == [("Glimina Chakor", "GL-PvdA", 13, 1),
                            ("Sandra Palmen", "NSC", 13, 1)]
    store.close()


def test_open_cases_with_and_without_postponement(tmp_path: Path) -> None:
    store = store_of(tmp_path / "store", "xml-kv-tk-2020Z02131", NOTICE, ERDMANS)
    rows = plain(run(store, "open-cases"))
    assert [(r[0], r[1], r[3], r[5], r[6]) for r in rows] == [
        ("2020Z02131", "2020-02-06", "Wytske Postma", "no notice", None),
        ("2024Z02569", "2024-02-15", "Glimina Chakor, Sandra Palmen", "postponed", "2024-03-08"),
    ]
    assert rows[0][4] == "Ministerie van Justitie en Veiligheid"
    store.close()


def test_answered_by_letter_and_its_effect_on_the_tables(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    store_of(folder, NOTICE, ERDMANS).close()
    with Store(folder) as store:
        summary = store.load(letter_notice(tmp_path))
        assert (summary.graphs, summary.store_graphs) == (1, 4)  # three documents and the derived facts (id:afgeleid)
        rows = store.query((QUERIES / "answered-by-letter.rq").read_text(encoding="utf-8"))
        assert [(r["case"], r["notice_date"], r["kind"], r["minister"]) for r in rows] == [
            ("2024Z02569", date(2024, 4, 2), "answered by letter", "Conny Helder"),
            ("2024Z02569", date(2024, 3, 8), "postponement", "Conny Helder")]
        assert "beantwoord bij brief" in str(rows[0]["text"])
        assert store.query((QUERIES / "open-cases.rq").read_text(encoding="utf-8")) == []
        case = next(r for r in store.table("cases") if r["case"] == "2024Z02569")
        assert (case["postponed"], case["postponement_dates"], case["answered_by_letter"],
                case["answered"]) == (True, "2024-03-08", date(2024, 4, 2), None)


def test_new_example_queries_are_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("questions-per-member", "open-cases", "answered-by-letter"):
        first = (QUERIES / f"{name}.rq").read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# ") and len(first) > 20
        assert f"examples/queries/{name}.rq" in readme
