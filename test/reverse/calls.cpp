// Reverse mode through calls: helpers called from a loop (g_fwd in the
// forward sweep, g_rev at the mirrored point of the reverse sweep, sharing
// the tape), a helper writing an output array (also called with the same
// array as input and output), a helper with reference outputs, helpers with
// by-value parameters they overwrite (called with active and constant
// arguments, and the same at the top level), recursion written with
// if/return, mutual recursion, a namespace helper called from its namespace,
// and a user rule (g_vjp and g_jvp) for a function without a body. Every
// gradient is checked against forward mode and central differences, with
// adjoints that start nonzero (accumulation), and the tape must be empty.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>

#include "Inputs/reverse_check.h"

double sq(double x) { return x * x; }
double smooth(double a, double b) { return std::sqrt(a * a + b * b + 1); }

// Helpers called in a loop: their results are temporaries of the forward
// sweep; their reverse sweeps run in reverse order in the reverse loop.
#pragma frechet gradient
#pragma frechet forward
double inloop(const double *x, int n, double w) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double t = sq(x[i] * w) + smooth(x[i], s);
    s = s + t;
  }
  return s;
}
// CHECK-LABEL: inline double inloop_fwd(const double *x, int n, double w, frechet::tape &_tape) {
// CHECK:           [[T0:_t[0-9]+]] = sq_fwd(x[i] * w, _tape);
// CHECK-NEXT:      [[T1:_t[0-9]+]] = smooth_fwd(x[i], s, _tape);
// CHECK-NEXT:      t = [[T0]] + [[T1]];
// CHECK-LABEL: inline void inloop_rev(const double *x, int n, double w, double d_ret, double *d_x, double &d_w, frechet::tape &_tape) {
// CHECK:           smooth_rev(x[i], s, d[[T1]], d_x[i], d_s, _tape);
// CHECK:           sq_rev(x[i] * w, d[[T0]], [[R:_r[_0-9]*]], _tape);
// CHECK-NEXT:      d_x[i] += [[R]] * w;
// CHECK-LABEL: inline double sq_fwd(double x, frechet::tape &_tape) {
// CHECK-LABEL: inline void sq_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {

// A helper writing an output array; the second call reads and writes tmp.
void fill(const double *in, double *out, int n, double f) {
  for (int i = 0; i < n; ++i)
    out[i] = in[i] * f + out[i];
}
#pragma frechet gradient
#pragma frechet forward
double outs(const double *x, double f) {
  double tmp[3] = {1, 2, 3};
  fill(x, tmp, 3, f);
  fill(tmp, tmp, 3, f);
  return tmp[0] * tmp[1] + tmp[2];
}
// CHECK-LABEL: inline void outs_rev(const double *x, double f, double d_ret, double *d_x, double &d_f, frechet::tape &_tape) {
// CHECK:         fill_rev(tmp, tmp, 3, f, d_tmp, d_tmp, d_f, _tape);
// CHECK-NEXT:    fill_rev(x, tmp, 3, f, d_x, d_tmp, d_f, _tape);
// CHECK-LABEL: inline void fill_rev(const double *in, double *out, int n, double f, double *d_in, double *d_out, double &d_f, frechet::tape &_tape) {

// A helper with reference outputs, called twice.
void split(double x, double &a, double &b) {
  a = x * x;
  b = 3 * x + a;
}
#pragma frechet gradient
#pragma frechet forward
double useSplit(double x, double y) {
  double a, b, c, d;
  split(x, a, b);
  split(a * y, c, d);
  return a * d + b * c;
}

// By-value parameters that the helper overwrites: the helper's reverse sweep
// must see their final values, and collect their adjoints locally (the
// caller's adjoint is only added to). Called with both arguments active, and
// with a constant for one of them.
double addTo(double a, double b) {
  b += a * a;
  a = a * b;
  return b * a;
}
#pragma frechet gradient
#pragma frechet forward
double byValue(double x, double y) {
  return addTo(x, y) + addTo(2.0, x) + addTo(y, 1.0);
}

// The same at the top level: x is overwritten and read afterwards.
#pragma frechet gradient
#pragma frechet forward
double overwrite(double x, double y) {
  double r = x * y;
  x = x * 3;
  y = y - x;
  return r * x + y * y;
}

// Recursion written with if / return: x^n by squaring.
double powRec(double x, int n) {
  if (n == 0)
    return 1;
  if (n % 2 == 0) {
    double h = powRec(x, n / 2);
    return h * h;
  }
  return x * powRec(x, n - 1);
}
// Mutual recursion (one function declared before).
double isOdd(double x, int n);
double isEven(double x, int n) {
  if (n == 0)
    return 1.0;
  return x * isOdd(x, n - 1);
}
double isOdd(double x, int n) {
  if (n == 0)
    return 0.0;
  return 2.0 * isEven(x, n - 1) + x;
}
#pragma frechet gradient
#pragma frechet forward
double recursive(double x, double y, int n) {
  return powRec(x, n) + isEven(y, n);
}
// CHECK-LABEL: inline void powRec_rev(double x, int n, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         powRec_rev(x, n - 1, d_t{{[0-9]+}}, d_x, _tape);
// CHECK:         powRec_rev(x, n / 2, d_t{{[0-9]+}}, d_x, _tape);
// CHECK-LABEL: inline void isOdd_rev(double x, int n, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         isEven_rev(x, n - 1, d_t{{[0-9]+}}, d_x, _tape);

