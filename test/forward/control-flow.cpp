// Control flow: if/else chains with && || ! and comparisons, for, while,
// do/while, break, continue, early returns from nested loops, ?: (nested,
// as an lvalue, and with calls in its branches, which must run only the
// branch taken: a recursive function written with ?: must terminate),
// switch with fallthrough and default, and ++/-- on doubles and ints.
// Checked against analytic derivatives and central differences at points
// away from the branches' switching points.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>

#pragma frechet forward
double piecewise(double x, double y) {
  double r;
  if (x < 0 && y < 0)
    r = x * y;
  else if (x < 1 || y > 2)
    r = x + y * y;
  else if (x == y)
    r = 0;
  else
    r = x * x * x;
  if (!(r >= 10))
    r *= 2;
  return r;
}
// CHECK-LABEL: frechet::jvp_result<double> piecewise_jvp(double x, double y, double d_x, double d_y) {
// CHECK-NEXT:    double r;
// CHECK-NEXT:    double d_r = 0.0;
// CHECK-NEXT:    if (x < 0 && y < 0) {
// CHECK-NEXT:      d_r = d_x * y + x * d_y;
// CHECK-NEXT:      r = x * y;
// CHECK-NEXT:    } else if (x < 1 || y > 2) {
// CHECK-NEXT:      d_r = d_x + (d_y * y + y * d_y);
// CHECK-NEXT:      r = x + y * y;
// CHECK-NEXT:    } else if (x == y) {
// CHECK-NEXT:      d_r = 0.0;
// CHECK-NEXT:      r = 0;
// CHECK-NEXT:    } else {
// CHECK-NEXT:      d_r = (d_x * x + x * d_x) * x + x * x * d_x;
// CHECK-NEXT:      r = x * x * x;
// CHECK-NEXT:    }
// CHECK-NEXT:    if (!(r >= 10)) {
// CHECK-NEXT:      d_r *= 2;
// CHECK-NEXT:      r *= 2;
// CHECK-NEXT:    }
// CHECK-NEXT:    return {r, d_r};
// CHECK-NEXT:  }

#pragma frechet forward
double loops(double x, int n) {
  double s = 0, p = 1;
  for (int i = 0; i < n; ++i) {
    if (i == 2)
      continue;
    if (i > 5)
      break;
    s += p;
    p *= x;
  }
  int k = 0;
  while (k < 3) {
    s = s * x + k;
    k++;
  }
  do {
    s -= x;
    --k;
  } while (k > 0);
  for (int i = 0; i < 2; i++)
    for (int j = 0; j <= i; j++)
      s += x * (i + j);
  return s;
}
// CHECK-LABEL: frechet::jvp_result<double> loops_jvp(double x, int n, double d_x) {
// CHECK:         for (int i = 0; i < n; ++i) {
// CHECK-NEXT:      if (i == 2) {
// CHECK-NEXT:        continue;
// CHECK-NEXT:      }
// CHECK-NEXT:      if (i > 5) {
// CHECK-NEXT:        break;
// CHECK-NEXT:      }
// CHECK-NEXT:      d_s += d_p;
// CHECK-NEXT:      s += p;
// CHECK-NEXT:      d_p = d_p * x + p * d_x;
// CHECK-NEXT:      p *= x;
// CHECK-NEXT:    }
// CHECK-NEXT:    int k = 0;
// CHECK-NEXT:    while (k < 3) {
// CHECK-NEXT:      d_s = d_s * x + s * d_x;
// CHECK-NEXT:      s = s * x + k;
// CHECK-NEXT:      k++;
// CHECK-NEXT:    }
// CHECK-NEXT:    do {
// CHECK-NEXT:      d_s -= d_x;
// CHECK-NEXT:      s -= x;
// CHECK-NEXT:      --k;
// CHECK-NEXT:    } while (k > 0);
// CHECK-NEXT:    for (int i = 0; i < 2; i++) {
// CHECK-NEXT:      for (int j = 0; j <= i; j++) {
// CHECK-NEXT:        d_s += d_x * (i + j);
// CHECK-NEXT:        s += x * (i + j);
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    return {s, d_s};
// CHECK-NEXT:  }

