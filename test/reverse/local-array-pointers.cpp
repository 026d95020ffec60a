// Pointers into f's own local arrays, one- and two-dimensional, and into a
// two-dimensional array parameter. f_fwd and f_rev each have their own
// local arrays, so the tape keeps such a pointer as an offset from the
// array's first element (it kept the raw pointer into f_fwd's frame, and
// f_rev read freed stack: a crash). A pointer into a 2-D array finds its
// adjoint from the adjoint array's first element (that was rejected, and
// for a parameter gave code that did not compile). Gradients are checked
// against forward mode and central differences.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>

#include "Inputs/reverse_check.h"

#pragma frechet gradient
#pragma frechet forward
double local1d(const double *x) {
  double m[9];
  for (int i = 0; i < 3; ++i) {
    double *row = m + 3 * i;
    for (int j = 0; j < 3; ++j)
      row[j] = x[i] * x[j] + j;
  }
  double s = 0;
  for (int i = 0; i < 3; ++i) {
    const double *r = m + 3 * i;
    s += std::sin(r[0] * r[1]) + r[2] * r[i];
  }
  return s;
}
// CHECK-LABEL: inline double local1d_fwd({{.*}}) {
// CHECK:         const double *r = &m[0];
// CHECK:         _tape.push(std::ptrdiff_t(r - &m[0]));
// CHECK-LABEL: inline void local1d_rev(
// CHECK:         r = &m[0] + _tape.pop<std::ptrdiff_t>();

#pragma frechet gradient
#pragma frechet forward
double local2d(const double *x) {
  double m[3][3];
  for (int i = 0; i < 3; ++i) {
    double *row = m[i];
    for (int j = 0; j < 3; ++j)
      row[j] = x[i] * x[j] + j;
  }
  double s = 0;
  for (int i = 0; i < 3; ++i) {
    const double *r = m[i];
    s += std::sin(r[0] * r[1]) + r[2] * r[i];
  }
  return s;
}
// CHECK-LABEL: inline void local2d_rev(
// CHECK:         (&d_m[0][0] + (r - &m[0][0]))[0] +=

#pragma frechet gradient
#pragma frechet forward
double param2d(const double a[][3], int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    const double *r = a[i];
    s += r[0] * r[1] * std::cos(r[2]);
  }
  return s;
}
// CHECK-LABEL: inline void param2d_rev(
// CHECK:         (&d_a[0][0] + (r - &a[0][0]))[0] +=

int main() {
  double x[3] = {0.3, -0.8, 1.1}, d[3] = {0.5, 0.5, 0.5};
  local1d_grad(x, d);
  rtest::check_tape_empty("local1d tape");
  rtest::check_array_gradient(
      "local1d", d, x, 3, [&](const double *e) { return local1d_jvp(x, e).tangent; },
      [](const double *v) { return local1d(v); }, 1.0, 0.5);
  double d2[3] = {0, 0, 0};
  local2d_grad(x, d2);
  rtest::check_array_gradient(
      "local2d", d2, x, 3, [&](const double *e) { return local2d_jvp(x, e).tangent; },
      [](const double *v) { return local2d(v); });
  double a[2][3] = {{0.3, 0.5, -0.2}, {1.1, 0.4, 0.9}}, da[2][3] = {};
  param2d_grad(a, 2, da);
  rtest::check_array_gradient(
      "param2d", &da[0][0], &a[0][0], 6,
      [&](const double *e) {
        double ea[2][3] = {{e[0], e[1], e[2]}, {e[3], e[4], e[5]}};
        return param2d_jvp(a, 2, ea).tangent;
      },
      [](const double *v) {
        double va[2][3] = {{v[0], v[1], v[2]}, {v[3], v[4], v[5]}};
        return param2d(va, 2);
      });
  return frechet::check_exit_code();
}
// EXEC-NOT: FAIL
// EXEC: {{[1-9][0-9]*}} passed, 0 failed
