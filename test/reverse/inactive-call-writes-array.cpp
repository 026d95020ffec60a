// A call that is not differentiated and writes a local array that the
// reverse sweep reads: the forward sweep saves the array before the call and
// the reverse sweep restores it at the mirrored point. Memory behind a
// parameter cannot be saved that way: an error. (Found while checking the
// reference case of reference-output-argument.cpp: the gradient read t[0]
// as the call left it, 42 instead of 16.8.)
//
// RUN: %frechetxx -ffp-contract=off %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
// RUN: not %frechetxx -fsyntax-only -DERROR %s 2>&1 | FileCheck %s --check-prefix=ERROR
#include <frechet/frechet.h>

#include "Inputs/reverse_check.h"

void fill(const double *c, double *w, int m) {
  for (int j = 0; j < m; ++j)
    w[j] = c[j] * 2;
}

#pragma frechet gradient wrt(x)
#pragma frechet forward wrt(x)
double f(double x, const double *c) {
  double t[2] = {1.5, 2.5};
  double m[2][2];
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j)
      m[i][j] = 0.5;
  double s = x * t[0] * m[1][1];
  fill(c, t, 2);
  fill(c, &m[1][0], 2);
  return s * t[1] * x + m[1][1] * x * x;
}
// CHECK-LABEL: inline double f_wrt_x_fwd({{.*}}) {
// CHECK:         _tape.push_array(&t[0], 2);
// CHECK-NEXT:    fill(c, t, 2);
// CHECK-NEXT:    _tape.push_array(&m[0][0], 4);
// CHECK-NEXT:    fill(c, &m[1][0], 2);
// CHECK-LABEL: inline void f_wrt_x_rev({{.*}}) {
// CHECK:         _tape.pop_array(&m[0][0], 4);
// CHECK-NEXT:    _tape.pop_array(&t[0], 2);

#ifdef ERROR
// ERROR: inactive-call-writes-array.cpp:[[@LINE+4]]:11: error: reverse mode cannot differentiate a call that is not differentiated and writes memory the reverse sweep reads yet
#pragma frechet gradient wrt(x)
double g(double x, const double *c, double *w) {
  double s = x * w[0];
  fill(c, w, 2);
  return s * x;
}
#endif

int main() {
  const double c[2] = {3, 4};
  double dx = 0;
  double v = f_grad(0.7, c, dx);
  rtest::check_tape_empty("f tape");
  frechet::check_close("f value", v, f(0.7, c), 0);
  // f = 1.5 * 0.5 * 8 x^2 + 8 x^2
  frechet::check_close("f d/dx", dx, 28 * 0.7, 1e-14);
  frechet::check_close("f d/dx vs jvp", dx, f_jvp(0.7, c, 1.0).tangent,
                       1e-14);
  return frechet::check_exit_code();
}
// EXEC: 4 passed, 0 failed
