"""The document model: frozen dataclasses that every parser produces and the mapping consumes.

This module is the seam between parsing and RDF. It imports neither lxml nor rdflib, so a
parser can be tested by comparing `Document` values with ``==``.

Dutch terms: *vragen* (questions), *antwoord* (answer), *mededeling* (notice that an answer
is late or came another way), *indiener* (the member who asks), *geadresseerde* (the office
addressed), *beantwoorder* (the office or person answering), *zaaknummer* (the Tweede Kamer
case number, ``2024Z02569``), *Aanhangsel* (the appendix to the Handelingen that publishes
answers, identified as ``ah-tk-20232024-1064``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date


class ReplyKind(enum.Enum):
    """What the government sent back: an answer or a notice (mededeling)."""

    ANSWER = "antwoord"
    NOTICE = "mededeling"


class QuestionsKind(enum.Enum):
    """Written questions (schriftelijke vragen) or oral ones (mondelinge vragen).

    Oral questions are published in the same series with only their header: askers,
    addressees, subject and date, and no numbered questions.
    """

    WRITTEN = "schriftelijke-vragen"
    ORAL = "mondelinge-vragen"


@dataclass(frozen=True, slots=True)
class Location:
    """Where something was found in the source: a 1-based line and the pages it spans."""

    line: int | None = None
    pages: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Issue:
    """A recoverable problem found while parsing, kept as data (lenient mode)."""

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line or 1}: {self.message}"


@dataclass(frozen=True, slots=True)
class Person:
    """A person as printed: ``Van Haga``, ``Inge van Dijk``, ``Faber-van de Klashorst``."""

    name: str
    family_name: str
    given_name: str | None = None


@dataclass(frozen=True, slots=True)
class Asker:
    """A member who signed the questions, with the fractie (party) printed beside the name."""

    person: Person
    party: str | None


@dataclass(frozen=True, slots=True)
class Post:
    """An office in government: ``Minister van Financiën``, ``Minister voor Rechtsbescherming``.

    ``portfolio`` is the text after "van"/"voor"; ``ministry`` the canonical name of the
    ministry the post belongs to when the reference table knows it; ``detail`` the part of a
    printed portfolio after a dash ("Fiscaliteit en Belastingdienst").
    """

    title: str
    preposition: str | None = None
    portfolio: str | None = None
    ministry: str | None = None
    detail: str | None = None

    @property
    def label(self) -> str:
        """The printed title, e.g. ``Staatssecretaris van Financiën``."""
        if not self.portfolio or self.title == "Minister-President":
            return self.title
        return f"{self.title} {self.preposition or 'van'} {self.portfolio}"


@dataclass(frozen=True, slots=True)
class Answerer:
    """Who answers: a signing person in a post, or a post answered for ("mede namens")."""

    post: Post
    person: Person | None = None


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote (noot): its printed number, text, and the documents or URLs it cites."""

    number: str
    text: str
    references: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Question:
    """One numbered question (vraag)."""

    number: str
    position: int
    text: str
    footnotes: tuple[Footnote, ...] = ()
    location: Location = field(default_factory=Location)
    references: tuple[str, ...] = ()  # documents or URLs cited in the text itself (IRIs)


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer block; a grouped label ("Antwoord 1 en 2") answers several questions."""

    label: str
    position: int
    question_numbers: tuple[str, ...]
    text: str | None
    refers_to: tuple[str, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    location: Location = field(default_factory=Location)
    references: tuple[str, ...] = ()  # documents or URLs cited in the text itself (IRIs)


@dataclass(frozen=True, slots=True)
class Reply:
    """The government's side: "Antwoord van …" or "Mededeling van …" with its date.

    ``answerers`` lists the signer first, then the posts answered for ("mede namens").
    ``see_also`` holds OEP identifiers of related Aanhangsels ("Zie ook …").
    ``text`` is the body of a notice (the reason for a delay, or the letter that answered).
    ``replaces`` is the OEP id of the earlier publication a re-issued reply replaces ("deze
    versie vervangt …", or a note that an earlier version was taken offline).
    """

    kind: ReplyKind
    answerers: tuple[Answerer, ...] = ()
    received: date | None = None
    see_also: tuple[str, ...] = ()
    text: str | None = None
    supplementary: bool = False
    footnotes: tuple[Footnote, ...] = ()
    location: Location = field(default_factory=Location)
    replaces: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One Kamervragen publication: the questions, and the reply when the source has one.

    ``identifier`` is the source's OEP id (``ah-tk-20232024-1064``, ``kv-tk-2024Z02569``)
    when known; ``zaaknummer`` the TK case number when printed or given in metadata.
    """

    source: str
    source_format: str
    title: str
    questions: tuple[Question, ...]
    chamber: str = "tk"
    identifier: str | None = None
    zaaknummer: str | None = None
    vergaderjaar: str | None = None
    subject: str | None = None
    askers: tuple[Asker, ...] = ()
    addressees: tuple[Post, ...] = ()
    submitted: date | None = None
    reply: Reply | None = None
    answers: tuple[Answer, ...] = ()
    issued: date | None = None
    footnotes: tuple[Footnote, ...] = ()
    digest: str | None = None
    issues: tuple[Issue, ...] = ()
    kind: QuestionsKind = QuestionsKind.WRITTEN
