"""Command line: ``kv2rdf reference update | show | check``."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

import click

from kv2rdf import messages
from kv2rdf.errors import Kv2RdfError
from kv2rdf.output import expand_sources
from kv2rdf.parsers import parse
from kv2rdf.pipeline import located, read_input
from kv2rdf.reference.check import CheckRow, check_document, report_lines
from kv2rdf.reference.index import Reference, load_reference
from kv2rdf.reference.matching import match_member, match_minister
from kv2rdf.reference.odp import read_export, update_snapshot
from kv2rdf.reference.snapshot import ENV, active_path, user_path, write_snapshot


@click.group(name="reference")
@messages.verbosity_options
def reference() -> None:
    """Reference data on members, ministers and parties: refresh, look up, check."""


@reference.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--into", type=click.Path(dir_okay=False),
              help=f"Snapshot file to write (default: ${ENV}, else {user_path()}).")
@messages.verbosity_options
def update(paths: tuple[str, ...], into: str | None) -> None:
    """Refresh the snapshot from an Open Data Portal export (JSON files or folders)."""
    target = Path(into or os.environ.get(ENV) or user_path())
    base = load_reference()
    snapshot, report = update_snapshot(base.snapshot, read_export([Path(p) for p in paths]))
    write_snapshot(snapshot, target)
    for line in report:
        click.echo(line)
    click.echo(f"{target}: {len(snapshot.persons)} persons, {len(snapshot.mandates)} mandates, "
               f"{len(snapshot.posts)} posts, {len(snapshot.parties)} parties")


def _show_person(ref: Reference, person_id: str) -> None:
    p = ref.by_id[person_id]
    click.echo(f"{p.full_name}  [tk {p.tk_id or '-'}, wikidata {p.wikidata or '-'}]")
    for m in ref.mandates.get(p.id, ()):
        party = ref.parties[m.party]
        label = "" if m.label in (party.short_name, party.long_name) else f" ({m.label})"
        click.echo(f"  Kamerlid voor {party.short_name}{label} {m.start} – {m.end or ''}")
    for c in ref.posts.get(p.id, ()):
        click.echo(f"  {c.label} ({c.ministry}) {c.start} – {c.end or ''}")


@reference.command()
@click.argument("name")
@click.option("--party", help="Match as a member of this party (needs --date).")
@click.option("--post", help="Match as the holder of this post or ministry (needs --date).")
@click.option("--date", "on", type=click.DateTime(["%Y-%m-%d"]), help="Date to match on.")
@messages.verbosity_options
def show(name: str, party: str | None, post: str | None, on: datetime | None) -> None:
    """Look up a family name (with tussenvoegsel: "van Dijk") in the snapshot in use."""
    ref = load_reference()
    day = on.date() if on else None
    if party or post:
        result = (match_member(name, party, day, reference=ref) if party
                  else match_minister(name, post or "", day, reference=ref))
        click.echo(f"{result.status.value}: {result.reason}")
    people = ref.named(name)
    for person in people:
        _show_person(ref, person.id)
    if not people:
        click.echo(f"no one called {name} in {active_path()}")


@reference.command()
@click.argument("sources", nargs=-1, required=True)
@messages.verbosity_options
def check(sources: tuple[str, ...]) -> None:
    """Report, per asker and answerer of Kamervragen documents, the match or why none."""
    ref = load_reference()
    rows: list[CheckRow] = []
    failed = False
    for path in expand_sources(sources):
        try:
            doc = parse(read_input(path), source=str(path))
        except Kv2RdfError as exc:
            messages.error(located(path, exc))
            failed = True
            continue
        rows += check_document(doc, ref)
    for line in report_lines(tuple(rows)):
        click.echo(line)
    if failed:
        sys.exit(2)

