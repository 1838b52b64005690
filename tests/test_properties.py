"""Property tests over the real corpus texts: whatever is cut, doubled or moved, no label is lost.

Each example takes a real text or markdown source (the renditions of the corpus PDFs, the
text and markdown cases, the examples) and damages it the way careless copying and converters
do: page breaks and footers deleted, paragraphs or blank lines deleted, lines doubled, moved,
shuffled or run together, and label lines put anywhere (in a footnote run, a footer, a header). The parse must then either refuse with kv2rdf's own error (exit 2), or give a
document in which every label line of the damaged text ("Vraag 4", "## Antwoord 2", "**Vraag
1**") is an item, or is named by an issue on its line. With ``strict`` no issue is allowed.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kv2rdf.errors import Kv2RdfError
from kv2rdf.model import Document
from kv2rdf.parsers import parse

HERE = Path(__file__).parent
CORPUS = sorted([*HERE.glob("renditions/*/*.txt"), *HERE.glob("renditions/*/*.md"),
                 *HERE.glob("cases/*/source.txt"), *HERE.glob("cases/*/source.md"),
                 *(HERE.parent / "examples").glob("*.md"),
                 *(HERE.parent / "examples").glob("*.txt")])
TEXTS = {p: p.read_text(encoding="utf-8") for p in CORPUS}

# the oracle, written apart from the parser: a line that is a label with one number
_LABEL = re.compile(r"^\s*(?:#{1,6}\s*)?(?:\*\*|__)?(Vraag|Antwoord)\s+(\d{1,3})(?:\*\*|__)?"
                    r"\s*[:.]?\s*$")
_FURNITURE = re.compile(r"^\s*(?:Tweede Kamer, vergaderjaar|ah-tk-|ISSN|[’']s-Gravenhage|\d+\s*$"
                        r"|-{3,}|\*\*\d+\*\*)")

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _damage(lines: list[str], op: str, at: int, size: int, seed: int) -> list[str]:
    if not lines:
        return lines
    i = at % len(lines)
    if op == "page breaks":
        return [line.replace("\f", "") for line in lines if not re.match(r"^\s*-{3,}\s*$", line)]
    if op == "footers":
        return [line for line in lines if not _FURNITURE.match(line)]
    if op == "paragraph":
        return lines[:i] + lines[i + size:]
    if op == "blank lines":
        return [line for line in lines if line.strip()]
    if op == "duplicate":
        j = (at // 7) % len(lines)
        return lines[:j] + lines[i:i + size] + lines[j:]
    if op == "move":
        block, rest = lines[i:i + size], lines[:i] + lines[i + size:]
        j = (at // 11) % (len(rest) + 1)
        return rest[:j] + block + rest[j:]
    if op == "insert label":  # anywhere: in a footnote run, a header, a page footer
        return lines[:i] + [f"{'Vraag' if seed % 2 else 'Antwoord'} {size}"] + lines[i:]
    if op == "join":  # a converter that lost a line break
        return lines[:i] + [" ".join(lines[i:i + 2])] + lines[i + 2:]
    window = lines[i:i + size]
    random.Random(seed).shuffle(window)
    return lines[:i] + window + lines[i + size:]


OPS = st.lists(st.tuples(
    st.sampled_from(["page breaks", "footers", "paragraph", "blank lines", "duplicate", "move",
                     "shuffle", "insert label", "join"]),
    st.integers(0, 10**6), st.integers(1, 12), st.integers(0, 1000)), min_size=1, max_size=4)


def damaged(source: Path, ops: list[tuple[str, int, int, int]]) -> str:
    lines = TEXTS[source].split("\n")
    for op in ops:
        lines = _damage(lines, *op)
    return "\n".join(lines)


def unaccounted(doc: Document, text: str) -> list[str]:
    """Label lines of ``text`` that are neither items of ``doc`` nor named by an issue."""
    questions = {q.number for q in doc.questions}
    answered = {n for a in doc.answers for n in a.question_numbers}
    flagged = {i.line for i in doc.issues}
    lost = []
    for n, line in enumerate(text.split("\n"), start=1):
        m = _LABEL.match(line)
        if m and n not in flagged and m[2] not in (questions if m[1] == "Vraag" else answered):
            lost.append(f"{n}: {line.strip()}")
    return lost


def _name(source: Path) -> str:
    return f"{source.parent.name}/{source.name}"


@SETTINGS
@given(st.sampled_from(CORPUS), OPS)
def test_no_label_is_lost_whatever_the_damage(source: Path, ops: list[tuple[str, int, int, int]]
                                              ) -> None:
    text = damaged(source, ops)
    try:
        doc = parse(text.encode("utf-8"), source=_name(source) + (".md" if source.suffix ==
                                                                  ".md" else ".txt"))
    except Kv2RdfError:
        return  # refused with a message (exit 2): nothing converted, nothing lost
    assert not unaccounted(doc, text), (source, ops)


@SETTINGS
@given(st.sampled_from(CORPUS), OPS)
def test_strict_never_converts_with_a_label_lost(source: Path,
                                                 ops: list[tuple[str, int, int, int]]) -> None:
    text = damaged(source, ops)
    try:
        doc = parse(text.encode("utf-8"), source=_name(source), strict=True)
    except Kv2RdfError:
        return
    assert doc.issues == ()
    assert not unaccounted(doc, text), (source, ops)


def test_the_corpus_is_real_and_labelled() -> None:
    assert len(CORPUS) >= 70
    labelled = [p for p, t in TEXTS.items() if any(_LABEL.match(x) for x in t.split("\n"))]
    assert len(labelled) >= len(CORPUS) - 5
