#!/usr/bin/env bash
# Convert every Kamervragen document in a folder to RDF and validate it against the kv2rdf
# SHACL shapes, writing a JUnit XML report (one test case per document) for the CI system.
#
#   usage: validate.sh SOURCES_DIR [OUT_DIR]        (OUT_DIR defaults to kv2rdf-out)
#
# Writes OUT_DIR/rdf/<document>.ttl and OUT_DIR/kv2rdf-junit.xml. Exit code: 0 when every
# document converts and conforms; 1 on SHACL violations (and on warnings with
# FAIL_ON=warning); 2 when a document cannot be converted (the others are still validated).
# KV2RDF overrides the command (e.g. KV2RDF="python -m kv2rdf").
set -euo pipefail

sources="${1:?usage: validate.sh SOURCES_DIR [OUT_DIR]}"
out="${2:-kv2rdf-out}"
fail_on="${FAIL_ON:-violation}"
read -r -a kv2rdf <<<"${KV2RDF:-kv2rdf}"

mkdir -p "$out/rdf"
converted=0
"${kv2rdf[@]}" convert "$sources" -o "$out/rdf/" || converted=$?

shopt -s nullglob
files=("$out"/rdf/*.ttl)
if [ "${#files[@]}" -eq 0 ]; then
    echo "validate.sh: no document in $sources could be converted" >&2
    exit 2
fi

validated=0
"${kv2rdf[@]}" validate "${files[@]}" --format junit --fail-on "$fail_on" \
    >"$out/kv2rdf-junit.xml" || validated=$?
echo "validate.sh: ${#files[@]} document(s) validated; report in $out/kv2rdf-junit.xml" >&2

if [ "$converted" -ne 0 ]; then exit "$converted"; fi
exit "$validated"
