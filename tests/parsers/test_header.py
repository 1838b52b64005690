"""The header grammar: askers, addressees, dates, reply sentences, "Zie ook"."""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

import pytest

from kv2rdf.model import Document, ReplyKind
from kv2rdf.parsers import _header, _offices, _people, parse
from tests.helpers import CASES, TESTS


def askers(text: str) -> list[tuple[str, str | None]]:
    found, problems = _people.askers(text)
    assert not problems
    return [(a.person.name, a.party) for a in found]


@pytest.mark.parametrize(("text", "expected"), [
    ("het lid Erdmans (JA21)", [("Erdmans", "JA21")]),
    ("de leden Chakor (GroenLinks-PvdA) en Palmen (Nieuw Sociaal Contract)",
     [("Chakor", "GroenLinks-PvdA"), ("Palmen", "Nieuw Sociaal Contract")]),
    ("de leden Sneller (D66), Chakor (GroenLinks-PvdA) en Van Nispen (SP)",
     [("Sneller", "D66"), ("Chakor", "GroenLinks-PvdA"), ("Van Nispen", "SP")]),
    ("de leden Van Eijk en Aartsen (beiden VVD)", [("Van Eijk", "VVD"), ("Aartsen", "VVD")]),
    ("het lid Van Eijk en Aartsen (beiden VVD)", [("Van Eijk", "VVD"), ("Aartsen", "VVD")]),
    ("de leden Bikker, Ceder en Grinwis (allen ChristenUnie)",
     [("Bikker", "ChristenUnie"), ("Ceder", "ChristenUnie"), ("Grinwis", "ChristenUnie")]),
    ("het lid Faber-van de Klashorst(PVV)", [("Faber-van de Klashorst", "PVV")]),
    ("de leden Kuik (CDA) en Patijn(beiden VVD)", [("Kuik", "CDA"), ("Patijn", "VVD")]),
    ("het lid Van Haga (Groep Van Haga)", [("Van Haga", "Groep Van Haga")]),
])
def test_askers_and_parties(text: str, expected: list[tuple[str, str]]) -> None:
    assert askers(text) == expected


def test_given_name_printed_to_tell_members_apart() -> None:
    (asker,), _ = _people.askers("het lid Inge vanDijk (CDA)")
    assert asker.person.name == "Inge van Dijk"
    assert asker.person.family_name == "van Dijk"
    assert asker.person.given_name == "Inge"


def test_double_family_names_stay_whole() -> None:
    assert _people.person("Bruins Slot").family_name == "Bruins Slot"
    assert _people.person("De Jonge").given_name is None


def test_asker_without_party_is_reported() -> None:
    found, problems = _people.askers("het lid Jansen")
    assert [a.party for a in found] == [None]
    assert problems and "without a party" in problems[0]


def labels(text: str) -> list[str]:
    return [p.label for p in _offices.addressees(text)]


def test_minister_president_and_ministers_expand_to_one_post_each() -> None:
    text = ("de Minister-President en de Ministers van Binnenlandse Zaken en "
            "Koninkrijksrelaties, van Buitenlandse Zaken, van Landbouw, Natuur en "
            "Voedselkwaliteit en van Volksgezondheid, Welzijn en Sport")
    assert labels(text) == [
        "Minister-President", "Minister van Binnenlandse Zaken en Koninkrijksrelaties",
        "Minister van Buitenlandse Zaken", "Minister van Landbouw, Natuur en Voedselkwaliteit",
        "Minister van Volksgezondheid, Welzijn en Sport"]


@pytest.mark.parametrize(("text", "expected"), [
    ("de Staatssecretaris van Financiën en de Minister van Sociale Zaken en Werkgelegenheid",
     ["Staatssecretaris van Financiën", "Minister van Sociale Zaken en Werkgelegenheid"]),
    ("de Staatssecretaris en de Minister van Financiën",
     ["Staatssecretaris van Financiën", "Minister van Financiën"]),
    ("de Minister voor Klimaat en Energie", ["Minister voor Klimaat en Energie"]),
    ("de Ministers van Buitenlandse Zaken en voor Buitenlandse Handel en "
     "Ontwikkelingssamenwerking",
     ["Minister van Buitenlandse Zaken",
      "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking"]),
    ("de Minister Justitie en Veiligheid", ["Minister van Justitie en Veiligheid"]),
    ("de Staatssecretarissen van Volksgezondheid, Welzijn en Sport en van Binnenlandse Zaken "
     "en Koninkrijksrelaties",
     ["Staatssecretaris van Volksgezondheid, Welzijn en Sport",
      "Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"]),
])
def test_addressee_forms(text: str, expected: list[str]) -> None:
    assert labels(text) == expected


