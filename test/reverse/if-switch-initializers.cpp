// 'if' and 'switch' with an initializer or a condition variable (C++17):
// `if (init; T v = e) S` runs as `init; T v = e; if (v) S`, so the reverse
// sweep undoes S, then v, then init. Also inside a loop (the variables are
// overwritten in every iteration and taped) and with a 'break' out of the
// 'if'. Every gradient is checked against forward mode and central
// differences, with an adjoint that starts nonzero.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>
#include <cstdio>

#include "Inputs/reverse_check.h"

#pragma frechet gradient
#pragma frechet forward
double ifInit(double x, double y) {
  double r = 0;
  if (double t = x * y; t > 1)
    r = t * t;
  else
    r = std::sin(t) + y;
  return r * x;
}
// CHECK-LABEL: inline double ifInit_fwd(double x, double y, frechet::tape &_tape) {
// CHECK:         t = x * y;
// CHECK-NEXT:    if (t > 1) {
// CHECK-LABEL: inline void ifInit_rev(double x, double y, double d_ret, double &d_x, double &d_y, frechet::tape &_tape) {
// CHECK:         if (_tape.pop<bool>()) {
// CHECK:           frechet::rules::sin_vjp(t, d_r, d_t);
// CHECK:         }
// CHECK-NEXT:    d_x += d_t * y;
// CHECK-NEXT:    d_y += x * d_t;

#pragma frechet gradient
#pragma frechet forward
double ifVar(double x, int n) {
  if (int k = n % 3)
    return x * k * x;
  return std::exp(x);
}

#pragma frechet gradient
#pragma frechet forward
double switchInit(double x, int n) {
  double r = x;
  switch (int k = n % 3; k) {
  case 0:
    r = r * x;
    break;
  case 1:
    r = std::exp(r);
    [[fallthrough]];
  default:
    r = r + x * k;
  }
  switch (int m = n / 2) {
  case 1:
    r = r * r;
    break;
  default:
    r = r * m;
  }
  return r;
}

// The initializer's variable is overwritten in every iteration; the 'if'
// leaves the loop.
#pragma frechet gradient wrt(x)
#pragma frechet forward wrt(x)
double inLoop(const double *a, int n, double x) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    if (double t = a[i] * x; t > 2) {
      s = s + t;
      break;
    } else if (double u = t * t; u > 0.25) {
      s = s * u;
    }
    s = s + x;
  }
  return s;
}

int main() {
  for (double y : {0.5, 3.0}) {
    rtest::check_scalar_gradient(
        "ifInit d/dx", 0.9,
        [&](double x, double &dx) {
          double dy = 0;
          return ifInit_grad(x, y, dx, dy);
        },
        [&](double x) { return ifInit_jvp(x, y, 1.0, 0.0).tangent; },
        [&](double x) { return ifInit(x, y); }, 0.5, 0.0);
    rtest::check_scalar_gradient(
        "ifInit d/dy", y,
        [&](double yy, double &dy) {
          double dx = 0;
          return ifInit_grad(0.9, yy, dx, dy);
        },
        [&](double yy) { return ifInit_jvp(0.9, yy, 0.0, 1.0).tangent; },
        [&](double yy) { return ifInit(0.9, yy); }, 0.5, 0.0);
  }
  for (int n = 0; n < 4; ++n) {
    char what[32];
    std::snprintf(what, sizeof what, "ifVar n=%d", n);
    rtest::check_scalar_gradient(
        what, 0.8, [&](double x, double &d) { return ifVar_grad(x, n, d); },
        [&](double x) { return ifVar_jvp(x, n, 1.0).tangent; },
        [&](double x) { return ifVar(x, n); }, 0.5, 0.0);
  }
  for (int n = 0; n < 7; ++n) {
    char what[32];
    std::snprintf(what, sizeof what, "switchInit n=%d", n);
    rtest::check_scalar_gradient(
        what, 0.7,
        [&](double x, double &d) { return switchInit_grad(x, n, d); },
        [&](double x) { return switchInit_jvp(x, n, 1.0).tangent; },
        [&](double x) { return switchInit(x, n); }, 0.5, 0.0);
  }
  const double a[5] = {0.3, -1.2, 0.8, 1.1, 2.4};
  for (double x : {0.5, 1.0, 2.1}) {
    char what[32];
    std::snprintf(what, sizeof what, "inLoop x=%g", x);
    rtest::check_scalar_gradient(
        what, x,
        [&](double xx, double &d) { return inLoop_grad(a, 5, xx, d); },
        [&](double xx) { return inLoop_jvp(a, 5, xx, 1.0).tangent; },
        [&](double xx) { return inLoop(a, 5, xx); }, 0.5, 0.0);
  }
  return frechet::check_exit_code();
}
// EXEC: ok ifInit d/dx vs fd
// EXEC: ok ifVar n=3 vs fd
// EXEC: ok switchInit n=6 vs fd
// EXEC: ok inLoop x=2.1 vs fd
// EXEC: 0 failed
