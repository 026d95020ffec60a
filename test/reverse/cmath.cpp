// Every <cmath> function that has a reverse rule, called as std::f and as
// the unqualified f, through reverse mode: each call becomes
// frechet::rules::f_vjp(args..., cotangent, adjoints...) in the reverse
// sweep, except exp, sqrt and tanh, whose value gives their derivative: it
// is computed once into a temporary (lib/ReverseHeldScalars.cpp). Each gradient is checked against the forward mode of the same
// function (relative 1e-12) and central differences (1e-6) at two points
// inside each domain (away from fmin/fmax ties and from the jumps of
// floor/ceil/round/trunc, whose derivative is 0), with adjoints that start
// nonzero; the tape must be empty after each call. Also: std::min/std::max,
// fma, pow/atan2/hypot/fmin/fmax with one integer argument, float and long
// double, and a call whose argument is an overwritten variable.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <algorithm>
#include <cmath>

#include "Inputs/reverse_check.h"

// One argument: f(x) = 2 std::g(x) g(x / 2) + std::g(x), so that each call's
// cotangent depends on the other call's value.
#pragma frechet gradient
#pragma frechet forward
double f_sin(double x) { return 2 * std::sin(x) * sin(0.5 * x) + std::sin(x); }
// CHECK-LABEL: inline void f_sin_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::sin_vjp(x,
// CHECK:         frechet::rules::sin_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_cos(double x) { return 2 * std::cos(x) * cos(0.5 * x) + std::cos(x); }
// CHECK-LABEL: inline void f_cos_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::cos_vjp(x,
// CHECK:         frechet::rules::cos_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_tan(double x) { return 2 * std::tan(x) * tan(0.5 * x) + std::tan(x); }
// CHECK-LABEL: inline void f_tan_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::tan_vjp(x,
// CHECK:         frechet::rules::tan_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_asin(double x) { return 2 * std::asin(x) * asin(0.5 * x) + std::asin(x); }
// CHECK-LABEL: inline void f_asin_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::asin_vjp(x,
// CHECK:         frechet::rules::asin_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_acos(double x) { return 2 * std::acos(x) * acos(0.5 * x) + std::acos(x); }
// CHECK-LABEL: inline void f_acos_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::acos_vjp(x,
// CHECK:         frechet::rules::acos_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_atan(double x) { return 2 * std::atan(x) * atan(0.5 * x) + std::atan(x); }
// CHECK-LABEL: inline void f_atan_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::atan_vjp(x,
// CHECK:         frechet::rules::atan_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_sinh(double x) { return 2 * std::sinh(x) * sinh(0.5 * x) + std::sinh(x); }
// CHECK-LABEL: inline void f_sinh_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::sinh_vjp(x,
// CHECK:         frechet::rules::sinh_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_cosh(double x) { return 2 * std::cosh(x) * cosh(0.5 * x) + std::cosh(x); }
// CHECK-LABEL: inline void f_cosh_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::cosh_vjp(x,
// CHECK:         frechet::rules::cosh_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_tanh(double x) { return 2 * std::tanh(x) * tanh(0.5 * x) + std::tanh(x); }
// CHECK-LABEL: inline void f_tanh_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         const double [[Vtanh:_v[_0-9]*]] = std::tanh(x);
// CHECK:         const double [[Vtanh2:_v[_0-9]*]] = tanh(0.5 * x);
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_asinh(double x) { return 2 * std::asinh(x) * asinh(0.5 * x) + std::asinh(x); }
// CHECK-LABEL: inline void f_asinh_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::asinh_vjp(x,
// CHECK:         frechet::rules::asinh_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_acosh(double x) { return 2 * std::acosh(x) * acosh(0.5 * x) + std::acosh(x); }
// CHECK-LABEL: inline void f_acosh_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::acosh_vjp(x,
// CHECK:         frechet::rules::acosh_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_atanh(double x) { return 2 * std::atanh(x) * atanh(0.5 * x) + std::atanh(x); }
// CHECK-LABEL: inline void f_atanh_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::atanh_vjp(x,
// CHECK:         frechet::rules::atanh_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_exp(double x) { return 2 * std::exp(x) * exp(0.5 * x) + std::exp(x); }
// CHECK-LABEL: inline void f_exp_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         const double [[Vexp:_v[_0-9]*]] = std::exp(x);
// CHECK:         const double [[Vexp2:_v[_0-9]*]] = exp(0.5 * x);
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_exp2(double x) { return 2 * std::exp2(x) * exp2(0.5 * x) + std::exp2(x); }
// CHECK-LABEL: inline void f_exp2_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::exp2_vjp(x,
// CHECK:         frechet::rules::exp2_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_expm1(double x) { return 2 * std::expm1(x) * expm1(0.5 * x) + std::expm1(x); }
// CHECK-LABEL: inline void f_expm1_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::expm1_vjp(x,
// CHECK:         frechet::rules::expm1_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_log(double x) { return 2 * std::log(x) * log(0.5 * x) + std::log(x); }
// CHECK-LABEL: inline void f_log_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::log_vjp(x,
// CHECK:         frechet::rules::log_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_log2(double x) { return 2 * std::log2(x) * log2(0.5 * x) + std::log2(x); }
// CHECK-LABEL: inline void f_log2_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::log2_vjp(x,
// CHECK:         frechet::rules::log2_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_log10(double x) { return 2 * std::log10(x) * log10(0.5 * x) + std::log10(x); }
// CHECK-LABEL: inline void f_log10_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::log10_vjp(x,
// CHECK:         frechet::rules::log10_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_log1p(double x) { return 2 * std::log1p(x) * log1p(0.5 * x) + std::log1p(x); }
// CHECK-LABEL: inline void f_log1p_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::log1p_vjp(x,
// CHECK:         frechet::rules::log1p_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_sqrt(double x) { return 2 * std::sqrt(x) * sqrt(0.5 * x) + std::sqrt(x); }
// CHECK-LABEL: inline void f_sqrt_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         const double [[Vsqrt:_v[_0-9]*]] = std::sqrt(x);
// CHECK:         const double [[Vsqrt2:_v[_0-9]*]] = sqrt(0.5 * x);
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_cbrt(double x) { return 2 * std::cbrt(x) * cbrt(0.5 * x) + std::cbrt(x); }
// CHECK-LABEL: inline void f_cbrt_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::cbrt_vjp(x,
// CHECK:         frechet::rules::cbrt_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_erf(double x) { return 2 * std::erf(x) * erf(0.5 * x) + std::erf(x); }
// CHECK-LABEL: inline void f_erf_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::erf_vjp(x,
// CHECK:         frechet::rules::erf_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_erfc(double x) { return 2 * std::erfc(x) * erfc(0.5 * x) + std::erfc(x); }
// CHECK-LABEL: inline void f_erfc_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::erfc_vjp(x,
// CHECK:         frechet::rules::erfc_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_fabs(double x) { return 2 * std::fabs(x) * fabs(0.5 * x) + std::fabs(x); }
// CHECK-LABEL: inline void f_fabs_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::fabs_vjp(x,
// CHECK:         frechet::rules::fabs_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_abs(double x) { return 2 * std::abs(x) * std::abs(0.5 * x) + std::abs(x); }
// CHECK-LABEL: inline void f_abs_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::abs_vjp(x,
// CHECK:         frechet::rules::abs_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_floor(double x) { return 2 * std::floor(x) * floor(0.5 * x) + std::floor(x); }
// CHECK-LABEL: inline void f_floor_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::floor_vjp(x,
// CHECK:         frechet::rules::floor_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_ceil(double x) { return 2 * std::ceil(x) * ceil(0.5 * x) + std::ceil(x); }
// CHECK-LABEL: inline void f_ceil_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::ceil_vjp(x,
// CHECK:         frechet::rules::ceil_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_round(double x) { return 2 * std::round(x) * round(0.5 * x) + std::round(x); }
// CHECK-LABEL: inline void f_round_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::round_vjp(x,
// CHECK:         frechet::rules::round_vjp(0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_trunc(double x) { return 2 * std::trunc(x) * trunc(0.5 * x) + std::trunc(x); }
// CHECK-LABEL: inline void f_trunc_rev(double x, double d_ret, double &d_x, frechet::tape &_tape) {
// CHECK:         frechet::rules::trunc_vjp(x,
// CHECK:         frechet::rules::trunc_vjp(0.5 * x,
// CHECK:       }
// Two arguments: f(x, y) = 2 std::g(x, y) g(y, x / 2) + std::g(x, y).
#pragma frechet gradient
#pragma frechet forward
double f_atan2(double x, double y) {
  return 2 * std::atan2(x, y) * atan2(y, 0.5 * x) + std::atan2(x, y);
}
// CHECK-LABEL: inline void f_atan2_rev(double x, double y, double d_ret, double &d_x, double &d_y, frechet::tape &_tape) {
// CHECK:         frechet::rules::atan2_vjp(y, 0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_pow(double x, double y) {
  return 2 * std::pow(x, y) * pow(y, 0.5 * x) + std::pow(x, y);
}
// CHECK-LABEL: inline void f_pow_rev(double x, double y, double d_ret, double &d_x, double &d_y, frechet::tape &_tape) {
// CHECK:         frechet::rules::pow_vjp(y, 0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_hypot(double x, double y) {
  return 2 * std::hypot(x, y) * hypot(y, 0.5 * x) + std::hypot(x, y);
}
// CHECK-LABEL: inline void f_hypot_rev(double x, double y, double d_ret, double &d_x, double &d_y, frechet::tape &_tape) {
// CHECK:         frechet::rules::hypot_vjp(y, 0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_fmin(double x, double y) {
  return 2 * std::fmin(x, y) * fmin(y, 0.5 * x) + std::fmin(x, y);
}
// CHECK-LABEL: inline void f_fmin_rev(double x, double y, double d_ret, double &d_x, double &d_y, frechet::tape &_tape) {
// CHECK:         frechet::rules::fmin_vjp(y, 0.5 * x,
// CHECK:       }
#pragma frechet gradient
#pragma frechet forward
double f_fmax(double x, double y) {
  return 2 * std::fmax(x, y) * fmax(y, 0.5 * x) + std::fmax(x, y);
}
// CHECK-LABEL: inline void f_fmax_rev(double x, double y, double d_ret, double &d_x, double &d_y, frechet::tape &_tape) {
// CHECK:         frechet::rules::fmax_vjp(y, 0.5 * x,
// CHECK:       }
// std::min and std::max (by reference in <algorithm>, still a rule).
#pragma frechet gradient
#pragma frechet forward
double f_minmax(double x, double y) {
  return std::min(x, y) * std::max(x * x, y) + std::max(y, 0.5 * x);
}
// CHECK-LABEL: inline void f_minmax_rev(double x, double y, double d_ret, double &d_x, double &d_y, frechet::tape &_tape) {
// CHECK:         frechet::rules::min_vjp(x, y,
// CHECK:       }