// A helper in a namespace that calls another one unqualified, and an
// annotated function in the same namespace.
namespace geo {
double k(double w) { return w * 3.0 + 1; }
double area(double w, double h) { return w * h * k(w); }
#pragma frechet gradient
#pragma frechet forward
double useGeo(double w, double h) { return area(w, h) + k(h); }
} // namespace geo
// CHECK-LABEL: inline void area_rev(double w, double h, double d_ret, double &d_w, double &d_h, frechet::tape &_tape) {
// CHECK:         k_rev(w, d_t0, d_w, _tape);

// A function without a body: user rules for both modes (declared here,
// defined after main).
double mystery(double);
namespace frechet::rules {
void mystery_vjp(double x, double d_ret, double &d_x);
jvp_result<double> mystery_jvp(double x, double d_x);
} // namespace frechet::rules
#pragma frechet gradient
#pragma frechet forward
double useRule(double x, double y) {
  double s = 0;
  for (int i = 0; i < 3; ++i)
    s = s + mystery(x * y + s);
  return s * mystery(y);
}
// CHECK-LABEL: inline void useRule_rev(double x, double y, double d_ret, double &d_x, double &d_y, frechet::tape &_tape) {
// x and y are read in a loop: their adjoints are summed in locals, added to
// the caller's at the end.
// CHECK:         double d_x_1{};
// CHECK:         double d_y_1{};
// CHECK:         frechet::rules::mystery_vjp(y, s * d_ret, d_y_1);
// CHECK:           frechet::rules::mystery_vjp(x * y + s,
// CHECK:         d_x += d_x_1;
// CHECK-NEXT:    d_y += d_y_1;

// Checks a function of two doubles, with adjoints starting at 0.5 and -0.25.
template <class Grad, class Jvp, class F>
void check2(const char *what, double x, double y, Grad grad, Jvp jvp, F f) {
  double dx = 0.5, dy = -0.25;
  double v = grad(x, y, dx, dy);
  char buf[160];
  std::snprintf(buf, sizeof buf, "%s tape", what);
  rtest::check_tape_empty(buf);
  std::snprintf(buf, sizeof buf, "%s value", what);
  frechet::check_close(buf, v, f(x, y), 0);
  std::snprintf(buf, sizeof buf, "%s d/dx vs jvp", what);
  frechet::check_close(buf, dx, 0.5 + jvp(x, y, 1.0, 0.0), 1e-12);
  std::snprintf(buf, sizeof buf, "%s d/dy vs jvp", what);
  frechet::check_close(buf, dy, -0.25 + jvp(x, y, 0.0, 1.0), 1e-12);
  std::snprintf(buf, sizeof buf, "%s d/dx vs fd", what);
  frechet::check_close(
      buf, dx,
      0.5 + frechet::central_difference([&](double v) { return f(v, y); }, x),
      1e-6);
  std::snprintf(buf, sizeof buf, "%s d/dy vs fd", what);
  frechet::check_close(
      buf, dy,
      -0.25 + frechet::central_difference([&](double v) { return f(x, v); }, y),
      1e-6);
}

