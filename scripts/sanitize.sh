#!/usr/bin/env bash
# Frechet under sanitizers (Debian 12, as root; about 30 minutes on 2 cores):
#  1. the runtime and its unit tests built with AddressSanitizer and UBSan;
#  2. the whole lit suite with the plugin built with ASan and UBSan (its
#     sanitizer runtimes preloaded into clang, which is not instrumented) and
#     every test program (the generated code, the runtime headers) compiled
#     with -fsanitize=address,undefined;
#  3. only with --valgrind (hours: clang parsing Eigen under memcheck): the
#     plugin under valgrind's memcheck while it compiles every test file,
#     which also sees reads of uninitialized memory.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build-sanitize}
for p in libclang-rt-19-dev valgrind; do
  dpkg -s "$p" >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$p"; }
done
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFRECHET_SANITIZE=ON
cmake --build "$build_dir" -j2

echo "== 1. unit tests under ASan+UBSan"
"$build_dir/bin/frechet-unittests" --gtest_brief=1

echo "== 2. lit suite, plugin and test programs under ASan+UBSan"
python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv -Dsanitize=1 "$build_dir/test"

[ "${1:-}" = --valgrind ] || exit 0

echo "== 3. the plugin under valgrind memcheck"
# valgrind and ASan do not mix: this step uses a plugin built without them.
build_dir=${VALGRIND_BUILD_DIR:-build-valgrind}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build_dir" -j2
failed=0
for f in test/forward/*.cpp test/reverse/*.cpp test/matrix/*.cpp test/diagnostics/*.cpp test/examples/*.cpp; do
  src=$f
  [ "$f" = test/examples/newton.cpp ] && src=examples/newton.cpp
  [ "$f" = test/examples/gradient_descent.cpp ] && src=examples/gradient_descent.cpp
  cc1=$("$build_dir/bin/frechet++" -std=c++17 -fsyntax-only -Itest/reverse "$src" -### 2>&1 | tail -1 | sed 's/"//g; s/ -disable-free//')
  if ! valgrind -q --error-exitcode=99 --suppressions=scripts/valgrind.supp $cc1 >/dev/null 2>"$build_dir/valgrind.log" ; then
    if grep -q "==[0-9]*==" "$build_dir/valgrind.log"; then
      echo "FAIL (memcheck): $src"; grep "==[0-9]*==" "$build_dir/valgrind.log" | head -20; failed=$((failed+1))
      continue
    fi
  fi
  echo "ok: $src"
done
echo "valgrind: $failed failed"
[ "$failed" = 0 ]
