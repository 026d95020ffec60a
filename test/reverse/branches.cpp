// Reverse mode through branches: if / else-if / else chains with overwrites
// inside the branches (the decision is taped at the end of the branch taken
// and popped to choose the reverse branch), nested ifs, ifs in loops, returns
// in both branches, ?: without calls (re-evaluated in the reverse sweep from
// restored values), nested ?:, and && / || in conditions. Every gradient is
// checked in every region against forward mode and central differences.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>

#include "Inputs/reverse_check.h"

#pragma frechet gradient
#pragma frechet forward
double piecewise(double x, double y) {
  double z;
  if (x < -1) {
    z = x * y;
    z = z * z;
  } else if (x < 0) {
    z = -x / y;
  } else if (x < 1) {
    z = x * x * y;
    if (y > 0.5)
      z *= y;
  } else {
    z = x + y;
    z = z * x;
  }
  return z;
}
// The decision is pushed at the end of the branch taken; an else-if chain
// is a nest of if/else. The first write of z saves nothing (nothing that
// the reverse sweep runs after its mirror reads z); the later ones are
// saved, conservatively also in the other branches.
// CHECK-LABEL: inline double piecewise_fwd(double x, double y, frechet::tape &_tape) {
// CHECK:         if (x < -1) {
// CHECK-NEXT:      z = x * y;
// CHECK-NEXT:      _tape.push(z);
// CHECK-NEXT:      z = z * z;
// CHECK-NEXT:      _tape.push(true);
// CHECK-NEXT:    } else {
// CHECK-NEXT:      if (x < 0) {
// CHECK:             if (y > 0.5) {
// CHECK-NEXT:          _tape.push(z);
// CHECK-NEXT:          z *= y;
// CHECK-NEXT:          _tape.push(true);
// CHECK-NEXT:        } else {
// CHECK-NEXT:          _tape.push(false);
// CHECK-NEXT:        }
// The reverse sweep pops the decisions instead of re-evaluating x < -1.
// CHECK-LABEL: inline void piecewise_rev(double x, double y, double d_ret, double &d_x, double &d_y, frechet::tape &_tape) {
// CHECK-NOT:     x < -1
// CHECK:         if (_tape.pop<bool>()) {
// CHECK-NEXT:      z = _tape.pop<double>();
// CHECK:         } else {
// CHECK-NEXT:      if (_tape.pop<bool>()) {
// CHECK-NOT:     x < -1
// CHECK:       }

// ?: without calls: the reverse sweep evaluates the same conditions again;
// z is restored first, so 'z > 1' sees the value it had.
#pragma frechet gradient
#pragma frechet forward
double tern(double x, double y) {
  double z = x > y ? x * y : x / y;
  z = (z > 1 ? z * z : -z) + (y < 0 ? y : 2 * y);
  double w = x < 0 ? (y < 0 ? x * y : x + y) : (y < 0 ? x - y : x / (1 + y * y));
  return z * w;
}
// CHECK-LABEL: inline void tern_rev(double x, double y, double d_ret, double &d_x, double &d_y, frechet::tape &_tape) {
// CHECK:         z = _tape.pop<double>();
// CHECK:         if (z > 1) {
// CHECK:         if (x > y) {

// && and || in conditions.
#pragma frechet gradient
#pragma frechet forward
double logic(double x, double y) {
  double r = x;
  if ((x > 0 && y > 0) || x < -1)
    r = r * y;
  else
    r = r + y * y;
  if (!(x > 2) && (y < 3 || x * y > 10))
    r = r * r;
  double c = (x > y) || (y > 2 && x > 0) ? r * x : r - x;
  return r + c;
}
// CHECK-LABEL: inline double logic_fwd(double x, double y, frechet::tape &_tape) {
// CHECK:         if ((x > 0 && y > 0) || x < -1) {
// CHECK:         if (!(x > 2) && (y < 3 || x * y > 10)) {

