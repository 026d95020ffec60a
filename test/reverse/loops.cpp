// Reverse mode through loops: counted for loops running up, down and with
// step 2 (the reverse sweep recomputes the index backwards), a for loop that
// is not counted, while and do-while loops (trip counts on the tape), nested
// loops overwriting a variable the reverse sweep reads, break, continue, and
// an early return from inside nested loops. Every gradient is checked against
// forward mode and central differences, and the tape must be empty after each
// call.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>

#include "Inputs/reverse_check.h"

// An accumulator: 's += x[i] * x[i]' does not need the old s, and the
// loop's start and bound can be evaluated again in the reverse sweep: nothing
// is taped at all.
#pragma frechet gradient
#pragma frechet forward
double sumsq(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i];
  return s;
}
// CHECK-LABEL: inline double sumsq_fwd(const double *x, int n, frechet::tape &_tape) {
// CHECK:         for (i = [[S:_s[_0-9]*]]; i < n; ++i) {
// CHECK-NEXT:      s += x[i] * x[i];
// CHECK-NEXT:    }
// CHECK-NOT:     _tape.push
// CHECK:         return _ret;
// CHECK-NEXT:  }
// CHECK-LABEL: inline void sumsq_rev(const double *x, int n, double d_ret, double *d_x, frechet::tape &_tape) {
// CHECK:         {{^  }}[[S:_s[_0-9]*]] = 0;
// CHECK-NEXT:    [[N:_n[_0-9]*]] = n > [[S]] ? n - [[S]] : 0;
// CHECK-NEXT:    for (int [[K:_k[_0-9]*]] = [[N]] - 1; [[K]] >= 0; --[[K]]) {
// CHECK-NEXT:      i = [[S]] + [[K]];
// CHECK-NEXT:      d_x[i] += d_s * x[i];
// CHECK-NEXT:      d_x[i] += x[i] * d_s;
// CHECK-NEXT:    }
// CHECK-NOT:     _tape.pop
// CHECK:       }

// Horner's rule counting down: s is overwritten and its old value is read by
// the adjoint of 's * y', so it is pushed before each overwrite and popped
// back in the reverse loop, which runs the index upwards again.
#pragma frechet reverse
#pragma frechet forward
double horner(const double *c, int n, double y) {
  double s = 0;
  for (int i = n - 1; i >= 0; --i)
    s = s * y + c[i];
  return s;
}
// CHECK-LABEL: inline double horner_fwd(const double *c, int n, double y, frechet::tape &_tape) {
// CHECK:         for (i = [[S:_s[_0-9]*]]; i >= 0; --i) {
// CHECK-NEXT:      _tape.push(s);
// CHECK-NEXT:      s = s * y + c[i];
// CHECK-NEXT:    }
// CHECK-LABEL: inline void horner_rev(const double *c, int n, double y, double d_ret, double *d_c, double &d_y, frechet::tape &_tape) {
// CHECK:         for (int [[K:_k[_0-9]*]] = [[N:_n[_0-9]*]] - 1; [[K]] >= 0; --[[K]]) {
// CHECK-NEXT:      i = [[S:_s[_0-9]*]] + [[K]] * -1;
// CHECK-NEXT:      s = _tape.pop<double>();

// Step 2 up, and step 2 down.
#pragma frechet gradient
#pragma frechet forward
double pairs(const double *x, int n) {
  double s = 0;
  for (int i = 0; i + 1 < n; i += 2)
    s += x[i] * x[i + 1];
  for (int i = n - 1; i >= 0; i -= 2)
    s += x[i] * x[i] * x[i];
  return s;
}
// CHECK-LABEL: inline void pairs_rev(const double *x, int n, double d_ret, double *d_x, frechet::tape &_tape) {
// CHECK:         for (int [[K:_k[_0-9]*]] = {{_n[_0-9]*}} - 1; [[K]] >= 0; --[[K]]) {
// CHECK-NEXT:      {{i_[0-9]+}} = {{_s[_0-9]*}} + [[K]] * -2;
// CHECK:         for (int [[K:_k[_0-9]*]] = {{_n[_0-9]*}} - 1; [[K]] >= 0; --[[K]]) {
// CHECK-NEXT:      i = {{_s[_0-9]*}} + [[K]] * 2;