// fma, three arguments.
#pragma frechet gradient
#pragma frechet forward
double f_fma(double x, double y, double z) {
  return 2 * std::fma(x, y, z) * fma(z, x, 0.5 * y);
}
// CHECK-LABEL: inline void f_fma_rev(double x, double y, double z, double d_ret, double &d_x, double &d_y, double &d_z, frechet::tape &_tape) {
// CHECK:         frechet::rules::fma_vjp(x, y, z,

// One integer argument: the rule takes one adjoint.
#pragma frechet gradient
#pragma frechet forward
double f_intarg(double x, double y) {
  return std::pow(x, 3) + std::pow(2, y) + std::pow(x, -2) * std::atan2(x, 2) +
         std::hypot(3, y) * std::fmin(x, 1) + std::fmax(2, y) + std::atan2(1, y);
}
// CHECK-LABEL: inline void f_intarg_rev(double x, double y, double d_ret, double &d_x, double &d_y, frechet::tape &_tape) {
// CHECK-DAG:     frechet::rules::pow_vjp(x, 3, d_ret, d_x);
// CHECK-DAG:     frechet::rules::pow_vjp(2, y, d_ret, d_y);
// CHECK:       }

// float and long double.
#pragma frechet gradient
#pragma frechet forward
float f_float(float x) {
  return std::sin(x) * std::exp(x) + std::min(x, 1.0f) + std::sqrt(x) * std::log(x);
}
// CHECK-LABEL: inline void f_float_rev(float x, float d_ret, float &d_x, frechet::tape &_tape) {

