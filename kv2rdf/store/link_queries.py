"""The SPARQL that linking reads question sets, derived facts and follow-ups with, in two forms.

A query here is written to be narrowed: `kv2rdf.store.case_sets.narrowed` opens it with a
``VALUES`` block of at most 500 sets or documents, and the store then starts from those and
follows its indexes (type tests and roles are filters, so it does not read every member of a
class or role first). Over the whole store that same form looks up every set, document or
item in turn, at 7 to 30 µs a lookup: at 100,000 documents, minutes.

So the queries that read the whole store (`whole`: a first load, ``kv2rdf link`` of
everything) have a form of their own, `WHOLE`: each property read by a subquery of its own,
which Oxigraph joins by hashing, and a ``GROUP BY`` only over what those joins leave. They
give the same rows as the narrowed form over everything (tested); narrowed, they would hash
the whole store on every request, so they are never narrowed.
"""

from __future__ import annotations

# Question sets (`kv2rdf.store.case_sets`).
# No OPTIONAL in a narrowed query: Oxigraph reads the optional part for the whole store on
# every request (1.4 s a request at 100,000 documents), so the dates come in a query of their
# own (DATED). A set without a date is in SETS only.
SETS = """SELECT ?qs ?g WHERE { GRAPH ?g { ?qs a kv:WrittenQuestions } }"""
DATED = """SELECT ?qs ?g ?d WHERE { GRAPH ?g { ?qs a kv:WrittenQuestions ;
  dct:dateSubmitted ?d } }"""
SETS_ON = """SELECT ?qs ?g ?d WHERE { GRAPH ?g { ?qs dct:dateSubmitted ?d .
  ?qs a kv:WrittenQuestions } }"""
SETS_OF = """SELECT ?qs ?g WHERE { ?qs dct:identifier ?id .
  GRAPH ?g { ?qs a kv:WrittenQuestions } }"""
IDENTIFIERS = """SELECT DISTINCT ?qs ?id WHERE { ?qs a kv:WrittenQuestions .
  { ?qs dct:identifier ?id } UNION { ?qs skos:notation ?id } }"""
ASKERS = """SELECT DISTINCT ?qs ?who WHERE { ?qs kv:participation ?p .
  ?p eli-dl:participation_role ?role ; eli-dl:had_participant_person ?who .
  FILTER(?role IN (kvrol:indiener, kvrol:medeindiener)) }"""
QUESTIONS = """SELECT DISTINCT ?qs ?text WHERE { ?qs eli:has_part ?q .
  ?q schema:text ?text }"""
TITLES = """SELECT DISTINCT ?qs ?title WHERE { ?qs dct:title ?title }"""
# Derived facts (`kv2rdf.store.derived`).
# Every answer document (regular or further, "nader"); only regular ones answer a case.
ANSWERED = """SELECT DISTINCT ?ad ?qs ?d0 ?d1 ?type WHERE { ?ad a kv:AnswerDocument ;
  eli:work_type ?type ; dct:dateSubmitted ?d1 ;
  eli-dl:answers_to ?qs . ?qs dct:dateSubmitted ?d0 }"""
# A notice saying the questions were answered by letter: the case is answered on its date.
LETTERS = """SELECT DISTINCT ?qs ?d0 ?d1 WHERE { ?n a kv:PostponementNotice ;
  kv:answeredByLetter ?letter ; kv:postponesAnswerTo ?qs ; dct:dateSubmitted ?d1 .
  ?qs dct:dateSubmitted ?d0 }"""
COUNTS = """SELECT ?qs (COUNT(DISTINCT ?q) AS ?n) WHERE { ?qs a kv:WrittenQuestions .
  OPTIONAL { ?qs eli:has_part ?q . ?q a kv:Question } } GROUP BY ?qs"""
