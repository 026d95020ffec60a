// Local scalars and arrays: declarations with and without initializers,
// partial and nested initializer lists, 2-D arrays, variables that are
// overwritten (with active and with constant values) and loops that write
// arrays. Checked against analytic derivatives and central differences.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>

// Scalars: one declarator list, a declaration without initializer, a
// variable overwritten with an active value, with itself, and with a
// constant (its tangent must be reset to zero).
#pragma frechet forward
double locals(double x, double y) {
  double a = x * y, b, c = 2.0;
  b = a + x;
  c = c * b;
  a = y;
  a = a * a;
  double e = x;
  e = 3.0;
  return a + b + c + e;
}
// CHECK-LABEL: frechet::jvp_result<double> locals_jvp(double x, double y, double d_x, double d_y) {
// CHECK-NEXT:    double a = x * y;
// CHECK-NEXT:    double d_a = d_x * y + x * d_y;
// CHECK-NEXT:    double b;
// CHECK-NEXT:    double d_b = 0.0;
// CHECK-NEXT:    double c = 2.0;
// CHECK-NEXT:    double d_c = 0.0;
// CHECK-NEXT:    d_b = d_a + d_x;
// CHECK-NEXT:    b = a + x;
// CHECK-NEXT:    d_c = d_c * b + c * d_b;
// CHECK-NEXT:    c = c * b;
// CHECK-NEXT:    d_a = d_y;
// CHECK-NEXT:    a = y;
// CHECK-NEXT:    d_a = d_a * a + a * d_a;
// CHECK-NEXT:    a = a * a;
// CHECK-NEXT:    double e = x;
// CHECK-NEXT:    double d_e = d_x;
// CHECK-NEXT:    d_e = 0.0;
// CHECK-NEXT:    e = 3.0;
// CHECK-NEXT:    return {a + b + c + e, d_a + d_b + d_c + d_e};
// CHECK-NEXT:  }

// Variables that start constant and become active only later in a loop
// body, after statements that read them: their tangents must exist (zero)
// from the start.
#pragma frechet forward
double carried(double x, int n) {
  double s = 1, t = 0, u = 0;
  for (int i = 0; i < n; ++i) {
    u = t + 1;
    t = s * 2;
    s = x * u;
  }
  return u;
}
// CHECK-LABEL: frechet::jvp_result<double> carried_jvp(double x, int n, double d_x) {
// CHECK-NEXT:    double s = 1;
// CHECK-NEXT:    double d_s = 0.0;
// CHECK-NEXT:    double t = 0;
// CHECK-NEXT:    double d_t = 0.0;
// CHECK-NEXT:    double u = 0;
// CHECK-NEXT:    double d_u = 0.0;
// CHECK-NEXT:    for (int i = 0; i < n; ++i) {
// CHECK-NEXT:      d_u = d_t;
// CHECK-NEXT:      u = t + 1;
// CHECK-NEXT:      d_t = d_s * 2;
// CHECK-NEXT:      t = s * 2;
// CHECK-NEXT:      d_s = d_x * u + x * d_u;
// CHECK-NEXT:      s = x * u;
// CHECK-NEXT:    }
// CHECK-NEXT:    return {u, d_u};
// CHECK-NEXT:  }

