// Statement-level odds and ends: the comma operator, assignment chains
// (c = d = x y, a += b -= c), assignments used as values (in an
// initializer, as a call argument, in a return), side effects in indices
// hoisted so that they run once (a[i++] = x * a[j]), C++17's order for
// assignments (the right operand is sequenced before the left one), nested
// blocks, shadowing, user variables whose names the generator would use
// (d_x, d_t0, _t0, d), and unnamed parameters.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>

#pragma frechet forward
double commas(double x, double y) {
  double a = 0, b = 0;
  a = x * 2, b = y * a;
  double c, d;
  c = d = x * y;
  a += b -= c;
  double e = (c = x + 1) * 2;
  return a + b + c + d + e;
}
// CHECK-LABEL: frechet::jvp_result<double> commas_jvp(double x, double y, double d_x, double d_y) {
// CHECK:         d_a = d_x * 2;
// CHECK-NEXT:    a = x * 2;
// CHECK-NEXT:    d_b = d_y * a + y * d_a;
// CHECK-NEXT:    b = y * a;
// CHECK-NEXT:    double c;
// CHECK-NEXT:    double d_c = 0.0;
// CHECK-NEXT:    double d;
// CHECK-NEXT:    double d_d = 0.0;
// CHECK-NEXT:    d_d = d_x * y + x * d_y;
// CHECK-NEXT:    d = x * y;
// CHECK-NEXT:    d_c = d_d;
// CHECK-NEXT:    c = d;
// CHECK-NEXT:    d_b -= d_c;
// CHECK-NEXT:    b -= c;
// CHECK-NEXT:    d_a += d_b;
// CHECK-NEXT:    a += b;
// CHECK-NEXT:    d_c = d_x;
// CHECK-NEXT:    c = x + 1;
// CHECK-NEXT:    double e = c * 2;
// CHECK-NEXT:    double d_e = d_c * 2;
// CHECK-NEXT:    return {a + b + c + d + e, d_a + d_b + d_c + d_d + d_e};
// CHECK-NEXT:  }

// Commas in a for loop's init and increment; the increment's active parts
// get their tangent updates in the same comma list, each before its own.
#pragma frechet forward
double forComma(double x, int n) {
  double s = 0, p = 1;
  int i, j;
  for (i = 0, j = n; i < j; ++i, --j, s += p, p *= x)
    ;
  return s + i;
}
// CHECK-LABEL: frechet::jvp_result<double> forComma_jvp(double x, int n, double d_x) {
// CHECK:         for (i = 0{{ ?}}, j = n; i < j; ++i, --j, d_s += d_p, s += p, d_p = d_p * x + p * d_x, p *= x) {
// CHECK-NEXT:    }
// CHECK-NEXT:    return {s + i, d_s};

double sq(double v) { return v * v; }

#pragma frechet forward
double asValue(double x, double y) {
  double a, b;
  b = sq(a = x * y);
  double c = (a *= 2) + (b += 1);
  return a = c + b;
}
// CHECK-LABEL: frechet::jvp_result<double> asValue_jvp(double x, double y, double d_x, double d_y) {
// CHECK:         d_a = d_x * y + x * d_y;
// CHECK-NEXT:    a = x * y;
// CHECK-NEXT:    auto _t0 = sq_jvp(a, d_a);
// CHECK-NEXT:    d_b = _t0.tangent;
// CHECK-NEXT:    b = _t0.value;
// CHECK-NEXT:    d_a *= 2;
// CHECK-NEXT:    a *= 2;
// CHECK-NEXT:    b += 1;
// CHECK-NEXT:    double c = a + b;
// CHECK-NEXT:    double d_c = d_a + d_b;
// CHECK-NEXT:    d_a = d_c + d_b;
// CHECK-NEXT:    a = c + b;
// CHECK-NEXT:    return {a, d_a};
// CHECK-NEXT:  }

// Index side effects run once, before both the tangent and the value
// statement use the index.
#pragma frechet forward
double indices(double x, int n) {
  double a[4] = {1, 2, 3, 4};
  int i = 0, j = 1;
  a[i++] = x * a[j];
  a[i++] = a[0] * x;
  a[++j] += x * a[--i];
  double s = 0;
  for (int k = 0; k < n;)
    s += a[k++] * x;
  return s + a[0] + a[1] + a[2] + i + j;
}
// CHECK-LABEL: frechet::jvp_result<double> indices_jvp(double x, int n, double d_x) {
// CHECK:         int i = 0;
// CHECK-NEXT:    int j = 1;
// C++17 order: the right side (value and tangent) before the left side's
// side effects.
// CHECK-NEXT:    const double _t0 = x * a[j];
// CHECK-NEXT:    const double _t1 = d_x * a[j] + x * d_a[j];
// CHECK-NEXT:    const int _t2 = i++;
// CHECK-NEXT:    d_a[_t2] = _t1;
// CHECK-NEXT:    a[_t2] = _t0;
// CHECK:         const int [[I:_t[0-9]+]] = --i;
// CHECK:         const int [[J:_t[0-9]+]] = ++j;
// CHECK-NEXT:    d_a[[[J]]] += {{_t[0-9]+}};
// CHECK-NEXT:    a[[[J]]] += {{_t[0-9]+}};
// CHECK:         for (int k = 0; k < n;) {
// CHECK-NEXT:      const int [[K:_t[0-9]+]] = k++;
// CHECK-NEXT:      d_s += d_a[[[K]]] * x + a[[[K]]] * d_x;
// CHECK-NEXT:      s += a[[[K]]] * x;
// CHECK-NEXT:    }

