"""The shortcuts the conversion takes give what the long way gives.

Plain ASCII text skips Unicode normalisation, party names are looked up in an index, the line
that starts a footnote is found in one pass, identities are remembered per reference
snapshot, and the Turtle writer keeps prefixed names across documents. Each is checked here
against the long way (or the behaviour a user relies on), on examples and generated input.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kv2rdf import reconcile
from kv2rdf._turtle import write_turtle
from kv2rdf.identities import slug
from kv2rdf.mapping import normalise_text
from kv2rdf.model import Person
from kv2rdf.parsers._op_inline import finish, finish_any
from kv2rdf.parsers._text import clean, clean_any
from kv2rdf.parsers._text_notes import note_lines, note_start
from kv2rdf.reference.parties import PARTIES, resolve_party
from kv2rdf.reference.records import Party
from kv2rdf.reference.snapshot import ENV, packaged_path, read_snapshot, write_snapshot
from kv2rdf.triples import Literal

KOSTIC = "9e16daf1-18e6-4563-b371-aa50c31b79f6"
ascii_text = st.text(st.characters(min_codepoint=0, max_codepoint=127), max_size=80)
# ASCII with the characters the slow paths treat specially: accents, ligatures, odd spaces
any_text = st.lists(st.sampled_from(
    [*"ab Z1\t\n*_", "(cid:9)", "é", "e\u0301", "´", "\ufb01", "\u00ad", "\u00a0", "\u2009",
     "\u2028", "\x85", "\x07", "\u3000", "\x81"]), max_size=30).map("".join)


@given(st.one_of(ascii_text, any_text))
def test_clean_of_ascii_text_is_the_long_way(text: str) -> None:
    assert clean(text) == clean_any(text)


@given(st.one_of(ascii_text, any_text))
def test_finish_of_ascii_text_is_the_long_way(text: str) -> None:
    assert finish(text) == finish_any(text)


@given(st.one_of(ascii_text, any_text))
def test_normalise_text_of_ascii_text_is_the_long_way(text: str) -> None:
    composed = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    spaced = "\n".join(" ".join(line.split()) for line in composed.split("\n"))
    assert normalise_text(text) == re.sub(r"\n{3,}", "\n\n", spaced).strip()


@pytest.mark.parametrize(("plain", "accented"), [
    ("Kostic", "Kostić"), ("Ozdil", "Özdil"), ("Yesilgoz", "Yeşilgöz"),
    ("Van der Plas", "Van der Plas"), ("Ozdil", "O\u0308zdil"),  # decomposed
])
def test_ascii_and_accented_names_share_their_slug(plain: str, accented: str) -> None:
    assert slug(plain) == slug(accented) == "-".join(plain.lower().split())


def _parties_the_long_way(printed: str, on: date | None,
                          parties: tuple[Party, ...]) -> tuple[Party, ...]:
    from kv2rdf.reference.names import fold
    key = fold(printed)
    return tuple(p for p in parties
                 if any(fold(a.label) == key and a.covers(on) for a in p.names()))


NAMES = sorted({a.label for p in PARTIES for a in p.names()})


@settings(max_examples=300)
@given(st.one_of(st.sampled_from(NAMES), st.text(max_size=12)),
       st.sampled_from([str.upper, str.lower, str, lambda s: f"  {s} "]),
       st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2026, 1, 1))))
def test_party_index_is_the_long_way(name: str, case: object, on: date | None) -> None:
    printed = case(name)  # type: ignore[operator]
    assert resolve_party(printed, on, PARTIES) == _parties_the_long_way(printed, on, PARTIES)


def test_pvda_meant_two_parties_during_the_joint_fractie() -> None:
    keys = [p.key for p in resolve_party("PvdA", date(2023, 11, 1), PARTIES)]
    assert keys == ["gl-pvda", "pvda"]
    assert [p.key for p in resolve_party("pvda", date(2024, 3, 1), PARTIES)] == ["pvda"]


line = st.one_of(st.sampled_from(["1", "2", "3", "12", "1 Kamerstuk 36 200", "2Zie",
                                  "3 https://x.nl", "vraag 2", "", "2 ", "٣ arabic"]),
                 st.text(st.sampled_from(list("123 aKZ")), max_size=8))


@given(st.lists(line, max_size=25), st.lists(st.sampled_from(["1", "2", "3", "12", "03"]),
                                            max_size=4, unique=True))
def test_footnote_lines_in_one_pass_are_the_long_way(texts: list[str], numbers: list[str]
                                                     ) -> None:
    page = [(10 + i, t) for i, t in enumerate(texts)]
    expected = {}
    for n in numbers:
        at = [ln for ln, t in page if t == n or note_start(t, int(n))]
        if at:
            expected[n] = at[-1]
    assert note_lines(page, numbers) == expected


@pytest.fixture
def without_kostic(tmp_path: Path) -> Path:
    snapshot = read_snapshot(packaged_path())
    path = tmp_path / "reference.json.gz"
    write_snapshot(dataclasses.replace(snapshot, persons=tuple(
        p for p in snapshot.persons if p.tk_id != KOSTIC)), path)
    return path


def test_remembered_identities_follow_the_snapshot_in_use(
        without_kostic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kostic, day = Person("Kostić", "Kostić"), date(2024, 3, 6)
    first = reconcile.member(kostic, "PvdD", day)
    assert first.key == KOSTIC and reconcile.member(kostic, "PvdD", day) == first
    monkeypatch.setenv(ENV, str(without_kostic))
    assert reconcile.member(kostic, "PvdD", day).key == "naam/kostic-pvdd"
    monkeypatch.setenv(ENV, str(packaged_path()))
    assert reconcile.member(kostic, "PvdD", day) == first


@given(st.dates(date(2020, 1, 1), date(2025, 1, 1)))
def test_remembered_identity_is_the_one_found_first(day: date) -> None:
    asker = Person("Kostić", "Kostić")
    found = [reconcile.member(asker, "PvdD", d) for d in (day, day + timedelta(1), day)]
    assert found[0] == found[2]
    assert found[0] == reconcile._member(reconcile.load_reference(), asker, "PvdD", day)


PREFIXES = [("foaf", "http://xmlns.com/foaf/0.1/"), ("ex", "https://example.org/")]


def test_turtle_declares_only_the_prefixes_of_its_own_document() -> None:
    foaf = [("https://example.org/a", "http://xmlns.com/foaf/0.1/name", Literal("A"))]
    plain = [("https://example.org/b", "https://example.org/p", "https://example.org/c")]
    alone = write_turtle(plain, PREFIXES)
    write_turtle(foaf, PREFIXES)  # names foaf:name, remembered for later documents
    after = write_turtle(plain, PREFIXES)
    assert after == alone
    assert "@prefix foaf:" not in after and "@prefix ex:" in after
    assert "@prefix foaf:" in write_turtle(foaf + plain, PREFIXES)


def test_names_without_an_ascii_form_keep_a_hash_in_their_slug() -> None:
    assert re.fullmatch(r"u[0-9a-f]{10}", slug("Σωκράτης"))
    assert slug("Ivan Петров").startswith("ivan-u") and slug("Ivan Petrov") == "ivan-petrov"


def test_the_users_snapshot_follows_the_environment(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from kv2rdf.reference.snapshot import user_path
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "a"))
    assert user_path() == tmp_path / "a" / "kv2rdf" / "reference.json.gz"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "b"))
    assert user_path() == tmp_path / "b" / "kv2rdf" / "reference.json.gz"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_path() == tmp_path / "home" / ".local" / "share" / "kv2rdf" / "reference.json.gz"


@given(st.lists(st.text(st.sampled_from(list("ab09Z/-_")), max_size=6), min_size=1,
                max_size=6))
def test_turtle_sort_key_made_from_its_head_is_made_part_by_part(parts: list[str]) -> None:
    from kv2rdf._turtle import _part_key, natural_key, sort_key
    text = "/".join(parts)
    assert sort_key(text) == "/".join(_part_key(p) for p in text.split("/"))
    assert sort_key(text + "/10") > sort_key(text + "/9")  # in natural order, as natural_key
    assert natural_key(text + "/10") > natural_key(text + "/9")