// A for loop whose index doubles is not counted: the index is taped. (An
// increment 'i *= 2' that writes a taped index is rejected, see
// unsupported.cpp, so it is written at the end of the body.)
#pragma frechet gradient
#pragma frechet forward
double doubling(const double *x, int n) {
  double s = 0;
  for (int i = 1; i < n;) {
    s = s * x[i] + x[i - 1];
    i *= 2;
  }
  return s;
}
// CHECK-LABEL: inline double doubling_fwd(const double *x, int n, frechet::tape &_tape) {
// CHECK:         _tape.push(i);
// CHECK-LABEL: inline void doubling_rev(const double *x, int n, double d_ret, double *d_x, frechet::tape &_tape) {
// CHECK:         for (int [[K:_k[_0-9]*]] = 0; [[K]] < {{_n[_0-9]*}}; ++[[K]]) {

// A while loop: its trip count is taped, the reverse loop runs that often.
// The integer counter k is not taped: the reverse of ++k is --k.
#pragma frechet gradient
#pragma frechet forward
double prodwhile(const double *x, int n, double y) {
  double p = 1;
  int k = 0;
  while (k < n) {
    p = p * (x[k] + y);
    ++k;
  }
  return p;
}
// CHECK-LABEL: inline double prodwhile_fwd(const double *x, int n, double y, frechet::tape &_tape) {
// CHECK:         while (k < n) {
// CHECK-NEXT:      ++[[N:_n[_0-9]*]];
// CHECK-NEXT:      _tape.push(p);
// CHECK-NEXT:      p = p * (x[k] + y);
// CHECK-NEXT:      ++k;
// CHECK-NEXT:    }
// CHECK-NEXT:    _tape.push([[N]]);
// CHECK-LABEL: inline void prodwhile_rev(const double *x, int n, double y, double d_ret, double *d_x, double &d_y, frechet::tape &_tape) {
// CHECK:         [[N:_n[_0-9]*]] = _tape.pop<int>();
// CHECK-NEXT:    for (int [[K:_k[_0-9]*]] = 0; [[K]] < [[N]]; ++[[K]]) {
// CHECK-NEXT:      --k;
// CHECK-NEXT:      p = _tape.pop<double>();

// A while loop whose trip count depends on the differentiated values.
#pragma frechet gradient
#pragma frechet forward
double grow(double x, double lim) {
  double v = x;
  while (v < lim)
    v = v * 1.5 + x;
  return v;
}

// A do-while loop: Heron's square root, six steps.
#pragma frechet gradient
#pragma frechet forward
double heron(double a) {
  double r = a;
  int k = 0;
  do {
    r = 0.5 * (r + a / r);
    ++k;
  } while (k < 6);
  return r;
}
// CHECK-LABEL: inline double heron_fwd(double a, frechet::tape &_tape) {
// CHECK:         do {
// CHECK-NEXT:      ++[[N:_n[_0-9]*]];
// CHECK-NEXT:      _tape.push(r);
// CHECK-NEXT:      r = 0.5 * (r + a / r);
// CHECK-NEXT:      ++k;
// CHECK-NEXT:    } while (k < 6);
// CHECK-NEXT:    _tape.push([[N]]);

// Nested loops: t is overwritten in the inner loop and read by the adjoints
// of 't * y' and sin(t), so each overwrite is taped.
#pragma frechet gradient
#pragma frechet forward
double nested(const double *x, int n, double y) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double t = x[i];
    for (int j = 0; j < 3; ++j) {
      t = t * y + x[j];
      t = std::sin(t);
    }
    s += t * x[i];
  }
  return s;
}
// CHECK-LABEL: inline double nested_fwd(const double *x, int n, double y, frechet::tape &_tape) {
// The inner loop saves t twice per iteration, in two tape blocks.
// CHECK:         [[B1:_b[_0-9]*]] = _tape.push_block<double>([[N:_n[_0-9]*]]);
// CHECK-NEXT:    [[B2:_b[_0-9]*]] = _tape.push_block<double>([[N]]);
// CHECK-NEXT:    for (j = [[S:_s[_0-9]*]]; j < 3; ++j) {
// CHECK-NEXT:      [[B1]][j - [[S]]] = t;
// CHECK-NEXT:      t = t * y + x[j];
// CHECK-NEXT:      [[B2]][j - [[S]]] = t;
// CHECK-NEXT:      t = std::sin(t);
// CHECK-NEXT:    }
// CHECK-LABEL: inline void nested_rev(const double *x, int n, double y, double d_ret, double *d_x, double &d_y, frechet::tape &_tape) {
// CHECK:         for (int [[KO:_k[_0-9]*]] = {{_n[_0-9]*}} - 1; [[KO]] >= 0; --[[KO]]) {
// CHECK:           [[B2]] = _tape.pop_block<double>([[N]]);
// CHECK-NEXT:      [[B1]] = _tape.pop_block<double>([[N]]);
// CHECK-NEXT:      for (int [[KI:_k[_0-9]*]] = [[N]] - 1; [[KI]] >= 0; --[[KI]]) {
// CHECK-NEXT:        j = [[S]] + [[KI]];
// CHECK-NEXT:        t = [[B2]][j - [[S]]];
// CHECK:             frechet::rules::sin_vjp(t,
// CHECK:             t = [[B1]][j - [[S]]];

