// User-defined forward rules in namespace frechet::rules: for functions
// declared without a body (defined after main, as if in another translation
// unit), for a void function with reference outputs, and for a function with
// a body, where the rule wins over the body: relu's rule returns a smoothed
// derivative (the logistic function of x / 0.1) instead of the step, and the
// checks expect exactly that, also when relu is called from a helper that
// is itself differentiated.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>

// No body visible: only the rule makes it differentiable.
double mystery(double);
double scaled(double a, double b);
void polar(double r, double t, double &x, double &y);
namespace frechet::rules {
jvp_result<double> mystery_jvp(double x, double dx); // defined after main
inline jvp_result<double> scaled_jvp(double a, double b, double da,
                                     double db) {
  return {scaled(a, b), da * b + a * db};
}
inline void polar_jvp(double r, double t, double &x, double &y, double dr,
                      double dt, double &dx, double &dy) {
  polar(r, t, x, y);
  dx = dr * std::cos(t) - r * std::sin(t) * dt;
  dy = dr * std::sin(t) + r * std::cos(t) * dt;
}
} // namespace frechet::rules

// A body, and a rule that overrides it.
double relu(double x) { return x > 0 ? x : 0.0; }
namespace frechet::rules {
inline jvp_result<double> relu_jvp(double x, double dx) {
  return {relu(x), dx / (1 + std::exp(-x / 0.1))};
}
} // namespace frechet::rules

// A helper with a body that calls relu: differentiated, and uses the rule.
double layer(double x, double w) { return relu(w * x) * 2; }

#pragma frechet forward
double useRules(double x, double y) {
  return mystery(x * y) + relu(x - y) + scaled(x, 2.0) + relu(1.0);
}
// CHECK-LABEL: frechet::jvp_result<double> useRules_jvp(double x, double y, double d_x, double d_y) {
// CHECK-NEXT:    auto _t0 = frechet::rules::mystery_jvp(x * y, d_x * y + x * d_y);
// CHECK-NEXT:    auto _t1 = frechet::rules::relu_jvp(x - y, d_x - d_y);
// CHECK-NEXT:    auto _t2 = frechet::rules::scaled_jvp(x, 2.0, d_x, 0.0);
// CHECK-NEXT:    const double _t3 = relu(1.0);
// CHECK-NEXT:    return {_t0.value + _t1.value + _t2.value + _t3, _t0.tangent + _t1.tangent + _t2.tangent};
// CHECK-NEXT:  }
// CHECK-NOT:   relu_jvp(double

#pragma frechet forward
double usePolar(double r, double t) {
  double a, b;
  polar(r, t, a, b);
  return a * b + layer(r, t);
}
// CHECK-LABEL: frechet::jvp_result<double> usePolar_jvp(double r, double t, double d_r, double d_t) {
// CHECK:         frechet::rules::polar_jvp(r, t, a, b, d_r, d_t, d_a, d_b);
// CHECK-NEXT:    auto _t0 = layer_jvp(r, t, d_r, d_t);
// CHECK-NEXT:    return {a * b + _t0.value, d_a * b + a * d_b + _t0.tangent};
// CHECK-NEXT:  }
// CHECK-LABEL: inline frechet::jvp_result<double> layer_jvp(double x, double w, double d_x, double d_w) {
// CHECK-NEXT:    auto _t0 = frechet::rules::relu_jvp(w * x, d_w * x + w * d_x);
// CHECK-NEXT:    return {_t0.value * 2, _t0.tangent * 2};
// CHECK-NEXT:  }
// No derivative is generated from relu's body.
// CHECK-NOT:   relu_jvp(double

static double logistic(double z) { return 1 / (1 + std::exp(-z)); }

int main() {
  const double x = 0.8, y = 0.75; // x - y = 0.05: relu's step derivative is 1
  {
    // mystery(u) = u sin u with u = x y; relu(x - y) smoothed; scaled = 2x.
    double u = x * y, dmu = std::sin(u) + u * std::cos(u);
    double s = logistic((x - y) / 0.1);
    auto r = useRules_jvp(x, y, 1, 0);
    frechet::check_close("useRules value", r.value,
                         u * std::sin(u) + (x - y) + 2 * x + 1, 1e-15);
    frechet::check_close("useRules d/dx", r.tangent, dmu * y + s + 2, 1e-15);
    frechet::check_close("useRules d/dy", useRules_jvp(x, y, 0, 1).tangent,
                         dmu * x - s, 1e-15);
    // The smoothed rule is really used: the step would give 1.
    frechet::check_close("relu rule (not body)",
                         useRules_jvp(x, y, 1, 0).tangent - dmu * y - 2,
                         0.62245933120185459, 1e-15);
  }
  {
    // polar: a b = r^2 cos t sin t; layer = 2 relu(t r) (smoothed).
    const double r = 1.25, t = 0.5;
    double s = logistic(r * t / 0.1);
    auto v = usePolar_jvp(r, t, 1, 0);
    frechet::check_close("usePolar value", v.value,
                         r * r * std::cos(t) * std::sin(t) + 2 * r * t, 1e-15);
    frechet::check_close("usePolar d/dr", v.tangent,
                         2 * r * std::cos(t) * std::sin(t) + 2 * s * t, 1e-15);
    frechet::check_close("usePolar d/dt", usePolar_jvp(r, t, 0, 1).tangent,
                         r * r * std::cos(2 * t) + 2 * s * r, 1e-15);
  }
  return frechet::check_exit_code();
}
// EXEC: ok useRules value
// EXEC: ok useRules d/dx
// EXEC: ok useRules d/dy
// EXEC: ok relu rule (not body)
// EXEC: ok usePolar value
// EXEC: ok usePolar d/dr
// EXEC: ok usePolar d/dt
// EXEC: 7 passed, 0 failed

// "Another translation unit": definitions the derivative never saw.
double mystery(double x) { return x * std::sin(x); }
double scaled(double a, double b) { return a * b; }
void polar(double r, double t, double &x, double &y) {
  x = r * std::cos(t);
  y = r * std::sin(t);
}
namespace frechet::rules {
jvp_result<double> mystery_jvp(double x, double dx) {
  return {mystery(x), (std::sin(x) + x * std::cos(x)) * dx};
}
} // namespace frechet::rules
