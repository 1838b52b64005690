"""The example queries (examples/queries/*.rq) on golden cases loaded into an embedded store.

Expected rows are worked out from the documents' printed text (askers and parties, question
and answer labels, "ingezonden"/"ontvangen" dates, "mede namens", footnotes), not copied from
query output. Exact row sets use stores of cases chosen by name, so new golden cases do not
change them; the whole corpus is checked for rows of specific documents. With
$KV2RDF_TEST_ENDPOINT set, the same queries run on an Oxigraph server holding the same corpus
and must give the same rows (``-m server``).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from kv2rdf.store.endpoint import endpoint_for
from kv2rdf.store.inputs import graphs_from_rdf
from kv2rdf.store.local import LocalStore
from kv2rdf.store.remote import RemoteStore
from tests.store_support import (
    QUERIES,
    corpus,
    load_linked,
    plain,
    run,
    server_kind,
    server_url,
    store_of,
)

ID = "https://w3id.org/kv2rdf/id/"
DCT = "http://purl.org/dc/terms/"
KV = "https://w3id.org/kv2rdf/def#"
ELI = "http://data.europa.eu/eli/ontology#"
ELI_DL = "http://data.europa.eu/eli/eli-draft-legislation-ontology#"
KVDOC = "https://w3id.org/kv2rdf/def/documentsoort/"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"

# The six hand-checked documents and what they print.
NOTICE = "seed-000-mededeling"         # Chakor (GroenLinks-PvdA), Palmen (NSC); Vraag 1-13;
#                                        ingezonden 15-02-2024; Mededeling ontvangen 08-03-2024
ERDMANS = "seed-004-aanhangsel-1064"   # Erdmans (JA21); Vraag 1 en 2, 3-5, 6 en 7, 8, 9;
#                                        Minister Helder (VWS); 29-01-2024 → 16-02-2024
DIJK = "markdown-ah-tk-20232024-302"   # Dijk (SP); Minister Helder (Langdurige Zorg en Sport,
#                                        a post of VWS); 03-10-2023 → 24-10-2023
BOSWIJK = "markdown-ah-tk-20232024-387"  # Boswijk (CDA); Vraag 1-3, 4 en 5, 6-10; Minister
#                                          Bruins Slot (Buitenlandse Zaken); 02-10 → 13-11-2023
KOEKKOEK = "text-ah-tk-20232024-1481"  # Koekkoek (Volt); Vraag 1-6, Antwoord 5 en 6; Van
#   Huffelen (BZK) mede namens the Staatssecretarissen of VWS and JenV; 12-02 → 11-04-2024;
#   footnotes: Kamerstuk 36 200 IV nr. 25, Kamerstukken 36 410 IV nrs. 15 and 49
FABER = "text-ah-tk-20232024-1949"     # Faber-van de Klashorst (PVV); Vraag 1, 2 en 3, 4, 5;
#   Yeşilgöz-Zegerius (JenV) mede namens the Minister voor Rechtsbescherming;
#   06-05 → 11-06-2024; footnote: regiopurmerend.nl/2024/05/03/…

ANSWERS = {  # answer document: (ministry of the signer's post, ingezonden, ontvangen)
    ERDMANS: ("Ministerie van Volksgezondheid, Welzijn en Sport", date(2024, 1, 29),
              date(2024, 2, 16)),
    DIJK: ("Ministerie van Volksgezondheid, Welzijn en Sport", date(2023, 10, 3),
           date(2023, 10, 24)),
    BOSWIJK: ("Ministerie van Buitenlandse Zaken", date(2023, 10, 2), date(2023, 11, 13)),
    KOEKKOEK: ("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", date(2024, 2, 12),
               date(2024, 4, 11)),
    FABER: ("Ministerie van Justitie en Veiligheid", date(2024, 5, 6), date(2024, 6, 11)),
}
NAMES = [NOTICE, ERDMANS, DIJK, BOSWIJK, KOEKKOEK, FABER]
QUERY_NAMES = sorted(p.stem for p in QUERIES.glob("*.rq"))


@pytest.fixture(scope="module")
def six(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStore]:
    store = store_of(tmp_path_factory.mktemp("six") / "store", *NAMES)
    yield store
    store.close()


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStore]:
    store = store_of(tmp_path_factory.mktemp("whole") / "store")
    yield store
    store.close()


def days(case: str) -> int:
    _, submitted, received = ANSWERS[case]
    return (received - submitted).days


def test_every_query_says_what_it_answers() -> None:
    assert set(QUERY_NAMES) >= {"questions-per-party", "answer-time-per-ministry",
                                "late-answers", "grouped-answers", "co-answerers",
                                "cited-domains"}
    for name in QUERY_NAMES:
        first = (QUERIES / f"{name}.rq").read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# ") and len(first) > 20, name


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_every_query_runs_on_the_whole_corpus(whole: LocalStore, name: str) -> None:
    assert run(whole, name).rows


def test_questions_per_party(tmp_path: Path) -> None:
    store = store_of(tmp_path / "store", NOTICE, ERDMANS, BOSWIJK, KOEKKOEK, FABER)
    assert plain(run(store, "questions-per-party")) == [
        ("GL-PvdA", 13, 1), ("NSC", 13, 1), ("CDA", 10, 1),
        ("JA21", 9, 1), ("Volt", 6, 1), ("PVV", 5, 1)]
    store.close()


def test_erdmans_asked_nine_questions(tmp_path: Path) -> None:
    store = store_of(tmp_path / "store", ERDMANS)
    assert plain(run(store, "questions-per-party")) == [("JA21", 9, 1)]
    store.close()


def test_answer_time_per_ministry(six: LocalStore) -> None:
    by_ministry: dict[str, list[int]] = {}
    for case, (ministry, _, _) in ANSWERS.items():
        by_ministry.setdefault(ministry, []).append(days(case))
    expected = sorted(((m, len(d), round(Decimal(sum(d)) / len(d), 1), min(d), max(d))
                       for m, d in by_ministry.items()), key=lambda r: (-r[2], r[0]))
    assert expected[-1] == ("Ministerie van Volksgezondheid, Welzijn en Sport", 2,
                            Decimal("19.5"), 18, 21)
    assert plain(run(six, "answer-time-per-ministry")) == expected


def test_late_answers(six: LocalStore) -> None:
    assert [days(c) for c in (ERDMANS, DIJK)] == [18, 21]  # in time: not listed
    assert plain(run(six, "late-answers")) == [
        (ID + "kamervraag/ah-tk-20232024-387", "2023-10-02", "2023-11-13", days(BOSWIJK), None),
        (ID + "kamervraag/ah-tk-20232024-1481", "2024-02-12", "2024-04-11", days(KOEKKOEK),
         None),
        (ID + "kamervraag/tk/2024Z02569", "2024-02-15", None, None, "2024-03-08"),
        (ID + "kamervraag/ah-tk-20232024-1949", "2024-05-06", "2024-06-11", days(FABER), None),
    ]


def test_late_answers_counts_days_like_the_calendar(tmp_path: Path) -> None:
    """The days a late set took, as linking derives them and the query lists them, against
    Python's calendar: leap years, month and year ends."""
    rng = random.Random(20240229)
    pairs = [(date(2023, 12, 20), date(2024, 3, 1)), (date(2023, 2, 20), date(2023, 3, 15)),
             (date(2024, 2, 28), date(2024, 3, 21)), (date(1999, 12, 31), date(2000, 3, 1)),
             (date(2100, 2, 27), date(2100, 3, 31))]
    pairs += [(start, start + timedelta(days=rng.randint(0, 400)))
              for start in (date(1990, 1, 1) + timedelta(days=rng.randint(0, 20000))
                            for _ in range(60))]
    lines = []
    for n, (submitted, received) in enumerate(pairs):  # one TriG graph per document
        qs, answer = f"<{ID}kamervraag/test/{n}>", f"<{ID}antwoord/test-{n}>"
        lines += [f"<urn:x-test:{n}> {{", f"{qs} a <{KV}WrittenQuestions> ;",
                  f'  <{DCT}dateSubmitted> "{submitted}"^^<{XSD_DATE}> .',
                  f"{answer} a <{KV}AnswerDocument> ; <{ELI_DL}answers_to> {qs} ;",
                  f"  <{ELI}work_type> <{KVDOC}antwoord-schriftelijke-vragen> ;",
                  f'  <{DCT}dateSubmitted> "{received}"^^<{XSD_DATE}> .', "}"]
    store = LocalStore(tmp_path / "store")
    graphs = graphs_from_rdf("\n".join(lines).encode(), ox.RdfFormat.TRIG, "dates.trig",
                             "urn:x-test:dates")
    assert {g.name for g in graphs} == {f"{ID}antwoord/test-{n}" for n in range(len(pairs))}
    load_linked(store, graphs)
    found = {row[0]: row[3] for row in plain(run(store, "late-answers"))}
    expected = {f"{ID}kamervraag/test/{n}": (r - s).days
                for n, (s, r) in enumerate(pairs) if (r - s).days > 21}
    assert found == expected
    store.close()


