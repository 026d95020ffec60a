// Writes that are not statements of their own: assignments inside larger
// expressions (`a = b = e`, `a += (b = e)`, `2 * (b = e)`, in a call's
// argument, a declaration's initializer, a return value), condition
// variables of 'while' and 'for' (declared again before each iteration),
// and writes in conditions whose old values the reverse sweep never reads
// (`while (n-- > 0)`), and loop increments that do (run as the body's last
// statement). A nested assignment runs as a statement of its own
// where C++17 evaluates it, and the expression reads its left side; the
// reverse sweep undoes it after the expression's own reverse. Gradients are
// checked against forward mode and central differences.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>
#include <vector>

#include "Inputs/reverse_check.h"

double sq(double v) { return v * v; }

#pragma frechet reverse
#pragma frechet forward
double nested(double x, double y) {
  double a, b, c;
  a = b = x * y;
  a += (b = a * x);
  c = 2 * (b = b * y) + std::sin(a);
  double d = (c *= x) * sq(y + 1);
  d += sq(b = c + y);
  double e[2];
  e[0] = e[1] = d * 0.5;
  return (a = a + e[0] * e[1]) * c;
}
// The inner assignment runs first, then the outer one reads its left side;
// their reverses run in the opposite order.
// CHECK-LABEL: inline double nested_fwd(double x, double y, frechet::tape &_tape) {
// CHECK:         b = x * y;
// CHECK-NEXT:    a = b;
// CHECK:         b = a * x;
// CHECK:         a += (b);
// CHECK:         b = b * y;
// CHECK-NEXT:    c = 2 * (b) + std::sin(a);
// CHECK:         c *= x;
// CHECK:         d = (c) * {{_t[0-9]+}};
// CHECK:         b = c + y;
// CHECK-NEXT:    [[SQ:_t[0-9]+]] = sq_fwd(b, _tape);
// CHECK-NEXT:    d += [[SQ]];
// CHECK:         e[1] = d * 0.5;
// CHECK:         e[0] = e[1];
// CHECK:         a = a + e[0] * e[1];
// CHECK-NEXT:    _ret = (a) * c;
// CHECK-LABEL: inline void nested_rev({{.*}}) {
// The chain's reverse: a's adjoint goes to b, then b = x * y's reverse.
// CHECK:         d_b += d_a;
// CHECK-NEXT:    d_a = 0;
// CHECK:         d_x += d_b * y;
// CHECK-NEXT:    d_y += x * d_b;
// CHECK-NEXT:    d_b = 0;
// CHECK-NEXT:  }

// A condition variable declared again before each iteration: the loop tests
// it at the top of its body. k is read by the reverse sweep (d_x[i] += ...
// * k), so each declaration saves the old k; the last one (k == 0, which
// ends the loop) is undone before the iterations.
#pragma frechet gradient
#pragma frechet forward
double cv_while(const double *x, int n) {
  double s = 0;
  int i = 0;
  while (int k = n - i) {
    s = s * 0.5 + x[i] * k;
    ++i;
  }
  return s;
}
// CHECK-LABEL: inline double cv_while_fwd({{.*}}) {
// CHECK:         for (;;) {
// CHECK-NEXT:      _tape.push(k);
// CHECK-NEXT:      k = n - i;
// CHECK-NEXT:      if (!(k)) {
// CHECK-NEXT:        break;
// CHECK-NEXT:      }
// CHECK-NEXT:      ++[[N:_n[_0-9]*]];
// CHECK-LABEL: inline void cv_while_rev({{.*}}) {
// CHECK:         [[N]] = _tape.pop<int>();
// CHECK-NEXT:    k = _tape.pop<int>();
// CHECK-NEXT:    for (int [[K:_k[_0-9]*]] = 0; [[K]] < [[N]]; ++[[K]]) {
// CHECK:           k = _tape.pop<int>();
// CHECK-NEXT:    }

// The same in a counted 'for' that may also end by a break: then the loop
// did not declare its variable a last time, which a taped flag records.
#pragma frechet gradient wrt(x)
#pragma frechet forward wrt(x)
double cv_for(const double *x, int n, double lim) {
  double s = 1;
  for (int j = 0; int left = n - j; ++j) {
    double w = x[j] * x[j];
    if (w > lim)
      break;
    s = s * w + x[j] * left;
  }
  return s;
}
// CHECK-LABEL: inline double cv_for_wrt_x_fwd({{.*}}) {
// CHECK:         [[C:_c[_0-9]*]] = false;
// CHECK:         for (j = [[S:_s[_0-9]*]]; ; ++j) {
// CHECK-NEXT:      _tape.push(left);
// CHECK-NEXT:      left = n - j;
// CHECK-NEXT:      if (!(left)) {
// CHECK-NEXT:        [[C]] = true;
// CHECK-NEXT:        break;
// CHECK-NEXT:      }
// CHECK:         _tape.push([[C]]);
// CHECK-LABEL: inline void cv_for_wrt_x_rev({{.*}}) {
// CHECK:         if (_tape.pop<bool>()) {
// CHECK-NEXT:      j = [[S]] + {{_n[_0-9]*}};
// CHECK-NEXT:      left = _tape.pop<int>();
// CHECK-NEXT:    }