def test_post_knows_its_ministry() -> None:
    post = _offices.post("Minister", "voor", "Rechtsbescherming")
    assert post.ministry == "Justitie en Veiligheid"
    assert _offices.post("Minister-President").ministry == "Algemene Zaken"
    assert _offices.post("Minister", "voor", "Iets Nieuws").ministry is None


def test_questions_sentence() -> None:
    head = _header.questions(
        "Vragen van het lid Keijzer (BBB) aan de Minister van Binnenlandse Zaken en "
        "Koninkrijksrelaties over de publicatie van de internetconsultatie (ingezonden "
        "11 maart 2024).")
    assert head is not None
    assert head.submitted == date(2024, 3, 11)
    assert head.subject == "de publicatie van de internetconsultatie"
    assert head.title.startswith("Vragen van het lid Keijzer (BBB) aan de Minister")
    assert not head.title.endswith(")")


def test_answer_sentence_with_co_answerers_and_several_see_also() -> None:
    reply, _ = _header.reply(
        "Antwoord van Staatssecretaris Van Huffelen (Binnenlandse Zaken en "
        "Koninkrijksrelaties), mede namens de Staatssecretarissen van Volksgezondheid, "
        "Welzijn en Sport en van Justitie en Veiligheid (ontvangen 11 april 2024). Zie ook "
        "Aanhangsel Handelingen, vergaderjaar 2023–2024, nr. 1137. Zie ook Aanhangsel "
        "Handelingen, vergaderjaar 2023–2024, nrs. 1138 en 1139.")
    assert reply is not None and reply.kind is ReplyKind.ANSWER
    assert reply.received == date(2024, 4, 11)
    people = [(a.person.name if a.person else None, a.post.label) for a in reply.answerers]
    assert people == [
        ("Van Huffelen", "Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"),
        (None, "Staatssecretaris van Volksgezondheid, Welzijn en Sport"),
        (None, "Staatssecretaris van Justitie en Veiligheid")]
    assert reply.see_also == ("ah-tk-20232024-1137", "ah-tk-20232024-1138",
                              "ah-tk-20232024-1139")


@pytest.mark.parametrize(("text", "received"), [
    ("Antwoord van Minister Helder (Langdurige Zorg en Sport) (ontvangen (ontvangen "
     "7 juni 2024).", date(2024, 6, 7)),
    ("Mededeling van Minister Helder (Volksgezondheid, Welzijn en Sport) (ontvangen "
     "8 maart 2024).", date(2024, 3, 8)),
])
def test_reply_date_forms(text: str, received: date) -> None:
    reply, _ = _header.reply(text)
    assert reply is not None and reply.received == received


def test_portfolio_with_a_dash_and_voor_portfolio() -> None:
    reply, _ = _header.reply("Antwoord van Staatssecretaris Van Rij (Financiën – Fiscaliteit "
                             "en Belastingdienst) (ontvangen 2 mei 2024).")
    assert reply is not None
    post = reply.answerers[0].post
    assert (post.label, post.detail) == ("Staatssecretaris van Financiën",
                                         "Fiscaliteit en Belastingdienst")
    reply, _ = _header.reply("Antwoord van Minister Helder (Langdurige Zorg en Sport) "
                             "(ontvangen 24 oktober 2023).")
    assert reply is not None
    assert reply.answerers[0].post.label == "Minister voor Langdurige Zorg en Sport"


def test_see_also_without_nr() -> None:
    assert _header.see_also_ids("Zie ook Aanhangsel Handelingen, vergaderjaar 2023–2024, "
                                "1028") == ["ah-tk-20232024-1028"]


