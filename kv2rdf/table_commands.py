"""Command line, tables side: ``kv2rdf export`` and ``kv2rdf report``.

Both read a store through the Python API (`kv2rdf.api.Store`): an embedded store in a folder
(``--store DIR``, default ``./kv2rdf-store``) or a SPARQL server (``--endpoint URL``). Library
errors, a missing optional dependency among them, reach the group in `kv2rdf.cli`, which
turns them into exit code 2.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kv2rdf.api import Store
from kv2rdf.errors import DataError
from kv2rdf.export import TABLES
from kv2rdf.export import export as export_table
from kv2rdf.store.endpoint import SERVERS
from kv2rdf.store.local import DEFAULT_STORE
from kv2rdf.table_formats import EXPORT_FORMATS


def _store_options(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--store", "store_dir", type=click.Path(file_okay=False),
                     help=f"Embedded store folder [default: ./{DEFAULT_STORE}]."),
        click.option("--endpoint", metavar="URL", help="SPARQL server URL (instead of --store)."),
        click.option("--server", type=click.Choice(list(SERVERS)), default="oxigraph",
                     show_default=True, help="URL conventions of the server at --endpoint."),
        click.option("--timeout", type=float, default=60.0, show_default=True,
                     help="Seconds to wait for the server."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _open(store_dir: str | None, endpoint: str | None, server: str, timeout: float) -> Store:
    if store_dir and endpoint:
        raise click.UsageError("give --store or --endpoint, not both")
    if endpoint:
        return Store(endpoint=endpoint, server=server, timeout=timeout)
    path = Path(store_dir or DEFAULT_STORE)
    if not path.is_dir():
        raise DataError(f"{path}: no store there yet; load data with 'kv2rdf load' "
                        "or name the store with --store")
    return Store(path)


@click.command(short_help="Export cases, questions, answers or people as a table.")
@_store_options
@click.option("--table", "table", type=click.Choice(list(TABLES)), required=True,
              help="Which table: one row per case, question, answer or person.")
@click.option("-t", "--to", "fmt", type=click.Choice(EXPORT_FORMATS), default="csv",
              show_default=True, help="Table format (parquet needs pyarrow).")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Output file [default: stdout].")
def export(store_dir: str | None, endpoint: str | None, server: str, timeout: float,
           table: str, fmt: str, output: str | None) -> None:
    r"""Export a table of the loaded documents (columns: README, section "Tables").

    CSV has ISO dates (a spreadsheet reads them as dates) and yes/no for true/false; TSV
    escapes tabs and line breaks as \\t and \\n; JSON is an array of records; Parquet keeps
    the column types.
    """
    if fmt == "parquet" and output is None and sys.stdout.isatty():
        raise click.UsageError("Parquet is binary: name an output file with -o")
    with _open(store_dir, endpoint, server, timeout) as store:
        data = export_table(store, table, fmt)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        Path(output).write_bytes(data)


@click.command(short_help="Write a static HTML report with charts and tables.")
@_store_options
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="report.html",
              show_default=True, help="The HTML file to write.")
def report(store_dir: str | None, endpoint: str | None, server: str, timeout: float,
           output: str) -> None:
    """Write a self-contained HTML report: answer times, postponements, questions per party.

    Charts are inline SVG (matplotlib, the [tables] extra), each with the table behind it; the
    page needs no server and no network.
    """
    from kv2rdf.report import write_report

    with _open(store_dir, endpoint, server, timeout) as store:
        summary = write_report(store, Path(output))
    click.echo(f"wrote {output}: {summary}", err=True)
