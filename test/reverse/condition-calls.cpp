// Calls to differentiated functions in the conditions of if, while, for,
// do and switch: only their value matters (the outcome is taped and never
// evaluated again), so f_fwd calls the plain functions there, and neither
// sweep runs their derivatives for it. A call that writes through its
// arguments in a condition stays an error (test/reverse/unsupported.cpp).
// Gradients are checked against forward mode and central differences, on
// both sides of each branch.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>
#include <vector>

#include "Inputs/reverse_check.h"

double sq(double x) { return x * x * (1 + 0.1 * std::sin(x)); }
double nrm(const double *v, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += v[i] * v[i];
  return std::sqrt(s);
}

#pragma frechet gradient
#pragma frechet forward
double f(double x, const double *v) {
  double y = x;
  if (sq(y) > 1)
    y = y * 0.5 + sq(v[0]);
  else
    y = y * 1.5;
  while (nrm(v, 2) * std::fabs(y) > 0.4)
    y *= 0.5;
  for (int i = 0; sq(i * y) < 4 && i < 10; ++i)
    y += 0.01 * sq(y);
  switch (static_cast<int>(sq(3 * y))) {
  case 0:
    y += nrm(v, 2);
    break;
  default:
    y *= 2;
  }
  do {
    y = y * 0.9 + 0.01 * nrm(v, 2);
  } while (sq(y) > 0.5);
  return y * nrm(v, 2);
}
// CHECK-LABEL: inline double f_fwd({{.*}}) {
// CHECK:         if (sq(y) > 1) {
// CHECK-NEXT:      [[T0:_t[0-9]+]] = sq_fwd(v[0], _tape);
// CHECK-NEXT:      _tape.push(y);
// CHECK-NEXT:      y = y * 0.5 + [[T0]];
// CHECK:         while (nrm(v, 2) * std::fabs(y) > 0.4) {
// CHECK:         for (i = {{_s[_0-9]*}}; sq(i * y) < 4 && i < 10; ++i) {
// CHECK:         switch (static_cast<int>(sq(3 * y))) {
// CHECK:         } while (sq(y) > 0.5);
// CHECK-LABEL: inline void f_rev({{.*}}) {
// CHECK-NOT:     {{[^_]}}sq(
// CHECK-NOT:     {{[^_]}}nrm(
// CHECK-LABEL: double f_grad(

int main() {
  for (double x : {-2.3, -0.7, 0.2, 0.9, 1.7, 3.1}) {
    for (double w : {0.3, 1.2}) {
      std::vector<double> in = {x, w, -0.4 * w};
      rtest::check_vjp(
          rtest::name("f at x", int(10 * x)), in, {1.0}, {0.5, 0, -1},
          [](std::vector<double> a) {
            return std::vector<double>{f(a[0], a.data() + 1)};
          },
          [](std::vector<double> a, std::vector<double> t) {
            return std::vector<double>{
                f_jvp(a[0], a.data() + 1, t[0], t.data() + 1).tangent};
          },
          [](std::vector<double> a, const std::vector<double> &,
             std::vector<double> &adj, std::vector<double> &out) {
            out[0] = f_grad(a[0], a.data() + 1, adj[0], adj.data() + 1);
          });
    }
  }
  return frechet::check_exit_code();
}
// EXEC-NOT: FAIL
// EXEC: {{[1-9][0-9]*}} passed, 0 failed
