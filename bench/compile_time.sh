#!/usr/bin/env bash
# The Frechet plugin's compile-time overhead.
#
#   bench/compile_time.sh [CLANGXX [PLUGIN [RUNTIME_INCLUDE]]]
#
# Generates a translation unit with 20 annotated functions (each with a
# loop, a branch, <cmath> calls and a call to a helper that is
# differentiated too), then compiles it with and without the plugin,
# -fsyntax-only and -c -O2, REPS times each (default 5), interleaved, and
# prints the median times and their ratio. The headline TU mixes 10
# `forward` and 10 `gradient` pragmas; all-forward and all-gradient TUs are
# measured too. Without the plugin the pragmas are ignored
# (-Wno-unknown-pragmas); both compiles include <frechet/frechet.h>, so the
# difference is the plugin's work plus compiling the code it generates.
# KEEP=DIR keeps the generated translation units in DIR.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
clangxx=${1:-clang++-19}
plugin=${2:-$root/build/lib/FrechetPlugin.so}
include=${3:-$root/runtime/include}
reps=${REPS:-5}

if [ ! -f "$plugin" ]; then
  echo "compile_time.sh: no plugin at $plugin (build FrechetPlugin first)" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# generate FILE MODE: MODE is mixed, forward or gradient.
generate() {
  local file=$1 kind=$2 mode i
  {
    echo '#include <frechet/frechet.h>'
    echo '#include <cmath>'
    echo
    for i in $(seq 0 19); do
      case $kind in
        mixed) if [ $((i % 2)) = 0 ]; then mode=forward; else mode=gradient; fi ;;
        *) mode=$kind ;;
      esac
      cat <<EOT
static inline double helper_$i(double a, double b) {
  return a * std::sin(b) + std::exp(-a * a) / (1.0 + b * b);
}

#pragma frechet $mode
double f_$i(const double *x, int n, double s) {
  double acc = 0;
  for (int i = 0; i < n; ++i) {
    double t = x[i] * s + $i.0 / 7.0;
    if (t > 0)
      acc += helper_$i(t, x[i]);
    else
      acc -= std::log1p(t * t) * std::cos(s);
  }
  double r = std::sqrt(acc * acc + 1.0);
  return r * std::tanh(s) + std::pow(s, 2.0);
}

EOT
    done
  } >"$file"
}

common=(-std=c++17 -I"$include" -Wno-unknown-pragmas)
now() { date +%s.%N; }
# time_once TU ARGS...: prints the seconds one compile takes.
time_once() {
  local tu=$1 t0 t1
  shift
  t0=$(now)
  "$clangxx" "${common[@]}" "$@" "$tu" -o "$work/out" 2>"$work/err" || {
    cat "$work/err" >&2
    echo "compile_time.sh: compile failed: $clangxx $*" >&2
    exit 1
  }
  t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", b - a }' 
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "compile time of a TU with 20 annotated functions ($reps repetitions, median)"
printf '%-10s %-14s %11s %11s %7s\n' "pragmas" "compile" "no plugin" "plugin" "ratio"
for kind in mixed forward gradient; do
  tu=$work/$kind.cpp
  generate "$tu" "$kind"
  if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP" && cp "$tu" "$KEEP/"; fi
  for mode in "-fsyntax-only" "-c -O2"; do
    read -r -a flags <<<"$mode"
    base=() with=()
    for _ in $(seq "$reps"); do
      base+=("$(time_once "$tu" "${flags[@]}")")
      with+=("$(time_once "$tu" "${flags[@]}" -fplugin="$plugin")")
    done
    b=$(printf '%s\n' "${base[@]}" | median)
    w=$(printf '%s\n' "${with[@]}" | median)
    awk -v k="$kind" -v m="$mode" -v b="$b" -v w="$w" \
      'BEGIN { printf "%-10s %-14s %10.3fs %10.3fs %7.2f\n", k, m, b, w, w / b }'
  done
done
