#!/usr/bin/env bash
# Validates CSV files against a Frictionless Table Schema with frictionless-py,
# in the repository's git-ignored .venv (made by scripts/test-venv.sh).
# Usage: frictionless-check.sh SCHEMA.json FILE.csv...
# Prints one line per file: "<file> valid" or "<file> invalid".
# Exit 3 when frictionless cannot be installed (the caller skips).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv"
"$root/scripts/test-venv.sh" || exit 3
schema="$1"; shift
"$venv/bin/python" - "$schema" "$@" <<'PY'
import json, os, sys
from frictionless import Resource, Schema
# frictionless refuses absolute paths as unsafe: load the schema as a
# descriptor and give each CSV as a name under its folder.
schema = Schema.from_descriptor(json.load(open(sys.argv[1], encoding="utf-8")))
for path in sys.argv[2:]:
    resource = Resource(path=os.path.basename(path), basepath=os.path.dirname(path), schema=schema)
    report = resource.validate()
    print(path, "valid" if report.valid else "invalid")
PY
