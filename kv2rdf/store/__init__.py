"""Storage stage: load converted documents into a triple store and run SPARQL over them.

* `local` — the embedded Oxigraph store (`LocalStore`) and what every store shares
  (`NamedGraph`, `GraphStore`, batching);
* `remote` — a SPARQL server over HTTP (`RemoteStore`), configured by `endpoint`;
* `inputs` — RDF files and Kamervragen sources turned into named graphs;
* `results` — query results and their table, CSV, TSV and JSON forms;
* `commands` — the ``kv2rdf load`` and ``kv2rdf query`` commands.
"""

from kv2rdf.store.local import DEFAULT_STORE, GraphStore, LocalStore, NamedGraph
from kv2rdf.store.results import QueryResult

__all__ = ["DEFAULT_STORE", "GraphStore", "LocalStore", "NamedGraph", "QueryResult"]
