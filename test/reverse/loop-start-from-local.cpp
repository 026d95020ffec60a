// A counted loop whose start or bound is a local variable: the reverse sweep
// recounts the trips from them, so the local must have its value there.
// Found by the random-program tester (tools/fuzz): 'k' was 0 in the reverse
// sweep, which ran one trip instead of two and left a value on the tape.
//
// RUN: %frechetxx -ffp-contract=off %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>

#include "Inputs/reverse_check.h"

double h(const double *v) { return v[0] * v[1]; }

#pragma frechet gradient
#pragma frechet forward
double f(const double *x, double s, int n) {
  int k = n + 3;
  int m = n + 1;
  for (int i = k; i >= 0; i -= 2)
    s += std::fabs(h(x)) * s;
  for (int j = 0; j < m; ++j)
    s = s * x[j % 2];
  return s;
}
// The reverse sweep reads k and m, restored from the end of the forward
// sweep.
// CHECK-LABEL: inline void f_rev({{.*}}) {
// CHECK:         _tape.pop_into(m);
// CHECK-NEXT:    _tape.pop_into(k);

int main() {
  double x[2] = {0.7, -0.4};
  for (int n : {0, 1, 2}) {
    double g[2] = {}, ds = 0;
    double v = f_grad(x, 0.3, n, g, ds);
    char what[32];
    std::snprintf(what, sizeof what, "n=%d tape", n);
    rtest::check_tape_empty(what);
    std::snprintf(what, sizeof what, "n=%d value", n);
    frechet::check_close(what, v, f(x, 0.3, n), 0);
    double zero[2] = {};
    std::snprintf(what, sizeof what, "n=%d d/ds", n);
    frechet::check_close(what, ds, f_jvp(x, 0.3, n, zero, 1.0).tangent,
                         1e-14);
    rtest::check_array_gradient(
        "d/dx", g, x, 2,
        [&](const double *e) { return f_jvp(x, 0.3, n, e, 0.0).tangent; },
        [&](double *a) { return f(a, 0.3, n); });
  }
  return frechet::check_exit_code();
}
// EXEC: ok n=2 tape
// EXEC: 21 passed, 0 failed
