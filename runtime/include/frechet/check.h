//===- frechet/check.h - checking derivatives numerically -----------------===//
//
// Small utilities that tests and examples use to compare a generated
// derivative with a finite-difference estimate or a known value. Each check
// prints one line to stdout and is counted process-wide, so a program can run
// many checks and end with `return frechet::check_exit_code();`.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_CHECK_H
#define FRECHET_CHECK_H

namespace frechet {

/// Central difference (f(x+h) - f(x-h)) / 2h of a scalar callable: error
/// O(h^2), against O(h) for a one-sided difference.
template <class F> double central_difference(F f, double x, double h = 1e-6) {
  return (static_cast<double>(f(x + h)) - static_cast<double>(f(x - h))) /
         (2 * h);
}

/// |got - want| / max(1, |want|): relative for large values, absolute near
/// zero, where a relative error would blow up.
double relative_error(double got, double want);

/// Prints `ok <what>: <got> (expected <want>)`, or `FAIL <what>: ...` with the
/// relative error when it exceeds tol, and counts the outcome. NaN fails
/// unless both got and want are NaN; equal infinities pass.
bool check_close(const char *what, double got, double want, double tol);

/// How many check_close calls have failed so far in this process.
int check_failures();

/// Prints `N passed, M failed` for all check_close calls so far and returns
/// 0 if none failed, else 1: the exit status for a checking program.
int check_exit_code();

} // namespace frechet

#endif // FRECHET_CHECK_H