// The right operand of an assignment is evaluated before the left one
// (C++17): a[i] on the right reads a[0], then i++ picks a[0] as the target.
#pragma frechet forward
double seqOrder(double x) {
  double a[3] = {1, 2, 3};
  int i = 0;
  a[i++] = a[i] * x;
  return a[0] + a[1] + i;
}
// CHECK-LABEL: frechet::jvp_result<double> seqOrder_jvp(double x, double d_x) {

// Nested blocks and shadowing: each t has a tangent of its own.
#pragma frechet forward
double blocks(double x) {
  double r = x;
  {
    double t = r * 2;
    r = t + 1;
    {
      double r2 = r * r;
      r = r2;
    }
  }
  double t = x + 5;
  {
    double t = x * 3; // shadows the outer t
    r += t;
  }
  r += t;
  return r;
}
// CHECK-LABEL: frechet::jvp_result<double> blocks_jvp(double x, double d_x) {
// CHECK-NEXT:    double r = x;
// CHECK-NEXT:    double d_r = d_x;
// CHECK-NEXT:    {
// CHECK-NEXT:      double t = r * 2;
// CHECK-NEXT:      double [[T1:d_t[_0-9]*]] = d_r * 2;
// CHECK-NEXT:      d_r = [[T1]];
// CHECK-NEXT:      r = t + 1;
// CHECK-NEXT:      {
// CHECK-NEXT:        double r2 = r * r;
// CHECK-NEXT:        double d_r2 = d_r * r + r * d_r;
// CHECK-NEXT:        d_r = d_r2;
// CHECK-NEXT:        r = r2;
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    double t = x + 5;
// CHECK-NEXT:    double [[T2:d_t[_0-9]*]] = d_x;
// CHECK-NEXT:    {
// CHECK-NEXT:      double t = x * 3;
// CHECK-NEXT:      double [[T3:d_t[_0-9]*]] = d_x * 3;
// CHECK-NEXT:      d_r += [[T3]];
// CHECK-NEXT:      r += t;
// CHECK-NEXT:    }
// CHECK-NEXT:    d_r += [[T2]];
// CHECK-NEXT:    r += t;
// CHECK-NEXT:    return {r, d_r};
// CHECK-NEXT:  }

// User names that clash with generated ones: the generated names move.
#pragma frechet forward
double names(double x, double) {
  double d_x = x * 2;
  double d_d_x = d_x + 1;
  return d_x * d_d_x;
}
// CHECK-LABEL: frechet::jvp_result<double> names_jvp(
// CHECK-SAME:    double x, double, double [[DX:d_x_[0-9]+]], double {{d[_0-9]*}}) {
// CHECK-NEXT:    double d_x = x * 2;
// CHECK-NEXT:    double [[DDX:d_d_x_[0-9]+]] = [[DX]] * 2;
// CHECK-NEXT:    double d_d_x = d_x + 1;
// CHECK-NEXT:    double [[DDDX:d_d_d_x[_0-9]*]] = [[DDX]];
// CHECK-NEXT:    return {d_x * d_d_x, [[DDX]] * d_d_x + d_x * [[DDDX]]};
// CHECK-NEXT:  }

#pragma frechet forward
double temps(double x, double, double z) {
  double _t0 = std::sin(x);
  double d = _t0 * 2;
  double d_t0 = d + std::cos(x);
  double t = x + 5;
  {
    double t = x * 3;
    d += t * z;
  }
  return d_t0 + t + d;
}
// CHECK-LABEL: frechet::jvp_result<double> temps_jvp(
// CHECK-SAME:    double x, double, double z, double d_x, double {{d[_0-9]*}}, double d_z) {
// CHECK-NEXT:    auto [[S:_t0_[0-9]+]] = frechet::rules::sin_jvp(x, d_x);
// CHECK-NEXT:    double _t0 = [[S]].value;
// CHECK-NEXT:    double [[DT0:d__t0[_0-9]*]] = [[S]].tangent;
// CHECK-NEXT:    double d = _t0 * 2;
// CHECK-NEXT:    double [[DD:d_d[_0-9]*]] = [[DT0]] * 2;
// CHECK-NEXT:    auto [[C:_t[0-9_]+]] = frechet::rules::cos_jvp(x, d_x);
// CHECK-NEXT:    double d_t0 = d + [[C]].value;
// CHECK-NEXT:    double [[DDT0:d_d_t0[_0-9]*]] = [[DD]] + [[C]].tangent;

