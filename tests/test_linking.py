"""Case linking: the documents of one case meet in one question set; different cases never."""

from __future__ import annotations

from pathlib import Path

import pytest

from kv2rdf.store.cases import QuestionSet, canonical_iri, find_links
from kv2rdf.store.inputs import prepare
from kv2rdf.store.linking import link, question_sets, unlink
from kv2rdf.store.local import LocalStore
from tests.helpers import CASES, ROOT
from tests.store_support import load, store_of

ID = "https://w3id.org/kv2rdf/id/"
LINKING = ROOT / "tests" / "linking"
ANSWER = CASES / "pdf-ah-tk-20232024-1178" / "source.pdf"
QUESTIONS = LINKING / "vragen-sneller-quantum.txt"
NOTICES = [LINKING / "mededeling-sneller-quantum-1.txt", LINKING / "mededeling-sneller-quantum-2.txt"]
OTHER = LINKING / "vragen-sneller-ander-onderwerp.txt"
CANONICAL = ID + "kamervraag/ah-tk-20232024-1178"


def qs(iri: str, *, zaak: str = "", day: str = "2024-01-16", askers: str = "sneller",
       questions: tuple[str, ...] = (), title: str = "") -> QuestionSet:
    return QuestionSet(iri, frozenset({iri + "#g"}), frozenset({zaak} if zaak else ()), day,
                       frozenset(askers.split()), title, questions)


Q = ("Bent u bekend met het risico dat quantumcomputing encryptie zal doorbreken?",
     "Welke kansen en risico's ziet u op het gebied van quantum?",
     "Kunt u toelichten in hoeverre er vergelijkbare wetgeving nodig is in Nederland?")


def test_the_same_zaaknummer_links_and_two_zaaknummers_never_do() -> None:
    a, b = qs(ID + "kamervraag/tk/2024Z00001", zaak="2024Z00001"), qs(ID + "kamervraag/ah-tk-20232024-5", zaak="2024Z00001")
    links, ambiguous = find_links([a, b])
    assert [(x.alias, x.canonical, x.evidence) for x in links] == [(b.iri, a.iri, ("zaaknummer",))]
    c = qs(ID + "kamervraag/ah-tk-20232024-6", zaak="2024Z00002", questions=Q)
    d = qs(ID + "kamervraag/tk/2024Z00003", zaak="2024Z00003", questions=Q)
    assert find_links([c, d]) == ([], [])


def test_same_members_same_day_other_subject_stay_apart() -> None:
    a = qs(ID + "kamervraag/ah-tk-20232024-7", questions=Q, title="Vragen over quantum")
    b = qs(ID + "kamervraag/bron/1", questions=("Hoeveel studenten stoppen na het eerste jaar?",
                                                 "Wat doet u daaraan?"), title="Vragen over studie")
    assert find_links([a, b]) == ([], [])
    # the same questions under another member, or on another day, are not linked either
    assert find_links([a, qs(ID + "kamervraag/bron/2", questions=Q, askers="chakor")]) == ([], [])
    assert find_links([a, qs(ID + "kamervraag/bron/3", questions=Q, day="2024-01-17")]) == ([], [])


def test_a_set_that_fits_two_cases_is_reported_not_guessed() -> None:
    a = qs(ID + "kamervraag/ah-tk-20232024-8", questions=Q[:2], title="Vragen over quantum")
    b = qs(ID + "kamervraag/ah-tk-20232024-9", questions=Q[1:] + ("Nog een vraag over iets?",), title="Vragen over quantum")
    notice = qs(ID + "kamervraag/bron/4", questions=Q, title="Vragen over quantum")
    links, ambiguous = find_links([a, b, notice])
    assert [x.iri for x in ambiguous] == [notice.iri]
    assert ambiguous[0].candidates == (a.iri, b.iri)
    assert links == []


