#!/usr/bin/env bash
# Makes the tests' git-ignored Python environment, .venv, with
# Tests/requirements.txt: reference readers and writers the tests compare
# against. Idempotent and safe to call from tests running in parallel: the
# work happens under a lock, and a venv that already has everything is left
# alone. Exit status non-zero when Python or PyPI is unavailable; tests that
# need the venv then skip themselves with a note.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv"
requirements="$root/Tests/requirements.txt"
stamp="$venv/.requirements"
exec 9>"$root/.venv.lock"
flock 9
if [ -x "$venv/bin/python" ] && cmp -s "$requirements" "$stamp"; then
  exit 0
fi
python3 -m venv "$venv" >/dev/null 2>&1 || exit 3
"$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements" >/dev/null 2>&1 || exit 3
cp "$requirements" "$stamp"