def test_preamble_number_and_vergaderjaar() -> None:
    text = ("Tweede Kamer der Staten-Generaal 2 Vergaderjaar 2023–2024 Aanhangsel van de "
            "Handelingen Vragen gesteld door de leden der Kamer, met de daarop door de "
            "regering gegeven antwoorden 1481 Vragen van het lid Koekkoek (Volt) aan de "
            "Minister van Defensie over iets (ingezonden 12 februari 2024).")
    assert _header.preamble(text) == ("2023-2024", "1481")



# ------------------------------------------------- renditions by other tools, publisher's typos

@pytest.mark.parametrize(("printed", "normal"), [
    ("Minister van Algemene Zaken(ontvangen 9 april 2024).",
     "Minister van Algemene Zaken (ontvangen 9 april 2024)."),
    ("(ingezonden 27 augustus2024).", "(ingezonden 27 augustus 2024)."),
    ("(ontvangen (ontvangen 27 augustus 2024)", "(ontvangen 27 augustus 2024)"),
    ("de leden Mutluer (GroenLinks-PvdA) en Kostic ´ (PvdD)",
     "de leden Mutluer (GroenLinks-PvdA) en Kostić (PvdD)"),
    ("Kostic \u0301 (PvdD)", "Kostić (PvdD)"),
    ("Minister Yes¸ ilgöz-Zegerius (Justitie en Veiligheid)",
     "Minister Yeşilgöz-Zegerius (Justitie en Veiligheid)"),
    ("Vragenvan het lid Faber-van de Klashorst(PVV) aan de Ministervan Financiën en de "
     "Staatssecretaris vanBinnenlandse Zaken", "Vragen van het lid Faber-van de Klashorst (PVV) "
     "aan de Minister van Financiën en de Staatssecretaris van Binnenlandse Zaken"),
    # nothing to undo: a year after a number, a bracket that opens no date
    ("in 2024 (zie bijlage), artikel 12 2024", "in 2024 (zie bijlage), artikel 12 2024"),
    ("Minister voor Rechtsbescherming, vanavond, Ministerie", "Minister voor Rechtsbescherming, "
     "vanavond, Ministerie"),
])
def test_normalise_undoes_glued_words_doubled_phrases_and_split_accents(printed: str,
                                                                        normal: str) -> None:
    assert _header.normalise(printed) == normal


def test_questions_sentence_from_pypdf_with_glued_words_and_a_split_accent() -> None:
    head = _header.questions(
        "Vragen van het lid Kostic ´ (PvdD) aan de Minister van Landbouw, Natuur en "
        "Voedselkwaliteit overhet verdwijnen van weidevogels (ingezonden 9 april2024).")
    assert head is not None
    assert [(a.person.name, a.party) for a in head.askers] == [("Kostić", "PvdD")]
    assert head.subject == "het verdwijnen van weidevogels"
    assert head.title == ("Vragen van het lid Kostić (PvdD) aan de Minister van Landbouw, "
                          "Natuur en Voedselkwaliteit over het verdwijnen van weidevogels")
    assert head.submitted == date(2024, 4, 9)


def test_four_askers_with_spaces_before_the_commas() -> None:
    head = _header.questions(
        "Vragen van de leden Sneller , Bamenga , Rooderkerk (allen D66) en Gabriëls "
        "(GroenLinks-PvdA) aan de Minister van Justitie en Veiligheid over het bericht "
        "«Slachtoffers wachten lang» (ingezonden 27 augustus 2024).")
    assert head is not None and not head.problems
    assert [(a.person.name, a.party) for a in head.askers] == [
        ("Sneller", "D66"), ("Bamenga", "D66"), ("Rooderkerk", "D66"),
        ("Gabriëls", "GroenLinks-PvdA")]


def test_singular_header_is_one_question() -> None:
    head = _header.questions(
        "Vraag van het lid Bikker (ChristenUnie) aan de Staatssecretaris van Volksgezondheid, "
        "Welzijn en Sport over de wachttijden in de jeugdzorg (ingezonden 2 mei 2024).")
    assert head is not None and head.kind == "vraag"
    assert head.title.startswith("Vraag van het lid Bikker")
    assert [p.label for p in head.addressees] == [
        "Staatssecretaris van Volksgezondheid, Welzijn en Sport"]


