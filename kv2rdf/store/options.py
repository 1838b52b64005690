"""The options that pick a store, defined once for every command that reads or writes one.

``load``, ``query``, ``link``, ``export`` and ``report`` take the same options: ``--store DIR``
(an embedded Oxigraph store, default ``./kv2rdf-store``) or ``--endpoint URL`` with
``--server`` (the server's URL conventions, `kv2rdf.store.endpoint`), the service URLs that
override the convention, and ``--timeout``. Credentials come from the environment, the URL or
``~/.netrc``, never from an option (they would show in the process list). `store_options`
adds them to a command and hands it one `StoreChoice`, which opens a `kv2rdf.api.Store`.
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import click

from kv2rdf.api import Store
from kv2rdf.errors import StoreError
from kv2rdf.pipeline import display_path
from kv2rdf.store.endpoint import SERVERS
from kv2rdf.store.local import DEFAULT_STORE


@dataclass(frozen=True, slots=True)
class StoreChoice:
    """The store the options name: a folder, or a server and its service URLs."""

    store_dir: str | None = None
    endpoint: str | None = None
    server: str = "oxigraph"
    query_url: str | None = None
    update_url: str | None = None
    graph_store_url: str | None = None
    timeout: float = 60.0

    def open(self, *, create: bool, protocol: str = "gsp") -> Store:
        """Open the store (an embedded one is created when ``create``); usage errors first."""
        if self.endpoint and self.store_dir:
            raise click.UsageError("give --store or --endpoint, not both")
        if not math.isfinite(self.timeout) or self.timeout <= 0:
            raise click.BadParameter(f"{self.timeout:g}: give a finite number of seconds "
                                     "above 0", param_hint="--timeout")
        if self.endpoint:
            return Store(endpoint=self.endpoint, server=self.server, timeout=self.timeout,
                         query_url=self.query_url, update_url=self.update_url,
                         graph_store_url=self.graph_store_url,
                         protocol=protocol).open(create=create)
        if self.query_url or self.update_url or self.graph_store_url:
            raise click.UsageError("--query-url, --update-url and --graph-store-url need "
                                   "--endpoint")
        folder = self.store_dir or DEFAULT_STORE
        try:
            os.stat(folder)
        except (FileNotFoundError, NotADirectoryError):
            pass  # a new store, or a file in the way: the store says which
        except OSError as exc:  # a name too long, a loop of links, no permission
            raise StoreError(f"{display_path(folder)}: cannot open the store: "
                             f"{exc.strerror or exc}") from None
        return Store(folder).open(create=create)


_OPTIONS = [
    click.option("--store", "store_dir", type=click.Path(file_okay=False),
                 help=f"Embedded store folder [default: ./{DEFAULT_STORE}]."),
    click.option("--endpoint", metavar="URL", help="SPARQL server URL (instead of --store)."),
    click.option("--server", type=click.Choice(list(SERVERS)), default="oxigraph",
                 show_default=True, help="URL conventions of the server at --endpoint."),
    click.option("--query-url", metavar="URL",
                 help="Query service URL (overrides the convention)."),
    click.option("--update-url", metavar="URL",
                 help="Update service URL (overrides the convention)."),
    click.option("--graph-store-url", metavar="URL",
                 help="Graph Store Protocol URL (overrides the convention)."),
    click.option("--timeout", type=float, default=60.0, show_default=True,
                 help="Seconds to wait for the server."),
]
_NAMES = ("store_dir", "endpoint", "server", "query_url", "update_url", "graph_store_url",
          "timeout")


def store_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add the store options to a command; it receives them as ``store: StoreChoice``."""
    @functools.wraps(func)
    def command(*args: Any, **kwargs: Any) -> Any:
        choice = StoreChoice(**{name: kwargs.pop(name) for name in _NAMES})
        return func(*args, store=choice, **kwargs)

    for option in reversed(_OPTIONS):
        command = option(command)
    return command