#pragma frechet gradient
#pragma frechet forward
long double f_long(long double x) {
  return std::sin(x) * std::exp(x) + std::max(x, 1.0L) + std::floor(x) + std::pow(x, 2.5L);
}
// CHECK-LABEL: inline void f_long_rev(long double x, long double d_ret, long double &d_x, frechet::tape &_tape) {

// Calls whose argument is overwritten afterwards: the argument is restored
// before the call's adjoint is computed.
#pragma frechet gradient
#pragma frechet forward
double f_chain(double x) {
  double y = std::sin(x);
  y = std::exp(y) * std::cos(y);
  y = std::log(y * y + 1) + std::tanh(y);
  return std::sqrt(y * y + x);
}
// CHECK-LABEL: inline double f_chain_fwd(double x, frechet::tape &_tape) {
// CHECK:         _tape.push(y);
// CHECK-NEXT:    y = std::exp(y) * std::cos(y);
// CHECK-NEXT:    _tape.push(y);
// CHECK-NEXT:    y = std::log(y * y + 1) + std::tanh(y);

int Points = 0;

template <class Grad, class Jvp, class F>
void check1(const char *what, double x, Grad grad, Jvp jvp, F f) {
  char buf[160];
  double dx = 0.375;
  double v = grad(x, dx);
  std::snprintf(buf, sizeof buf, "%s(%g) tape", what, x);
  rtest::check_tape_empty(buf);
  std::snprintf(buf, sizeof buf, "%s(%g) value", what, x);
  frechet::check_close(buf, v, f(x), 0);
  std::snprintf(buf, sizeof buf, "%s(%g) vs jvp", what, x);
  frechet::check_close(buf, dx, 0.375 + jvp(x), 1e-12);
  std::snprintf(buf, sizeof buf, "%s(%g) vs fd", what, x);
  frechet::check_close(buf, dx, 0.375 + frechet::central_difference(f, x),
                       1e-6);
}