int main() {
  const double x = 0.7, y = -1.3;
  // commas = 5x + 3xy + 3
  {
    auto r = commas_jvp(x, y, 1, 0);
    frechet::check_close("commas value", r.value, 5 * x + 3 * x * y + 3, 1e-15);
    frechet::check_close("commas d/dx", r.tangent, 5 + 3 * y, 1e-15);
    frechet::check_close("commas d/dy", commas_jvp(x, y, 0, 1).tangent, 3 * x,
                         1e-15);
  }
  // forComma(x, 6): three iterations, s = 1 + x + x^2, i = 3.
  {
    auto r = forComma_jvp(x, 6, 1);
    frechet::check_close("forComma value", r.value, 1 + x + x * x + 3, 1e-15);
    frechet::check_close("forComma d/dx", r.tangent, 1 + 2 * x, 1e-15);
  }
  // asValue = 2xy + 2x^2y^2 + 2
  {
    auto r = asValue_jvp(x, y, 1, 0);
    frechet::check_close("asValue value", r.value,
                         2 * x * y + 2 * x * x * y * y + 2, 1e-15);
    frechet::check_close("asValue d/dx", r.tangent, 2 * y + 4 * x * y * y,
                         1e-15);
    frechet::check_close("asValue d/dy", asValue_jvp(x, y, 0, 1).tangent,
                         2 * x + 4 * x * x * y, 1e-15);
  }
  // indices(x, 3): a = {2x, 2x^2, 3 + 2x^3}, i = 1, j = 2, s = x (a0 + a1 +
  // a2): value (x + 1)(2x + 2x^2 + 2x^3 + 3) + 3.
  {
    double p = 2 * x + 2 * x * x + 2 * x * x * x + 3;
    double dp = 2 + 4 * x + 6 * x * x;
    auto r = indices_jvp(x, 3, 1);
    frechet::check_close("indices value", r.value, (x + 1) * p + 3, 1e-15);
    frechet::check_close("indices d/dx", r.tangent, p + (x + 1) * dp, 1e-15);
    frechet::check_close("indices value = f", r.value, indices(x, 3), 0.0);
  }
  // seqOrder = x + 2 + 1 (a[0] = a[0] x)
  {
    auto r = seqOrder_jvp(x, 1);
    frechet::check_close("seqOrder value = f", r.value, seqOrder(x), 0.0);
    frechet::check_close("seqOrder value", r.value, x + 3, 1e-15);
    frechet::check_close("seqOrder d/dx", r.tangent, 1.0, 0.0);
  }
  // blocks = (2x + 1)^2 + 3x + x + 5
  {
    auto r = blocks_jvp(x, 1);
    frechet::check_close("blocks value", r.value,
                         (2 * x + 1) * (2 * x + 1) + 4 * x + 5, 1e-15);
    frechet::check_close("blocks d/dx", r.tangent, 4 * (2 * x + 1) + 4, 1e-15);
  }
  // names = 4x^2 + 2x; the unnamed parameter's tangent changes nothing.
  frechet::check_close("names d/dx", names_jvp(x, 9.0, 1, 0).tangent,
                       8 * x + 2, 1e-15);
  frechet::check_close("names d/dunnamed", names_jvp(x, 9.0, 0, 1).tangent, 0.0,
                       0.0);
  // temps = 2 sin x + cos x + x + 5 + 2 sin x + 3xz
  {
    const double z = 1.5;
    frechet::check_close("temps d/dx", temps_jvp(x, 9.0, z, 1, 0, 0).tangent,
                         4 * std::cos(x) - std::sin(x) + 1 + 3 * z, 1e-15);
    frechet::check_close("temps d/dz", temps_jvp(x, 9.0, z, 0, 0, 1).tangent,
                         3 * x, 1e-15);
    frechet::check_close("temps d/dunnamed",
                         temps_jvp(x, 9.0, z, 0, 1, 0).tangent, 0.0, 0.0);
  }
  return frechet::check_exit_code();
}
// EXEC: ok commas value
// EXEC: ok commas d/dx
// EXEC: ok commas d/dy
// EXEC: ok forComma value
// EXEC: ok forComma d/dx
// EXEC: ok asValue value
// EXEC: ok asValue d/dx
// EXEC: ok asValue d/dy
// EXEC: ok indices value
// EXEC: ok indices d/dx
// EXEC: ok indices value = f
// EXEC: ok seqOrder value = f
// EXEC: ok seqOrder value
// EXEC: ok seqOrder d/dx
// EXEC: ok blocks value
// EXEC: ok blocks d/dx
// EXEC: ok names d/dx
// EXEC: ok names d/dunnamed
// EXEC: ok temps d/dx
// EXEC: ok temps d/dz
// EXEC: ok temps d/dunnamed
// EXEC: 21 passed, 0 failed
