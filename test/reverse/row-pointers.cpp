// Pointers to rows of two-dimensional arrays (`double (*r)[3]`), into a
// parameter and into a local array, read and written through: the adjoint
// of r is the same row of the adjoint array, found through the rows' offset
// from the first row (`&d_m[0] + (r - &m[0])`); a pointer into a local
// array is taped as that offset, since f_fwd and f_rev have their own
// copies of the array. Gradients are checked against forward mode and
// central differences.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>

#include "Inputs/reverse_check.h"

#pragma frechet gradient
#pragma frechet forward
double rowsum(double (*m)[3], int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double (*r)[3] = &m[i];
    s += (*r)[0] * (*r)[1] + std::sin((*r)[2]);
  }
  const double (*q)[3] = m + 1;
  return s * q[0][1];
}
// CHECK-LABEL: inline void rowsum_rev({{.*}}) {
// CHECK:         (&d_m[0] + (q - &m[0]))[0][1] += s * d_ret;
// CHECK:         (*(&d_m[0] + (r - &m[0])))[0] += d_s * (*r)[1];
// CHECK:         r = _tape.pop<double (*)[3]>();

// A local 2-D array, its rows scaled in place through a row pointer that
// moves from row to row.
#pragma frechet gradient
#pragma frechet forward
double local_rows(const double *x) {
  double m[3][2];
  for (int i = 0; i < 3; ++i) {
    m[i][0] = x[i];
    m[i][1] = x[i] * x[(i + 1) % 3];
  }
  double (*r)[2] = m;
  double s = 0;
  for (int i = 0; i < 3; ++i) {
    (*r)[1] *= (*r)[0] + 0.5;
    s += r[0][1] * r[0][0];
    ++r;
  }
  return s + m[2][1];
}
// ++r saves r as an offset from the first row: f_rev has its own m (a raw
// pointer into f_fwd's m was taped before, read after f_fwd returned).
// CHECK-LABEL: inline double local_rows_fwd({{.*}}) {
// CHECK:           _tape.push(std::ptrdiff_t(r - &m[0]));
// CHECK-NEXT:      ++r;
// CHECK-LABEL: inline void local_rows_rev({{.*}}) {
// CHECK:           r = &m[0] + _tape.pop<std::ptrdiff_t>();

// The same with a pointer to elements of a one-dimensional local array.
#pragma frechet gradient
#pragma frechet forward
double walk(const double *x) {
  double a[3];
  for (int i = 0; i < 3; ++i)
    a[i] = x[i] * x[i];
  double *p = a;
  double s = 0;
  for (int i = 0; i < 3; ++i) {
    s += *p * x[i];
    ++p;
  }
  return s;
}
// CHECK-LABEL: inline double walk_fwd({{.*}}) {
// CHECK:           _tape.push(std::ptrdiff_t(p - &a[0]));
// CHECK-NEXT:      ++p;

int main() {
  double m[4][3] = {{0.3, -0.7, 1.1}, {0.45, -0.2, 0.9}, {1.2, 0.8, -0.4},
                    {0.6, 0.1, -1.3}};
  double g[4][3] = {};
  double v = rowsum_grad(m, 4, g);
  rtest::check_tape_empty("rowsum tape");
  frechet::check_close("rowsum value", v, rowsum(m, 4), 0);
  rtest::check_array_gradient(
      "rowsum", &g[0][0], &m[0][0], 12,
      [&](const double *e) {
        double t[4][3];
        for (int k = 0; k < 12; ++k)
          t[k / 3][k % 3] = e[k];
        return rowsum_jvp(m, 4, t).tangent;
      },
      [&](double *a) { return rowsum(reinterpret_cast<double (*)[3]>(a), 4); });

  double x[3] = {0.7, -1.1, 0.4}, gx[3] = {};
  double w = local_rows_grad(x, gx);
  rtest::check_tape_empty("local_rows tape");
  frechet::check_close("local_rows value", w, local_rows(x), 0);
  rtest::check_array_gradient(
      "local_rows", gx, x, 3,
      [&](const double *e) { return local_rows_jvp(x, e).tangent; },
      [&](double *a) { return local_rows(a); });
  double gw[3] = {};
  double vw = walk_grad(x, gw);
  rtest::check_tape_empty("walk tape");
  frechet::check_close("walk value", vw, walk(x), 0);
  rtest::check_array_gradient(
      "walk", gw, x, 3, [&](const double *e) { return walk_jvp(x, e).tangent; },
      [&](double *a) { return walk(a); });
  for (int i = 0; i < 3; ++i) // s = sum x_i^3
    frechet::check_close(rtest::name("walk analytic", i), gw[i],
                         3 * x[i] * x[i], 1e-14);
  return frechet::check_exit_code();
}
// EXEC: ok rowsum[11] vs jvp
// EXEC: ok rowsum[11] vs fd
// EXEC: ok local_rows[2] vs fd
// EXEC: ok walk analytic[2]
// EXEC: {{[0-9]+}} passed, 0 failed
