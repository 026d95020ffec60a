// Regression (found by a random-program run): a call to a differentiated
// function inside a loop whose result the reverse sweep reads is saved before
// each call; the callee's reverse sweep must pop its own tape entries before
// that saved value is restored (they lie above it on the tape).
//
// RUN: %frechetxx %s -o %t 2>&1 | count 0
// RUN: %t | FileCheck %s
#include <frechet/frechet.h>

#include <cmath>

double h(double u, double v) {
  double w = u * v;
  if (w > 1)
    w = std::sqrt(w);
  return w + u;
}

#pragma frechet gradient
#pragma frechet forward
double f(const double *x, double y, int n) {
  double a = x[0] * y;
  for (int i = 0; i < n; ++i) {
    y += std::tanh(h(x[2], a)) + y;
    if (1.67 > x[3]) {
    } else {
      if (x[3] > 1.7)
        break;
    }
  }
  return a + y * x[3];
}

int main() {
  for (double x3 : {0.9, 1.68, 2.0}) {
    const double x[4] = {0.3, 0.7, -0.4, x3};
    double g[4] = {0, 0, 0, 0}, gy = 0;
    f_grad(x, 0.6, 3, g, gy);
    frechet::check_close("tape empty", frechet::default_tape().size(), 0, 0);
    for (int i = 0; i < 5; ++i) {
      double e[4] = {0, 0, 0, 0};
      if (i < 4)
        e[i] = 1;
      double t = f_jvp(x, 0.6, 3, e, i == 4 ? 1.0 : 0.0).tangent;
      frechet::check_close("adjoint vs jvp", i < 4 ? g[i] : gy, t, 1e-12);
    }
  }
  return frechet::check_exit_code();
}
// CHECK-NOT: FAIL
// CHECK: 18 passed, 0 failed
