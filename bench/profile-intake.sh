#!/usr/bin/env bash
# Counts where `huanxin validate` spends its instructions (callgrind: repeatable
# on this shared machine, unlike wall time) on the intake benchmark's small
# files: the clean one and the one breaking rules row after row. Needs the
# release build (make bench-release) and the bench venv; installs valgrind as
# root when it is missing. Prints the top functions, inclusive, of each run;
# the full profiles stay in bench/data/profile/.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v valgrind >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind
  else
    echo "缺少 valgrind Missing valgrind (run as root, or: sudo apt-get install valgrind)" >&2
    exit 1
  fi
fi

out=bench/data/profile
mkdir -p "$out"
# valgrind cannot read the release binary's DWARF: a copy without it.
strip --strip-debug -o "$out/huanxin" .build/release/huanxin
schema=$(.build/release/huanxin schemas layout records --root "$PWD")
.venv-bench/bin/python - "$schema" <<'PY'
import json, sys
sys.path.insert(0, "bench")
import intake
from pathlib import Path
intake.ensure(10_000, Path("bench/data"), json.loads(sys.argv[1]))
PY
for kind in clean violating; do
  valgrind --tool=callgrind --callgrind-out-file="$out/validate-$kind.callgrind" \
    "$out/huanxin" validate --root "$PWD" --region 370000 --department commerce --today 2026-12 \
    "bench/data/records-10k.$kind.csv" >/dev/null 2>"$out/validate-$kind.log" || [ $? = 1 ]
  echo "== validate, $kind: $(grep -o 'Collected : [0-9]*' "$out/validate-$kind.log")"
  callgrind_annotate --inclusive=yes "$out/validate-$kind.callgrind" 2>/dev/null | sed -n '1,40p' | cut -c1-180
done