def test_the_canonical_iri_prefers_the_zaaknummer_then_the_questions_publication() -> None:
    ah, kv = qs(ID + "kamervraag/ah-tk-20232024-1"), qs(ID + "kamervraag/kv-tk-2024Z00009")
    assert canonical_iri([ah, kv]) == kv.iri
    zaak = qs(ID + "kamervraag/ah-tk-20232024-2", zaak="2024Z00010")
    assert canonical_iri([zaak, ah]) == ID + "kamervraag/tk/2024Z00010"


def load_files(store: LocalStore, paths: list[Path]) -> None:
    prepared = prepare(paths)
    assert prepared.errors == []
    load(store, prepared.graphs)
    link(store)


def values(store: LocalStore, sparql: str) -> list[str]:
    return [r[0].value if r[0] else "" for r in store.query(sparql).rows]


def quads(store: LocalStore) -> list[str]:
    text = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }").graph or ""
    named = [str(r) for r in store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }").rows]
    return sorted(text.splitlines()) + sorted(named)


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> LocalStore:
    store = LocalStore(tmp_path_factory.mktemp("linked") / "store")
    load_files(store, [QUESTIONS, *NOTICES, ANSWER, OTHER])
    return store


def test_questions_two_notices_and_the_answer_become_one_question_set(linked: LocalStore) -> None:
    sets = values(linked, "SELECT DISTINCT ?s WHERE { ?s a kv:WrittenQuestions } ORDER BY ?s")
    assert len(sets) == 2 and CANONICAL in sets  # the quantum case, and the other subject
    assert values(linked, "SELECT DISTINCT ?w WHERE { ?a a kv:AnswerDocument ; eli-dl:answers_to ?w }") == [CANONICAL]
    assert values(linked, f"SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE {{ ?n kv:postponesAnswerTo <{CANONICAL}> }}") == ["2"]
    parts = values(linked, f"SELECT DISTINCT ?q WHERE {{ <{CANONICAL}> eli:has_part ?q }}")
    assert len(parts) == 9 and all(p.startswith(CANONICAL + "/vraag/") for p in parts)
    # every answer item answers a question of the canonical set
    assert set(values(linked, "SELECT DISTINCT ?q WHERE { ?a a kv:Answer ; eli-dl:answers_to ?q }")) <= set(parts)


def test_replaced_iris_stay_as_aliases_with_evidence(linked: LocalStore) -> None:
    aliases = values(linked, f"SELECT ?a WHERE {{ ?a owl:sameAs <{CANONICAL}> }} ORDER BY ?a")
    assert len(aliases) == 3 and all("/kamervraag/bron/" in a for a in aliases)
    evidence = values(linked, f"SELECT DISTINCT ?e WHERE {{ ?r a kv:CaseLink ; kv:linkedTo <{CANONICAL}> ; kv:evidence ?e }} ORDER BY ?e")
    assert evidence == ["askers", "questions", "submitted"]
    # an alias is never a typed resource (people are owl:sameAs their Wikidata entity instead)
    assert values(linked, f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a owl:sameAs ?b . ?a a ?t "
                          f"FILTER(STRSTARTS(STR(?b), '{ID}kamervraag/')) }}") == ["0"]


def test_linking_is_the_same_in_any_order(tmp_path: Path) -> None:
    orders = [[QUESTIONS, *NOTICES, ANSWER, OTHER], [ANSWER], [NOTICES[1], OTHER, QUESTIONS]]
    one, two = LocalStore(tmp_path / "one"), LocalStore(tmp_path / "two")
    load_files(one, orders[0])
    for paths in orders[1:]:
        load_files(two, paths)
    load_files(two, [NOTICES[0]])
    assert quads(one) == quads(two)
    assert link(one).links == ()  # a second run finds nothing left to link


def test_a_link_can_be_undone_and_is_not_made_again(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "store")
    load_files(store, [QUESTIONS, ANSWER])
    (rec,) = store.query("SELECT ?a WHERE { ?r kv:linkedAlias ?a }").rows
    alias = rec[0].value
    assert unlink(store, alias) == [alias]
    assert set(values(store, "SELECT DISTINCT ?s WHERE { ?s a kv:WrittenQuestions }")) == {alias, CANONICAL}
    assert link(store).links == ()
    assert values(store, "SELECT ?v WHERE { ?r kv:rejected ?v }") == ["true"]