def test_grouped_answers(six: LocalStore) -> None:
    rows = [(d, i, label, n, sorted(numbers.split(", ")))
            for d, i, label, n, numbers in plain(run(six, "grouped-answers"))]
    answer = ID + "antwoord/ah-tk-20232024-"
    assert rows == [
        (answer + "1064", answer + "1064/onderdeel/1", "1 en 2", 2, ["1", "2"]),
        (answer + "1064", answer + "1064/onderdeel/5", "6 en 7", 2, ["6", "7"]),
        (answer + "1481", answer + "1481/onderdeel/5", "5 en 6", 2, ["5", "6"]),
        (answer + "1949", answer + "1949/onderdeel/2", "2 en 3", 2, ["2", "3"]),
        (answer + "387", answer + "387/onderdeel/4", "4 en 5", 2, ["4", "5"]),
    ]


CO_ANSWERERS = [
    (ID + "antwoord/ah-tk-20232024-1481", "Staatssecretaris van Justitie en Veiligheid",
     "Ministerie van Justitie en Veiligheid"),
    (ID + "antwoord/ah-tk-20232024-1481", "Staatssecretaris van Volksgezondheid, Welzijn en "
     "Sport", "Ministerie van Volksgezondheid, Welzijn en Sport"),
    (ID + "antwoord/ah-tk-20232024-1949", "Minister voor Rechtsbescherming",
     "Ministerie van Justitie en Veiligheid"),
]