// Loops whose trip count depends on active values, and an active loop
// variable: its tangent is declared with it and stepped in the increment.
#pragma frechet forward
double growth(double x) {
  double s = 1;
  while (s < 10)
    s *= x;
  double acc = 0;
  for (double t = x; t < 20; t *= 2)
    acc += t;
  return s + acc;
}
// CHECK-LABEL: frechet::jvp_result<double> growth_jvp(double x, double d_x) {
// CHECK:         while (s < 10) {
// CHECK-NEXT:      d_s = d_s * x + s * d_x;
// CHECK-NEXT:      s *= x;
// CHECK-NEXT:    }
// CHECK:         {
// CHECK-NEXT:      double t = x;
// CHECK-NEXT:      double d_t = d_x;
// CHECK-NEXT:      for (; t < 20; d_t *= 2, t *= 2) {
// CHECK-NEXT:        d_acc += d_t;
// CHECK-NEXT:        acc += t;
// CHECK-NEXT:      }
// CHECK-NEXT:    }

// if and switch with init statements (an active one), for (;;) left by
// break, continue inside do/while, and a pointer to a local scalar.
#pragma frechet forward
double forms(double x, double y) {
  double r = 0;
  if (double t = x * y; t > 1)
    r = t;
  else
    r = -t;
  for (;;) {
    r *= x;
    if (r > 100 || r < -100)
      break;
  }
  int k = 0;
  do {
    ++k;
    if (k % 2)
      continue;
    r += y;
  } while (k < 4);
  switch (int m = k * 2; m) {
  case 8:
    r += x;
    break;
  default:
    break;
  }
  double *p = &r;
  *p += x;
  return r + x * y;
}
// CHECK-LABEL: frechet::jvp_result<double> forms_jvp(double x, double y, double d_x, double d_y) {
// CHECK-NEXT:    double r = 0;
// CHECK-NEXT:    double d_r = 0.0;
// CHECK-NEXT:    {
// CHECK-NEXT:      double t = x * y;
// CHECK-NEXT:      double d_t = d_x * y + x * d_y;
// CHECK-NEXT:      if (t > 1) {
// CHECK-NEXT:        d_r = d_t;
// CHECK-NEXT:        r = t;
// CHECK-NEXT:      } else {
// CHECK-NEXT:        d_r = -d_t;
// CHECK-NEXT:        r = -t;
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    for (;;) {
// CHECK:         do {
// CHECK-NEXT:      ++k;
// CHECK-NEXT:      if (k % 2) {
// CHECK-NEXT:        continue;
// CHECK-NEXT:      }
// CHECK-NEXT:      d_r += d_y;
// CHECK-NEXT:      r += y;
// CHECK-NEXT:    } while (k < 4);
// CHECK-NEXT:    {
// CHECK-NEXT:      int m = k * 2;
// CHECK-NEXT:      switch (m) {
// CHECK:         double *p = &r;
// CHECK-NEXT:    double *d_p = &d_r;
// CHECK-NEXT:    *d_p += d_x;
// CHECK-NEXT:    *p += x;

// Early returns from inside loops.
#pragma frechet forward
double firstAbove(const double *a, int n, double t) {
  for (int i = 0; i < n; ++i) {
    if (a[i] > t)
      return a[i] * t;
  }
  return -t;
}
// CHECK-LABEL: frechet::jvp_result<double> firstAbove_jvp(const double *a, int n, double t, const double *d_a, double d_t) {
// CHECK-NEXT:    for (int i = 0; i < n; ++i) {
// CHECK-NEXT:      if (a[i] > t) {
// CHECK-NEXT:        return {a[i] * t, d_a[i] * t + a[i] * d_t};
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    return {-t, -d_t};
// CHECK-NEXT:  }

#pragma frechet forward
double nestedReturn(const double *a, int n, double s) {
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (a[i] * a[j] > s)
        return std::sqrt(a[i] * a[j] - s);
  return 0;
}
// CHECK-LABEL: frechet::jvp_result<double> nestedReturn_jvp(const double *a, int n, double s, const double *d_a, double d_s) {
// CHECK:               return frechet::rules::sqrt_jvp(a[i] * a[j] - s, d_a[i] * a[j] + a[i] * d_a[j] - d_s);
// CHECK:         return {static_cast<double>(0), 0.0};

// ?: without statements in its branches stays a ?: (nested, too).
#pragma frechet forward
double sel(double x, double y) {
  double m = x > y ? x : y;
  double z = x < 0 ? -x : x * y;
  double b = x > y ? (y > 0 ? x * y : x) : -y;
  return m * z + b + (y != 0 ? 1 : y);
}
// CHECK-LABEL: frechet::jvp_result<double> sel_jvp(double x, double y, double d_x, double d_y) {
// CHECK-NEXT:    double m = x > y ? x : y;
// CHECK-NEXT:    double d_m = x > y ? d_x : d_y;
// CHECK-NEXT:    double z = x < 0 ? -x : x * y;
// CHECK-NEXT:    double d_z = x < 0 ? -d_x : d_x * y + x * d_y;
// CHECK-NEXT:    double b = x > y ? {{\(?}}y > 0 ? x * y : x{{\)?}} : -y;
// CHECK-NEXT:    double d_b = x > y ? {{\(?}}y > 0 ? d_x * y + x * d_y : d_x{{\)?}} : -d_y;
// CHECK-NEXT:    return {m * z + b + (y != 0 ? 1 : y), d_m * z + m * d_z + d_b + (y != 0 ? 0.0 : d_y)};
// CHECK-NEXT:  }

// ?: as the target of an assignment.
#pragma frechet forward
double lvalueCond(double x, double y) {
  double a = 0, b = 0;
  (x > y ? a : b) = x * y;
  return a - b;
}
// CHECK-LABEL: frechet::jvp_result<double> lvalueCond_jvp(double x, double y, double d_x, double d_y) {
// CHECK:         (x > y ? d_a : d_b) = d_x * y + x * d_y;
// CHECK-NEXT:    (x > y ? a : b) = x * y;
// CHECK-NEXT:    return {a - b, d_a - d_b};

// ?: with calls in its branches becomes if/else, so that only the branch
// taken runs: log(-x) is never evaluated for x > 0, sq is called once, and
// rpow terminates.
static int calls = 0;
double sq(double x) {
  ++calls;
  return x * x;
}

#pragma frechet forward
double pick(double x, double y) { return x > y ? sq(x) : sq(y) + x; }
// CHECK-LABEL: frechet::jvp_result<double> pick_jvp(double x, double y, double d_x, double d_y) {
// CHECK-NEXT:    double _t2;
// CHECK-NEXT:    double d_t2;
// CHECK-NEXT:    if (x > y) {
// CHECK-NEXT:      auto _t0 = sq_jvp(x, d_x);
// CHECK-NEXT:      _t2 = _t0.value;
// CHECK-NEXT:      d_t2 = _t0.tangent;
// CHECK-NEXT:    } else {
// CHECK-NEXT:      auto _t1 = sq_jvp(y, d_y);
// CHECK-NEXT:      _t2 = _t1.value + x;
// CHECK-NEXT:      d_t2 = _t1.tangent + d_x;
// CHECK-NEXT:    }
// CHECK-NEXT:    return {_t2, d_t2};
// CHECK-NEXT:  }
// CHECK-LABEL: inline frechet::jvp_result<double> sq_jvp(double x, double d_x) {
// CHECK-NEXT:    ++calls;
// CHECK-NEXT:    return {x * x, d_x * x + x * d_x};
// CHECK-NEXT:  }

#pragma frechet forward
double logAbs(double x) { return x > 0 ? std::log(x) : std::log(-x); }
// CHECK-LABEL: frechet::jvp_result<double> logAbs_jvp(double x, double d_x) {
// CHECK:         if (x > 0) {
// CHECK-NEXT:      auto _t0 = frechet::rules::log_jvp(x, d_x);
// CHECK:         } else {
// CHECK-NEXT:      auto _t1 = frechet::rules::log_jvp(-x, -d_x);

#pragma frechet forward
double rpow(double x, int n) { return n == 0 ? 1.0 : x * rpow(x, n - 1); }
// CHECK-LABEL: frechet::jvp_result<double> rpow_jvp(double x, int n, double d_x) {
// CHECK-NEXT:    double _t1;
// CHECK-NEXT:    double d_t1;
// CHECK-NEXT:    if (n == 0) {
// CHECK-NEXT:      _t1 = 1.0;
// CHECK-NEXT:      d_t1 = 0.0;
// CHECK-NEXT:    } else {
// CHECK-NEXT:      auto _t0 = rpow_jvp(x, n - 1, d_x);
// CHECK-NEXT:      _t1 = x * _t0.value;
// CHECK-NEXT:      d_t1 = d_x * _t0.value + x * _t0.tangent;
// CHECK-NEXT:    }
// CHECK-NEXT:    return {_t1, d_t1};
// CHECK-NEXT:  }

// An inactive call in a condition is left as it is (and short-circuits).
#pragma frechet forward
double shortCircuit(double x, double y) {
  if (x > 1 || sq(y) > 4)
    return x && y ? x * y : x;
  return y;
}
// CHECK-LABEL: frechet::jvp_result<double> shortCircuit_jvp(double x, double y, double d_x, double d_y) {
// CHECK-NEXT:    if (x > 1 || sq(y) > 4) {
// CHECK-NEXT:      return {x && y ? x * y : x, x && y ? d_x * y + x * d_y : d_x};
// CHECK-NEXT:    }
// CHECK-NEXT:    return {y, d_y};
// CHECK-NEXT:  }

#pragma frechet forward
double sw(double x, int mode) {
  double r = 1;
  switch (mode) {
  case 0:
    r *= x;
    [[fallthrough]];
  case 1:
    r += x * x;
    break;
  case 2: {
    double t = x * 3;
    r = t;
    break;
  }
  default:
    r = -x;
  }
  return r;
}
// CHECK-LABEL: frechet::jvp_result<double> sw_jvp(double x, int mode, double d_x) {
// CHECK:         switch (mode) {
// CHECK-NEXT:    case 0:
// CHECK-NEXT:      d_r = d_r * x + r * d_x;
// CHECK-NEXT:      r *= x;
// CHECK:         case 1:
// CHECK-NEXT:      d_r += d_x * x + x * d_x;
// CHECK-NEXT:      r += x * x;
// CHECK-NEXT:      break;
// CHECK-NEXT:    case 2:
// CHECK:             double t = x * 3;
// CHECK-NEXT:        double d_t = d_x * 3;
// CHECK-NEXT:        d_r = d_t;
// CHECK-NEXT:        r = t;
// CHECK-NEXT:        break;
// CHECK:         default:
// CHECK-NEXT:      d_r = -d_x;
// CHECK-NEXT:      r = -x;
// CHECK-NEXT:    }
// CHECK-NEXT:    return {r, d_r};

// ++ and -- on doubles leave the tangent alone.
#pragma frechet forward
double incdec(double x, double y) {
  double a = x;
  a++;
  ++a;
  a--;
  double b = y;
  --b;
  int i = 0;
  i++;
  ++i;
  return a * b + i;
}
// CHECK-LABEL: frechet::jvp_result<double> incdec_jvp(double x, double y, double d_x, double d_y) {
// CHECK-NEXT:    double a = x;
// CHECK-NEXT:    double d_a = d_x;
// CHECK-NEXT:    a++;
// CHECK-NEXT:    ++a;
// CHECK-NEXT:    a--;
// CHECK-NEXT:    double b = y;
// CHECK-NEXT:    double d_b = d_y;
// CHECK-NEXT:    --b;
// CHECK-NEXT:    int i = 0;
// CHECK-NEXT:    i++;
// CHECK-NEXT:    ++i;
// CHECK-NEXT:    return {a * b + i, d_a * b + a * d_b};
// CHECK-NEXT:  }

int main() {
  // Analytic derivatives; central differences use h = 1e-6 with tolerance
  // 1e-7 (relative), at points at least 0.1 away from every branch switch.
  struct {
    const char *dx, *dy;
    double x, y, wantdx, wantdy;
  } pw[] = {
      {"piecewise(-1,-2) d/dx", "piecewise(-1,-2) d/dy", -1, -2, -4, -2},
      {"piecewise(0.5,3) d/dx", "piecewise(0.5,3) d/dy", 0.5, 3, 2, 12},
      {"piecewise(2,2) d/dx", "piecewise(2,2) d/dy", 2, 2, 0, 0},
      {"piecewise(3,1) d/dx", "piecewise(3,1) d/dy", 3, 1, 27, 0},
      {"piecewise(1.5,1) d/dx", "piecewise(1.5,1) d/dy", 1.5, 1, 13.5, 0},
  };
  for (auto &c : pw) {
    frechet::check_close(c.dx, piecewise_jvp(c.x, c.y, 1, 0).tangent, c.wantdx,
                         1e-15);
    frechet::check_close(c.dy, piecewise_jvp(c.x, c.y, 0, 1).tangent, c.wantdy,
                         1e-15);
  }

  const char *loopNames[3] = {"loops n=0", "loops n=4", "loops n=9"};
  const int ns[3] = {0, 4, 9};
  for (int k = 0; k < 3; ++k) {
    int n = ns[k];
    auto f = [&](double t) { return loops(t, n); };
    frechet::check_close(loopNames[k], loops_jvp(1.1, n, 1.0).tangent,
                         frechet::central_difference(f, 1.1, 1e-6), 1e-7);
  }
  // n = 0: the while loop gives s = (0 x + 1) x + 2, the do loop runs three
  // times (k = 3 -> 0) and subtracts 3x, the nested loops add x (0 + 1 + 2):
  // s = x + 2.
  frechet::check_close("loops n=0 value", loops_jvp(1.1, 0, 1.0).value,
                       1.1 + 2, 1e-15);
  frechet::check_close("loops n=0 exact", loops_jvp(1.1, 0, 1.0).tangent, 1.0,
                       1e-15);

  // growth(1.7): s = x^5, acc = x (1 + 2 + 4 + 8).
  {
    auto r = growth_jvp(1.7, 1.0);
    frechet::check_close("growth value", r.value, std::pow(1.7, 5) + 15 * 1.7,
                         1e-14);
    frechet::check_close("growth d/dx", r.tangent, 5 * std::pow(1.7, 4) + 15,
                         1e-14);
  }

  // forms(1.5, 0.8): t = 1.2 > 1, eleven multiplications by x pass 100,
  // then + 2y + x + x: value x^12 y + 2y + 2x + xy.
  {
    const double x = 1.5, y = 0.8;
    auto r = forms_jvp(x, y, 1, 0);
    frechet::check_close("forms value", r.value,
                         std::pow(x, 12) * y + 2 * y + 2 * x + x * y, 1e-14);
    frechet::check_close("forms d/dx", r.tangent,
                         12 * std::pow(x, 11) * y + 2 + y, 1e-14);
    frechet::check_close("forms d/dy", forms_jvp(x, y, 0, 1).tangent,
                         std::pow(x, 12) + 2 + x, 1e-14);
  }
  {
    const double a[3] = {0.5, 2.0, 3.0}, da[3] = {0.25, -0.5, 4.0};
    auto r = firstAbove_jvp(a, 3, 1.25, da, 0.75);
    frechet::check_close("firstAbove value", r.value, 2.0 * 1.25, 0.0);
    frechet::check_close("firstAbove tangent", r.tangent, -0.5 * 1.25 + 2 * 0.75,
                         1e-15);
    frechet::check_close("firstAbove none", firstAbove_jvp(a, 3, 5, da, 0.75).tangent,
                         -0.75, 0.0);
  }
  {
    const double a[3] = {0.5, 1.5, 2.0}, da[3] = {0.3, -0.2, 0.1};
    const double s = 1.1, ds = 0.4;
    // Returns sqrt(a1 a1 - s).
    double want = (2 * a[1] * da[1] - ds) / (2 * std::sqrt(a[1] * a[1] - s));
    frechet::check_close("nestedReturn tangent",
                         nestedReturn_jvp(a, 3, s, da, ds).tangent, want, 1e-15);
    frechet::check_close("nestedReturn none",
                         nestedReturn_jvp(a, 3, 10, da, ds).tangent, 0.0, 0.0);
  }

  const double pts[4][2] = {{1.5, 0.5}, {1.5, -0.5}, {-0.5, 2}, {-2, -1}};
  const char *selNames[4] = {"sel(1.5,0.5)", "sel(1.5,-0.5)", "sel(-0.5,2)",
                             "sel(-2,-1)"};
  for (int k = 0; k < 4; ++k) {
    double x = pts[k][0], y = pts[k][1];
    auto f = [&](double t) { return sel(x + 0.3 * t, y - 0.7 * t); };
    frechet::check_close(selNames[k], sel_jvp(x, y, 0.3, -0.7).tangent,
                         frechet::central_difference(f, 0.0, 1e-6), 1e-7);
  }

  // lvalueCond = x y if x > y, else -x y.
  {
    auto r = lvalueCond_jvp(3.0, 2.0, 1.0, 0.0);
    frechet::check_close("lvalueCond x>y value", r.value, 6.0, 0.0);
    frechet::check_close("lvalueCond x>y d/dx", r.tangent, 2.0, 0.0);
    auto s = lvalueCond_jvp(2.0, 3.0, 0.0, 1.0);
    frechet::check_close("lvalueCond x<y value", s.value, -6.0, 0.0);
    frechet::check_close("lvalueCond x<y d/dy", s.tangent, -2.0, 0.0);
  }

  {
    calls = 0;
    auto r = pick_jvp(3.0, 2.0, 1.0, 0.5);
    frechet::check_close("pick x>y tangent", r.tangent, 6.0, 0.0);
    frechet::check_close("pick x>y one call", calls, 1, 0.0);
    calls = 0;
    auto s = pick_jvp(2.0, 3.0, 1.0, 0.5);
    frechet::check_close("pick x<y tangent", s.tangent, 2 * 3.0 * 0.5 + 1.0, 0.0);
    frechet::check_close("pick x<y one call", calls, 1, 0.0);
  }
  frechet::check_close("logAbs(2)", logAbs_jvp(2.0, 1.0).tangent, 0.5, 1e-15);
  frechet::check_close("logAbs(-4)", logAbs_jvp(-4.0, 1.0).tangent, -0.25,
                       1e-15);
  {
    auto r = rpow_jvp(1.3, 5, 1.0);
    frechet::check_close("rpow value", r.value, std::pow(1.3, 5), 1e-15);
    frechet::check_close("rpow d/dx", r.tangent, 5 * std::pow(1.3, 4), 1e-15);
  }
  frechet::check_close("shortCircuit x>1", shortCircuit_jvp(2, 3, 1, 0).tangent,
                       3.0, 0.0);
  frechet::check_close("shortCircuit y*y>4",
                       shortCircuit_jvp(0.5, 3, 0, 1).tangent, 0.5, 0.0);
  frechet::check_close("shortCircuit neither",
                       shortCircuit_jvp(0.5, 1, 0, 1).tangent, 1.0, 0.0);

  {
    const double x = 0.75;
    frechet::check_close("sw case 0 (fallthrough)", sw_jvp(x, 0, 1).tangent,
                         1 + 2 * x, 1e-15);
    frechet::check_close("sw case 1", sw_jvp(x, 1, 1).tangent, 2 * x, 1e-15);
    frechet::check_close("sw case 2", sw_jvp(x, 2, 1).tangent, 3.0, 1e-15);
    frechet::check_close("sw default", sw_jvp(x, 7, 1).tangent, -1.0, 1e-15);
    frechet::check_close("sw case 0 value", sw_jvp(x, 0, 1).value, x + x * x,
                         1e-15);
  }
  {
    // (x + 1)(y - 1) + 2
    auto r = incdec_jvp(0.5, 4.0, 1.0, 0.0);
    frechet::check_close("incdec value", r.value, 1.5 * 3.0 + 2, 0.0);
    frechet::check_close("incdec d/dx", r.tangent, 3.0, 0.0);
    frechet::check_close("incdec d/dy", incdec_jvp(0.5, 4.0, 0.0, 1.0).tangent,
                         1.5, 0.0);
  }
  return frechet::check_exit_code();
}
// EXEC: ok piecewise(-1,-2) d/dx
// EXEC: ok piecewise(-1,-2) d/dy
// EXEC: ok piecewise(0.5,3) d/dx
// EXEC: ok piecewise(0.5,3) d/dy
// EXEC: ok piecewise(2,2) d/dx
// EXEC: ok piecewise(2,2) d/dy
// EXEC: ok piecewise(3,1) d/dx
// EXEC: ok piecewise(3,1) d/dy
// EXEC: ok piecewise(1.5,1) d/dx
// EXEC: ok piecewise(1.5,1) d/dy
// EXEC: ok loops n=0
// EXEC: ok loops n=4
// EXEC: ok loops n=9
// EXEC: ok loops n=0 value
// EXEC: ok loops n=0 exact
// EXEC: ok growth value
// EXEC: ok growth d/dx
// EXEC: ok forms value
// EXEC: ok forms d/dx
// EXEC: ok forms d/dy
// EXEC: ok firstAbove value
// EXEC: ok firstAbove tangent
// EXEC: ok firstAbove none
// EXEC: ok nestedReturn tangent
// EXEC: ok nestedReturn none
// EXEC: ok sel(1.5,0.5)
// EXEC: ok sel(1.5,-0.5)
// EXEC: ok sel(-0.5,2)
// EXEC: ok sel(-2,-1)
// EXEC: ok lvalueCond x>y value
// EXEC: ok lvalueCond x>y d/dx
// EXEC: ok lvalueCond x<y value
// EXEC: ok lvalueCond x<y d/dy
// EXEC: ok pick x>y tangent
// EXEC: ok pick x>y one call
// EXEC: ok pick x<y tangent
// EXEC: ok pick x<y one call
// EXEC: ok logAbs(2)
// EXEC: ok logAbs(-4)
// EXEC: ok rpow value
// EXEC: ok rpow d/dx
// EXEC: ok shortCircuit x>1
// EXEC: ok shortCircuit y*y>4
// EXEC: ok shortCircuit neither
// EXEC: ok sw case 0 (fallthrough)
// EXEC: ok sw case 1
// EXEC: ok sw case 2
// EXEC: ok sw default
// EXEC: ok sw case 0 value
// EXEC: ok incdec value
// EXEC: ok incdec d/dx
// EXEC: ok incdec d/dy
// EXEC: 52 passed, 0 failed
