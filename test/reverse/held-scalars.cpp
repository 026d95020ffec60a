// The reverse sweep reads a local that already holds a derivative instead
// of calling the library again: cos(t) for std::sin(t) and the other way
// round, and the value itself for exp, sqrt and tanh. Not when the local is
// written again, declared in a loop, declared after a jump that can skip
// it, or when the argument is written again. Gradients are checked against
// forward mode and central differences.
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
double rotate(double t, double x, double y) {
  double c = std::cos(t), s = std::sin(t);
  double r = std::sqrt(x * x + y * y);
  return (x * c - y * s) * r;
}
// CHECK-LABEL: inline void rotate_rev(
// CHECK-NOT:     sin_vjp
// CHECK-NOT:     cos_vjp
// CHECK:         const double [[R:_r[_0-9]*]] = d_r / (2.0 * r);
// CHECK:         d_t += c * d_s;
// CHECK-NEXT:    d_s = 0;
// CHECK-NEXT:    d_t += -(s * d_c);

#pragma frechet gradient
#pragma frechet forward
double growth(double a, double x) {
  double e = std::exp(a * x);
  double h = std::tanh(x);
  return e * h + std::exp(a * x);
}
// CHECK-LABEL: inline void growth_rev(
// CHECK-NOT:     exp_vjp
// CHECK-NOT:     tanh_vjp
// CHECK-LABEL: double growth_grad(

// c is written again (sin(t) calls the rule; cos(t) reads s, declared
// later with no jump in between), u's argument is written again, w is
// declared in a loop, and q comes after a 'return' (cos(t * x) calls the
// rule; sin(t * x) in the last statement reads q).
#pragma frechet gradient
#pragma frechet forward
double notHeld(double t, double x, int n) {
  double c = std::cos(t);
  c = c * x;
  double s = std::sin(t);
  double v = x;
  double u = std::exp(v);
  v = v * 2;
  double p = std::exp(v) + u;
  for (int i = 0; i < n; ++i) {
    double w = std::sin(x + i);
    p = p + w * std::cos(x + i);
  }
  if (x > 5)
    return s;
  double q = std::cos(t * x);
  return c * s * p + q * std::sin(t * x);
}
// CHECK-LABEL: inline void notHeld_rev(
// CHECK:         const double [[R:_r[_0-9]*]] = q * (q * d_ret);
// CHECK:         frechet::rules::cos_vjp(t * x, d_q,
// CHECK:         frechet::rules::cos_vjp(x + i,
// CHECK:         frechet::rules::sin_vjp(x + i,
// CHECK:         const double [[V1:_v[_0-9]*]] = std::exp(v);
// CHECK:         const double [[V2:_v[_0-9]*]] = std::exp(v);
// CHECK:         frechet::rules::sin_vjp(t, d_s, d_t);
// CHECK:         d_t += -(s * d_c);

// c is declared in a loop and taped: the reverse of its own statement reads
// it before restoring the previous iteration's value. The sigmoid's exp is
// evaluated once in the reverse sweep, before the statement's adjoints,
// for its derivative and its quotient.
#pragma frechet gradient wrt(w)
#pragma frechet forward wrt(w)
double cells(const double *x, int n, double w) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double c = std::tanh(x[i] * w);
    s = s * 0.5 + c * c + 1.0 / (1.0 + std::exp(-c));
  }
  return s;
}
// CHECK-LABEL: inline void cells_wrt_w_rev(
// CHECK:           const double [[V:_v[_0-9]*]] = std::exp(-c);
// CHECK:           d_c += -([[V]] * -({{.*}} / ((1.0 + [[V]]) * (1.0 + [[V]]))));
// CHECK-NEXT:      d_w_1 += x[i] * (d_c * (1.0 - c * c));
// CHECK-NEXT:      d_c = 0;
// CHECK-NEXT:      c = _tape.pop<double>();

