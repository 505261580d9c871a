#!/usr/bin/env bash
# Where `huanxin validate` spends its time on the intake benchmark's files
# (bench/intake.py): the clean one and the one breaking rules row after row,
# 22,236 rows each (SIZE=1000000 for the large ones). Sampled with `perf`
# (Debian's linux-perf, installed as root when missing): valgrind 3.19's
# callgrind dies at the command's exit (a SIGSEGV inside valgrind, in
# libdispatch's sigsuspend) before writing its profile. Needs the release
# build (make bench-release) and the bench venv. Prints the top functions,
# children included, of each run; the profiles stay in bench/data/profile/.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${SIZE:-10000}

if ! command -v perf >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-perf
  else
    echo "缺少 perf Missing perf (run as root, or: sudo apt-get install linux-perf)" >&2
    exit 1
  fi
fi

out=bench/data/profile
mkdir -p "$out"
schema=$(.build/release/huanxin schemas layout records --root "$PWD")
label=$(.venv-bench/bin/python - "$schema" "$size" <<'PY'
import json, sys
sys.path.insert(0, "bench")
import intake
from pathlib import Path
manifest = intake.ensure(int(sys.argv[2]), Path("bench/data"), json.loads(sys.argv[1]))
print(manifest["files"]["clean"]["name"].split(".")[0])
PY
)
for kind in clean violating; do
  perf record -q -F 999 -g -o "$out/validate-$kind.perf" .build/release/huanxin validate --root "$PWD" \
    --region 370000 --department commerce --today 2026-12 "bench/data/$label.$kind.csv" >/dev/null || [ $? = 1 ]
  echo "== validate, $kind ($label)"
  perf report -i "$out/validate-$kind.perf" --children --sort symbol --stdio 2>/dev/null \
    | grep -E '^ +[0-9]' | sed -n '1,40p' | cut -c1-180
done