// An if in a loop (one decision per iteration) and && in the loop condition.
#pragma frechet gradient
#pragma frechet forward
double leaky(const double *x, int n, double w, double lim) {
  double s = 0;
  for (int i = 0; i < n && s < lim; ++i) {
    double a = x[i] * w;
    if (a > 0)
      s = s + a * a;
    else
      s = s * 0.5 + 0.1 * a;
  }
  return s;
}
// CHECK-LABEL: inline double leaky_fwd(const double *x, int n, double w, double lim, frechet::tape &_tape) {
// CHECK:         for (i = {{_s[_0-9]*}}; i < n && s < lim; ++i) {

// Returns in both branches of an if.
#pragma frechet gradient
#pragma frechet forward
double bothret(double x, double y) {
  double t = x * y;
  if (t > 1) {
    t = t * x;
    return t * t;
  } else {
    t = t - y;
    return -t * y;
  }
}
// CHECK-LABEL: inline void bothret_rev(double x, double y, double d_ret, double &d_x, double &d_y, frechet::tape &_tape) {
// CHECK:         const int [[E:_e[_0-9]*]] = _tape.pop<int>();

// An if without else that does nothing differentiable, and one that only
// changes an integer: the reverse sweep still pops its decision.
#pragma frechet gradient
#pragma frechet forward
double inactive(double x, int n) {
  int k = n;
  if (x > 0)
    k = k + 1;
  double r = x * k;
  if (k > 3)
    r = r * r;
  return r;
}

template <class Grad, class Jvp, class F>
void check2(const char *what, double x, double y, Grad grad, Jvp jvp, F f) {
  double dx = 0.5, dy = -0.25; // accumulated onto
  double v = grad(x, y, dx, dy);
  char buf[160];
  std::snprintf(buf, sizeof buf, "%s(%g, %g) tape", what, x, y);
  rtest::check_tape_empty(buf);
  std::snprintf(buf, sizeof buf, "%s(%g, %g) value", what, x, y);
  frechet::check_close(buf, v, f(x, y), 0);
  std::snprintf(buf, sizeof buf, "%s(%g, %g) d/dx vs jvp", what, x, y);
  frechet::check_close(buf, dx, 0.5 + jvp(x, y, 1.0, 0.0), 1e-12);
  std::snprintf(buf, sizeof buf, "%s(%g, %g) d/dy vs jvp", what, x, y);
  frechet::check_close(buf, dy, -0.25 + jvp(x, y, 0.0, 1.0), 1e-12);
  std::snprintf(buf, sizeof buf, "%s(%g, %g) d/dx vs fd", what, x, y);
  frechet::check_close(
      buf, dx,
      0.5 + frechet::central_difference([&](double v) { return f(v, y); }, x),
      1e-6);
  std::snprintf(buf, sizeof buf, "%s(%g, %g) d/dy vs fd", what, x, y);
  frechet::check_close(
      buf, dy,
      -0.25 + frechet::central_difference([&](double v) { return f(x, v); }, y),
      1e-6);
}

