// Parameters that are two-dimensional arrays (pointers to rows): the adjoint
// parameter is a pointer to rows as well, so that the reverse sweep's
// d_x[i][j] is the adjoint of x[i][j]. Found by the crash corpus
// (test/crash/): the adjoint was declared 'double *d_x' and the generated
// code did not compile.
//
// RUN: %frechetxx -ffp-contract=off %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include "Inputs/reverse_check.h"

double det(const double m[2][2]) {
  return m[0][0] * m[1][1] - m[0][1] * m[1][0];
}

#pragma frechet gradient
#pragma frechet forward
double f(double x[2][2]) { return x[0][0] * x[1][1] + det(x); }
// CHECK: double f_grad(double x[2][2], double (*d_x)[2]) {
// CHECK: inline void det_rev(const double m[2][2], double d_ret, double (*d_m)[2], frechet::tape &_tape) {

#pragma frechet reverse
#pragma frechet forward
void g(const double x[2][3], double y[2][3], int n) {
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < n; ++j)
      y[i][j] = x[i][j] * y[i][j];
}
// CHECK: void g_vjp(const double x[2][3], double y[2][3], int n, double (*d_x)[3], double (*d_y)[3]) {

int main() {
  double x[2][2] = {{1, 2}, {3, 4}}, gx[2][2] = {};
  double v = f_grad(x, gx);
  rtest::check_tape_empty("f tape");
  frechet::check_close("f value", v, f(x), 0);
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) {
      double t[2][2] = {};
      t[i][j] = 1;
      frechet::check_close(rtest::name("f vs jvp", i, j), gx[i][j],
                           f_jvp(x, t).tangent, 1e-15);
    }
  frechet::check_close("f analytic", gx[0][1], -3, 0);

  double a[2][3] = {{1, 2, 3}, {4, 5, 6}}, b[2][3] = {{1, 1, 1}, {1, 1, 1}};
  double da[2][3] = {}, db[2][3] = {{1, 2, 3}, {4, 5, 6}};
  g_vjp(a, b, 2, da, db);
  rtest::check_tape_empty("g tape");
  frechet::check_close("g d/dx[1][1]", da[1][1], 5, 0);
  frechet::check_close("g d/dy[1][1]", db[1][1], 25, 0);
  frechet::check_close("g d/dy[1][2] (n = 2)", db[1][2], 6, 0);
  return frechet::check_exit_code();
}
// EXEC: ok f vs jvp[1][1]
// EXEC: ok g d/dy[1][2] (n = 2)
// EXEC: 11 passed, 0 failed
