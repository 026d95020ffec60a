#!/usr/bin/env bash
# The whole test suite under AddressSanitizer and UndefinedBehaviorSanitizer:
# the plugin, the runtime and the unit tests are built with both (g++), every
# test program (the generated code) is compiled with both (clang), and the
# sanitizer runtimes are preloaded into clang for the plugin.
#
#   bash scripts/sanitize.sh        (as root on Debian 12; about 10 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build-sanitize}
for p in libclang-rt-19-dev; do
  dpkg -s "$p" >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$p"; }
done
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFRECHET_SANITIZE=ON
cmake --build "$build_dir" -j2
export ASAN_OPTIONS=detect_leaks=0
"$build_dir/bin/frechet-unittests"
FRECHET_PRELOAD="$(g++ -print-file-name=libasan.so):$(g++ -print-file-name=libubsan.so)" \
  python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv -Dsanitize=1 "$build_dir/test"