def test_co_answerers(six: LocalStore) -> None:
    assert plain(run(six, "co-answerers")) == CO_ANSWERERS


def test_cited_domains(tmp_path: Path) -> None:
    store = store_of(tmp_path / "store", KOEKKOEK, FABER)
    assert plain(run(store, "cited-domains")) == [
        ("zoek.officielebekendmakingen.nl", 3, 3), ("regiopurmerend.nl", 1, 1)]
    store.close()


def test_rows_of_specific_documents_in_the_whole_corpus(whole: LocalStore) -> None:
    late = plain(run(whole, "late-answers"))
    assert (ID + "kamervraag/tk/2024Z02569", "2024-02-15", None, None, "2024-03-08") in late
    grouped = {(r[0], r[2]) for r in plain(run(whole, "grouped-answers"))}
    assert (ID + "antwoord/ah-tk-20232024-1064", "1 en 2") in grouped
    co = plain(run(whole, "co-answerers"))
    assert all(row in co for row in CO_ANSWERERS)


# ---- the same on a real Oxigraph server -----------------------------------------------------

@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RemoteStore]:
    store = RemoteStore(endpoint_for(server_url(), server_kind()), timeout=30)
    load_linked(store, corpus().graphs)
    yield store
    for graph in corpus().graphs:
        store.drop(graph.name)
    for name in ("koppelingen", "afgeleid"):  # written by linking
        store.drop(ID + name)


def comparable(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """Rows with GROUP_CONCAT lists sorted (their order is up to the engine)."""
    return sorted((tuple(", ".join(sorted(v.split(", "))) if isinstance(v, str) and ", " in v
                         else v for v in row) for row in rows), key=repr)


@pytest.mark.server
@pytest.mark.parametrize("name", QUERY_NAMES)
def test_server_gives_the_rows_of_the_embedded_store(server: RemoteStore, whole: LocalStore,
                                                      name: str) -> None:
    remote = run(server, name)
    assert remote.variables == run(whole, name).variables
    assert comparable(plain(remote)) == comparable(plain(run(whole, name)))
