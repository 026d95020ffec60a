#!/usr/bin/env bash
# libFuzzer over the plugin (Debian 12, clang 19, libclang-rt-19-dev):
#   frechet-fuzz-pragma  the text after '#pragma frechet'
#   frechet-fuzz-tu      whole translation units (seeded with the test suite)
# Builds both with -fsanitize=fuzzer,address in build-fuzz (FRECHET_FUZZ=ON)
# and runs each for a bounded time. A finding (crash, sanitizer report,
# hang, or an error inside generated code) is saved under
# build-fuzz/fuzz/<target>/artifacts/; rerun one with
#   build-fuzz/bin/frechet-fuzz-<target> <artifact>
#
#   bash scripts/fuzz.sh [seconds per target, default 300] [pragma|tu|both]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
which=${2:-both}
build_dir=${BUILD_DIR:-build-fuzz}
jobs=${JOBS:-2}

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++-19 -DFRECHET_FUZZ=ON >/dev/null
cmake --build "$build_dir" -j"$jobs" --target frechet-fuzz-pragma frechet-fuzz-tu

export ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}"
run() {
  local target=$1 dict=$2
  shift 2
  local dir="$build_dir/fuzz/$target"
  mkdir -p "$dir/corpus" "$dir/artifacts"
  for seeds in "$@"; do
    cp -n "$seeds"/* "$dir/corpus/" 2>/dev/null || true
  done
  echo "== $target for ${seconds}s (corpus $dir/corpus)"
  FRECHET_FUZZ_ARTIFACTS="$dir/artifacts" "$build_dir/bin/frechet-fuzz-$target" "$dir/corpus" \
    -dict="$dict" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 \
    -max_len=8192 -print_final_stats=1 -artifact_prefix="$dir/artifacts/" \
    2>&1 | tee "$dir/log.txt" | grep -E "^#[0-9]+ .*(NEW|pulse|DONE)|ERROR|SUMMARY|stat::|frechet-fuzz" || true
  local found
  found=$(find "$dir/artifacts" -type f | wc -l)
  echo "== $target: $found finding(s) in $dir/artifacts"
}

if [ "$which" = pragma ] || [ "$which" = both ]; then
  run pragma tools/fuzz/libfuzzer/pragma.dict tools/fuzz/libfuzzer/seeds-pragma
fi
if [ "$which" = tu ] || [ "$which" = both ]; then
  seeds=$(mktemp -d)
  for f in test/forward/*.cpp test/reverse/*.cpp test/diagnostics/*.cpp test/crash/*.cpp; do
    # Flatten the includes the tests use from Inputs/.
    sed 's|#include "Inputs/reverse_check.h"||' "$f" > "$seeds/$(basename "$(dirname "$f")")-$(basename "$f")"
  done
  run tu tools/fuzz/libfuzzer/cxx.dict "$seeds"
  rm -rf "$seeds"
fi
