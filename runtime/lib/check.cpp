//===- check.cpp - checking derivatives numerically -----------------------===//
//
// The non-template part of frechet/check.h: the comparison, its output line
// and the process-wide counters behind check_exit_code().
//
//===----------------------------------------------------------------------===//
#include "frechet/check.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>

namespace frechet {
namespace {
// Atomic so that checks may run from several threads of one program.
std::atomic<int> Passed{0};
std::atomic<int> Failed{0};
} // namespace

double relative_error(double got, double want) {
  return std::fabs(got - want) / std::max(1.0, std::fabs(want));
}

bool check_close(const char *what, double got, double want, double tol) {
  double err = relative_error(got, want);
  bool ok;
  if (std::isnan(got) || std::isnan(want))
    ok = std::isnan(got) && std::isnan(want);
  else
    // got == want first: for equal infinities err is inf - inf = NaN.
    ok = got == want || err <= tol;

  if (ok) {
    ++Passed;
    std::printf("ok %s: %.10g (expected %.10g)\n", what, got, want);
  } else {
    ++Failed;
    std::printf("FAIL %s: %.10g (expected %.10g, relative error %.10g > "
                "%.10g)\n",
                what, got, want, err, tol);
  }
  // Flushed so that the line survives if the program crashes right after.
  std::fflush(stdout);
  return ok;
}

int check_failures() { return Failed; }

int check_exit_code() {
  int failed = Failed;
  std::printf("%d passed, %d failed\n", static_cast<int>(Passed), failed);
  std::fflush(stdout);
  return failed == 0 ? 0 : 1;
}

} // namespace frechet