// A return from inside such a loop records that the last declaration did
// not run, as the loop's end would have.
#pragma frechet gradient wrt(x)
#pragma frechet forward wrt(x)
double cv_return(const double *x, int n, double lim) {
  double s = 0.5;
  int w = 0;
  while (int c = w < n ? n - w : 0) {
    ++w;
    s = s * x[c - 1] + c;
    if (s > lim)
      return s * s;
  }
  return s;
}
// CHECK-LABEL: inline double cv_return_wrt_x_fwd({{.*}}) {
// CHECK:           if (s > lim) {
// CHECK:             _tape.push(false);
// CHECK-NEXT:        _tape.push([[N:_n[_0-9]*]]);
// CHECK:             goto _exit;
// CHECK:         _tape.push({{_c[_0-9]*}});
// CHECK-NEXT:    _tape.push([[N]]);

// Writes in a condition to what the reverse sweep never reads: nothing to
// mirror, the condition stays as it is.
#pragma frechet gradient
#pragma frechet forward
double countdown(double x, int n) {
  double y = x;
  while (n-- > 0)
    y = std::sin(y) + x;
  int m = 3;
  for (; (m -= 1) >= 0;)
    y = y * x;
  return y;
}
// CHECK-LABEL: inline double countdown_fwd({{.*}}) {
// CHECK:         while (n-- > 0) {
// CHECK:         for (; (m -= 1) >= 0; ) {

// A loop increment that writes what the reverse sweep reads (i indexes x
// in s's reverse) or that has a derivative (w += h * h + 0.3) runs as the
// body's last statement, saved and undone like one.
#pragma frechet gradient
#pragma frechet forward
double increments(const double *x, int n, double h) {
  double s = 1;
  for (int i = 1; i < n; i *= 2)
    s = s * x[i] + h;
  double t = 0;
  for (double w = 0.1; w < 1; w += h * h + 0.3)
    t += std::sin(w * s);
  return s + t;
}
// CHECK-LABEL: inline double increments_fwd({{.*}}) {
// CHECK:         for (; i < n; ) {
// CHECK-NEXT:      ++[[N:_n[_0-9]*]];
// CHECK-NEXT:      _tape.push(s);
// CHECK-NEXT:      s = s * x[i] + h;
// CHECK-NEXT:      _tape.push(i);
// CHECK-NEXT:      i *= 2;
// CHECK-NEXT:    }
// CHECK:         for (; w < 1; ) {
// CHECK:           _tape.push(w);
// CHECK-NEXT:      w += h * h + 0.3;
// CHECK-NEXT:    }
// CHECK-LABEL: inline void increments_rev({{.*}}) {
// The increment's reverse comes first in each iteration.
// CHECK:         for (int [[K:_k[_0-9]*]] = 0; [[K]] < {{_n[_0-9]*}}; ++[[K]]) {
// CHECK-NEXT:      w = _tape.pop<double>();
// CHECK-NEXT:      d_h{{[_0-9]*}} += d_w * h;
// CHECK:         for (int [[K2:_k[_0-9]*]] = 0; [[K2]] < [[N]]; ++[[K2]]) {
// CHECK-NEXT:      i = _tape.pop<int>();
// CHECK-NEXT:      s = _tape.pop<double>();

// With exits: a continue runs the increment first, a break or return
// does not; the reverse sweep undoes it in the iterations that ran it.
#pragma frechet gradient wrt(x)
#pragma frechet forward wrt(x)
double increments_exits(const double *x, int n, double lim) {
  double s = 1;
  for (int i = 1; i < n; i *= 2) {
    if (x[i] < 0)
      continue;
    if (s > lim)
      break;
    s = s * x[i] + 0.5;
  }
  double t = 0;
  for (double w = 0.1; w < 2; w += s * 0.1 + 0.2) {
    if (w > lim)
      return t * w;
    t += std::sin(w * x[0]);
  }
  return s + t;
}
// CHECK-LABEL: inline double increments_exits_wrt_x_fwd({{.*}}) {
// CHECK:           if (x[i] < 0) {
// CHECK-NEXT:        _tape.push(true);
// CHECK-NEXT:        _tape.push(i);
// CHECK-NEXT:        i *= 2;
// CHECK-NEXT:        _tape.push([[CONT:[0-9]+]]);
// CHECK-NEXT:        continue;
// CHECK:             break;
// CHECK-LABEL: inline void increments_exits_wrt_x_rev({{.*}}) {
// The second loop's increment ran only in iterations that did not return.
// CHECK:           if ([[E2:_e_[0-9]+]] == 0) {
// CHECK-NEXT:        w = _tape.pop<double>();
// CHECK:           bool {{_live[_0-9]*}} = [[E:_e_[0-9]+]] == 0;
// CHECK-NEXT:      if ([[E]] == 0 || [[E]] == [[CONT]]) {
// CHECK-NEXT:        i = _tape.pop<int>();
// CHECK-NEXT:      }

