"""References cited in footnotes, as IRIs."""

from __future__ import annotations

import pytest

from kv2rdf.parsers._references import references

OEP = "https://zoek.officielebekendmakingen.nl/"


@pytest.mark.parametrize(("text", "expected"), [
    ("Kamerstuk 36 200 IV, nr. 25.", [OEP + "kst-36200-IV-25"]),
    ("Kamerstukken II 2023/24, 36 410 IV, nr. 15", [OEP + "kst-36410-IV-15"]),
    ("Motie Ceder, Kamerstuk 21 501-02 nr. 2732", [OEP + "kst-21501-02-2732"]),
    ("Kamerstukken 32 793, nrs. 5 en 6", [OEP + "kst-32793-5", OEP + "kst-32793-6"]),
    ("Aanhangsel van de Handelingen, vergaderjaar 2023–2024, nr. 76 (2023D39037)",
     [OEP + "ah-tk-20232024-76"]),
    ("Handelingen II 2019/20, nr. 28, item 3", [OEP + "h-tk-20192020-28-3"]),
    ("Handelingen II, vergaderjaar 2019–2020, nr. 28, item 3", [OEP + "h-tk-20192020-28-3"]),
    ("Kamerstukken II 2023/24, 21 501-02, nr. 2733 en Stb. 2023, 123",
     [OEP + "kst-21501-02-2733", OEP + "stb-2023-123"]),
    ("zie kst-35925-A-68 en h-tk-20192020-28-3",
     [OEP + "kst-35925-A-68", OEP + "h-tk-20192020-28-3"]),
    ("Hoge Raad 12 mei 2023, ECLI:NL:HR:2023:730.",
     ["https://deeplink.rechtspraak.nl/uitspraak?id=ECLI:NL:HR:2023:730"]),
    ("Wet op de Raad van State (BWBR0002070)", ["https://wetten.overheid.nl/BWBR0002070"]),
    ("Nieuwsuur (https://nos.nl/nieuwsuur/artikel/2321556-nooit.html)",
     ["https://nos.nl/nieuwsuur/artikel/2321556-nooit.html"]),
    ("2 https://puc.overheid.nl/nza/doc/PUC_743104_22/1/.",
     ["https://puc.overheid.nl/nza/doc/PUC_743104_22/1/"]),
    ("Regio Purmerend (regiopurmerend.nl/2024/05/03/tieners-13-en-14/).",
     ["https://regiopurmerend.nl/2024/05/03/tieners-13-en-14/"]),
    ("De kwaliteitskrant (Volkskrant.nl)", ["https://volkskrant.nl"]),
    ("Zie AF2059-Ggz-uit-de-knel.pdf (trimbos.nl)en het NEMESIS-3 onderzoek",
     ["https://trimbos.nl"]),
    ("Gegevens van het CBS, 2023.", []),
])
def test_references(text: str, expected: list[str]) -> None:
    assert list(references(text)) == expected