// The cotangent of exp(-x) mentions myexp(-x) (a function with rules, so
// its call stays in the text): only whole calls are replaced by the
// temporary.
double myexp(double x) { return 2.0 * x + std::exp(x); }
namespace frechet::rules {
inline void myexp_vjp(double x, double d_ret, double &d_x) {
  d_x += (2.0 + std::exp(x)) * d_ret;
}
inline frechet::jvp_result<double> myexp_jvp(double x, double d_x) {
  return {myexp(x), (2.0 + std::exp(x)) * d_x};
}
} // namespace frechet::rules
#pragma frechet gradient
#pragma frechet forward
double withMyexp(double x) { return exp(-x) * myexp(-x); }
// CHECK-LABEL: inline void withMyexp_rev(
// CHECK:         const double [[V:_v[_0-9]*]] = exp(-x);
// CHECK-NEXT:    d_x += -([[V]] * (d_ret * myexp(-x)));

int main() {
  const double t = 0.7, x = 1.3, y = -0.4;
  rtest::check_scalar_gradient(
      "rotate d/dt", t,
      [&](double v, double &d) {
        double dx = 0, dy = 0;
        return rotate_grad(v, x, y, d, dx, dy);
      },
      [&](double v) { return rotate_jvp(v, x, y, 1, 0, 0).tangent; },
      [&](double v) { return rotate(v, x, y); });
  rtest::check_scalar_gradient(
      "rotate d/dx", x,
      [&](double v, double &d) {
        double dt = 0, dy = 0;
        return rotate_grad(t, v, y, dt, d, dy);
      },
      [&](double v) { return rotate_jvp(t, v, y, 0, 1, 0).tangent; },
      [&](double v) { return rotate(t, v, y); });
  rtest::check_scalar_gradient(
      "growth d/da", 0.3,
      [&](double v, double &d) {
        double dx = 0;
        return growth_grad(v, x, d, dx);
      },
      [&](double v) { return growth_jvp(v, x, 1, 0).tangent; },
      [&](double v) { return growth(v, x); });
  rtest::check_scalar_gradient(
      "growth d/dx", x,
      [&](double v, double &d) {
        double da = 0;
        return growth_grad(0.3, v, da, d);
      },
      [&](double v) { return growth_jvp(0.3, v, 0, 1).tangent; },
      [&](double v) { return growth(0.3, v); });
  for (double xx : {0.6, 5.5}) {
    char what[40];
    std::snprintf(what, sizeof what, "notHeld d/dt x=%g", xx);
    rtest::check_scalar_gradient(
        what, t,
        [&](double v, double &d) {
          double dx = 0;
          return notHeld_grad(v, xx, 3, d, dx);
        },
        [&](double v) { return notHeld_jvp(v, xx, 3, 1, 0).tangent; },
        [&](double v) { return notHeld(v, xx, 3); });
    std::snprintf(what, sizeof what, "notHeld d/dx x=%g", xx);
    rtest::check_scalar_gradient(
        what, xx,
        [&](double v, double &d) {
          double dt = 0;
          return notHeld_grad(t, v, 3, dt, d);
        },
        [&](double v) { return notHeld_jvp(t, v, 3, 0, 1).tangent; },
        [&](double v) { return notHeld(t, v, 3); });
  }
  rtest::check_scalar_gradient(
      "withMyexp d/dx", 0.6,
      [&](double v, double &d) { return withMyexp_grad(v, d); },
      [&](double v) { return withMyexp_jvp(v, 1.0).tangent; },
      [&](double v) { return withMyexp(v); });
  const double xs[5] = {0.3, -1.2, 0.8, 1.1, -0.4};
  rtest::check_scalar_gradient(
      "cells d/dw", 0.9,
      [&](double v, double &d) { return cells_grad(xs, 5, v, d); },
      [&](double v) { return cells_jvp(xs, 5, v, 1.0).tangent; },
      [&](double v) { return cells(xs, 5, v); });
  return frechet::check_exit_code();
}
// EXEC: ok rotate d/dt vs fd
// EXEC: ok growth d/dx vs fd
// EXEC: ok notHeld d/dx x=5.5 vs fd
// EXEC: ok cells d/dw vs fd
// EXEC: 0 failed
