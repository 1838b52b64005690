"""A synthetic corpus: the real text, markdown and XML documents of tests/cases replicated
with varied identifiers (Aanhangsel number, vergaderjaar, zaaknummer, submission date,
members' names), so every copy is a document of its own with its own IRIs.

Run: ``python benchmarks/generate_corpus.py N OUT_DIR``. The same N gives the same files.
"""

from __future__ import annotations

import re
import sys
from datetime import date, timedelta
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import FOAF

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"

# common Dutch family names: the members who ask, so people recur across documents
NAMES = ["Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Peters",
         "Hendriks", "Dekker", "Brouwer", "Dijkstra", "Kok", "Verhoeven", "Willems", "Hoekstra",
         "Koster", "Prins", "Huisman", "Kuipers", "Postma", "Wolters", "Jacobs", "Veenstra"]


def templates() -> list[tuple[Path, str, str, list[str]]]:
    """(source, Aanhangsel number, vergaderjaar, askers' family names) of each usable case."""
    found = []
    for case in sorted(CASES.iterdir()):
        sources = [p for p in case.glob("source.*") if p.suffix in (".txt", ".md", ".xml")]
        match = re.search(r"ah-tk-(\d{8})-(\d+)$", case.name)
        if not sources or not match:
            continue
        graph = Graph().parse(case / "expected.ttl")
        names = sorted({str(n) for n in graph.objects(None, FOAF.familyName)
                        if re.fullmatch(r"[A-Z][a-z]+", str(n))})
        found.append((sources[0], match.group(2), match.group(1), names))
    return found


MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december"]
DUTCH_DATE = re.compile(rf"\b(\d{{1,2}})(\s+)({'|'.join(MONTHS)})(\s+)(\d{{4}})\b")
ISO_DATE = re.compile(r'isodatum="(\d{4})-(\d\d)-(\d\d)"')


def shifted(text: str, days: int) -> str:
    """Every printed date ("12 maart 2024", ``isodatum="2024-03-12"``) ``days`` earlier.

    Copies of one template then fall on different days, so no two copies look like one case
    (same submission date, askers and questions) to ``kv2rdf link``.
    """
    def dutch(m: re.Match[str]) -> str:
        try:
            day = date(int(m.group(5)), MONTHS.index(m.group(3)) + 1, int(m.group(1)))
        except ValueError:
            return m.group(0)
        new = day - timedelta(days=days)
        return (f"{new.day}{m.group(2)}{MONTHS[new.month - 1]}{m.group(4)}{new.year}")

    def iso(m: re.Match[str]) -> str:
        try:
            new = date(int(m.group(1)), int(m.group(2)), int(m.group(3))) - timedelta(days=days)
        except ValueError:
            return m.group(0)
        return f'isodatum="{new.isoformat()}"'

    return ISO_DATE.sub(iso, DUTCH_DATE.sub(dutch, text))


def variant(text: str, number: str, year: str, index: int, names: list[str],
            templates: int = 1) -> str:
    """The document with copy ``index``'s identifiers (``index`` counts over all copies).

    Copy ``index`` of a template is dated ``index // templates`` days before the original.
    """
    new_number = str(10 + index % 9000)  # 10 to 9009: two digits at least, as in print
    first = 1990 + index // 9000  # a vergaderjaar per 9,000 documents
    text = text.replace(f"ah-tk-{year}-{number}", f"ah-tk-{first}{first + 1}-{new_number}")
    text = re.sub(rf"(?<![\d.,-]){number}(?![\d.,])", new_number, text)
    old_first = int(year[:4])
    text = re.sub(rf"\b{old_first}(\s*[–-]\s*){old_first + 1}\b",
                  lambda m: f"{first}{m.group(1)}{first + 1}", text)
    zaken: dict[str, str] = {}

    def zaak(match: re.Match[str]) -> str:
        key = match.group(0)
        if key not in zaken:
            zaken[key] = f"{first}Z{index % 9000 * 10 + len(zaken) % 10:05d}"
        return zaken[key]

    text = re.sub(r"\b\d{4}Z\d{5}\b", zaak, text)
    day = 1 + index % 5  # the questions are submitted a few days earlier than printed
    text = re.sub(r"ingezonden (<datum isodatum=\"\d{4}-\d\d-)(\d\d)(\">)(\d+)",
                  lambda m: f"ingezonden {m.group(1)}{max(1, int(m.group(2)) - day):02d}"
                            f"{m.group(3)}{max(1, int(m.group(4)) - day)}", text)
    text = re.sub(r"ingezonden (\d+) ", lambda m: f"ingezonden {max(1, int(m.group(1)) - day)} ",
                  text)
    for j, name in enumerate(names):
        text = re.sub(rf"\b{name}\b", NAMES[(index + j * 7) % len(NAMES)], text)
    return shifted(text, index // templates)


def main() -> None:
    count, out = int(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    found = templates()
    for index in range(count):
        source, number, year, names = found[index % len(found)]
        text = source.read_text(encoding="utf-8")
        name = f"{index // 1000:03d}/doc-{index:06d}-{source.parent.name}{source.suffix}"
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(variant(text, number, year, index, names, len(found)),
                          encoding="utf-8")
    print(f"{count} documents from {len(found)} templates in {out}")


if __name__ == "__main__":
    main()