// break: the loop body records which exit it took; the branch decision is
// taped. s is not: its condition is taped, and the reverse sweep reads s
// only after the loop.
#pragma frechet gradient
#pragma frechet forward
double brk(const double *x, int n, double lim) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    if (s > lim)
      break;
    s = s + x[i] * x[i];
  }
  return s * lim;
}
// CHECK-LABEL: inline double brk_fwd(const double *x, int n, double lim, frechet::tape &_tape) {
// CHECK:         if (s > lim) {
// CHECK-NEXT:      _tape.push(true);
// CHECK-NEXT:      _tape.push(1);
// CHECK-NEXT:      break;
// CHECK:         } else {
// CHECK-NEXT:      _tape.push(false);
// CHECK-NEXT:    }
// CHECK-LABEL: inline void brk_rev(const double *x, int n, double lim, double d_ret, double *d_x, double &d_lim, frechet::tape &_tape) {
// CHECK:         const int [[E:_e[_0-9]*]] = _tape.pop<int>();
// CHECK-NEXT:    bool [[L:_live[_0-9]*]] = [[E]] == 0;
// CHECK-NEXT:    if ([[L]]) {
// CHECK-NEXT:      const double [[R:_r[_0-9]*]] = d_s;
// CHECK:         if ([[L]] || [[E]] == 1) {
// CHECK-NEXT:      if (_tape.pop<bool>()) {

// continue on a data-dependent condition.
#pragma frechet gradient
#pragma frechet forward
double cont(const double *x, int n) {
  double s = 1;
  for (int i = 0; i < n; ++i) {
    if (x[i] < 0)
      continue;
    s = s * x[i] + 1;
  }
  return s;
}
// CHECK-LABEL: inline double cont_fwd(const double *x, int n, frechet::tape &_tape) {
// CHECK:           continue;

// An early return from inside a while loop inside a for loop, and a second
// return at the end.
#pragma frechet gradient
#pragma frechet forward
double early(const double *x, int n, double y) {
  double p = 1;
  for (int i = 0; i < n; ++i) {
    int j = 0;
    while (j < n) {
      p = p * (x[i] + x[j] * y);
      if (p > 100)
        return p * y;
      ++j;
    }
  }
  return -p;
}
// CHECK-LABEL: inline double early_fwd(const double *x, int n, double y, frechet::tape &_tape) {
// CHECK:         if (p > 100) {
// CHECK-NEXT:      _ret = p * y;
// CHECK:           goto _exit;
// CHECK:         _ret = -p;
// CHECK-LABEL: inline void early_rev(const double *x, int n, double y, double d_ret, double *d_x, double &d_y, frechet::tape &_tape) {
// CHECK:         const int [[E:_e[_0-9]*]] = _tape.pop<int>();

