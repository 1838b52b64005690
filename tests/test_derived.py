"""Facts derived per case (graph id/afgeleid): right after a load, and kept right by reloads."""

from __future__ import annotations

from pathlib import Path

import kv2rdf
from tests.helpers import CASES, ROOT

ID = "https://w3id.org/kv2rdf/id/"
KV = "https://w3id.org/kv2rdf/def#"
DERIVED = ID + "afgeleid"
ERDMANS = ID + "kamervraag/ah-tk-20232024-1064"     # Vraag 1-9, answered 16 februari 2024
ERDMANS_ANSWER = ID + "antwoord/ah-tk-20232024-1064"  # "Antwoord 1 en 2", "Antwoord 6 en 7"
CHAKOR = ID + "kamervraag/tk/2024Z02569"            # Vraag 1-13, a postponement notice only
LINKING = ROOT / "tests" / "linking"
QUESTIONS = LINKING / "vragen-sneller-quantum.txt"
ANSWER = CASES / "pdf-ah-tk-20232024-1178" / "source.pdf"
CANONICAL = ID + "kamervraag/ah-tk-20232024-1178"


def derived(store: kv2rdf.Store) -> set[tuple[str, str, str]]:
    """The derived facts as (subject, kv: property name, value) strings."""
    rows = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{DERIVED}> {{ ?s ?p ?o }} }}")
    return {(str(r["s"]), str(r["p"]).removeprefix(KV), str(r["o"])) for r in rows}


def test_counts_first_answer_fracties_and_grouped_answers(tmp_path: Path) -> None:
    with kv2rdf.Store(tmp_path / "store") as store:
        store.load(ROOT / "examples")
        facts = derived(store)
    assert {(ERDMANS, "questionCount", "9"), (ERDMANS, "answerDocumentCount", "1"),
            (ERDMANS, "firstAnswered", "2024-02-16"),
            (ERDMANS, "askedFor", ID + "fractie/ja21"),
            (CHAKOR, "questionCount", "13"), (CHAKOR, "answerDocumentCount", "0"),
            (CHAKOR, "askedFor", ID + "fractie/gl-pvda"),
            (CHAKOR, "askedFor", ID + "fractie/nsc")} <= facts
    assert not any(s == CHAKOR and p == "firstAnswered" for s, p, _ in facts)
    grouped = sorted(o for s, p, o in facts if p == "groupedAnswer")
    assert grouped == [ERDMANS_ANSWER + "/onderdeel/1", ERDMANS_ANSWER + "/onderdeel/5"]


def test_a_reloaded_answer_changes_its_facts_as_a_full_link_would(tmp_path: Path) -> None:
    changed = tmp_path / "aanhangsel-1064.md"
    text = (ROOT / "examples" / "aanhangsel-1064.md").read_text(encoding="utf-8")
    assert "#### Antwoord 1 en 2" in text
    changed.write_text(text.replace("#### Antwoord 1 en 2", "#### Antwoord 1"), encoding="utf-8")
    with kv2rdf.Store(tmp_path / "store") as store:
        store.load(ROOT / "examples")
        store.load([changed])  # derives again for the cases this document touches
        after_reload = derived(store)
        store.link()  # everything again
        assert derived(store) == after_reload
    assert sorted(o for s, p, o in after_reload if p == "groupedAnswer") == [
        ERDMANS_ANSWER + "/onderdeel/5"]


def test_the_answer_loaded_later_answers_the_linked_case(tmp_path: Path) -> None:
    with kv2rdf.Store(tmp_path / "store") as store:
        store.load([QUESTIONS])
        (alias,) = {s for s, p, o in derived(store) if p == "answerDocumentCount"}
        assert (alias, "answerDocumentCount", "0") in derived(store)
        store.load([ANSWER])  # linked to the answer's set: the alias's facts go
        facts = derived(store)
    assert alias != CANONICAL and not any(s == alias for s, _, _ in facts)
    assert {(CANONICAL, "answerDocumentCount", "1"), (CANONICAL, "firstAnswered", "2024-03-07"),
            (CANONICAL, "questionCount", "9")} <= facts


def test_a_further_answer_has_its_days_but_does_not_answer_the_case(tmp_path: Path) -> None:
    """A "nader" answer document gets kv:daysToAnswer; the case's days need a regular one."""
    turtle = (ROOT / "examples" / "aanhangsel-1064.ttl").read_text(encoding="utf-8")
    further = turtle.replace("eli:work_type kvdoc:antwoord-schriftelijke-vragen ;",
                             "eli:work_type kvdoc:antwoord-schriftelijke-vragen-nader ;")
    assert further != turtle
    (tmp_path / "nader.ttl").write_text(further, encoding="utf-8")
    with kv2rdf.Store(tmp_path / "store") as store:
        store.load(tmp_path / "nader.ttl")
        facts = derived(store)
    # 18 days from "ingezonden" to "ontvangen" (16 februari 2024)
    assert (ERDMANS_ANSWER, "daysToAnswer", "18") in facts
    assert not any(s == ERDMANS and p in ("daysToAnswer", "answeredLate") for s, p, _ in facts)
    with kv2rdf.Store(tmp_path / "regular") as store:
        store.load(ROOT / "examples" / "aanhangsel-1064.ttl")
        assert {(ERDMANS_ANSWER, "daysToAnswer", "18"), (ERDMANS, "daysToAnswer", "18")} <= \
            derived(store)


def test_an_answer_to_two_cases_keeps_its_days_for_both_when_one_is_loaded_again(
        tmp_path: Path) -> None:
    """Loading a document that touches one of the two cases re-derives the answer's days for both."""
    other = ID + "kamervraag/ah-tk-20232024-1064-ander"
    turtle = (ROOT / "examples" / "aanhangsel-1064.ttl").read_text(encoding="utf-8")
    two = turtle.replace(f"eli-dl:answers_to <{ERDMANS}> ;", f"eli-dl:answers_to <{ERDMANS}>, <{other}> ;")
    assert two != turtle
    two += (f'\n<{other}> a kv:WrittenQuestions ; dct:dateSubmitted "2024-01-10"^^xsd:date .\n')
    (tmp_path / "two.ttl").write_text(two, encoding="utf-8")
    (tmp_path / "again.trig").write_text(
        "@prefix kv: <https://w3id.org/kv2rdf/def#> . @prefix dct: <http://purl.org/dc/terms/> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        f'<urn:kv2rdf:test:again> {{ <{ERDMANS}> a kv:WrittenQuestions ; '
        'dct:dateSubmitted "2024-01-29"^^xsd:date . }\n', encoding="utf-8")
    with kv2rdf.Store(tmp_path / "store") as store:
        store.load(tmp_path / "two.ttl")
        days = {(s, o) for s, p, o in derived(store) if p == "daysToAnswer"}
        assert {(ERDMANS_ANSWER, "18"), (ERDMANS_ANSWER, "37")} <= days  # 29 and 10 januari
        store.load(tmp_path / "again.trig")
        assert {(s, o) for s, p, o in derived(store) if p == "daysToAnswer"} == days