@pytest.mark.parametrize("text", [
    "Mondelinge vragen van het lid Omtzigt (Nieuw Sociaal Contract) aan de Minister van "
    "Financiën over de toeslagen (ingezonden 12 maart 2024).",
    "Mondelinge vragen van het lid Omtzigt (Nieuw Sociaal Contract) aan de Minister van "
    "Financiën over de toeslagen.",
])
def test_oral_questions_header(text: str) -> None:
    head = _header.questions(text)
    assert head is not None and head.kind == "mondeling"
    assert [a.person.name for a in head.askers] == ["Omtzigt"]
    assert [p.label for p in head.addressees] == ["Minister van Financiën"]
    assert head.subject == "de toeslagen"
    assert head.submitted == (date(2024, 3, 12) if "ingezonden" in text else None)


@pytest.mark.parametrize("printed", [
    "de Staatsecretaris van Volksgezondheid Welzijn en Sport",
    "de Staatssecretaris van Volksgezondheid, Welzijn en Sport",
    "de Staatssecretaris van VWS",
])
def test_a_typo_in_an_office_name_gives_the_canonical_post(printed: str) -> None:
    (post,) = _offices.addressees(printed)
    assert (post.label, post.ministry) == ("Staatssecretaris van Volksgezondheid, Welzijn en "
                                           "Sport", "Volksgezondheid, Welzijn en Sport")


def test_one_office_one_label_across_printings() -> None:
    printed = ["de Minister van Onderwijs Cultuur en Wetenschap",
               "de Minister van Onderwijs, Cultuur en Wetenschap", "de Minister van OCW"]
    assert {p.label for text in printed for p in _offices.addressees(text)} == {
        "Minister van Onderwijs, Cultuur en Wetenschap"}
    reply, _ = _header.reply("Antwoord van Staatsecretaris Van Ooijen (Volksgezondheid Welzijn "
                             "en Sport) (ontvangen 27 augustus 2024).")
    assert reply is not None
    assert [(a.person and a.person.name, a.post.label) for a in reply.answerers] == [
        ("Van Ooijen", "Staatssecretaris van Volksgezondheid, Welzijn en Sport")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Antwoord van Minister-President Rutte, Minister van Algemene Zaken(ontvangen 9 april "
     "2024).", [("Rutte", "Minister-President")]),
    ("Mededeling van Minister-President, Minister van Algemene Zaken(ontvangen 9 april 2024).",
     [(None, "Minister-President")]),
    ("Antwoord van Minister Rutte (Algemene Zaken)(ontvangen (ontvangen 27 augustus 2024).",
     [("Rutte", "Minister van Algemene Zaken")]),
])
def test_reply_sentences_with_glued_words(text: str,
                                          expected: list[tuple[str | None, str]]) -> None:
    reply, _ = _header.reply(text)
    assert reply is not None and reply.received in (date(2024, 4, 9), date(2024, 8, 27))
    assert [(a.person and a.person.name, a.post.label) for a in reply.answerers] == expected


def test_minister_president_with_his_ministry_is_one_addressee() -> None:
    assert labels("de Minister-President, Minister van Algemene Zaken en de Minister van "
                  "Financiën") == ["Minister-President", "Minister van Financiën"]


# ------------------------------------------------- the header of every rendition of the corpus

RENDITIONS = sorted(p for p in (TESTS / "renditions").glob("ah-*/*") if p.suffix in (".txt",
                                                                                  ".md"))


@functools.cache
def pdf_header(name: str) -> dict[str, object]:
    return header_facts(parse((CASES / f"pdf-{name}" / "source.pdf").read_bytes()))


def header_facts(d: Document) -> dict[str, object]:
    assert d.reply is not None
    return {"title": d.title, "askers": d.askers, "addressees": d.addressees,
            "submitted": d.submitted, "received": d.reply.received,
            "answerers": d.reply.answerers, "see_also": d.reply.see_also,
            "identifier": d.identifier, "kind": d.kind}


@pytest.mark.parametrize("path", RENDITIONS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_rendition_gives_the_header_of_the_pdf(path: Path) -> None:
    """pypdf, pdfminer, pdfplumber, pdftotext, PyMuPDF and pymupdf4llm: the same header facts
    (pdfminer's "Yes¸ ilgöz", pymupdf4llm's "Klashorst (PVV)" against the PDF's "(PVV)")."""
    assert header_facts(parse(path.read_bytes(), source=str(path))) == pdf_header(
        path.parent.name)