int main() {
  double x[6] = {0.3, -0.7, 1.1, 0.45, -0.2, 0.9};
  double pos[6] = {0.3, 0.7, 1.1, 0.45, 0.2, 0.9};

  rtest::check_array_grad(
      "sumsq", x, 6, [&](double *g) { return sumsq_grad(x, 6, g); },
      [&](const double *e) { return sumsq_jvp(x, 6, e).tangent; },
      [](double *a) { return sumsq(a, 6); });
  // Zero trip count: nothing but the (empty) loop.
  {
    double g = 5.0;
    double v = sumsq_grad(x, 0, &g);
    rtest::check_tape_empty("sumsq n=0 tape");
    frechet::check_close("sumsq n=0 value", v, 0, 0);
    frechet::check_close("sumsq n=0 adjoint untouched", g, 5.0, 0);
  }

  // horner with a seed: coefficients and y.
  {
    double y = 0.8, dc[6] = {}, dy = 0;
    double v = horner_vjp(x, 6, y, -2.0, dc, dy);
    rtest::check_tape_empty("horner tape");
    frechet::check_close("horner value", v, horner(x, 6, y), 0);
    rtest::check_array_gradient(
        "horner d/dc", dc, x, 6,
        [&](const double *e) { return horner_jvp(x, 6, y, e, 0.0).tangent; },
        [&](double *a) { return horner(a, 6, y); }, -2.0);
    double zero[6] = {};
    frechet::check_close("horner d/dy vs jvp", dy,
                         -2.0 * horner_jvp(x, 6, y, zero, 1.0).tangent, 1e-12);
    frechet::check_close(
        "horner d/dy vs fd", dy,
        -2.0 * frechet::central_difference(
                   [&](double v) { return horner(x, 6, v); }, y),
        1e-6);
    // Analytic: the derivative of the polynomial sum c[i] y^i.
    double want = 0;
    for (int i = 1; i < 6; ++i)
      want += i * x[i] * std::pow(y, i - 1);
    frechet::check_close("horner d/dy analytic", dy, -2.0 * want, 1e-12);
  }

  // pairs, with an even and an odd length.
  for (int n : {6, 5})
    rtest::check_array_grad(
        n == 6 ? "pairs6" : "pairs5", x, n,
        [&](double *g) { return pairs_grad(x, n, g); },
        [&](const double *e) { return pairs_jvp(x, n, e).tangent; },
        [&](double *a) { return pairs(a, n); });

  rtest::check_array_grad(
      "doubling", x, 6, [&](double *g) { return doubling_grad(x, 6, g); },
      [&](const double *e) { return doubling_jvp(x, 6, e).tangent; },
      [](double *a) { return doubling(a, 6); });

  // prodwhile: array and scalar.
  {
    double y = 0.4, g[6] = {}, dy = 0;
    double v = prodwhile_grad(x, 6, y, g, dy);
    rtest::check_tape_empty("prodwhile tape");
    frechet::check_close("prodwhile value", v, prodwhile(x, 6, y), 0);
    rtest::check_array_gradient(
        "prodwhile d/dx", g, x, 6,
        [&](const double *e) { return prodwhile_jvp(x, 6, y, e, 0.0).tangent; },
        [&](double *a) { return prodwhile(a, 6, y); });
    double zero[6] = {};
    frechet::check_close("prodwhile d/dy vs jvp", dy,
                         prodwhile_jvp(x, 6, y, zero, 1.0).tangent, 1e-12);
    frechet::check_close(
        "prodwhile d/dy vs fd", dy,
        frechet::central_difference(
            [&](double v) { return prodwhile(x, 6, v); }, y),
        1e-6);
  }

  // grow: several trip counts.
  for (double gx : {0.1, 0.5, 2.0, 7.0}) {
    double lim = 6.0, dx = 0, dl = 0;
    double v = grow_grad(gx, lim, dx, dl);
    rtest::check_tape_empty("grow tape");
    frechet::check_close("grow value", v, grow(gx, lim), 0);
    frechet::check_close("grow d/dx vs jvp", dx,
                         grow_jvp(gx, lim, 1, 0).tangent, 1e-12);
    frechet::check_close("grow d/dlim vs jvp", dl,
                         grow_jvp(gx, lim, 0, 1).tangent, 1e-12);
    frechet::check_close(
        "grow d/dx vs fd", dx,
        frechet::central_difference(
            [&](double v) { return grow(v, lim); }, gx),
        1e-6);
    frechet::check_close("grow d/dlim is 0", dl, 0, 0);
  }

  // heron: converges to sqrt(a), so the derivative is 1 / (2 sqrt(a)).
  {
    double a = 2.0, da = 0;
    double v = heron_grad(a, da);
    rtest::check_tape_empty("heron tape");
    frechet::check_close("heron value", v, std::sqrt(2.0), 1e-15);
    frechet::check_close("heron d/da vs jvp", da, heron_jvp(a, 1).tangent,
                         1e-12);
    frechet::check_close(
        "heron d/da vs fd", da,
        frechet::central_difference([](double v) { return heron(v); }, a),
        1e-6);
    frechet::check_close("heron d/da analytic", da, 0.5 / std::sqrt(2.0),
                         1e-12);
  }

  // nested.
  {
    double y = 0.6, g[6] = {}, dy = 0;
    double v = nested_grad(x, 6, y, g, dy);
    rtest::check_tape_empty("nested tape");
    frechet::check_close("nested value", v, nested(x, 6, y), 0);
    rtest::check_array_gradient(
        "nested d/dx", g, x, 6,
        [&](const double *e) { return nested_jvp(x, 6, y, e, 0.0).tangent; },
        [&](double *a) { return nested(a, 6, y); });
    double zero[6] = {};
    frechet::check_close("nested d/dy vs jvp", dy,
                         nested_jvp(x, 6, y, zero, 1.0).tangent, 1e-12);
    frechet::check_close(
        "nested d/dy vs fd", dy,
        frechet::central_difference([&](double v) { return nested(x, 6, v); },
                                    y),
        1e-6);
  }

  // brk: the break after 0, 2 and all iterations.
  for (double lim : {-1.0, 0.5, 100.0}) {
    double g[6] = {}, dl = 0;
    double v = brk_grad(x, 6, lim, g, dl);
    rtest::check_tape_empty("brk tape");
    frechet::check_close("brk value", v, brk(x, 6, lim), 0);
    rtest::check_array_gradient(
        "brk d/dx", g, x, 6,
        [&](const double *e) { return brk_jvp(x, 6, lim, e, 0.0).tangent; },
        [&](double *a) { return brk(a, 6, lim); });
    double zero[6] = {};
    frechet::check_close("brk d/dlim vs jvp", dl,
                         brk_jvp(x, 6, lim, zero, 1.0).tangent, 1e-12);
    frechet::check_close("brk d/dlim analytic", dl, brk(x, 6, lim) / lim,
                         1e-12);
  }

  rtest::check_array_grad(
      "cont", x, 6, [&](double *g) { return cont_grad(x, 6, g); },
      [&](const double *e) { return cont_jvp(x, 6, e).tangent; },
      [](double *a) { return cont(a, 6); });
  rtest::check_array_grad(
      "cont all positive", pos, 6,
      [&](double *g) { return cont_grad(pos, 6, g); },
      [&](const double *e) { return cont_jvp(pos, 6, e).tangent; },
      [](double *a) { return cont(a, 6); });

  // early: returns from the inner loop for big inputs, at the end for small.
  {
    double big[4] = {3.0, 4.0, 2.5, 3.5}, small[4] = {0.5, 0.55, 0.52, 0.56};
    for (double *a : {big, small}) {
      const char *what = a == big ? "early inner return" : "early end return";
      char buf[128];
      double y = 1.25, g[4] = {}, dy = 0;
      double v = early_grad(a, 4, y, g, dy);
      std::snprintf(buf, sizeof buf, "%s tape", what);
      rtest::check_tape_empty(buf);
      std::snprintf(buf, sizeof buf, "%s value", what);
      frechet::check_close(buf, v, early(a, 4, y), 0);
      rtest::check_array_gradient(
          what, g, a, 4,
          [&](const double *e) { return early_jvp(a, 4, y, e, 0.0).tangent; },
          [&](double *b) { return early(b, 4, y); });
      double zero[4] = {};
      std::snprintf(buf, sizeof buf, "%s d/dy vs jvp", what);
      frechet::check_close(buf, dy, early_jvp(a, 4, y, zero, 1.0).tangent,
                           1e-12);
      std::snprintf(buf, sizeof buf, "%s d/dy vs fd", what);
      frechet::check_close(
          buf, dy,
          frechet::central_difference(
              [&](double v) { return early(a, 4, v); }, y),
          1e-6);
    }
    // big passes 100 in the first row (6.75, 54, 330), small never does.
    frechet::check_close("early returns p*y > 0", early(big, 4, 1.25) > 0, 1,
                         0);
    frechet::check_close("early ends with -p < 0", early(small, 4, 1.25) < 0,
                         1, 0);
  }

  // Two calls of the same gradient in a row reuse the (empty) tape and add.
  {
    double g[6] = {};
    sumsq_grad(x, 6, g);
    cont_grad(x, 6, g);
    rtest::check_tape_empty("two gradients tape");
    double g1[6] = {}, g2[6] = {};
    sumsq_grad(x, 6, g1);
    cont_grad(x, 6, g2);
    for (int i = 0; i < 6; ++i)
      frechet::check_close(rtest::name("two gradients add", i), g[i],
                           g1[i] + g2[i], 1e-15);
  }
  return frechet::check_exit_code();
}
// EXEC: ok sumsq[0] vs jvp
// EXEC: ok sumsq n=0 adjoint untouched
// EXEC: ok horner d/dy analytic
// EXEC: ok heron d/da analytic
// EXEC: ok brk d/dlim analytic
// EXEC: ok early inner return d/dy vs fd
// EXEC: ok early end return d/dy vs fd
// EXEC: 244 passed, 0 failed