int main() {
  for (double x : {0.7, -1.3}) {
    for (double y : {-0.4, 0.9}) {
      std::vector<double> in = {x, y};
      rtest::check_vjp(
          "nested", in, {1.5}, {0.25, -1},
          [](std::vector<double> a) {
            return std::vector<double>{nested(a[0], a[1])};
          },
          [](std::vector<double> a, std::vector<double> t) {
            return std::vector<double>{
                nested_jvp(a[0], a[1], t[0], t[1]).tangent};
          },
          [](std::vector<double> a, const std::vector<double> &c,
             std::vector<double> &adj, std::vector<double> &out) {
            out[0] = nested_vjp(a[0], a[1], c[0], adj[0], adj[1]);
          });
    }
  }

  double x[6] = {0.3, -0.7, 1.1, 0.45, -0.2, 0.9};
  for (int n : {0, 1, 4, 6})
    rtest::check_array_grad(
        rtest::name("cv_while n", n), x, 6,
        [&](double *g) { return cv_while_grad(x, n, g); },
        [&](const double *e) { return cv_while_jvp(x, n, e).tangent; },
        [&](double *a) { return cv_while(a, n); });
  // lim 1.0 stops at x[2] (a break); lim 5.0 runs until left == 0.
  for (double lim : {1.0, 5.0})
    rtest::check_array_grad(
        rtest::name("cv_for lim", int(lim)), x, 6,
        [&](double *g) { return cv_for_grad(x, 5, lim, g); },
        [&](const double *e) { return cv_for_jvp(x, 5, lim, e).tangent; },
        [&](double *a) { return cv_for(a, 5, lim); });

  // lim 2.0 returns from inside the loop; lim 100 ends by the condition.
  for (double lim : {2.0, 100.0})
    rtest::check_array_grad(
        rtest::name("cv_return lim", int(lim)), x, 6,
        [&](double *g) { return cv_return_grad(x, 5, lim, g); },
        [&](const double *e) { return cv_return_jvp(x, 5, lim, e).tangent; },
        [&](double *a) { return cv_return(a, 5, lim); });

  for (int n : {1, 2, 6}) {
    for (double h : {0.2, 0.45}) {
      double g[6] = {}, gh = 0.5;
      double v = increments_grad(x, n, h, g, gh);
      rtest::check_tape_empty("increments tape");
      frechet::check_close("increments value", v, increments(x, n, h), 0);
      rtest::check_array_gradient(
          rtest::name("increments n", n), g, x, 6,
          [&](const double *e) { return increments_jvp(x, n, h, e, 0.0).tangent; },
          [&](double *a) { return increments(a, n, h); });
      double zero[6] = {};
      frechet::check_close(rtest::name("increments d/dh n", n), gh,
                           0.5 + increments_jvp(x, n, h, zero, 1.0).tangent,
                           1e-12);
      frechet::check_close(
          rtest::name("increments d/dh fd n", n), gh,
          0.5 + frechet::central_difference(
                    [&](double v) { return increments(x, n, v); }, h),
          1e-6);
    }
  }

  // lim 0.3: the first loop breaks at once, the second returns; 1.0: the
  // first continues over x[2] < 0 and breaks later; 5.0: both run out.
  double xe[8] = {0.3, 0.7, -1.1, 0.45, 0.2, 0.9, 0.6, 1.2};
  for (double lim : {0.3, 1.0, 5.0})
    rtest::check_array_grad(
        rtest::name("increments_exits lim", int(10 * lim)), xe, 8,
        [&](double *g) { return increments_exits_grad(xe, 8, lim, g); },
        [&](const double *e) {
          return increments_exits_jvp(xe, 8, lim, e).tangent;
        },
        [&](double *a) { return increments_exits(a, 8, lim); });

  for (int n : {0, 3}) {
    rtest::check_scalar_gradient(
        rtest::name("countdown n", n), 0.6,
        [&](double v, double &dv) { return countdown_grad(v, n, dv); },
        [&](double v) { return countdown_jvp(v, n, 1.0).tangent; },
        [&](double v) { return countdown(v, n); });
  }
  return frechet::check_exit_code();
}
// EXEC: ok nested adjoint 0 vs jvp
// EXEC: ok nested adjoint 1 vs fd
// EXEC: ok cv_while n[6][5] vs fd
// EXEC: ok cv_for lim[1][2] vs jvp
// EXEC: ok cv_for lim[5][5] vs fd
// EXEC: ok cv_return lim[2][4] vs fd
// EXEC: ok cv_return lim[100][4] vs fd
// EXEC: ok increments n[6][5] vs fd
// EXEC: ok increments d/dh fd n[6]
// EXEC: ok increments_exits lim[3][7] vs fd
// EXEC: ok increments_exits lim[10][7] vs jvp
// EXEC: ok increments_exits lim[50][7] vs fd
// EXEC: ok countdown n[3] vs fd
// EXEC: {{[0-9]+}} passed, 0 failed
