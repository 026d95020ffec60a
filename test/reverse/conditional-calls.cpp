// Differentiated calls in a branch of '?:' or right of '&&' / '||' run only
// when the condition selects them, in the forward sweep and in the reverse
// sweep, which evaluates the condition again where it evaluates the '?:'
// itself (its operands are restored there). A helper result that a later
// condition reads (_t3 > 2) is kept for that. Gradients are checked against
// forward mode and central differences.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>
#include <cstdio>

#include "Inputs/reverse_check.h"

static int calls = 0; // how often sq runs: only when selected
double sq(double x) {
  ++calls;
  return x * x * std::sin(x);
}
double cube(double x) { return x * x * x; }

#pragma frechet gradient wrt(x)
#pragma frechet forward wrt(x)
double select(double x, const double *a, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double t = a[i] * x;
    s += t > 0 ? sq(t) : cube(t) + sq(x);
    s = (s > 1 && sq(s) > 2) ? s * 0.5
                             : s + (t < 0 || cube(t) < 1 ? sq(t) : 1.0);
  }
  return s;
}
// CHECK-LABEL: inline double select_wrt_x_fwd({{.*}}) {
// CHECK:         if (t > 0) {
// CHECK-NEXT:      _t0 = sq_fwd(t, _tape);
// CHECK-NEXT:    }
// CHECK-NEXT:    if (!(t > 0)) {
// CHECK-NEXT:      _t1 = cube_fwd(t, _tape);
// CHECK-NEXT:    }
// CHECK:         s += t > 0 ? _t0 : _t1 + _t2;
// CHECK-NEXT:    if (s > 1) {
// CHECK-NEXT:      _tape.push(_t3);
// CHECK-NEXT:      _t3 = sq_fwd(s, _tape);
// CHECK-NEXT:    }
// CHECK-NEXT:    if (!(s > 1 && _t3 > 2) && !(t < 0)) {
// CHECK:         if (!(s > 1 && _t3 > 2) && (t < 0 || _t4 < 1)) {
// CHECK-NEXT:      _t5 = sq_fwd(t, _tape);
// CHECK-LABEL: inline void select_wrt_x_rev(
// CHECK:         if (!(s > 1 && _t3 > 2) && (t < 0 || _t4 < 1)) {
// CHECK-NEXT:      sq_rev(t, d_t5, d_t, _tape);
// CHECK:         if (s > 1) {
// CHECK-NEXT:      sq_rev(s, d_t3, d_s, _tape);
// CHECK-NEXT:      d_t3 = 0;
// CHECK-NEXT:      _tape.pop_into(_t3);
// CHECK-NEXT:    }

int main() {
  double a[5] = {0.3, -0.7, 1.1, 0.4, -0.2};
  for (double x0 : {0.8, -1.2, 2.0}) {
    char what[40];
    std::snprintf(what, sizeof what, "select x=%g", x0);
    rtest::check_scalar_gradient(
        what, x0, [&](double x, double &d) { return select_grad(x, a, 5, d); },
        [&](double x) { return select_jvp(x, a, 5, 1.0).tangent; },
        [&](double x) { return select(x, a, 5); });
  }
  // The gradient runs sq (its forward sweep) exactly as often as select
  // does: never for a branch that is not selected.
  calls = 0;
  select(0.8, a, 5);
  int plain = calls;
  calls = 0;
  double d = 0;
  select_grad(0.8, a, 5, d);
  frechet::check_close("sq calls in the sweeps", calls, plain, 0.0);
  return frechet::check_exit_code();
}
// EXEC-NOT: FAIL
// EXEC: {{[1-9][0-9]*}} passed, 0 failed
