#!/usr/bin/env bash
# make fuzz SECONDS=N: builds the libFuzzer targets of Fuzz/ with ASan and runs each for N
# seconds (default 60), seeded from ../shared/corpus, the demo Inbox and what earlier runs
# found (.build-fuzz/corpus/<target>). A crash, a time-out (10 s) or an input past 1 GiB
# stops the target and leaves the input in .build-fuzz/artifacts/<target>/: make it a
# named fixture in Tests (Tests/SheetsTests/Fixtures/fuzz/; the intake target's in
# Tests/IntakeTests/Fixtures/fuzz/) with a test that reads it.
#
# Targets: `<name>` is Fuzz/<name>.swift, its seed folders in seeds_for; a new reader adds both.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-60}"
TARGETS=(csv xlsx xml2003 xls ods intake)
BUILD=.build-fuzz
CORPUS=../shared/corpus

seeds_for() {
  case "$1" in
    csv) echo "$CORPUS/csv" ;;
    xlsx) echo "$CORPUS/xlsx-excel $CORPUS/xlsx-calamine" ;;
    xml2003) echo "$CORPUS/xml2003" ;;
    xls | ods) echo "Tests/SheetsTests/Fixtures/xls-ods" ;;
    intake) echo "Inbox $CORPUS/csv $CORPUS/xml2003 $CORPUS/xlsx-calamine Tests/SheetsTests/Fixtures/xls-ods" ;;
  esac
}

# The modules, compiled once with coverage for libFuzzer and AddressSanitizer.
swift build --build-path "$BUILD" --target Intake \
  -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address
objects=()
for module in Sheets Vocabulary Intake Catalog Yams CYaml; do
  while IFS= read -r object; do objects+=("$object"); done < <(find "$BUILD/debug/$module.build" -name '*.o')
done
# The C modules the Swift modules import, as SwiftPM finds them.
modulemaps=(Sources/CLibXML2/module.modulemap Sources/CZlib/module.modulemap
            "$BUILD/checkouts/Yams/Sources/CYaml/include/module.modulemap")

status=0
for target in "${TARGETS[@]}"; do
  binary="$BUILD/fuzz-$target"
  if [ ! -x "$binary" ] || [ -n "$(find Fuzz "$BUILD"/debug/Modules -newer "$binary" -print -quit)" ]; then
    swiftc -sanitize=fuzzer,address -parse-as-library -g -I "$BUILD/debug/Modules" \
      $(pkg-config --cflags-only-I libxml-2.0 | sed 's/-I/-Xcc -I/g') \
      $(printf -- '-Xcc -fmodule-map-file=%s ' "${modulemaps[@]}") \
      Fuzz/FuzzInput.swift "Fuzz/$target.swift" "${objects[@]}" $(pkg-config --libs libxml-2.0 zlib) -o "$binary"
  fi
  mkdir -p "$BUILD/corpus/$target" "$BUILD/artifacts/$target"
  seeds=()
  for folder in $(seeds_for "$target"); do [ -d "$folder" ] && seeds+=("$folder"); done
  echo "模糊测试 fuzzing $target for ${SECONDS_EACH}s (seeds: ${seeds[*]:-none})"
  if ! ASAN_OPTIONS=detect_leaks=0 "$binary" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=1024 \
      -max_len=1048576 -print_final_stats=1 -artifact_prefix="$BUILD/artifacts/$target/" \
      "$BUILD/corpus/$target" "${seeds[@]}" 2>"$BUILD/fuzz-$target.log"; then
    echo "发现问题 $target found a failing input: $(ls -t "$BUILD/artifacts/$target" | head -1) (log: $BUILD/fuzz-$target.log)"
    status=1
  fi
  grep -E "stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb" "$BUILD/fuzz-$target.log" | sed "s/^/  $target /" || true
done
exit $status