int main() {
  // Points in every region of each function (none on a boundary).
  const double pts[][2] = {{-1.7, 0.8},  {-0.4, 1.3}, {0.6, 0.3},
                           {0.6, 0.9},   {1.4, 0.7},  {-0.3, -0.6},
                           {2.5, -0.45}, {0.2, 2.6},  {3.1, 3.7},
                           {1.9, 0.35}};
  for (auto &p : pts) {
    check2(
        "piecewise", p[0], p[1],
        [](double x, double y, double &dx, double &dy) {
          return piecewise_grad(x, y, dx, dy);
        },
        [](double x, double y, double tx, double ty) {
          return piecewise_jvp(x, y, tx, ty).tangent;
        },
        [](double x, double y) { return piecewise(x, y); });
    check2(
        "tern", p[0], p[1],
        [](double x, double y, double &dx, double &dy) {
          return tern_grad(x, y, dx, dy);
        },
        [](double x, double y, double tx, double ty) {
          return tern_jvp(x, y, tx, ty).tangent;
        },
        [](double x, double y) { return tern(x, y); });
    check2(
        "logic", p[0], p[1],
        [](double x, double y, double &dx, double &dy) {
          return logic_grad(x, y, dx, dy);
        },
        [](double x, double y, double tx, double ty) {
          return logic_jvp(x, y, tx, ty).tangent;
        },
        [](double x, double y) { return logic(x, y); });
    check2(
        "bothret", p[0], p[1],
        [](double x, double y, double &dx, double &dy) {
          return bothret_grad(x, y, dx, dy);
        },
        [](double x, double y, double tx, double ty) {
          return bothret_jvp(x, y, tx, ty).tangent;
        },
        [](double x, double y) { return bothret(x, y); });
  }

  // Analytic spot checks of piecewise.
  {
    double dx = 0, dy = 0;
    piecewise_grad(-2.0, 3.0, dx, dy); // (xy)^2
    frechet::check_close("piecewise analytic d/dx", dx, 2 * 36.0 / -2.0, 1e-15);
    frechet::check_close("piecewise analytic d/dy", dy, 2 * 36.0 / 3.0, 1e-15);
    dx = dy = 0;
    piecewise_grad(0.5, 0.75, dx, dy); // x^2 y^2
    frechet::check_close("piecewise analytic 2 d/dx", dx, 2 * 0.5 * 0.5625,
                         1e-15);
    frechet::check_close("piecewise analytic 2 d/dy", dy, 2 * 0.75 * 0.25,
                         1e-15);
  }

  // leaky: with and without the && ending the loop early.
  {
    double x[6] = {0.5, -1.2, 0.8, -0.3, 1.5, 0.9};
    for (double lim : {0.5, 100.0}) {
      double w = 1.3, g[6] = {}, dw = 0, dl = 0;
      double v = leaky_grad(x, 6, w, lim, g, dw, dl);
      rtest::check_tape_empty("leaky tape");
      frechet::check_close("leaky value", v, leaky(x, 6, w, lim), 0);
      rtest::check_array_gradient(
          lim < 1 ? "leaky early" : "leaky", g, x, 6,
          [&](const double *e) {
            return leaky_jvp(x, 6, w, lim, e, 0.0, 0.0).tangent;
          },
          [&](double *a) { return leaky(a, 6, w, lim); });
      double zero[6] = {};
      frechet::check_close("leaky d/dw vs jvp", dw,
                           leaky_jvp(x, 6, w, lim, zero, 1.0, 0.0).tangent,
                           1e-12);
      frechet::check_close(
          "leaky d/dw vs fd", dw,
          frechet::central_difference(
              [&](double v) { return leaky(x, 6, v, lim); }, w),
          1e-6);
      frechet::check_close("leaky d/dlim", dl, 0, 0);
    }
  }

  // inactive: both decisions.
  for (double x : {-0.7, 0.7}) {
    for (int n : {1, 3}) {
      double dx = 0;
      double v = inactive_grad(x, n, dx);
      rtest::check_tape_empty("inactive tape");
      frechet::check_close("inactive value", v, inactive(x, n), 0);
      frechet::check_close("inactive vs jvp", dx,
                           inactive_jvp(x, n, 1.0).tangent, 1e-12);
      frechet::check_close(
          "inactive vs fd", dx,
          frechet::central_difference(
              [&](double v) { return inactive(v, n); }, x),
          1e-6);
    }
  }
  return frechet::check_exit_code();
}
// EXEC: ok piecewise(-1.7, 0.8) d/dx vs jvp
// EXEC: ok tern(-0.3, -0.6) d/dy vs fd
// EXEC: ok logic(3.1, 3.7) d/dx vs fd
// EXEC: ok bothret(1.9, 0.35) d/dy vs fd
// EXEC: ok piecewise analytic 2 d/dy
// EXEC: ok leaky early[5] vs jvp
// EXEC: ok inactive vs fd
// EXEC: 294 passed, 0 failed