template <class Grad, class Jvp, class F>
void check2(const char *what, double x, double y, Grad grad, Jvp jvp, F f) {
  char buf[160];
  double dx = 0.375, dy = -0.625;
  double v = grad(x, y, dx, dy);
  std::snprintf(buf, sizeof buf, "%s(%g, %g) tape", what, x, y);
  rtest::check_tape_empty(buf);
  std::snprintf(buf, sizeof buf, "%s(%g, %g) value", what, x, y);
  frechet::check_close(buf, v, f(x, y), 0);
  std::snprintf(buf, sizeof buf, "%s(%g, %g) d/dx vs jvp", what, x, y);
  frechet::check_close(buf, dx, 0.375 + jvp(x, y, 1.0, 0.0), 1e-12);
  std::snprintf(buf, sizeof buf, "%s(%g, %g) d/dy vs jvp", what, x, y);
  frechet::check_close(buf, dy, -0.625 + jvp(x, y, 0.0, 1.0), 1e-12);
  std::snprintf(buf, sizeof buf, "%s(%g, %g) d/dx vs fd", what, x, y);
  frechet::check_close(
      buf, dx,
      0.375 + frechet::central_difference([&](double v) { return f(v, y); }, x),
      1e-6);
  std::snprintf(buf, sizeof buf, "%s(%g, %g) d/dy vs fd", what, x, y);
  frechet::check_close(
      buf, dy,
      -0.625 + frechet::central_difference([&](double v) { return f(x, v); }, y),
      1e-6);
}

