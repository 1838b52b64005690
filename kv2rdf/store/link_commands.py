"""The ``kv2rdf link`` command: one question set per case in a store (see `linking`)."""

from __future__ import annotations

import click

from kv2rdf.store.commands import open_store, store_options
from kv2rdf.store.linking import LinkReport, link, unlink


def echo_report(report: LinkReport) -> None:
    """Tell what a link run did: each link with its evidence, each ambiguity, a total."""
    for one in report.links:
        click.echo(f"linked <{one.alias}> to <{one.canonical}> "
                   f"({', '.join(one.evidence)})", err=True)
    for doubt in report.ambiguities:
        click.echo(f"not linked: <{doubt.iri}> fits several cases: "
                   + ", ".join(f"<{c}>" for c in doubt.candidates), err=True)
    click.echo(f"{len(report.links)} question set{'s' * (len(report.links) != 1)} linked, "
               f"{len(report.rewritten)} graph{'s' * (len(report.rewritten) != 1)} rewritten, "
               f"{len(report.ambiguities)} left ambiguous", err=True)


@click.command("link", short_help="Make the documents of each case share one question set.")
@store_options
@click.option("--undo", metavar="IRI", help="Undo the links of this question set (an alias "
              "or a canonical IRI) and keep them from being made again.")
def link_command(store_dir: str | None, endpoint: str | None, server: str,
                 query_url: str | None, update_url: str | None, graph_store_url: str | None,
                 timeout: float, undo: str | None) -> None:
    """Link the questions, notices and answers of each case in the store.

    Documents of one case — found by zaaknummer, or by submission date, askers and the same
    questions (or subject) — come to share one question set; the IRIs it replaces stay as
    owl:sameAs aliases, and each link is recorded with its evidence in the graph
    id/koppelingen. ``kv2rdf load`` links after every load.
    """
    store = open_store(store_dir, endpoint, server, query_url, update_url, graph_store_url,
                       timeout, create=False)
    try:
        if undo:
            restored = unlink(store, undo)
            for alias in restored:
                click.echo(f"unlinked <{alias}>", err=True)
            if not restored:
                click.echo(f"no link of <{undo}> to undo", err=True)
        else:
            echo_report(link(store))
    finally:
        store.close()
