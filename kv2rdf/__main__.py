"""``python -m kv2rdf``: the command line."""

from kv2rdf.cli import main

main()
