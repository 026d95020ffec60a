#!/usr/bin/env bash
# Frechet's one set-up script (Debian 12, as root):
#
#   bash scripts/setup.sh demo   install what is missing, build, run the demo
#   bash scripts/setup.sh test   install what is missing, build, run all tests
#
# BUILD_DIR (default: build) chooses the build directory.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}

packages=(clang-19 llvm-19-dev libclang-19-dev llvm-19-tools libeigen3-dev
          libgtest-dev libbenchmark-dev cmake ninja-build python3 g++)

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

build() {
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release
  cmake --build "$build_dir" -j2
}

case "${1:-}" in
  demo)
    install_missing
    build
    echo "== frechet++ examples/newton.cpp -fplugin-arg-frechet-dump"
    "$build_dir/bin/frechet++" -std=c++17 -O2 examples/newton.cpp \
      -fplugin-arg-frechet-dump -o "$build_dir/newton"
    echo "== running it"
    "$build_dir/newton"
    ;;
  test)
    install_missing
    build
    cd "$build_dir"
    ctest --output-on-failure
    ;;
  *)
    echo "usage: bash scripts/setup.sh demo|test" >&2
    exit 2
    ;;
esac