#define CHECK1(g, x)                                                           \
  check1(                                                                      \
      #g, x, [](double v, double &d) { return f_##g##_grad(v, d); },           \
      [](double v) { return f_##g##_jvp(v, 1.0).tangent; },                   \
      [](double v) { return f_##g(v); })
#define CHECK2(g, x, y)                                                        \
  check2(                                                                      \
      #g, x, y,                                                                \
      [](double a, double b, double &da, double &db) {                         \
        return f_##g##_grad(a, b, da, db);                                     \
      },                                                                       \
      [](double a, double b, double ta, double tb) {                           \
        return f_##g##_jvp(a, b, ta, tb).tangent;                              \
      },                                                                       \
      [](double a, double b) { return f_##g(a, b); })

int main() {
  CHECK1(sin, 0.7);
  CHECK1(sin, -0.4);
  CHECK1(cos, 0.7);
  CHECK1(cos, -0.4);
  CHECK1(tan, 0.7);
  CHECK1(tan, -0.4);
  CHECK1(asin, 0.6);
  CHECK1(asin, -0.3);
  CHECK1(acos, 0.6);
  CHECK1(acos, -0.3);
  CHECK1(atan, -0.9);
  CHECK1(atan, 1.3);
  CHECK1(sinh, -0.9);
  CHECK1(sinh, 1.3);
  CHECK1(cosh, -0.9);
  CHECK1(cosh, 1.3);
  CHECK1(tanh, -0.9);
  CHECK1(tanh, 1.3);
  CHECK1(asinh, -0.9);
  CHECK1(asinh, 1.3);
  CHECK1(acosh, 2.5);
  CHECK1(acosh, 3.7);
  CHECK1(atanh, 0.6);
  CHECK1(atanh, -0.3);
  CHECK1(exp, -0.9);
  CHECK1(exp, 1.3);
  CHECK1(exp2, -0.9);
  CHECK1(exp2, 1.3);
  CHECK1(expm1, -0.9);
  CHECK1(expm1, 1.3);
  CHECK1(log, 0.8);
  CHECK1(log, 2.3);
  CHECK1(log2, 0.8);
  CHECK1(log2, 2.3);
  CHECK1(log10, 0.8);
  CHECK1(log10, 2.3);
  CHECK1(log1p, 0.4);
  CHECK1(log1p, -0.5);
  CHECK1(sqrt, 0.8);
  CHECK1(sqrt, 2.3);
  CHECK1(cbrt, 0.8);
  CHECK1(cbrt, -1.7);
  CHECK1(erf, -0.9);
  CHECK1(erf, 1.3);
  CHECK1(erfc, -0.9);
  CHECK1(erfc, 1.3);
  CHECK1(fabs, -0.9);
  CHECK1(fabs, 1.3);
  CHECK1(abs, -0.9);
  CHECK1(abs, 1.3);
  CHECK1(floor, 1.3);
  CHECK1(floor, -2.7);
  CHECK1(ceil, 1.3);
  CHECK1(ceil, -2.7);
  CHECK1(round, 1.3);
  CHECK1(round, -2.7);
  CHECK1(trunc, 1.3);
  CHECK1(trunc, -2.7);
  CHECK2(atan2, 0.7, -1.2);
  CHECK2(atan2, -0.4, 0.9);
  CHECK2(pow, 1.3, 0.8);
  CHECK2(pow, 0.6, 2.2);
  CHECK2(hypot, 0.7, -1.2);
  CHECK2(hypot, -0.4, 0.9);
  CHECK2(fmin, 0.7, -1.2);
  CHECK2(fmin, -0.4, 0.9);
  CHECK2(fmax, 0.7, -1.2);
  CHECK2(fmax, -0.4, 0.9);
  CHECK2(minmax, 0.7, -1.2);
  CHECK2(minmax, -0.4, 0.9);
  CHECK2(minmax, 1.5, 0.2);
  CHECK2(intarg, 0.7, -1.2);
  CHECK2(intarg, 1.6, 2.9);
  CHECK1(chain, 0.7);
  CHECK1(chain, 2.1);

  // fma: three directions.
  for (double s : {1.0, -0.5}) {
    double x = 0.7 * s, y = -1.2, z = 0.4 * s;
    double dx = 0.25, dy = 0.5, dz = -0.75;
    double v = f_fma_grad(x, y, z, dx, dy, dz);
    rtest::check_tape_empty("fma tape");
    frechet::check_close("fma value", v, f_fma(x, y, z), 0);
    frechet::check_close("fma d/dx vs jvp", dx,
                         0.25 + f_fma_jvp(x, y, z, 1, 0, 0).tangent, 1e-12);
    frechet::check_close("fma d/dy vs jvp", dy,
                         0.5 + f_fma_jvp(x, y, z, 0, 1, 0).tangent, 1e-12);
    frechet::check_close("fma d/dz vs jvp", dz,
                         -0.75 + f_fma_jvp(x, y, z, 0, 0, 1).tangent, 1e-12);
    frechet::check_close(
        "fma d/dz vs fd", dz,
        -0.75 + frechet::central_difference(
                    [&](double v) { return f_fma(x, y, v); }, z),
        1e-6);
  }

  // float: float accuracy.
  {
    float x = 0.8f, dx = 0.0f;
    float v = f_float_grad(x, dx);
    rtest::check_tape_empty("float tape");
    frechet::check_close("float value", v, f_float(x), 0);
    frechet::check_close("float vs jvp", dx, f_float_jvp(x, 1.0f).tangent,
                         1e-6);
    double want = std::cos(0.8) * std::exp(0.8) + std::sin(0.8) * std::exp(0.8) +
                  1 + 0.5 / std::sqrt(0.8) * std::log(0.8) +
                  std::sqrt(0.8) / 0.8;
    frechet::check_close("float analytic", dx, want, 1e-5);
  }
  // long double.
  {
    long double x = 1.3L, dx = 0.0L;
    long double v = f_long_grad(x, dx);
    rtest::check_tape_empty("long double tape");
    frechet::check_close("long double value", double(v), double(f_long(x)), 0);
    frechet::check_close("long double vs jvp", double(dx),
                         double(f_long_jvp(x, 1.0L).tangent), 1e-12);
    long double want = std::cos(x) * std::exp(x) + std::sin(x) * std::exp(x) +
                       1 + 2.5L * std::pow(x, 1.5L);
    frechet::check_close("long double analytic", double(dx), double(want),
                         1e-15);
  }
  return frechet::check_exit_code();
}
// EXEC: ok sin(0.7) vs jvp
// EXEC: ok acosh(3.7) vs fd
// EXEC: ok trunc(-2.7) vs fd
// EXEC: ok fmax(-0.4, 0.9) d/dy vs fd
// EXEC: ok intarg(1.6, 2.9) d/dy vs fd
// EXEC: ok chain(2.1) vs fd
// EXEC: ok fma d/dz vs fd
// EXEC: ok float analytic
// EXEC: ok long double analytic
// EXEC: 350 passed, 0 failed
