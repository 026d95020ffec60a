// A write is saved (and restored at its mirror in the reverse sweep) only if
// a reverse statement that runs after that mirror reads the variable: one
// of an earlier statement, or of any statement of the outermost loop around
// the write (an earlier iteration's), or the write's own (`v = v * x[i]`).
// An accumulator that the reverse sweep reads only after its loop
// (`s += std::exp(x[i] - m)`, then `std::log(s)`), the first write of a
// variable, and an array filled before anything reads it are not saved;
// what an earlier iteration or statement reads is. Gradients are checked
// against forward mode and central differences, and the tape's peak
// against the trip count where nothing should grow with it.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>
#include <cstdio>

#include "Inputs/reverse_check.h"

// s is read by the reverse sweep only in log(s), after the loop: f_rev
// gets its final value, and the loop does not save it. It keeps exp's
// values instead, in a tape block, since the reverse needs them (exp's
// derivative is its value): one slot per iteration, no call to exp again.
#pragma frechet gradient wrt(x)
#pragma frechet forward wrt(x)
double lse(int n, const double *x, double m) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(x[i] - m);
  return std::log(s) + m;
}
// CHECK-LABEL: inline double lse_wrt_x_fwd(int n, const double *x, double m, frechet::tape &_tape) {
// CHECK:         [[B:_b[_0-9]*]] = _tape.push_block<double>(_n);
// CHECK-NEXT:    for (i = _s; i < n; ++i) {
// CHECK-NEXT:      [[B]][i - _s] = std::exp(x[i] - m);
// CHECK-NEXT:      s += [[B]][i - _s];
// CHECK-NEXT:    }
// CHECK:       _exit:
// CHECK-NEXT:    _tape.push(s);
// CHECK-NEXT:    return _ret;
// CHECK-LABEL: inline void lse_wrt_x_rev(
// CHECK:           i = _s + [[K:_k[_0-9]*]];
// CHECK-NEXT:      const double [[V:_v[_0-9]*]] = [[B]][i - _s];
// CHECK-NEXT:      d_x[i] += [[V]] * d_s;

// s is read by the next iteration's first statement: saved, a slot per
// iteration. y is never read by the reverse sweep: not saved.
#pragma frechet gradient
#pragma frechet forward
double lag(int n, const double *x) {
  double s = 0, y = 0;
  for (int i = 0; i < n; ++i) {
    y += s * x[i];
    s = x[i] * x[i];
  }
  return y + s;
}
// CHECK-LABEL: inline double lag_fwd(int n, const double *x, frechet::tape &_tape) {
// CHECK:         [[B:_b[_0-9]*]] = _tape.push_block<double>(_n);
// CHECK-NEXT:    for (i = _s; i < n; ++i) {
// CHECK-NEXT:      y += s * x[i];
// CHECK-NEXT:      [[B]][i - _s] = s;
// CHECK-NEXT:      s = x[i] * x[i];
// CHECK-NEXT:    }

// The write's own reverse reads the old v.
#pragma frechet gradient
#pragma frechet forward
double prod(int n, const double *x) {
  double v = 1;
  for (int i = 0; i < n; ++i)
    v = v * x[i];
  return v;
}
// CHECK-LABEL: inline double prod_fwd(int n, const double *x, frechet::tape &_tape) {
// CHECK:           [[B:_b[_0-9]*]][i - _s] = v;
// CHECK-NEXT:      v = v * x[i];

// t is filled before anything reads it (no save), read, then updated in
// place (saved: the loop before reads the old values).
#pragma frechet gradient wrt(x, a)
#pragma frechet forward wrt(x, a)
double arrays(const double *x, double a) {
  double t[4];
  for (int i = 0; i < 4; ++i)
    t[i] = a * x[i];
  double s = 0;
  for (int i = 0; i < 4; ++i)
    s += t[i] * t[i];
  for (int i = 0; i < 4; ++i)
    t[i] = t[i] * x[i];
  for (int i = 0; i < 4; ++i)
    s += t[i] * a;
  return s;
}
// CHECK-LABEL: inline double arrays_wrt_x_a_fwd(const double *x, double a, frechet::tape &_tape) {
// CHECK:         for (i = _s; i < 4; ++i) {
// CHECK-NEXT:      t[i] = a * x[i];
// CHECK-NEXT:    }
// CHECK:           [[B:_b[_0-9]*]][i_2 - [[S:_s[_0-9]*]]] = t[i_2];
// CHECK-NEXT:      t[i_2] = t[i_2] * x[i_2];

