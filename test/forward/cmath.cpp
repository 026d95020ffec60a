// Every <cmath> function that has a forward rule, called as std::f and as
// the unqualified f, inside annotated functions: each call becomes
// frechet::rules::f_jvp(args..., tangents...). Checked against central
// differences at points inside each domain (away from fmin/fmax ties);
// floor/ceil/round/trunc have tangent 0; pow with an integer exponent and
// an integer or constant base.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>

// One argument: f(x) = 2 std::g(x) + g(x / 2).
#pragma frechet forward
double f_sin(double x) { return 2 * std::sin(x) + sin(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_sin_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::sin_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::sin_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_cos(double x) { return 2 * std::cos(x) + cos(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_cos_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::cos_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::cos_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_tan(double x) { return 2 * std::tan(x) + tan(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_tan_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::tan_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::tan_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_asin(double x) { return 2 * std::asin(x) + asin(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_asin_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::asin_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::asin_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_acos(double x) { return 2 * std::acos(x) + acos(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_acos_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::acos_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::acos_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_atan(double x) { return 2 * std::atan(x) + atan(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_atan_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::atan_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::atan_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_sinh(double x) { return 2 * std::sinh(x) + sinh(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_sinh_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::sinh_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::sinh_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_cosh(double x) { return 2 * std::cosh(x) + cosh(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_cosh_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::cosh_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::cosh_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_tanh(double x) { return 2 * std::tanh(x) + tanh(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_tanh_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::tanh_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::tanh_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_asinh(double x) { return 2 * std::asinh(x) + asinh(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_asinh_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::asinh_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::asinh_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_acosh(double x) { return 2 * std::acosh(x) + acosh(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_acosh_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::acosh_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::acosh_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_atanh(double x) { return 2 * std::atanh(x) + atanh(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_atanh_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::atanh_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::atanh_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_exp(double x) { return 2 * std::exp(x) + exp(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_exp_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::exp_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::exp_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_exp2(double x) { return 2 * std::exp2(x) + exp2(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_exp2_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::exp2_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::exp2_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_expm1(double x) { return 2 * std::expm1(x) + expm1(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_expm1_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::expm1_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::expm1_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_log(double x) { return 2 * std::log(x) + log(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_log_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::log_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::log_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_log2(double x) { return 2 * std::log2(x) + log2(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_log2_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::log2_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::log2_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_log10(double x) { return 2 * std::log10(x) + log10(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_log10_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::log10_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::log10_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_log1p(double x) { return 2 * std::log1p(x) + log1p(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_log1p_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::log1p_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::log1p_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_sqrt(double x) { return 2 * std::sqrt(x) + sqrt(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_sqrt_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::sqrt_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::sqrt_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_cbrt(double x) { return 2 * std::cbrt(x) + cbrt(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_cbrt_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::cbrt_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::cbrt_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_erf(double x) { return 2 * std::erf(x) + erf(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_erf_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::erf_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::erf_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_erfc(double x) { return 2 * std::erfc(x) + erfc(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_erfc_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::erfc_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::erfc_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_fabs(double x) { return 2 * std::fabs(x) + fabs(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_fabs_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::fabs_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::fabs_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_floor(double x) { return 2 * std::floor(x) + floor(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_floor_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::floor_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::floor_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_ceil(double x) { return 2 * std::ceil(x) + ceil(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_ceil_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::ceil_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::ceil_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_round(double x) { return 2 * std::round(x) + round(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_round_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::round_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::round_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_trunc(double x) { return 2 * std::trunc(x) + trunc(0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_trunc_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::trunc_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::trunc_jvp(0.5 * x, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

// Two arguments: f(x, y) = 2 std::g(x, y) + g(y, x / 2).
#pragma frechet forward
double f_atan2(double x, double y) { return 2 * std::atan2(x, y) + atan2(y, 0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_atan2_jvp(double x, double y, double d_x, double d_y) {
// CHECK-NEXT:    auto _t0 = frechet::rules::atan2_jvp(x, y, d_x, d_y);
// CHECK-NEXT:    auto _t1 = frechet::rules::atan2_jvp(y, 0.5 * x, d_y, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_pow(double x, double y) { return 2 * std::pow(x, y) + pow(y, 0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_pow_jvp(double x, double y, double d_x, double d_y) {
// CHECK-NEXT:    auto _t0 = frechet::rules::pow_jvp(x, y, d_x, d_y);
// CHECK-NEXT:    auto _t1 = frechet::rules::pow_jvp(y, 0.5 * x, d_y, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_hypot(double x, double y) { return 2 * std::hypot(x, y) + hypot(y, 0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_hypot_jvp(double x, double y, double d_x, double d_y) {
// CHECK-NEXT:    auto _t0 = frechet::rules::hypot_jvp(x, y, d_x, d_y);
// CHECK-NEXT:    auto _t1 = frechet::rules::hypot_jvp(y, 0.5 * x, d_y, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_fmin(double x, double y) { return 2 * std::fmin(x, y) + fmin(y, 0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_fmin_jvp(double x, double y, double d_x, double d_y) {
// CHECK-NEXT:    auto _t0 = frechet::rules::fmin_jvp(x, y, d_x, d_y);
// CHECK-NEXT:    auto _t1 = frechet::rules::fmin_jvp(y, 0.5 * x, d_y, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_fmax(double x, double y) { return 2 * std::fmax(x, y) + fmax(y, 0.5 * x); }
// CHECK-LABEL: frechet::jvp_result<double> f_fmax_jvp(double x, double y, double d_x, double d_y) {
// CHECK-NEXT:    auto _t0 = frechet::rules::fmax_jvp(x, y, d_x, d_y);
// CHECK-NEXT:    auto _t1 = frechet::rules::fmax_jvp(y, 0.5 * x, d_y, 0.5 * d_x);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

#pragma frechet forward
double f_fma(double x, double y, double z) {
  return 2 * std::fma(x, y, z) + fma(z, x, 0.5 * y);
}
// CHECK-LABEL: frechet::jvp_result<double> f_fma_jvp(double x, double y, double z, double d_x, double d_y, double d_z) {
// CHECK-NEXT:    auto _t0 = frechet::rules::fma_jvp(x, y, z, d_x, d_y, d_z);
// CHECK-NEXT:    auto _t1 = frechet::rules::fma_jvp(z, x, 0.5 * y, d_z, d_x, 0.5 * d_y);
// CHECK-NEXT:    return {2 * _t0.value + _t1.value, 2 * _t0.tangent + _t1.tangent};
// CHECK-NEXT:  }

// pow with integer arguments: std::pow(double, int) and std::pow(int,
// double) are libstdc++ templates whose integer parameter gets no tangent;
// ::pow(double, double) converts the integer and passes a zero tangent.
#pragma frechet forward
double ipow(double x) {
  return std::pow(x, 3) + pow(2.0, x) + std::pow(2, x) + pow(x, 2);
}
// CHECK-LABEL: frechet::jvp_result<double> ipow_jvp(double x, double d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::pow_jvp(x, 3, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::pow_jvp(2.0, x, 0.0, d_x);
// CHECK-NEXT:    auto _t2 = frechet::rules::pow_jvp(2, x, d_x);
// CHECK-NEXT:    auto _t3 = frechet::rules::pow_jvp(x, 2, d_x, 0.0);
// CHECK-NEXT:    return {_t0.value + _t1.value + _t2.value + _t3.value, _t0.tangent + _t1.tangent + _t2.tangent + _t3.tangent};
// CHECK-NEXT:  }

using Jvp1 = frechet::jvp_result<double> (*)(double, double);
using Jvp2 = frechet::jvp_result<double> (*)(double, double, double, double);

// Central differences: h = 1e-6, tolerance 1e-7 (relative to max(1, |want|));
// truncation is O(h^2 |f'''|) and rounding O(1e-16 |f| / h) = O(1e-10).
static void check1(const char *what, Jvp1 jvp, double (*f)(double), double x) {
  frechet::check_close(what, jvp(x, 1.0).tangent,
                       frechet::central_difference(f, x, 1e-6), 1e-7);
}

static void check2(const char *what, Jvp2 jvp, double (*f)(double, double),
                   double x, double y, double dx, double dy) {
  auto g = [&](double t) { return f(x + t * dx, y + t * dy); };
  frechet::check_close(what, jvp(x, y, dx, dy).tangent,
                       frechet::central_difference(g, 0.0, 1e-6), 1e-7);
}

int main() {
  check1("sin", f_sin_jvp, f_sin, 0.7);
  check1("cos", f_cos_jvp, f_cos, 0.7);
  check1("tan", f_tan_jvp, f_tan, 0.7);
  check1("asin", f_asin_jvp, f_asin, 0.6);
  check1("acos", f_acos_jvp, f_acos, 0.6);
  check1("atan", f_atan_jvp, f_atan, -1.4);
  check1("sinh", f_sinh_jvp, f_sinh, 0.7);
  check1("cosh", f_cosh_jvp, f_cosh, -0.7);
  check1("tanh", f_tanh_jvp, f_tanh, 0.7);
  check1("asinh", f_asinh_jvp, f_asinh, -1.4);
  check1("acosh", f_acosh_jvp, f_acosh, 2.5);
  check1("atanh", f_atanh_jvp, f_atanh, -0.6);
  check1("exp", f_exp_jvp, f_exp, 0.7);
  check1("exp2", f_exp2_jvp, f_exp2, -1.3);
  check1("expm1", f_expm1_jvp, f_expm1, 0.7);
  check1("log", f_log_jvp, f_log, 1.7);
  check1("log2", f_log2_jvp, f_log2, 1.7);
  check1("log10", f_log10_jvp, f_log10, 1.7);
  check1("log1p", f_log1p_jvp, f_log1p, -0.5);
  check1("sqrt", f_sqrt_jvp, f_sqrt, 1.7);
  check1("cbrt", f_cbrt_jvp, f_cbrt, -0.9);
  check1("erf", f_erf_jvp, f_erf, -0.9);
  check1("erfc", f_erfc_jvp, f_erfc, 0.7);
  check1("fabs", f_fabs_jvp, f_fabs, -0.9);
  // A second point for fabs, where the sign is the other one.
  check1("fabs at +", f_fabs_jvp, f_fabs, 0.9);
  frechet::check_close("fabs exact", f_fabs_jvp(-0.9, 1.0).tangent, -2.5, 0.0);
  frechet::check_close("sqrt exact", f_sqrt_jvp(4.0, 1.0).tangent,
                       2 / (2 * 2.0) + 0.5 / (2 * std::sqrt(2.0)), 1e-15);

  frechet::check_close("floor tangent is 0", f_floor_jvp(1.3, 1.0).tangent, 0.0, 0.0);
  frechet::check_close("floor value", f_floor_jvp(1.3, 1.0).value, f_floor(1.3), 0.0);
  frechet::check_close("ceil tangent is 0", f_ceil_jvp(-1.3, 1.0).tangent, 0.0, 0.0);
  frechet::check_close("ceil value", f_ceil_jvp(-1.3, 1.0).value, f_ceil(-1.3), 0.0);
  frechet::check_close("round tangent is 0", f_round_jvp(2.3, 1.0).tangent, 0.0, 0.0);
  frechet::check_close("round value", f_round_jvp(2.3, 1.0).value, f_round(2.3), 0.0);
  frechet::check_close("trunc tangent is 0", f_trunc_jvp(-2.3, 1.0).tangent, 0.0, 0.0);
  frechet::check_close("trunc value", f_trunc_jvp(-2.3, 1.0).value, f_trunc(-2.3), 0.0);

  // Two arguments at (1.3, 0.4), along x, along y and along (0.6, -0.8).
  check2("atan2 d/dx", f_atan2_jvp, f_atan2, 1.3, 0.4, 1, 0);
  check2("atan2 d/dy", f_atan2_jvp, f_atan2, 1.3, 0.4, 0, 1);
  check2("atan2 d/dr", f_atan2_jvp, f_atan2, 1.3, 0.4, 0.6, -0.8);
  check2("pow d/dx", f_pow_jvp, f_pow, 1.3, 0.4, 1, 0);
  check2("pow d/dy", f_pow_jvp, f_pow, 1.3, 0.4, 0, 1);
  check2("pow d/dr", f_pow_jvp, f_pow, 1.3, 0.4, 0.6, -0.8);
  check2("hypot d/dx", f_hypot_jvp, f_hypot, 1.3, 0.4, 1, 0);
  check2("hypot d/dy", f_hypot_jvp, f_hypot, 1.3, 0.4, 0, 1);
  check2("hypot d/dr", f_hypot_jvp, f_hypot, 1.3, 0.4, 0.6, -0.8);
  check2("fmin d/dx", f_fmin_jvp, f_fmin, 1.3, 0.4, 1, 0);
  check2("fmin d/dy", f_fmin_jvp, f_fmin, 1.3, 0.4, 0, 1);
  check2("fmin d/dr", f_fmin_jvp, f_fmin, 1.3, 0.4, 0.6, -0.8);
  check2("fmax d/dx", f_fmax_jvp, f_fmax, 1.3, 0.4, 1, 0);
  check2("fmax d/dy", f_fmax_jvp, f_fmax, 1.3, 0.4, 0, 1);
  check2("fmax d/dr", f_fmax_jvp, f_fmax, 1.3, 0.4, 0.6, -0.8);
  // fmin/fmax where the other argument wins: (0.4, 1.3).
  check2("fmin swapped", f_fmin_jvp, f_fmin, 0.4, 1.3, 0.6, -0.8);
  check2("fmax swapped", f_fmax_jvp, f_fmax, 0.4, 1.3, 0.6, -0.8);

  // fma(x, y, z) * 2 + fma(z, x, y / 2) = 2 x y + 2 z + z x + y / 2.
  {
    const double x = 1.3, y = 0.4, z = -0.8;
    frechet::check_close("fma d/dx", f_fma_jvp(x, y, z, 1, 0, 0).tangent,
                         2 * y + z, 1e-15);
    frechet::check_close("fma d/dy", f_fma_jvp(x, y, z, 0, 1, 0).tangent,
                         2 * x + 0.5, 1e-15);
    frechet::check_close("fma d/dz", f_fma_jvp(x, y, z, 0, 0, 1).tangent,
                         2 + x, 1e-15);
    auto g = [&](double t) { return f_fma(x + 0.3 * t, y - 0.5 * t, z + t); };
    frechet::check_close("fma d/dr", f_fma_jvp(x, y, z, 0.3, -0.5, 1).tangent,
                         frechet::central_difference(g, 0.0, 1e-6), 1e-7);
  }

  // ipow = x^3 + 2^x + 2^x + x^2
  {
    const double x = 1.3;
    auto r = ipow_jvp(x, 1.0);
    frechet::check_close("ipow value", r.value,
                         x * x * x + 2 * std::exp2(x) + x * x, 1e-15);
    frechet::check_close("ipow d/dx", r.tangent,
                         3 * x * x + 2 * std::log(2.0) * std::exp2(x) + 2 * x,
                         1e-15);
    check1("ipow", ipow_jvp, ipow, -0.7);
  }
  return frechet::check_exit_code();
}
// EXEC: ok sin:
// EXEC: ok cos:
// EXEC: ok tan:
// EXEC: ok asin:
// EXEC: ok acos:
// EXEC: ok atan:
// EXEC: ok sinh:
// EXEC: ok cosh:
// EXEC: ok tanh:
// EXEC: ok asinh:
// EXEC: ok acosh:
// EXEC: ok atanh:
// EXEC: ok exp:
// EXEC: ok exp2:
// EXEC: ok expm1:
// EXEC: ok log:
// EXEC: ok log2:
// EXEC: ok log10:
// EXEC: ok log1p:
// EXEC: ok sqrt:
// EXEC: ok cbrt:
// EXEC: ok erf:
// EXEC: ok erfc:
// EXEC: ok fabs:
// EXEC: ok fabs at +:
// EXEC: ok fabs exact:
// EXEC: ok sqrt exact:
// EXEC: ok floor tangent is 0:
// EXEC: ok floor value:
// EXEC: ok ceil tangent is 0:
// EXEC: ok ceil value:
// EXEC: ok round tangent is 0:
// EXEC: ok round value:
// EXEC: ok trunc tangent is 0:
// EXEC: ok trunc value:
// EXEC: ok atan2 d/dx:
// EXEC: ok atan2 d/dy:
// EXEC: ok atan2 d/dr:
// EXEC: ok pow d/dx:
// EXEC: ok pow d/dy:
// EXEC: ok pow d/dr:
// EXEC: ok hypot d/dx:
// EXEC: ok hypot d/dy:
// EXEC: ok hypot d/dr:
// EXEC: ok fmin d/dx:
// EXEC: ok fmin d/dy:
// EXEC: ok fmin d/dr:
// EXEC: ok fmax d/dx:
// EXEC: ok fmax d/dy:
// EXEC: ok fmax d/dr:
// EXEC: ok fmin swapped:
// EXEC: ok fmax swapped:
// EXEC: ok fma d/dx:
// EXEC: ok fma d/dy:
// EXEC: ok fma d/dz:
// EXEC: ok fma d/dr:
// EXEC: ok ipow value:
// EXEC: ok ipow d/dx:
// EXEC: ok ipow:
// EXEC: 59 passed, 0 failed
