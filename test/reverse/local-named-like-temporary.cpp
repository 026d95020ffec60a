// Locals named t0, t1, ... next to calls whose results the reverse sweep
// keeps in temporaries _t0, _t1, ...: the adjoint of local 't1' is 'd_t1'
// and so was the adjoint of temporary '_t1', declared twice. Found by the
// crash corpus (test/crash/huge-function.test).
//
// RUN: %frechetxx -ffp-contract=off %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>

#include "Inputs/reverse_check.h"

double step(double a, double b) { return std::tanh(a) * b; }

#pragma frechet gradient
#pragma frechet forward
double f(double x, double y) {
  double t0 = step(x, y);
  double t1 = step(t0, x) * t0;
  double t2 = step(t1, y);
  return t0 * t1 + t2;
}
// CHECK-LABEL: inline void f_rev({{.*}}) {
// CHECK-DAG:     double d_t1{};
// CHECK-DAG:     double d_t1_1{};

int main() {
  double dx = 0, dy = 0;
  double v = f_grad(0.3, -0.8, dx, dy);
  rtest::check_tape_empty("f tape");
  frechet::check_close("f value", v, f(0.3, -0.8), 0);
  frechet::check_close("f d/dx vs jvp", dx, f_jvp(0.3, -0.8, 1, 0).tangent,
                       1e-14);
  frechet::check_close("f d/dy vs jvp", dy, f_jvp(0.3, -0.8, 0, 1).tangent,
                       1e-14);
  return frechet::check_exit_code();
}
// EXEC: 4 passed, 0 failed