ANSWER_DOCS = """SELECT ?qs (COUNT(DISTINCT ?ad) AS ?n) (MIN(?d) AS ?first)
  (GROUP_CONCAT(DISTINCT STR(?ad); separator=" ") AS ?docs) WHERE {
  ?ad a kv:AnswerDocument ; eli-dl:answers_to ?qs . ?qs a kv:WrittenQuestions .
  OPTIONAL { ?ad dct:dateSubmitted ?d } } GROUP BY ?qs"""
FRACTIES = """SELECT DISTINCT ?qs ?f WHERE { ?qs kv:participation ?p .
  ?p eli-dl:participation_role ?role ; eli-dl:participation_in_name_of ?f .
  FILTER(?role IN (kvrol:indiener, kvrol:medeindiener))
  FILTER EXISTS { ?f a kv:Fractie } FILTER EXISTS { ?qs a kv:WrittenQuestions } }"""
# An item that answers two different numbered questions: pairs, not a count per item, so the
# store does not group every answer item of the corpus.
GROUPED_ITEMS = """SELECT DISTINCT ?ad ?item WHERE { ?item eli:is_part_of ?ad ;
  eli-dl:answers_to ?q1 , ?q2 . FILTER(?q1 != ?q2) ?q1 eli:number ?n1 . ?q2 eli:number ?n2 .
  FILTER EXISTS { ?item a kv:Answer } }"""
MINISTRIES = """SELECT DISTINCT ?ad ?m WHERE { ?ad kv:participation ?p .
  ?p eli-dl:participation_role ?role ; eli-dl:had_participant_person ?person ;
  eli-dl:participation_in_name_of ?post . FILTER(?role = kvrol:beantwoorder)
  ?post org:postIn ?m . FILTER EXISTS { ?ad a kv:AnswerDocument } }"""
ITEMS = """SELECT ?ad (COUNT(DISTINCT ?item) AS ?n) WHERE { ?ad a kv:AnswerDocument .
  OPTIONAL { ?ad eli:has_part ?item . ?item a kv:Answer } } GROUP BY ?ad"""
ANSWER_DOCS_IN = "SELECT ?ad WHERE { ?ad a kv:AnswerDocument }"
# Follow-ups: what the questions of a set cite, and the published identifiers of each set's
# works (its questions, answers and notices), in one query and per kind of work.
CITED = """SELECT DISTINCT ?qs ?ref WHERE { ?qs a kv:WrittenQuestions ; eli:has_part ?q .
  ?q dct:references ?ref }"""
PUBLISHED = """SELECT DISTINCT ?id ?qs WHERE { ?w dct:identifier ?id .
  { ?w eli-dl:answers_to ?qs } UNION { ?w kv:postponesAnswerTo ?qs }
  UNION { ?w a kv:WrittenQuestions . BIND(?w AS ?qs) } }"""
PUBLISHED_BY = (
    "SELECT DISTINCT ?id ?qs WHERE { ?w eli-dl:answers_to ?qs ; dct:identifier ?id }",
    "SELECT DISTINCT ?id ?qs WHERE { ?w kv:postponesAnswerTo ?qs ; dct:identifier ?id }",
    "SELECT DISTINCT ?id ?qs WHERE { ?qs a kv:WrittenQuestions ; dct:identifier ?id }")