// Arrays whose initializers hold active values: a partial list (the rest
// is zero), a nested list for a 2-D array with a short inner list, an empty
// list and no initializer at all. The tangent arrays get the same shape.
#pragma frechet forward
double arrays(double x, double y, int n) {
  double v[4] = {x, y};
  double w[3];
  double m[2][2] = {{x, 1.0}, {y}};
  double z[3] = {};
  for (int i = 0; i < 3; ++i)
    w[i] = v[i % 2] * (i + 1);
  for (int i = 0; i < n; ++i) {
    v[2] += w[i] * m[0][0];
    z[i] = v[2] * m[1][0];
  }
  m[1][1] = w[2] * w[1];
  v[3] = m[1][1] + m[0][1];
  return v[0] + v[1] + v[2] + v[3] + z[0] + z[1] + z[2] + m[1][1];
}
// CHECK-LABEL: frechet::jvp_result<double> arrays_jvp(double x, double y, int n, double d_x, double d_y) {
// CHECK-NEXT:    double v[4] = {x, y};
// CHECK-NEXT:    double d_v[4] = {d_x, d_y};
// CHECK-NEXT:    double w[3];
// CHECK-NEXT:    double d_w[3] = {};
// CHECK-NEXT:    double m[2][2] = {{[{][{]}}x, 1.{{0?}}}, {y}};
// CHECK-NEXT:    double d_m[2][2] = {{[{][{]}}d_x, 0.0}, {d_y}};
// CHECK-NEXT:    double z[3] = {};
// CHECK-NEXT:    double d_z[3] = {};
// CHECK-NEXT:    for (int i = 0; i < 3; ++i) {
// CHECK-NEXT:      d_w[i] = d_v[i % 2] * (i + 1);
// CHECK-NEXT:      w[i] = v[i % 2] * (i + 1);
// CHECK-NEXT:    }
// CHECK-NEXT:    for (int i = 0; i < n; ++i) {
// CHECK-NEXT:      d_v[2] += d_w[i] * m[0][0] + w[i] * d_m[0][0];
// CHECK-NEXT:      v[2] += w[i] * m[0][0];
// CHECK-NEXT:      d_z[i] = d_v[2] * m[1][0] + v[2] * d_m[1][0];
// CHECK-NEXT:      z[i] = v[2] * m[1][0];
// CHECK-NEXT:    }
// CHECK-NEXT:    d_m[1][1] = d_w[2] * w[1] + w[2] * d_w[1];
// CHECK-NEXT:    m[1][1] = w[2] * w[1];
// CHECK-NEXT:    d_v[3] = d_m[1][1] + d_m[0][1];
// CHECK-NEXT:    v[3] = m[1][1] + m[0][1];
// CHECK-NEXT:    return {v[0] + v[1] + v[2] + v[3] + z[0] + z[1] + z[2] + m[1][1], d_v[0] + d_v[1] + d_v[2] + d_v[3] + d_z[0] + d_z[1] + d_z[2] + d_m[1][1]};
// CHECK-NEXT:  }

// Arrays that start constant and become active only through later stores:
// powers of x by a recurrence, and a 2-D table filled by nested loops.
#pragma frechet forward
double tables(double x, double y) {
  double p[5] = {1.0};
  for (int i = 1; i < 5; ++i)
    p[i] = p[i - 1] * x;
  double t[2][3];
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      t[i][j] = p[i + j] * y + j;
  double s = 0;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      s += t[i][j] * (i + 1);
  p[0] = 5.0; // overwrite an element with a constant
  return s + p[0] + p[4];
}
// CHECK-LABEL: frechet::jvp_result<double> tables_jvp(double x, double y, double d_x, double d_y) {
// CHECK-NEXT:    double p[5] = {1.0};
// CHECK-NEXT:    double d_p[5] = {0.0};
// CHECK-NEXT:    for (int i = 1; i < 5; ++i) {
// CHECK-NEXT:      d_p[i] = d_p[i - 1] * x + p[i - 1] * d_x;
// CHECK-NEXT:      p[i] = p[i - 1] * x;
// CHECK-NEXT:    }
// CHECK-NEXT:    double t[2][3];
// CHECK-NEXT:    double d_t[2][3] = {};
// CHECK-NEXT:    for (int i = 0; i < 2; ++i) {
// CHECK-NEXT:      for (int j = 0; j < 3; ++j) {
// CHECK-NEXT:        d_t[i][j] = d_p[i + j] * y + p[i + j] * d_y;
// CHECK-NEXT:        t[i][j] = p[i + j] * y + j;
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    double s = 0;
// CHECK-NEXT:    double d_s = 0.0;
// CHECK:           d_s += d_t[i][j] * (i + 1);
// CHECK-NEXT:      s += t[i][j] * (i + 1);
// CHECK:         d_p[0] = 0.0;
// CHECK-NEXT:    p[0] = 5.0;
// CHECK-NEXT:    return {s + p[0] + p[4], d_s + d_p[0] + d_p[4]};
// CHECK-NEXT:  }

