#!/usr/bin/env bash
# Prepares what `make bench` needs and is idempotent: the Python peers in the
# git-ignored venv .venv-bench/, and (as root, with apt-get) the system
# packages of the C peer, the floors and the RSS measurement.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv-bench
PYTHON_PACKAGES=(python-calamine fastexcel openpyxl polars duckdb pandas xlsxwriter xlwt pyarrow pyyaml frictionless)
PYTHON_MODULES="python_calamine, fastexcel, openpyxl, polars, duckdb, pandas, xlsxwriter, xlwt, pyarrow, yaml, frictionless"
SYSTEM_PACKAGES=(libxlsxwriter-dev gcc unzip pkg-config time)

missing=()
for p in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "安装系统依赖 Installing system packages: ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    echo "缺少系统依赖 Missing system packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

if ! "$VENV/bin/python" -c "import $PYTHON_MODULES" 2>/dev/null; then
  echo "准备 Python 环境 Creating $VENV with: ${PYTHON_PACKAGES[*]}"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "${PYTHON_PACKAGES[@]}"
fi