WHOLE = {
    ANSWERED: """SELECT DISTINCT ?ad ?qs ?d0 ?d1 ?type WHERE {
  { SELECT ?ad ?type ?d1 WHERE { ?ad a kv:AnswerDocument ; eli:work_type ?type ;
                                     dct:dateSubmitted ?d1 } }
  { SELECT ?ad ?qs WHERE { ?ad eli-dl:answers_to ?qs } }
  { SELECT ?qs ?d0 WHERE { ?qs dct:dateSubmitted ?d0 } } }""",
    COUNTS: """SELECT DISTINCT ?qs ?n WHERE { { SELECT ?qs WHERE { ?qs a kv:WrittenQuestions } }
  OPTIONAL { SELECT ?qs (COUNT(DISTINCT ?q) AS ?n) WHERE {
    { SELECT ?qs ?q WHERE { ?qs eli:has_part ?q } } { SELECT ?q WHERE { ?q a kv:Question } }
  } GROUP BY ?qs } }""",
    ITEMS: """SELECT DISTINCT ?ad ?n WHERE { { SELECT ?ad WHERE { ?ad a kv:AnswerDocument } }
  OPTIONAL { SELECT ?ad (COUNT(DISTINCT ?item) AS ?n) WHERE {
    { SELECT ?ad ?item WHERE { ?ad eli:has_part ?item } }
    { SELECT ?item WHERE { ?item a kv:Answer } } } GROUP BY ?ad } }""",
    FRACTIES: """SELECT DISTINCT ?qs ?f WHERE {
  { SELECT ?p WHERE { ?p eli-dl:participation_role ?role
                      FILTER(?role IN (kvrol:indiener, kvrol:medeindiener)) } }
  { SELECT ?qs ?p WHERE { ?qs kv:participation ?p } }
  { SELECT ?p ?f WHERE { ?p eli-dl:participation_in_name_of ?f } }
  { SELECT ?f WHERE { ?f a kv:Fractie } } { SELECT ?qs WHERE { ?qs a kv:WrittenQuestions } } }""",
    ASKERS: """SELECT DISTINCT ?qs ?who WHERE {
  { SELECT ?p WHERE { ?p eli-dl:participation_role ?role
                      FILTER(?role IN (kvrol:indiener, kvrol:medeindiener)) } }
  { SELECT ?qs ?p WHERE { ?qs kv:participation ?p } }
  { SELECT ?p ?who WHERE { ?p eli-dl:had_participant_person ?who } } }""",
    # the pairs of different questions an item answers first: a few thousand, then the rest
    GROUPED_ITEMS: """SELECT DISTINCT ?ad ?item WHERE {
  { SELECT DISTINCT ?item ?q1 ?q2 WHERE { { SELECT ?item ?q1 WHERE { ?item eli-dl:answers_to ?q1 } }
      { SELECT ?item ?q2 WHERE { ?item eli-dl:answers_to ?q2 } } FILTER(?q1 != ?q2) } }
  { SELECT ?q1 WHERE { ?q1 eli:number ?n1 } } { SELECT ?q2 WHERE { ?q2 eli:number ?n2 } }
  { SELECT ?item ?ad WHERE { ?item eli:is_part_of ?ad } }
  { SELECT ?item WHERE { ?item a kv:Answer } } }""",
    MINISTRIES: """SELECT DISTINCT ?ad ?m WHERE {
  { SELECT ?p WHERE { ?p eli-dl:participation_role kvrol:beantwoorder } }
  { SELECT ?ad ?p WHERE { ?ad kv:participation ?p } }
  { SELECT ?p ?post WHERE { ?p eli-dl:participation_in_name_of ?post } }
  { SELECT ?p WHERE { ?p eli-dl:had_participant_person ?person } }
  { SELECT ?post ?m WHERE { ?post org:postIn ?m } }
  { SELECT ?ad WHERE { ?ad a kv:AnswerDocument } } }""",
    CITED: """SELECT DISTINCT ?qs ?ref WHERE {
  { SELECT ?qs WHERE { ?qs a kv:WrittenQuestions } }
  { SELECT ?qs ?q WHERE { ?qs eli:has_part ?q } }
  { SELECT ?q ?ref WHERE { ?q dct:references ?ref } } }""",
    PUBLISHED: """SELECT DISTINCT ?id ?qs WHERE { { SELECT ?w ?id WHERE { ?w dct:identifier ?id } }
  { { SELECT ?w ?qs WHERE { ?w eli-dl:answers_to ?qs } }
    UNION { SELECT ?w ?qs WHERE { ?w kv:postponesAnswerTo ?qs } }
    UNION { SELECT ?w ?qs WHERE { ?w a kv:WrittenQuestions . BIND(?w AS ?qs) } } } }""",
}


def whole(sparql: str) -> str:
    """The form of ``sparql`` to read the whole store with (itself where it has no other)."""
    return WHOLE.get(sparql, sparql)
