"""Reference data and reconciliation: real members and ministers of the corpus documents."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from kv2rdf import cli, parse
from kv2rdf.errors import DataError
from kv2rdf.reference import (
    Match,
    MatchStatus,
    Reference,
    canonical_party,
    check_document,
    fold,
    load_reference,
    match_member,
    match_minister,
    ministry_of,
    resolve_party,
)
from kv2rdf.reference.build import build
from kv2rdf.reference.check import report_lines
from kv2rdf.reference.names import family_names
from kv2rdf.reference.odp import read_export, update_snapshot
from kv2rdf.reference.snapshot import dumps_snapshot, packaged_path, read_snapshot
from tests.helpers import CASES, ROOT, source_file

FIXTURES = Path(__file__).parent / "fixtures"
REF = load_reference(packaged_path())

INGE_VAN_DIJK = "1ee767b9-67f3-47e5-9e28-045da1c37b05"
JIMMY_DIJK = "990b2d9b-0b83-4dde-ab04-5cd5d8c5c4d3"
DIEDERIK_VAN_DIJK = "dd85a3cc-916a-4f94-aaed-cb341eb6a036"
KOSTIC = "9e16daf1-18e6-4563-b371-aa50c31b79f6"
AGEMA = "1c889902-6ede-427c-8682-000f683fffaa"


def member(name: str, party: str | None, day: date | None, given: str | None = None,
           ref: Reference = REF) -> Match:
    return match_member(name, party, day, given, reference=ref)


@pytest.mark.parametrize(("name", "party", "day", "given", "tk_id", "qid"), [
    ("van Dijk", "CDA", date(2023, 12, 13), "Inge", INGE_VAN_DIJK, "Q106090816"),
    ("Van Dijk", "CDA", date(2023, 12, 13), None, INGE_VAN_DIJK, "Q106090816"),
    ("Van Haga", "Groep Van Haga", date(2023, 11, 20), None,
     "ab15ce32-a527-4526-a5b2-0f2cdb92feeb", "Q28861054"),
    ("Kostić", "PvdD", date(2024, 3, 6), None, KOSTIC, "Q28857876"),
    ("Kostic", "Partij voor de Dieren", date(2024, 3, 6), None, KOSTIC, "Q28857876"),
    ("Faber-van de Klashorst", "PVV", date(2024, 5, 6), None,
     "fe1727e3-35bc-4b62-869b-be60b0c861f7", "Q13815905"),
    ("Sneller", "D66", date(2024, 1, 16), None, "da9f33b0-80ca-49eb-a1ec-def3b46538d9",
     "Q28860876"),
    ("Palmen", "Nieuw Sociaal Contract", date(2024, 2, 15), None,
     "61aaf80d-fccd-4596-8632-fc53d24e7502", "Q123174045"),
    ("Palmen", "NSC", date(2024, 2, 15), None, "61aaf80d-fccd-4596-8632-fc53d24e7502",
     "Q123174045"),
    ("Chakor", "GL-PvdA", date(2024, 2, 15), None, "db9b7377-3b52-459d-827f-ed370b4e45c7",
     "Q106162879"),
    ("Van der Graaf", "ChristenUnie", date(2023, 4, 17), None,
     "fa4d473c-e553-439e-8f53-ca5f2b203dbd", "Q28861451"),
    ("Van der Graaf", "CU", date(2023, 4, 17), None, "fa4d473c-e553-439e-8f53-ca5f2b203dbd",
     "Q28861451"),
])
def test_members_of_the_corpus_are_matched(name: str, party: str, day: date, given: str | None,
                                           tk_id: str, qid: str) -> None:
    result = match_member(name, party, day, given, reference=REF)
    assert result.status is MatchStatus.MATCHED, result.reason
    assert (result.tk_id, result.wikidata) == (tk_id, qid)


def test_matched_member_carries_full_name_and_canonical_party() -> None:
    result = match_member("Palmen", "Nieuw Sociaal Contract", date(2024, 2, 15), reference=REF)
    assert result.full_name == "Sandra Palmen"
    assert result.person_key == "tk/61aaf80d-fccd-4596-8632-fc53d24e7502"
    assert result.person is not None
    (seat,) = REF.seats(result.person.id, date(2024, 2, 15))
    assert (seat.party, seat.start, seat.end) == ("nsc", date(2023, 12, 6), date(2024, 12, 11))
    helder = match_minister("Helder", "Minister voor Langdurige Zorg en Sport", date(2023, 10, 24),
                            reference=REF)
    assert helder.person_key == "wikidata/Q110316953"
    assert result.party is not None
    assert (result.party.short_name, result.party.long_name) == ("NSC", "Nieuw Sociaal Contract")
    kostic = match_member("Kostić", "PvdD", date(2024, 3, 6), reference=REF)
    assert kostic.party is not None and kostic.party.long_name == "Partij voor de Dieren"


def test_namesakes_from_different_parties_stay_apart() -> None:
    day = date(2023, 12, 13)
    sgp = match_member("Van Dijk", "SGP", day, reference=REF)
    cda = match_member("Van Dijk", "CDA", day, reference=REF)
    sp = match_member("Dijk", "SP", day, reference=REF)
    assert (sgp.tk_id, cda.tk_id, sp.tk_id) == (DIEDERIK_VAN_DIJK, INGE_VAN_DIJK, JIMMY_DIJK)
    # "Dijk" is not "Van Dijk": Jimmy Dijk is no CDA member, Inge van Dijk never "Dijk"
    assert match_member("Dijk", "CDA", day, reference=REF).status is MatchStatus.NO_CANDIDATE
    not_sp = match_member("Van Dijk", "SP", day, reference=REF)
    assert not_sp.status is MatchStatus.NO_CANDIDATE
    assert "Inge van Dijk (CDA)" in not_sp.reason and "Diederik van Dijk (SGP)" in not_sp.reason
    # Jasper van Dijk sat for the SP until 5 December 2023
    assert match_member("Van Dijk", "SP", date(2023, 10, 1), reference=REF).full_name == \
        "Jasper van Dijk"


def test_double_name_recorded_by_one_part_still_needs_party_and_date() -> None:
    pvv = match_member("Faber-van de Klashorst", "PVV", date(2024, 5, 6), reference=REF)
    assert pvv.full_name == "Marjolein Faber" and "recorded as Faber" in pvv.reason
    assert match_member("Faber-van de Klashorst", "CDA", date(2024, 5, 6),
                        reference=REF).status is MatchStatus.NO_CANDIDATE
    assert match_member("Faber-van de Klashorst", "PVV", date(2022, 5, 6),
                        reference=REF).status is MatchStatus.NO_CANDIDATE


def test_ambiguity_is_reported_not_guessed() -> None:
    result = match_member("Vos", "PvdA", date(2015, 1, 1), reference=REF)
    assert result.status is MatchStatus.AMBIGUOUS
    assert result.person is None and result.tk_id is None
    assert sorted(p.full_name for p in result.candidates) == ["Jan Vos", "Mei Li Vos"]
    assert match_member("Vos", "PvdA", date(2015, 1, 1), "M.L.", reference=REF).full_name == \
        "Mei Li Vos"
    assert match_member("Vos", "PvdA", date(2015, 1, 1), "Jan", reference=REF).full_name == \
        "Jan Vos"
    rutte = match_member("Rutte", "VVD", date(2012, 10, 1), reference=REF)
    assert rutte.status is MatchStatus.AMBIGUOUS and len(rutte.candidates) == 2


def test_member_missing_from_the_data_is_reported() -> None:
    result = match_member("Omtzigt", "CDA", date(2018, 2, 28), reference=REF)
    assert result.status is MatchStatus.NO_CANDIDATE
    assert result.person is None
    assert "Omtzigt" in result.reason and "reference data" in result.reason


def test_unknown_party_missing_party_and_missing_date() -> None:
    unknown = member("Sneller", "Piratenpartij", date(2024, 1, 16))
    assert unknown.status is MatchStatus.PARTY_UNKNOWN and "Piratenpartij" in unknown.reason
    assert member("Sneller", None, date(2024, 1, 16)).status is MatchStatus.PARTY_UNKNOWN
    assert member("Sneller", "D66", None).status is MatchStatus.NO_DATE


def test_party_names_and_their_periods() -> None:
    parties = REF.snapshot.parties

    def keys(name: str, day: date | None) -> set[str]:
        return {p.key for p in resolve_party(name, day, parties)}

    day = date(2024, 2, 1)
    assert keys("NSC", day) == keys("Nieuw Sociaal Contract", day) == {"nsc"}
    assert keys("GroenLinks-PvdA", day) == keys("GL-PvdA", day) == {"gl-pvda"}
    assert keys("BoerBurgerBeweging", day) == keys("BBB", day) == {"bbb"}
    assert keys("Forum voor Democratie", day) == keys("FvD", day) == keys("FVD", day) == {"fvd"}
    assert keys("BVNL", date(2022, 6, 1)) == {"groep-van-haga"}
    assert keys("BVNL", day) == set()
    assert keys("PvdA", date(2023, 11, 1)) == {"pvda", "gl-pvda"}
    assert keys("PvdA", day) == {"pvda"}
    nsc = canonical_party("Nieuw Sociaal Contract", day, reference=REF)
    assert nsc is not None and (nsc.key, nsc.short_name) == ("nsc", "NSC")
    assert canonical_party("PvdA", date(2023, 11, 1), reference=REF) is None
    assert canonical_party("Piratenpartij", day, reference=REF) is None
    # Kathmann sat for the PvdA until 26 October 2023, then for GroenLinks-PvdA
    for when in (date(2023, 9, 25), date(2023, 11, 1)):
        assert member("Kathmann", "PvdA", when).tk_id == "9e79de98-e914-4dc8-8dc7-6d7cb09b93d7"


@pytest.mark.parametrize(("name", "post", "day", "full", "qid", "tk_id"), [
    ("Helder", "Minister van Volksgezondheid, Welzijn en Sport", date(2024, 3, 8),
     "Conny Helder", "Q110316953", None),
    ("Helder", "Minister voor Langdurige Zorg en Sport", date(2023, 10, 24), "Conny Helder",
     "Q110316953", None),
    ("Yeşilgöz-Zegerius", "Minister van Justitie en Veiligheid", date(2024, 6, 11),
     "Dilan Yeşilgöz-Zegerius", "Q28861002", "9ab41898-332f-4c08-a834-d58b4669c990"),
    ("Van Huffelen", "Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties",
     date(2024, 3, 7), "Alexandra van Huffelen", "Q2916448", None),
    ("De Jonge", "Minister van Binnenlandse Zaken en Koninkrijksrelaties", date(2024, 2, 20),
     "Hugo de Jonge", "Q2649226", None),
    ("Weerwind", "Minister voor Rechtsbescherming", date(2023, 10, 18), "Franc Weerwind",
     "Q3037436", None),
    ("Blok", "Buitenlandse Zaken", date(2019, 8, 16), "Stef Blok", "Q2858481",
     "909e3fd2-9883-448f-bb9f-33e57ad81f93"),
])
def test_ministers_of_the_corpus_are_matched(name: str, post: str, day: date, full: str,
                                             qid: str, tk_id: str | None) -> None:
    result = match_minister(name, post, day, reference=REF)
    assert result.status is MatchStatus.MATCHED, result.reason
    assert (result.full_name, result.wikidata, result.tk_id) == (full, qid, tk_id)


def test_minister_post_held_on_the_date() -> None:
    lzs = match_minister("Helder", "Minister voor Langdurige Zorg en Sport", date(2023, 10, 24),
                         reference=REF)
    assert lzs.post is not None
    assert (lzs.post.label, lzs.post.ministry) == ("Minister voor Langdurige Zorg en Sport",
                                                   "org:min-vws")
    # Lilian Helder (BBB) was a member, never a minister; Conny Helder no staatssecretaris
    wrong_rank = match_minister("Helder", "Staatssecretaris van Volksgezondheid, Welzijn en Sport",
                                date(2024, 3, 8), reference=REF)
    assert wrong_rank.status is MatchStatus.NO_CANDIDATE
    assert "Conny Helder" in wrong_rank.reason
    assert match_minister("Helder", "Minister van Toverkunst", date(2024, 3, 8),
                          reference=REF).status is MatchStatus.POST_UNKNOWN
    assert ministry_of("Minister-President", REF) == ("org:min-az", "minister")
    assert ministry_of("Financiën", REF) == ("org:min-fin", None)
    assert ministry_of("Staatssecretaris van Financiën", REF) == ("org:min-fin",
                                                                  "staatssecretaris")


def test_names_fold_accents_case_and_tussenvoegsels() -> None:
    assert fold("Kostić") == fold("Kostic") == "kostic"
    assert fold("Özdil") == "ozdil" and fold("Gabriëls") == "gabriels"
    assert fold("Øystein") == "oystein"
    assert fold("Van Dijk") == fold("van  Dijk") != fold("Dijk")
    assert fold("Faber – van de Klashorst") == fold("Faber-van de Klashorst")
    assert family_names("Hugo de Jonge", "Jonge", "Hugo") == ("de Jonge",)
    assert family_names("drs. F.Q. Gräper-van Koolwijk", "Koolwijk", "Gräper-van")[0] == \
        "Gräper-van Koolwijk"
    assert family_names("Anneke van Dok-van Weele", "Weele", "Anneke van Dok-van") == \
        ("van Dok-van Weele",)
    assert "Veldhuijzen van Zanten" in family_names("Marlies Veldhuijzen van Zanten", "Zanten",
                                                    "Marlies Veldhuijzen")
    assert family_names("Willem Drees jr.", "jr.", "Willem Drees") == ("Drees",)


def test_build_merges_persons_recorded_twice() -> None:
    snapshot, merged = build(FIXTURES / "reference-csv")
    assert merged == {"person:van-huffelen-ac-51b1a610": "person:huffelen-1968",
                      "person:koolwijk-g-1dce51c2": "person:graper-fq-1dce51c2",
                      "person:pieters-r-3401533": "person:geus-1929"}  # one Wikidata id
    ref = Reference.of(snapshot)
    assert {p.family_name for p in ref.named("De Jonge")} == {"de Jonge"}
    result = match_minister("Van Huffelen", "Staatssecretaris van Binnenlandse Zaken en "
                            "Koninkrijksrelaties", date(2024, 3, 7), reference=ref)
    assert result.wikidata == "Q2916448"
    defence = match_minister("De Geus", "Minister van Defensie", date(1981, 1, 1), reference=ref)
    assert (defence.full_name, defence.wikidata) == ("Pieter de Geus", "Q2803254")


def test_snapshot_is_deterministic_and_round_trips(tmp_path: Path) -> None:
    data = dumps_snapshot(REF.snapshot)
    assert data == dumps_snapshot(REF.snapshot)
    (tmp_path / "again.json.gz").write_bytes(data)
    assert read_snapshot(tmp_path / "again.json.gz") == REF.snapshot
    assert json.loads(gzip.decompress(packaged_path().read_bytes()))["format"] == 1
    assert "CC0" in REF.snapshot.source
    assert (packaged_path().parent / "LICENSE-DATA").read_text().startswith("Creative Commons")


def test_broken_snapshot_is_a_data_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json.gz"
    broken.write_bytes(b"not gzip")
    with pytest.raises(DataError, match="not a kv2rdf reference snapshot"):
        read_snapshot(broken)


def _without_kostic() -> tuple[Reference, str]:
    """The packaged snapshot as if Kostić were missing, plus a seat the export deletes."""
    snap = REF.snapshot
    gone = {p.id for p in snap.persons if p.tk_id == KOSTIC}
    deleted = "00000000-0000-4000-8000-0000000de1e7"
    jimmy = next(m for m in snap.mandates if m.id == "15cbd277-0c34-4f62-86fc-e14e7b9e99eb")
    stale = replace(jimmy, id=deleted, start=date(2020, 1, 1), end=date(2020, 12, 31))
    base = replace(snap, persons=tuple(p for p in snap.persons if p.id not in gone),
                   mandates=tuple(m for m in snap.mandates if m.person_id not in gone)
                   + (stale,))
    return Reference.of(base), deleted


def test_update_from_an_open_data_portal_export() -> None:
    base, deleted = _without_kostic()
    assert match_member("Kostić", "PvdD", date(2024, 3, 6),
                        reference=base).status is MatchStatus.NO_CANDIDATE
    export = read_export([FIXTURES / "odp"])
    assert len(export["Persoon"]) == 3  # two pages
    snapshot, report = update_snapshot(base.snapshot, export)
    ref = Reference.of(snapshot)
    kostic = match_member("Kostić", "PvdD", date(2024, 3, 6), reference=ref)
    assert kostic.status is MatchStatus.MATCHED
    assert (kostic.tk_id, kostic.wikidata) == (KOSTIC, None)  # new: no Wikidata id yet
    agema = match_member("Agema", "PVV", date(2024, 1, 10), reference=ref)
    assert (agema.tk_id, agema.wikidata, agema.full_name) == (AGEMA, "Q467982", "Fleur Agema")
    assert match_minister("Agema", "Minister van Volksgezondheid, Welzijn en Sport",
                          date(2024, 9, 1), reference=ref).tk_id == AGEMA  # posts are kept
    assert deleted not in {m.id for m in snapshot.mandates}
    assert match_member("Dijk", "SP", date(2024, 1, 10), reference=ref).tk_id == JIMMY_DIJK
    assert "3 persons refreshed from the export (1 new)" in report
    assert any("1 seats left out" in line for line in report)  # Van Oosten's seat
    assert update_snapshot(base.snapshot, export) == (snapshot, report)


def test_export_that_is_not_odata_is_refused(tmp_path: Path) -> None:
    (tmp_path / "Persoon.json").write_text('{"value": 3}', encoding="utf-8")
    with pytest.raises(DataError, match="not an OData page"):
        read_export([tmp_path])


def test_cli_update_show_and_check(tmp_path: Path) -> None:
    into = tmp_path / "ref.json.gz"
    env = {"KV2RDF_REFERENCE": str(tmp_path / "none.json.gz"), "XDG_DATA_HOME": str(tmp_path)}
    runner = CliRunner(env=env)
    updated = runner.invoke(cli.main, ["reference", "update", str(FIXTURES / "odp"),
                                       "--into", str(into)])
    assert updated.exit_code == 0, updated.output
    assert "1 seats left out" in updated.output and into.is_file()
    shown = CliRunner(env={**env, "KV2RDF_REFERENCE": str(into)}).invoke(
        cli.main, ["reference", "show", "van Dijk", "--party", "CDA", "--date", "2023-12-13"])
    assert shown.exit_code == 0, shown.output
    assert "matched" in shown.output and "Inge van Dijk" in shown.output
    assert "Diederik van Dijk" in shown.output and "Jimmy Dijk" not in shown.output
    checked = runner.invoke(cli.main, ["reference", "check",
                                       str(CASES / "pdf-ah-tk-20232024-878"),
                                       str(CASES / "xml-ah-tk-20172018-1547")])
    assert checked.exit_code == 0, checked.output
    assert f"matched Inge van Dijk [tk {INGE_VAN_DIJK}" in checked.output
    assert "Omtzigt (CDA, 2018-02-28): not matched" in checked.output
    assert "matched 3 of 4 printed people" in checked.output
    no_json = runner.invoke(cli.main, ["reference", "update", str(FIXTURES / "reference-csv")])
    assert no_json.exit_code == 2 and "no JSON files" in no_json.output
    broken = tmp_path / "Fractie.json"
    broken.write_text("{", encoding="utf-8")
    assert runner.invoke(cli.main, ["reference", "update", str(broken)]).exit_code == 2


def test_check_over_every_corpus_document() -> None:
    rows = []
    # documents as published (the made-up ones, built with ReportLab, are not)
    for case in sorted(p for p in CASES.iterdir() if p.is_dir() and "reportlab" not in p.name):
        source = source_file(case)
        doc = parse(source.read_bytes(), source=str(source))
        found = check_document(doc, REF)
        assert len(found) == len(doc.askers) + sum(
            a.person is not None for a in (doc.reply.answerers if doc.reply else ()))
        rows += found
    by_name = {}
    for row in rows:
        by_name.setdefault((row.name, row.printed_as), set()).add(
            (row.match.status, row.match.tk_id, row.match.wikidata))
    assert by_name[("Inge van Dijk", "CDA")] == {(MatchStatus.MATCHED, INGE_VAN_DIJK,
                                                   "Q106090816")}
    assert by_name[("Dijk", "SP")] == {(MatchStatus.MATCHED, JIMMY_DIJK, "Q28861260")}
    assert by_name[("Kostić", "PvdD")] == {(MatchStatus.MATCHED, KOSTIC, "Q28857876")}
    for key in [("Van Haga", "Groep Van Haga"), ("Faber-van de Klashorst", "PVV"),
                ("Sneller", "D66"), ("Helder", "Minister van Volksgezondheid, Welzijn en Sport"),
                ("Helder", "Minister voor Langdurige Zorg en Sport"),
                ("Van Huffelen", "Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"),
                ("Yeşilgöz-Zegerius", "Minister van Justitie en Veiligheid")]:
        assert {status for status, _, _ in by_name[key]} == {MatchStatus.MATCHED}, key
    # every member who was matched has both identifiers; ministers at least the Wikidata id
    for row in rows:
        if row.match.matched and row.role == "indiener":
            assert row.match.tk_id and row.match.wikidata, row
    lines = report_lines(tuple(rows))
    unmatched = [r for r in rows if not r.match.matched]
    assert {r.name for r in unmatched} <= {"Omtzigt", "Erdmans"}  # absent; a misspelt Eerdmans
    assert any(r.name == "Omtzigt" for r in unmatched)
    for row in unmatched:
        assert any(line.startswith(f"{row.source}: {row.role} {row.name} (")
                   and "not matched" in line and row.match.reason in line for line in lines)
    matched = sum(r.match.matched for r in rows)
    assert lines[-1].startswith(f"matched {matched} of {len(rows)} printed people")


@pytest.mark.slow
def test_wheel_ships_the_snapshot(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path), str(ROOT)], check=True)
    (wheel,) = tmp_path.glob("kv2rdf-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"kv2rdf/reference/data/reference.json.gz", "kv2rdf/reference/data/LICENSE-DATA",
            "kv2rdf/reference/data/README.md"} <= names
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    found = subprocess.run(
        [sys.executable, "-c", "from datetime import date; from kv2rdf.reference import "
         "match_member; from kv2rdf.reference.snapshot import packaged_path; "
         "print(packaged_path()); print(match_member('Kostić', 'PvdD', date(2024, 3, 6)).tk_id)"],
        capture_output=True, text=True, check=True, cwd=tmp_path,
        env={"PYTHONPATH": str(unpacked), "PATH": "", "HOME": str(tmp_path)}).stdout.split()
    assert Path(found[0]).is_relative_to(unpacked / "kv2rdf" / "reference" / "data")
    assert found[1] == KOSTIC
