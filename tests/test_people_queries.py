"""The example queries about members and open cases, on the golden cases and linked documents."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kv2rdf.store.inputs import prepare
from kv2rdf.store.linking import link
from kv2rdf.store.local import LocalStore
from tests.helpers import ROOT
from tests.store_support import load_linked, plain, run, store_of

LINKING = ROOT / "tests" / "linking"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> LocalStore:
    """Every golden case, the linking documents (questions, notices, a follow-up), linked."""
    found = store_of(tmp_path_factory.mktemp("people") / "store")
    prepared = prepare(sorted(LINKING.glob("*.txt")))
    assert prepared.errors == []
    load_linked(found, prepared.graphs)
    link(found)
    return found


def test_questions_per_member_per_party_in_2024(store: LocalStore) -> None:
    rows = plain(run(store, "questions-per-member-2024"))
    by_member = {(r[0], r[1]): r[2:] for r in rows}
    # Sneller: the quantum case (questions, two notices, a notice of a letter and the answer,
    # linked into one set of 9), the same day's other subject (10) and the follow-up (2)
    assert by_member[("Joost Sneller", "D66")] == (
        "da9f33b0-80ca-49eb-a1ec-def3b46538d9", "Q28860876", Decimal(3), Decimal(21))
    # one member printed as "Nieuw Sociaal Contract", counted under the party's short name
    assert by_member[("Sandra Palmen", "NSC")][2:] == (Decimal(1), Decimal(13))
    # Kostić asked twice in 2024 (her answer and a re-issued one)
    assert by_member[("Ines Kostić", "PvdD")][2:] == (Decimal(2), Decimal(8))
    # not in the reference data: a row without ids, never merged with anyone
    assert by_member[("Erdmans", "JA21")] == (None, None, Decimal(1), Decimal(9))
    # only 2024: Postma (2020) and Van Raak (2019) are not there; oral questions are not counted
    assert not {m for m, _ in by_member} & {"Wytske Postma", "Ronald van Raak", "Ilana Rooderkerk"}
    # most questions first, then party and name
    keys = [(-Decimal(str(r[5])), str(r[1]).lower(), str(r[0]).lower()) for r in rows]
    assert keys == sorted(keys)
    assert all(r[2] for r in rows if r[0] != "Erdmans")  # every other member has a TK id


def test_cases_unanswered_after_three_weeks(store: LocalStore) -> None:
    rows = plain(run(store, "unanswered-after-three-weeks"))
    cases = {r[0]: r for r in rows}
    # the Chakor/Palmen questions: postponed on 8 March 2024, never answered in the store
    case, submitted, days, status, first, notices, askers = cases["2024Z02569"]
    assert (submitted, status, first, notices) == ("2024-02-15", "postponed", "2024-03-08",
                                                   Decimal(1))
    assert askers == "Glimina Chakor, Sandra Palmen"
    assert isinstance(days, Decimal) and days > 21
    # Sneller's questions on another subject and his follow-up: no answer, no notice
    without = [r for r in rows if r[3] == "no notice"]
    assert len(without) == 2 and all(r[6] == "Joost Sneller" for r in without)
    assert [r[1] for r in without] == ["2024-01-16", "2024-03-14"]
    # rows without a notice come first, oldest first
    assert [r[3] for r in rows] == ["no notice", "no notice", "postponed"]
    # answered cases (an answer document, or a notice that a letter answered them) are not open
    assert len(rows) == 3


def test_the_new_queries_are_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("questions-per-member-2024", "unanswered-after-three-weeks"):
        assert f"examples/queries/{name}.rq" in readme
        first = (ROOT / "examples" / "queries" / f"{name}.rq").read_text(encoding="utf-8")
        assert first.startswith("# ")


def test_a_linked_case_does_not_multiply_the_counts(store: LocalStore, tmp_path: Path) -> None:
    alone = store_of(tmp_path / "alone", "pdf-ah-tk-20232024-1178")
    rows = plain(run(alone, "questions-per-member-2024"))
    assert rows == [("Joost Sneller", "D66", "da9f33b0-80ca-49eb-a1ec-def3b46538d9",
                     "Q28860876", Decimal(1), Decimal(9))]
    alone.close()
