#!/usr/bin/env bash
# Installs the Debian packages named that are missing, as root with apt-get;
# otherwise names them and fails (or, with --optional WHAT, says WHAT will
# skip and succeeds). Used by the Makefile's deps and deps-browser targets.
# Usage: scripts/system-packages.sh [--optional WHAT] PACKAGE...
set -euo pipefail
optional=""
if [ "${1:-}" = "--optional" ]; then optional="$2"; shift 2; fi
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "安装系统依赖 Installing system packages: ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
elif [ -n "$optional" ]; then
  echo "注意 note: missing ${missing[*]}; $optional"
else
  echo "缺少系统依赖 Missing system packages: ${missing[*]}"
  echo "请以 root 运行 Run as root, or: sudo apt-get install ${missing[*]}"
  exit 1
fi
