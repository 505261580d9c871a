#!/usr/bin/env bash
# Gives the demo inbox's files the modification times the generator set
# (Inbox/.mtimes.tsv): git does not keep them, and they say when each demo
# report was sent — on time, late, or corrected a week later. Touches only
# the files listed; does nothing where there is no list.
set -euo pipefail
inbox="${1:-Inbox}"
list="$inbox/.mtimes.tsv"
[ -f "$list" ] || exit 0
while IFS=$'\t' read -r path seconds; do
  [ -f "$inbox/$path" ] && touch -m -d "@$seconds" "$inbox/$path"
done < "$list"
