"""Questions and answers from labelled sections.

Decisions, each pinned by a test:

* A grouped question label followed by one paragraph per question ("Vraag 1 en 2" + two
  paragraphs) gives each question its own paragraph. When the paragraph count differs, the
  cut falls after paragraphs (or sentences) ending in "?", skipping follow-ups that start
  with "Zo ja"/"Zo nee"; when no cut can be found every question keeps the whole text and an
  issue says so.
* A grouped answer label ("Antwoord 1 en 2") is one answer to all of its questions.
* A label without a number ("Antwoord") takes the numbers of the question before it.
* A paragraph that ends mid-sentence and is followed by one starting in lower case is the
  same paragraph split by a page break, and is joined; at a known page break, ending
  mid-sentence is enough ("… de intocht in" / "Enter is afgelast?").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kv2rdf.model import Location
from kv2rdf.parsers._blocks import Block
from kv2rdf.parsers._labels import Label
from kv2rdf.parsers._text import continues, merge

_FOLLOW_UP = re.compile(r"^(?:Zo\s+(?:ja|nee|niet|neen)|Indien|Als\s+dat|En\s|Zo\s+ja)", re.I)


@dataclass(slots=True)
class Section:
    """A label and the paragraphs under it."""

    label: Label
    line: int | None
    paragraphs: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    paragraph_pages: list[list[int]] = field(default_factory=list)

    @property
    def location(self) -> Location:
        """Where the section is in the source."""
        return Location(self.line, tuple(sorted(set(self.pages))))

    def location_of(self, index: int, count: int) -> Location:
        """Where question ``index`` of the ``count`` sharing this label is.

        Its own paragraph's pages when each question has one paragraph, else the section's.
        """
        if count > 1 and len(self.paragraphs) == count and self.paragraph_pages[index]:
            return Location(self.line, tuple(sorted(set(self.paragraph_pages[index]))))
        return self.location

    @property
    def text(self) -> str:
        """The paragraphs joined by a blank line."""
        return "\n\n".join(self.paragraphs)


def sections(blocks: list[Block]) -> tuple[list[Block], list[Section]]:
    """Split blocks into the header (before the first label) and labelled sections."""
    header: list[Block] = []
    result: list[Section] = []
    for block in blocks:
        if block.label is not None:
            result.append(Section(block.label, block.line, pages=list(block.pages)))
            continue
        if not result:
            header.append(block)
            continue
        section = result[-1]
        new_page = bool(block.pages and section.pages and block.pages[0] > max(section.pages))
        if (section.paragraphs and not block.exact
                and continues(section.paragraphs[-1], block.text, new_page)):
            section.paragraphs[-1] = merge(section.paragraphs[-1], block.text)
            section.paragraph_pages[-1].extend(block.pages)
        else:
            section.paragraphs.append(block.text)
            section.paragraph_pages.append(list(block.pages))
        section.pages.extend(block.pages)
    return header, result


def split_group(paragraphs: list[str], count: int) -> list[str] | None:
    """Share the paragraphs under a grouped label among ``count`` questions, or None."""
    if count == 1:
        return ["\n\n".join(paragraphs)]
    if len(paragraphs) == count:
        return list(paragraphs)
    if len(paragraphs) > count:
        return _cut(paragraphs, count, "\n\n")
    sentences = re.split(r"(?<=\?)\s+(?=[A-Z«\"'(])", " ".join(paragraphs))
    return _cut(sentences, count, " ") if len(sentences) >= count else None


def _cut(parts: list[str], count: int, glue: str) -> list[str] | None:
    """Cut ``parts`` into ``count`` runs after parts ending in "?"."""
    candidates = [i for i in range(len(parts) - 1) if parts[i].rstrip().endswith("?")]
    preferred = [i for i in candidates if not _FOLLOW_UP.match(parts[i + 1])]
    chosen = sorted((preferred + [i for i in candidates if i not in preferred])[: count - 1])
    if len(chosen) < count - 1:
        return None
    runs, start = [], 0
    for i in chosen:
        runs.append(glue.join(parts[start:i + 1]))
        start = i + 1
    runs.append(glue.join(parts[start:]))
    return runs