def test_no_two_corpus_cases_are_merged(tmp_path: Path) -> None:
    store = store_of(tmp_path / "corpus")
    before = len(question_sets(store))
    report = link(store)
    assert report.links == () and report.ambiguities == ()
    assert len(question_sets(store)) == before


def test_each_question_keeps_its_text(linked: LocalStore) -> None:
    texts = values(linked, f"SELECT DISTINCT ?t WHERE {{ <{CANONICAL}/vraag/1> schema:text ?t }}")
    assert texts and all(t.startswith("Bent u bekend met het risico dat quantumcomputing") for t in texts)


def test_questions_citing_an_earlier_answer_follow_up_that_case(linked: LocalStore, tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "store")
    load_files(store, [LINKING / "vragen-sneller-quantum-vervolg.txt", QUESTIONS])
    assert values(store, "SELECT ?e WHERE { ?l kv:followsUp ?e }") == []  # the answer is not loaded yet
    load_files(store, [ANSWER])
    later = values(store, "SELECT ?l WHERE { ?l kv:followsUp ?e }")
    assert values(store, "SELECT ?e WHERE { ?l kv:followsUp ?e }") == [CANONICAL]
    assert len(later) == 1 and "/kamervraag/bron/" in later[0]


def test_the_python_api_links_after_loading(tmp_path: Path) -> None:
    import kv2rdf

    with kv2rdf.Store(tmp_path / "store") as store:
        store.load([QUESTIONS, ANSWER])
        rows = store.query("SELECT DISTINCT ?s WHERE { ?s a kv:WrittenQuestions }")
        assert [r["s"] for r in rows] == [CANONICAL]
        assert store.link().links == ()


def test_days_to_answer_and_lateness_are_derived_over_the_linked_case(linked: LocalStore) -> None:
    # questions ingezonden 16 januari 2024, answer ontvangen 7 maart 2024: 51 days, late
    assert values(linked, f"SELECT ?d WHERE {{ <{CANONICAL}> kv:daysToAnswer ?d }}") == ["51"]
    assert values(linked, f"SELECT ?l WHERE {{ <{CANONICAL}> kv:answeredLate ?l }}") == ["true"]
    assert values(linked, f"SELECT ?d WHERE {{ <{ID}antwoord/ah-tk-20232024-1178> kv:daysToAnswer ?d }}") == ["51"]


def test_an_answer_within_three_weeks_is_not_late(tmp_path: Path) -> None:
    store = store_of(tmp_path / "store", "pdf-ah-tk-20232024-1292")  # 11 → 21 maart 2024
    link(store)
    assert values(store, "SELECT ?d ?l WHERE { ?q a kv:WrittenQuestions ; kv:daysToAnswer ?d ; kv:answeredLate ?l }") == ["10"]
    assert values(store, "SELECT ?l WHERE { ?q kv:answeredLate ?l }") == ["false"]


def test_a_store_that_answers_the_wrong_variables_is_a_store_error() -> None:
    from kv2rdf.errors import StoreError
    from kv2rdf.store.results import QueryResult

    class Odd:
        location = "http://127.0.0.1:1/odd"

        def query(self, sparql: str) -> QueryResult:
            return QueryResult.from_json('{"head": {"vars": ["n"]}, "results": {"bindings": []}}')

    with pytest.raises(StoreError, match="answered a query with the variables n instead of qs, g"):
        link(Odd())  # type: ignore[arg-type]


