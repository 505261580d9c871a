#!/bin/sh
# Regenerates expected/ from the corpus with python-calamine, in the
# git-ignored venv at the repository root.
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
if [ ! -x "$root/.venv/bin/python" ]; then
    python3 -m venv "$root/.venv"
fi
"$root/.venv/bin/pip" install --quiet python-calamine
exec "$root/.venv/bin/python" "$(dirname "$0")/make_xlsx_expected.py"
