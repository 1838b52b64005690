"""The ``kv2rdf link`` command: one question set per case in a store (see `linking`).

Beside it ``kv2rdf optimize``, which compacts an embedded store after such rewrites.
"""

from __future__ import annotations

import click

from kv2rdf import messages
from kv2rdf.store.linking import LinkReport
from kv2rdf.store.options import StoreChoice, store_options


def echo_report(report: LinkReport) -> None:
    """Tell what a link run did: each link with its evidence, each ambiguity, a total."""
    for one in report.links:
        messages.note(f"linked <{one.alias}> to <{one.canonical}> "
                      f"({', '.join(one.evidence)})")
    for doubt in report.ambiguities:
        messages.warn(messages.general(f"not linked: <{doubt.iri}> fits several cases: "
                                       + ", ".join(f"<{c}>" for c in doubt.candidates),
                                       warning=True))
    messages.note(f"{len(report.links)} question set{'s' * (len(report.links) != 1)} linked, "
                  f"{len(report.rewritten)} graph{'s' * (len(report.rewritten) != 1)} "
                  f"rewritten, {len(report.ambiguities)} left ambiguous")


@click.command("link", short_help="Make the documents of each case share one question set.")
@store_options
@click.option("--undo", metavar="IRI", help="Undo the links of this question set (an alias "
              "or a canonical IRI) and keep them from being made again.")
@messages.verbosity_options
def link_command(store: StoreChoice, undo: str | None) -> None:
    """Link the questions, notices and answers of each case in the store.

    Documents of one case — found by zaaknummer, or by submission date, askers and the same
    questions (or subject) — come to share one question set; the IRIs it replaces stay as
    owl:sameAs aliases, and each link is recorded with its evidence in the graph
    id/koppelingen. ``kv2rdf load`` links after every load.
    """
    with store.open(create=False) as opened:
        if undo:
            restored = opened.unlink(undo)
            for alias in restored:
                messages.note(f"unlinked <{alias}>")
            if not restored:
                messages.note(messages.general(f"no link of <{undo}> to undo"))
        else:
            echo_report(opened.link())


@click.command("optimize", short_help="Compact an embedded store (smaller, faster to query).")
@store_options
@messages.verbosity_options
def optimize_command(store: StoreChoice) -> None:
    """Compact an embedded store's files.

    Worth it after a first load of many documents, or after linking everything again: each
    link replaces the derived facts, and the replaced ones stay on disk until compacted. At
    100,000 documents it takes about two minutes and leaves the store a fifth smaller.
    """
    with store.open(create=False) as opened:
        opened.optimize()
        messages.note(f"optimized {opened.location}")