// An index: its first assignment is not saved, the second is (the loop
// before it reads k), undone by its inverse instead of the tape.
#pragma frechet gradient
#pragma frechet forward
double index(int n, const double *x) {
  int k = 0;
  double s = 0;
  k = n / 2;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[k];
  k = k + 1;
  s += x[k] * x[k];
  return s;
}
// CHECK-LABEL: inline double index_fwd(int n, const double *x, frechet::tape &_tape) {
// CHECK:         k = 0;
// CHECK-NEXT:    s = 0;
// CHECK-NEXT:    k = n / 2;
// CHECK:         _tape.push(k);
// CHECK-NEXT:    k = k + 1;

double x8[8] = {0.3, -0.2, 0.7, 0.1, -0.5, 0.4, 0.9, -0.8};

int main() {
  const int n = 8;
  double g[8];

  for (double &v : g)
    v = 0;
  double v = lse_grad(n, x8, 0.25, g);
  frechet::check_close("lse value", v, lse(n, x8, 0.25), 1e-15);
  rtest::check_tape_empty("lse tape");
  rtest::check_array_gradient(
      "lse", g, x8, n,
      [&](const double *e) { return lse_jvp(n, x8, 0.25, e).tangent; },
      [&](const double *x) { return lse(n, x, 0.25); });
  // One slot per iteration (exp's value), not two (s is not saved).
  static double big[1000], gbig[1000];
  for (int i = 0; i < 1000; ++i)
    big[i] = std::sin(0.1 * i);
  frechet::default_tape().reset_peak();
  lse_grad(n, big, 0.25, gbig);
  double peak8 = double(frechet::default_tape().peak_bytes());
  frechet::default_tape().reset_peak();
  lse_grad(1000, big, 0.25, gbig);
  frechet::check_close("lse tape peak at n = 1000 - at n = 8",
                       double(frechet::default_tape().peak_bytes()) - peak8,
                       8.0 * (1000 - 8), 0.0);

  for (double &v : g)
    v = 0;
  lag_grad(n, x8, g);
  rtest::check_tape_empty("lag tape");
  rtest::check_array_gradient(
      "lag", g, x8, n,
      [&](const double *e) { return lag_jvp(n, x8, e).tangent; },
      [&](const double *x) { return lag(n, x); });

  for (double &v : g)
    v = 0;
  prod_grad(n, x8, g);
  rtest::check_tape_empty("prod tape");
  rtest::check_array_gradient(
      "prod", g, x8, n,
      [&](const double *e) { return prod_jvp(n, x8, e).tangent; },
      [&](const double *x) { return prod(n, x); });

  for (double &v : g)
    v = 0;
  double da = 0;
  arrays_grad(x8, 0.6, g, da);
  rtest::check_tape_empty("arrays tape");
  rtest::check_array_gradient(
      "arrays", g, x8, 4,
      [&](const double *e) { return arrays_jvp(x8, 0.6, e, 0.0).tangent; },
      [&](const double *x) { return arrays(x, 0.6); });
  double e0[4] = {};
  frechet::check_close("arrays d_a vs jvp", da,
                       arrays_jvp(x8, 0.6, e0, 1.0).tangent, 1e-12);

  for (double &v : g)
    v = 0;
  index_grad(n, x8, g);
  rtest::check_tape_empty("index tape");
  rtest::check_array_gradient(
      "index", g, x8, n,
      [&](const double *e) { return index_jvp(n, x8, e).tangent; },
      [&](const double *x) { return index(n, x); });
  return frechet::check_exit_code();
}
// EXEC: ok lse tape peak at n = 1000 - at n = 8
// EXEC: ok lag[7] vs fd
// EXEC: ok prod[7] vs fd
// EXEC: ok arrays d_a vs jvp
// EXEC: ok index[7] vs fd
// EXEC: 0 failed