int main() {
  // inloop: x and w.
  {
    double x[4] = {0.3, -0.8, 1.2, 0.5}, w = 0.9, g[4] = {}, dw = 0;
    double v = inloop_grad(x, 4, w, g, dw);
    rtest::check_tape_empty("inloop tape");
    frechet::check_close("inloop value", v, inloop(x, 4, w), 0);
    rtest::check_array_gradient(
        "inloop d/dx", g, x, 4,
        [&](const double *e) { return inloop_jvp(x, 4, w, e, 0.0).tangent; },
        [&](double *a) { return inloop(a, 4, w); });
    double zero[4] = {};
    frechet::check_close("inloop d/dw vs jvp", dw,
                         inloop_jvp(x, 4, w, zero, 1.0).tangent, 1e-12);
    frechet::check_close(
        "inloop d/dw vs fd", dw,
        frechet::central_difference([&](double v) { return inloop(x, 4, v); },
                                    w),
        1e-6);
  }

  // outs: x and f.
  {
    double x[3] = {0.4, -1.1, 0.7}, f = 1.3, g[3] = {}, df = 0;
    double v = outs_grad(x, f, g, df);
    rtest::check_tape_empty("outs tape");
    frechet::check_close("outs value", v, outs(x, f), 0);
    rtest::check_array_gradient(
        "outs d/dx", g, x, 3,
        [&](const double *e) { return outs_jvp(x, f, e, 0.0).tangent; },
        [&](double *a) { return outs(a, f); });
    double zero[3] = {};
    frechet::check_close("outs d/df vs jvp", df,
                         outs_jvp(x, f, zero, 1.0).tangent, 1e-12);
    frechet::check_close(
        "outs d/df vs fd", df,
        frechet::central_difference([&](double v) { return outs(x, v); }, f),
        1e-6);
  }

  const double pts[][2] = {{0.7, -1.3}, {-0.45, 0.6}, {1.2, 0.35}};
  for (auto &p : pts) {
    check2(
        "useSplit", p[0], p[1],
        [](double x, double y, double &dx, double &dy) {
          return useSplit_grad(x, y, dx, dy);
        },
        [](double x, double y, double tx, double ty) {
          return useSplit_jvp(x, y, tx, ty).tangent;
        },
        [](double x, double y) { return useSplit(x, y); });
    check2(
        "byValue", p[0], p[1],
        [](double x, double y, double &dx, double &dy) {
          return byValue_grad(x, y, dx, dy);
        },
        [](double x, double y, double tx, double ty) {
          return byValue_jvp(x, y, tx, ty).tangent;
        },
        [](double x, double y) { return byValue(x, y); });
    check2(
        "overwrite", p[0], p[1],
        [](double x, double y, double &dx, double &dy) {
          return overwrite_grad(x, y, dx, dy);
        },
        [](double x, double y, double tx, double ty) {
          return overwrite_jvp(x, y, tx, ty).tangent;
        },
        [](double x, double y) { return overwrite(x, y); });
    check2(
        "useGeo", p[0], p[1],
        [](double x, double y, double &dx, double &dy) {
          return geo::useGeo_grad(x, y, dx, dy);
        },
        [](double x, double y, double tx, double ty) {
          return geo::useGeo_jvp(x, y, tx, ty).tangent;
        },
        [](double x, double y) { return geo::useGeo(x, y); });
    check2(
        "useRule", p[0], p[1],
        [](double x, double y, double &dx, double &dy) {
          return useRule_grad(x, y, dx, dy);
        },
        [](double x, double y, double tx, double ty) {
          return useRule_jvp(x, y, tx, ty).tangent;
        },
        [](double x, double y) { return useRule(x, y); });
    for (int n : {0, 1, 4, 7}) {
      char what[64];
      std::snprintf(what, sizeof what, "recursive n=%d", n);
      check2(
          what, p[0], p[1],
          [n](double x, double y, double &dx, double &dy) {
            return recursive_grad(x, y, n, dx, dy);
          },
          [n](double x, double y, double tx, double ty) {
            return recursive_jvp(x, y, n, tx, ty).tangent;
          },
          [n](double x, double y) { return recursive(x, y, n); });
    }
  }

  // Analytic checks.
  {
    // overwrite: r = xy, X = 3x, Y = y - 3x; f = 3x^2 y + (y - 3x)^2.
    double x = 0.7, y = -1.3, dx = 0, dy = 0;
    overwrite_grad(x, y, dx, dy);
    frechet::check_close("overwrite analytic d/dx", dx,
                         6 * x * y - 6 * (y - 3 * x), 1e-14);
    frechet::check_close("overwrite analytic d/dy", dy,
                         3 * x * x + 2 * (y - 3 * x), 1e-14);
    // addTo(a, b) = (b + a^2)^2 a; addTo(2, x) = 2 (x + 4)^2.
    double v = addTo(2.0, 0.6);
    frechet::check_close("addTo value", v, 2 * 4.6 * 4.6, 1e-14);
    double gx = 0, gy = 0;
    byValue_grad(0.6, 0.0, gx, gy); // addTo(0.6, 0) + addTo(2, 0.6) + addTo(0, 1)
    frechet::check_close("byValue analytic d/dx", gx,
                         5 * std::pow(0.6, 4) + 4 * 4.6, 1e-13);
    // recursive(n = 4) = x^4 + (5y^2 + 2y^3).
    double rx = 0, ry = 0;
    recursive_grad(x, y, 4, rx, ry);
    frechet::check_close("recursive analytic d/dx", rx, 4 * x * x * x, 1e-14);
    frechet::check_close("recursive analytic d/dy", ry,
                         10 * y + 6 * y * y, 1e-14);
  }
  return frechet::check_exit_code();
}
// EXEC: ok inloop d/dw vs fd
// EXEC: ok outs d/df vs fd
// EXEC: ok byValue d/dx vs jvp
// EXEC: ok overwrite d/dx vs jvp
// EXEC: ok useRule d/dy vs fd
// EXEC: ok recursive n=7 d/dy vs fd
// EXEC: ok overwrite analytic d/dx
// EXEC: ok byValue analytic d/dx
// EXEC: ok recursive analytic d/dy
// EXEC: 190 passed, 0 failed

double mystery(double x) { return std::sin(x) * x; }
namespace frechet::rules {
void mystery_vjp(double x, double d_ret, double &d_x) {
  d_x += d_ret * (std::cos(x) * x + std::sin(x));
}
jvp_result<double> mystery_jvp(double x, double d_x) {
  return {mystery(x), d_x * (std::cos(x) * x + std::sin(x))};
}
} // namespace frechet::rules
