// Functions with the same name in different namespaces (and at global
// scope), each annotated, each calling a helper that also has the same name
// in every namespace: every derivative gets its default name in its own
// namespace. Found by the random-program tester (tools/fuzz), which puts
// each program in a namespace of its own; 'f_jvp' in the second namespace
// was rejected as "already declared".
//
// RUN: %frechetxx -ffp-contract=off %s -o %t 2>&1 | count 0
// RUN: %t | FileCheck %s
#include <frechet/frechet.h>

#include <cmath>

#include "Inputs/reverse_check.h"

namespace a {
double h(double x) { return std::sin(x) * x; }
#pragma frechet forward
#pragma frechet reverse
#pragma frechet gradient
double f(double x, double y) { return h(x) * y; }
} // namespace a

namespace b {
double h(double x) { return x * x * x; }
#pragma frechet gradient
#pragma frechet reverse
#pragma frechet forward
double f(double x, double y) { return h(x) + y * y; }
} // namespace b

double h(double x) { return std::exp(x); }
#pragma frechet forward
#pragma frechet reverse
#pragma frechet gradient
double f(double x, double y) { return h(x * y); }

template <class Grad, class Vjp, class Jvp, class F>
void check(const char *what, Grad grad, Vjp vjp, Jvp jvp, F f) {
  const double x = 0.7, y = -1.3;
  double gx = 0, gy = 0, vx = 0, vy = 0;
  char buf[128];
  double v = grad(x, y, gx, gy);
  rtest::check_tape_empty(what);
  std::snprintf(buf, sizeof buf, "%s value", what);
  frechet::check_close(buf, v, f(x, y), 0);
  vjp(x, y, 2.0, vx, vy);
  std::snprintf(buf, sizeof buf, "%s vjp", what);
  frechet::check_close(buf, vx, 2 * gx, 1e-15);
  std::snprintf(buf, sizeof buf, "%s d/dx vs jvp", what);
  frechet::check_close(buf, gx, jvp(x, y, 1.0, 0.0).tangent, 1e-12);
  std::snprintf(buf, sizeof buf, "%s d/dy vs jvp", what);
  frechet::check_close(buf, gy, jvp(x, y, 0.0, 1.0).tangent, 1e-12);
  std::snprintf(buf, sizeof buf, "%s d/dx vs fd", what);
  frechet::check_close(
      buf, gx,
      frechet::central_difference([&](double t) { return f(t, y); }, x),
      1e-6);
}

int main() {
  check("a::f", a::f_grad, a::f_vjp, a::f_jvp, a::f);
  check("b::f", b::f_grad, b::f_vjp, b::f_jvp, b::f);
  check("::f", ::f_grad, ::f_vjp, ::f_jvp, ::f);
  return frechet::check_exit_code();
}
// CHECK: ok a::f d/dx vs fd
// CHECK: ok b::f d/dx vs fd
// CHECK: ok ::f d/dx vs fd
// CHECK: 18 passed, 0 failed