// Reference implementations for the finite differences (not differentiated).
static double tablesRef(double x, double y) {
  double s = 0;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      s += (std::pow(x, i + j) * y + j) * (i + 1);
  return s + 5.0 + x * x * x * x;
}

int main() {
  const double x = 0.8, y = -1.3;
  // locals = y^2 + 3 (x y + x) + 3
  auto [v, dx] = locals_jvp(x, y, 1.0, 0.0);
  frechet::check_close("locals value", v, y * y + 3 * (x * y + x) + 3, 1e-15);
  frechet::check_close("locals d/dx", dx, 3 * (y + 1), 1e-15);
  frechet::check_close("locals d/dy", locals_jvp(x, y, 0.0, 1.0).tangent,
                       2 * y + 3 * x, 1e-15);

  // carried: n = 3 gives u = 2x + 1, n = 4 gives u = 6x + 1.
  frechet::check_close("carried n=3", carried_jvp(x, 3, 1).tangent, 2.0, 0.0);
  frechet::check_close("carried n=4", carried_jvp(x, 4, 1).tangent, 6.0, 0.0);
  frechet::check_close("carried n=4 value", carried_jvp(x, 4, 1).value,
                       6 * x + 1, 1e-15);

  // Central differences, h = 1e-6, tolerance 1e-7 (relative): truncation
  // is O(h^2) and rounding O(1e-16 / h) = O(1e-10).
  const double dirs[3][2] = {{1, 0}, {0, 1}, {0.6, -1.7}};
  const char *names[3][2] = {{"arrays d/dx n=0", "arrays d/dx n=3"},
                             {"arrays d/dy n=0", "arrays d/dy n=3"},
                             {"arrays d/dr n=0", "arrays d/dr n=3"}};
  for (int k = 0; k < 3; ++k)
    for (int n = 0; n <= 3; n += 3) {
      double ddx = dirs[k][0], ddy = dirs[k][1];
      auto f = [&](double t) { return arrays(x + t * ddx, y + t * ddy, n); };
      frechet::check_close(names[k][n ? 1 : 0],
                           arrays_jvp(x, y, n, ddx, ddy).tangent,
                           frechet::central_difference(f, 0.0, 1e-6), 1e-7);
    }
  // With n = 0: w = {x, 2y, 3x}, m11 = 6xy, v = {x, y, 0, 6xy + 1}, z = 0:
  // value x + y + 12xy + 1, gradient (1 + 12y, 1 + 12x).
  frechet::check_close("arrays value n=0", arrays_jvp(x, y, 0, 1, 0).value,
                       x + y + 12 * x * y + 1, 1e-14);
  frechet::check_close("arrays exact d/dx n=0",
                       arrays_jvp(x, y, 0, 1, 0).tangent, 1 + 12 * y, 1e-14);

  const char *tnames[3] = {"tables d/dx", "tables d/dy", "tables d/dr"};
  for (int k = 0; k < 3; ++k) {
    double ddx = dirs[k][0], ddy = dirs[k][1];
    auto r = tables_jvp(x, y, ddx, ddy);
    auto f = [&](double t) { return tablesRef(x + t * ddx, y + t * ddy); };
    frechet::check_close(tnames[k], r.tangent,
                         frechet::central_difference(f, 0.0, 1e-6), 1e-7);
  }
  frechet::check_close("tables value", tables_jvp(x, y, 0, 0).value,
                       tablesRef(x, y), 1e-14);
  return frechet::check_exit_code();
}
// EXEC: ok locals value
// EXEC: ok locals d/dx
// EXEC: ok locals d/dy
// EXEC: ok carried n=3
// EXEC: ok carried n=4
// EXEC: ok carried n=4 value
// EXEC: ok arrays d/dx n=0
// EXEC: ok arrays d/dx n=3
// EXEC: ok arrays d/dy n=0
// EXEC: ok arrays d/dy n=3
// EXEC: ok arrays d/dr n=0
// EXEC: ok arrays d/dr n=3
// EXEC: ok arrays value n=0
// EXEC: ok arrays exact d/dx n=0
// EXEC: ok tables d/dx
// EXEC: ok tables d/dy
// EXEC: ok tables d/dr
// EXEC: ok tables value
// EXEC: 18 passed, 0 failed
