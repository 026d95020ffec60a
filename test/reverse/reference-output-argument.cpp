// Variables that a call writes through a non-const reference parameter: a
// by-value parameter of f (its final value must reach the reverse sweep, as
// when f assigns it), and variables passed to a call that is not
// differentiated (nothing undoes that call's write in the reverse sweep, so
// the forward sweep saves the old value and the reverse sweep restores it).
// Found by the random-program tester (tools/fuzz): the reverse sweep read
// the values from before the call.
//
// RUN: %frechetxx -ffp-contract=off %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include "Inputs/reverse_check.h"

void bump(double a, double &o) { o += a; }

// s1 is differentiated and written by the (differentiated) call.
#pragma frechet gradient
#pragma frechet forward
double active(double s0, double s1) {
  bump(1.0, s1);
  return s0 * s1;
}
// CHECK-LABEL: inline double active_fwd({{.*}}) {
// CHECK:       _exit:
// CHECK-NEXT:    _tape.push(s1);

// wrt(s0): the calls are not differentiated, but write what the reverse
// sweep reads.
#pragma frechet gradient wrt(s0)
#pragma frechet forward wrt(s0)
double inactive(double s0, double s1) {
  double v = s1;
  double w = s0 * v;
  bump(1.0, v);
  bump(0.5, s1);
  return w * v + s0 * s1;
}
// CHECK-LABEL: inline double inactive_wrt_s0_fwd({{.*}}) {
// CHECK:         _tape.push(v);
// CHECK-NEXT:    bump(1.0, v);
// CHECK-NEXT:    _tape.push(s1);
// CHECK-NEXT:    bump(0.5, s1);
// CHECK-LABEL: inline void inactive_wrt_s0_rev({{.*}}) {
// CHECK:         s1 = _tape.pop<double>();
// CHECK:         v = _tape.pop<double>();

int main() {
  for (double s0 : {0.5, -1.25})
    for (double s1 : {0.25, 2.0}) {
      double d0 = 0, d1 = 0;
      double v = active_grad(s0, s1, d0, d1);
      rtest::check_tape_empty("active tape");
      frechet::check_close("active value", v, active(s0, s1), 0);
      frechet::check_close("active d/ds0", d0, s1 + 1, 1e-15);
      frechet::check_close("active d/ds1", d1, s0, 1e-15);
      frechet::check_close("active d/ds0 vs jvp", d0,
                           active_jvp(s0, s1, 1, 0).tangent, 1e-15);
      double e0 = 0;
      v = inactive_grad(s0, s1, e0);
      rtest::check_tape_empty("inactive tape");
      frechet::check_close("inactive value", v, inactive(s0, s1), 0);
      frechet::check_close("inactive d/ds0", e0,
                           s1 * (s1 + 1) + (s1 + 0.5), 1e-14);
      frechet::check_close("inactive d/ds0 vs jvp", e0,
                           inactive_jvp(s0, s1, 1).tangent, 1e-14);
    }
  return frechet::check_exit_code();
}
// EXEC: ok active d/ds0 vs jvp
// EXEC: ok inactive d/ds0 vs jvp
// EXEC: 36 passed, 0 failed