def test_a_notice_that_the_questions_were_answered_by_letter_answers_the_case(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "store")
    letter = LINKING / "mededeling-sneller-quantum-brief.txt"
    load_files(store, [QUESTIONS, letter])
    (canonical,) = values(store, "SELECT DISTINCT ?s WHERE { ?s a kv:WrittenQuestions }")
    assert values(store, f"SELECT ?l WHERE {{ ?n kv:postponesAnswerTo <{canonical}> ; kv:answeredByLetter ?l }}") \
        == ["https://zoek.officielebekendmakingen.nl/kst-26643-1120"]
    # ingezonden 16 januari 2024, the notice that it was answered by letter 4 maart 2024: 48 days
    assert values(store, f"SELECT ?d WHERE {{ <{canonical}> kv:daysToAnswer ?d }}") == ["48"]
    assert values(store, f"SELECT ?l WHERE {{ <{canonical}> kv:answeredLate ?l }}") == ["true"]
    # an ordinary postponement notice answers nothing
    other = LocalStore(tmp_path / "other")
    load_files(other, [QUESTIONS, NOTICES[0]])
    assert values(other, "SELECT ?d WHERE { ?q kv:daysToAnswer ?d }") == []


def test_a_first_load_links_everything_as_loads_one_at_a_time_do(tmp_path: Path) -> None:
    """Into an empty store ``kv2rdf load`` links all at once; later loads link what they touch."""
    from click.testing import CliRunner

    from kv2rdf import cli
    from kv2rdf.store.linking import holds_question_sets

    paths = [QUESTIONS, *NOTICES, ANSWER, OTHER]
    assert CliRunner().invoke(cli.main, ["-q", "load", *map(str, paths), "--store",
                                         str(tmp_path / "all")]).exit_code == 0
    for path in paths:
        result = CliRunner().invoke(cli.main, ["-q", "load", str(path), "--store",
                                               str(tmp_path / "each")])
        assert result.exit_code == 0, result.output
    stores = [LocalStore(tmp_path / name, create=False) for name in ("all", "each")]
    try:
        # the same graphs and facts; only the records of links (their history) may differ
        every = f"SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{ID}koppelingen>) }}"
        assert sorted(map(str, stores[0].query(every).rows)) == sorted(map(str, stores[1].query(every).rows))
        assert values(stores[0], f"SELECT ?d WHERE {{ <{CANONICAL}> kv:daysToAnswer ?d }}") == ["51"]
        assert holds_question_sets(stores[0])
    finally:
        for store in stores:
            store.close()
    empty = LocalStore(tmp_path / "empty")
    try:
        assert not holds_question_sets(empty)
    finally:
        empty.close()


def test_the_store_counts_its_graphs_as_the_count_query_does(tmp_path: Path) -> None:
    """`LocalStore.size` counts with the indexes; it agrees with SPARQL `count_graphs`."""
    import pyoxigraph as ox

    from kv2rdf.store.local import count_graphs

    store = LocalStore(tmp_path / "store")
    try:
        load_files(store, [QUESTIONS, ANSWER])
        raw = store._store
        raw.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o")))  # default
        raw.add_graph(ox.NamedNode("urn:empty"))  # a named graph without triples
        shared = ID.removesuffix("id/") + "graaf/gedeeld"
        for besides in (None, shared):
            assert store.size(besides=besides) == count_graphs(store, besides=besides)
        graphs, triples = store.size(besides=shared)
        assert graphs >= 2 and triples > 500
    finally:
        store.close()


def test_the_whole_store_forms_of_the_linking_queries_give_the_narrowed_forms_rows(
        tmp_path: Path) -> None:
    """Linking everything reads with forms of its own (hash joins): the same rows, every one."""
    from kv2rdf.store.case_sets import records
    from kv2rdf.store.link_queries import WHOLE

    store = store_of(tmp_path / "store")
    try:
        load_files(store, [QUESTIONS, *NOTICES, OTHER, LINKING / "vragen-sneller-quantum-vervolg.txt"])
        for narrowed, whole in WHOLE.items():
            rows = sorted(sorted(row.items()) for row in records(store, narrowed))
            assert rows, narrowed  # each query finds something in the corpus
            assert sorted(sorted(row.items()) for row in records(store, whole)) == rows, narrowed
    finally:
        store.close()
