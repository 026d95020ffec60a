//===- frechet/scalar_rules.h - forward rules for <cmath> -----------------===//
//
// Forward-mode derivative rules for the scalar functions of <cmath> (and
// std::min/std::max). Generated code replaces a call `std::g(args...)` by
// `frechet::rules::g_jvp(args..., tangents...)`: the original arguments, then
// one tangent per floating-point parameter of g, in order. Each rule returns
// `frechet::jvp_result<R>` where R is the type std::g(args...) has: the
// arguments are promoted as <cmath> promotes them (integers become double,
// then the widest floating type wins), the tangents are converted to R, and
// all arithmetic happens in R. Tangents never affect R, so generated code may
// pass `0.0` as the tangent of a float argument.
//
// Conventions at points where the derivative does not exist or the plain
// formula would give NaN:
//  - fabs/abs: sign(0) = 0, so the tangent at 0 (either sign) is 0.
//  - fmin/fmax/min/max: the tangent of the argument whose value is returned;
//    on ties the first argument; fmin/fmax with one NaN argument return the
//    other argument, so they take its tangent as well.
//  - floor/ceil/round/trunc: tangent 0 everywhere (the jumps are ignored).
//  - sqrt/cbrt at 0: tangent 0 when the incoming tangent is 0; otherwise the
//    plain formula, which gives an infinity with the tangent's sign.
//  - pow(x, y): y*x^(y-1)*dx + log(x)*x^y*dy, where a term whose tangent is 0
//    is left out (so a negative base with a constant exponent has a finite
//    derivative), and the dy term is 0 where x^y is 0 (its limit; so x == 0
//    with y > 1 gives 0).
//  - hypot: tangent 0 at the origin, like fabs at 0.
// Everywhere else the rules are the textbook formulas; NaN and infinite
// arguments give whatever those formulas give.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_SCALAR_RULES_H
#define FRECHET_SCALAR_RULES_H

#include "frechet/jvp_result.h"

#include <cmath>
#include <type_traits>

namespace frechet {
namespace rules {
namespace detail {

// <cmath> treats an integer argument as a double.
template <class T>
using floating_t = std::conditional_t<std::is_integral_v<T>, double, T>;

// The type std::g(args...) computes in, for arithmetic args.
template <class... Ts> using promote_t = std::common_type_t<floating_t<Ts>...>;

// Rules are templates over every arithmetic argument and tangent type;
// restricting them keeps them out of overload resolution for other types.
template <class... Ts>
using if_arithmetic_t =
    std::enable_if_t<(std::is_arithmetic_v<Ts> && ...), int>;

// Long double literals so that no precision is lost for any R.
constexpr long double ln2 = 0.693147180559945309417232121458176568L;
constexpr long double ln10 = 2.302585092994045684017991454684364208L;
constexpr long double two_over_sqrt_pi =
    1.128379167095512573896158903121545172L;

} // namespace detail

//===--- Trigonometric ----------------------------------------------------===//

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> sin_jvp(T xa, DT dxa) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), dx = static_cast<R>(dxa);
  return {std::sin(x), std::cos(x) * dx};
}

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> cos_jvp(T xa, DT dxa) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), dx = static_cast<R>(dxa);
  return {std::cos(x), -std::sin(x) * dx};
}

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> tan_jvp(T xa, DT dxa) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), dx = static_cast<R>(dxa);
  // 1 + tan^2 reuses the value instead of calling cos.
  R t = std::tan(x);
  return {t, (1 + t * t) * dx};
}

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> asin_jvp(T xa, DT dxa) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), dx = static_cast<R>(dxa);
  // (1-x)(1+x) rather than 1-x*x: no cancellation near |x| = 1.
  return {std::asin(x), dx / std::sqrt((1 - x) * (1 + x))};
}

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> acos_jvp(T xa, DT dxa) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), dx = static_cast<R>(dxa);
  return {std::acos(x), -dx / std::sqrt((1 - x) * (1 + x))};
}

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> atan_jvp(T xa, DT dxa) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), dx = static_cast<R>(dxa);
  return {std::atan(x), dx / (1 + x * x)};
}

// atan2(y, x): the tangents come in parameter order, dy then dx.
template <class T, class U, class DT, class DU,
          detail::if_arithmetic_t<T, U, DT, DU> = 0>
inline jvp_result<detail::promote_t<T, U>> atan2_jvp(T ya, U xa, DT dya,
                                                     DU dxa) {
  using R = detail::promote_t<T, U>;
  R y = static_cast<R>(ya), x = static_cast<R>(xa);
  R dy = static_cast<R>(dya), dx = static_cast<R>(dxa);
  return {std::atan2(y, x), (x * dy - y * dx) / (x * x + y * y)};
}

//===--- Hyperbolic -------------------------------------------------------===//

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> sinh_jvp(T xa, DT dxa) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), dx = static_cast<R>(dxa);
  return {std::sinh(x), std::cosh(x) * dx};
}

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> cosh_jvp(T xa, DT dxa) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), dx = static_cast<R>(dxa);
  return {std::cosh(x), std::sinh(x) * dx};
}

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> tanh_jvp(T xa, DT dxa) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), dx = static_cast<R>(dxa);
  R t = std::tanh(x);
  return {t, (1 - t) * (1 + t) * dx};
}

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> asinh_jvp(T xa, DT dxa) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), dx = static_cast<R>(dxa);
  return {std::asinh(x), dx / std::sqrt(x * x + 1)};
}

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> acosh_jvp(T xa, DT dxa) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), dx = static_cast<R>(dxa);
  // (x-1)(x+1) rather than x*x-1: no cancellation near x = 1.
  return {std::acosh(x), dx / std::sqrt((x - 1) * (x + 1))};
}

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> atanh_jvp(T xa, DT dxa) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), dx = static_cast<R>(dxa);
  return {std::atanh(x), dx / ((1 - x) * (1 + x))};
}

//===--- Exponential and logarithmic --------------------------------------===//

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> exp_jvp(T xa, DT dxa) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), dx = static_cast<R>(dxa);
  R e = std::exp(x);
  return {e, e * dx};
}

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> exp2_jvp(T xa, DT dxa) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), dx = static_cast<R>(dxa);
  R e = std::exp2(x);
  return {e, e * static_cast<R>(detail::ln2) * dx};
}

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> expm1_jvp(T xa, DT dxa) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), dx = static_cast<R>(dxa);
  // exp(x), not expm1(x) + 1: the latter loses all precision for x << 0.
  return {std::expm1(x), std::exp(x) * dx};
}

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> log_jvp(T xa, DT dxa) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), dx = static_cast<R>(dxa);
  return {std::log(x), dx / x};
}

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> log2_jvp(T xa, DT dxa) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), dx = static_cast<R>(dxa);
  return {std::log2(x), dx / (x * static_cast<R>(detail::ln2))};
}

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> log10_jvp(T xa, DT dxa) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), dx = static_cast<R>(dxa);
  return {std::log10(x), dx / (x * static_cast<R>(detail::ln10))};
}

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> log1p_jvp(T xa, DT dxa) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), dx = static_cast<R>(dxa);
  return {std::log1p(x), dx / (1 + x)};
}

//===--- Powers -----------------------------------------------------------===//

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> sqrt_jvp(T xa, DT dxa) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), dx = static_cast<R>(dxa);
  R s = std::sqrt(x);
  // 0/0 at x == 0 with a constant argument would poison everything after.
  return {s, s == 0 && dx == 0 ? R(0) : dx / (2 * s)};
}

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> cbrt_jvp(T xa, DT dxa) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), dx = static_cast<R>(dxa);
  R c = std::cbrt(x);
  return {c, c == 0 && dx == 0 ? R(0) : dx / (3 * c * c)};
}

template <class T, class U, class DT, class DU,
          detail::if_arithmetic_t<T, U, DT, DU> = 0>
inline jvp_result<detail::promote_t<T, U>> pow_jvp(T xa, U ya, DT dxa, DU dya) {
  using R = detail::promote_t<T, U>;
  R x = static_cast<R>(xa), y = static_cast<R>(ya);
  R dx = static_cast<R>(dxa), dy = static_cast<R>(dya);
  R v = std::pow(x, y);
  // pow(x, y-1) rather than v/x, which would be 0/0 at x == 0. The term
  // for a zero tangent is skipped: its factor may be NaN or infinite (log
  // of a negative base, pow(0, y-1) for y < 1) although it contributes
  // nothing.
  R d = dx == 0 ? R(0) : y * std::pow(x, y - 1) * dx;
  if (dy != 0 && v != 0)
    d += std::log(x) * v * dy;
  return {v, d};
}

template <class T, class U, class DT, class DU,
          detail::if_arithmetic_t<T, U, DT, DU> = 0>
inline jvp_result<detail::promote_t<T, U>> hypot_jvp(T xa, U ya, DT dxa,
                                                     DU dya) {
  using R = detail::promote_t<T, U>;
  R x = static_cast<R>(xa), y = static_cast<R>(ya);
  R dx = static_cast<R>(dxa), dy = static_cast<R>(dya);
  R h = std::hypot(x, y);
  // Divide before multiplying: x*dx could overflow where hypot does not.
  return {h, h == 0 ? R(0) : x / h * dx + y / h * dy};
}

// The three-argument std::hypot of C++17.
template <class T, class U, class V, class DT, class DU, class DV,
          detail::if_arithmetic_t<T, U, V, DT, DU, DV> = 0>
inline jvp_result<detail::promote_t<T, U, V>>
hypot_jvp(T xa, U ya, V za, DT dxa, DU dya, DV dza) {
  using R = detail::promote_t<T, U, V>;
  R x = static_cast<R>(xa), y = static_cast<R>(ya), z = static_cast<R>(za);
  R dx = static_cast<R>(dxa), dy = static_cast<R>(dya),
    dz = static_cast<R>(dza);
  R h = std::hypot(x, y, z);
  return {h, h == 0 ? R(0) : x / h * dx + y / h * dy + z / h * dz};
}

//===--- Error functions --------------------------------------------------===//

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> erf_jvp(T xa, DT dxa) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), dx = static_cast<R>(dxa);
  return {std::erf(x),
          static_cast<R>(detail::two_over_sqrt_pi) * std::exp(-x * x) * dx};
}

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> erfc_jvp(T xa, DT dxa) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), dx = static_cast<R>(dxa);
  return {std::erfc(x),
          -static_cast<R>(detail::two_over_sqrt_pi) * std::exp(-x * x) * dx};
}

//===--- Absolute value, minimum, maximum ---------------------------------===//

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> fabs_jvp(T xa, DT dxa) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), dx = static_cast<R>(dxa);
  // sign(0) = 0 (and sign(NaN) = 0): a subgradient, and never NaN.
  return {std::fabs(x), x > 0 ? dx : x < 0 ? -dx : R(0)};
}

// Unlike std::abs(int), which yields int, this computes in the <cmath>
// promoted type like every rule here: an int argument gives a double.
template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> abs_jvp(T xa, DT dxa) {
  return fabs_jvp(xa, dxa);
}

template <class T, class U, class DT, class DU,
          detail::if_arithmetic_t<T, U, DT, DU> = 0>
inline jvp_result<detail::promote_t<T, U>> fmin_jvp(T xa, U ya, DT dxa,
                                                    DU dya) {
  using R = detail::promote_t<T, U>;
  R x = static_cast<R>(xa), y = static_cast<R>(ya);
  R dx = static_cast<R>(dxa), dy = static_cast<R>(dya);
  // fmin returns x when x <= y or y is NaN, else y (including x NaN).
  return {std::fmin(x, y), x <= y || std::isnan(y) ? dx : dy};
}

template <class T, class U, class DT, class DU,
          detail::if_arithmetic_t<T, U, DT, DU> = 0>
inline jvp_result<detail::promote_t<T, U>> fmax_jvp(T xa, U ya, DT dxa,
                                                    DU dya) {
  using R = detail::promote_t<T, U>;
  R x = static_cast<R>(xa), y = static_cast<R>(ya);
  R dx = static_cast<R>(dxa), dy = static_cast<R>(dya);
  return {std::fmax(x, y), x >= y || std::isnan(y) ? dx : dy};
}

// std::min(a, b) is `b < a ? b : a`; the tangent follows the same choice,
// so ties and NaNs pick exactly the argument std::min returns.
template <class T, class U, class DT, class DU,
          detail::if_arithmetic_t<T, U, DT, DU> = 0>
inline jvp_result<detail::promote_t<T, U>> min_jvp(T xa, U ya, DT dxa, DU dya) {
  using R = detail::promote_t<T, U>;
  R x = static_cast<R>(xa), y = static_cast<R>(ya);
  R dx = static_cast<R>(dxa), dy = static_cast<R>(dya);
  return y < x ? jvp_result<R>{y, dy} : jvp_result<R>{x, dx};
}

// std::max(a, b) is `a < b ? b : a`.
template <class T, class U, class DT, class DU,
          detail::if_arithmetic_t<T, U, DT, DU> = 0>
inline jvp_result<detail::promote_t<T, U>> max_jvp(T xa, U ya, DT dxa, DU dya) {
  using R = detail::promote_t<T, U>;
  R x = static_cast<R>(xa), y = static_cast<R>(ya);
  R dx = static_cast<R>(dxa), dy = static_cast<R>(dya);
  return x < y ? jvp_result<R>{y, dy} : jvp_result<R>{x, dx};
}

//===--- One integer argument ---------------------------------------------===//
// libstdc++ implements std::pow(double, int) and friends as templates whose
// integer parameter is not floating point, so generated code passes a
// tangent only for the floating-point argument. These forward to the rules
// above with a zero tangent for the integer.

namespace detail {
template <class Floating, class Integer, class D>
using if_mixed_t =
    std::enable_if_t<std::is_floating_point_v<Floating> &&
                         std::is_integral_v<Integer> && std::is_arithmetic_v<D>,
                     int>;
} // namespace detail

#define FRECHET_MIXED_RULE(NAME)                                               \
  template <class T, class U, class D, detail::if_mixed_t<T, U, D> = 0>        \
  inline auto NAME##_jvp(T xa, U ya, D dxa) {                                  \
    return NAME##_jvp(xa, ya, dxa, 0);                                         \
  }                                                                            \
  template <class T, class U, class D, detail::if_mixed_t<U, T, D> = 0>        \
  inline auto NAME##_jvp(T xa, U ya, D dya) {                                  \
    return NAME##_jvp(xa, ya, 0, dya);                                         \
  }
FRECHET_MIXED_RULE(pow)
FRECHET_MIXED_RULE(atan2)
FRECHET_MIXED_RULE(hypot)
FRECHET_MIXED_RULE(fmin)
FRECHET_MIXED_RULE(fmax)
#undef FRECHET_MIXED_RULE

//===--- Fused multiply-add -----------------------------------------------===//

template <class T, class U, class V, class DT, class DU, class DV,
          detail::if_arithmetic_t<T, U, V, DT, DU, DV> = 0>
inline jvp_result<detail::promote_t<T, U, V>> fma_jvp(T xa, U ya, V za, DT dxa,
                                                      DU dya, DV dza) {
  using R = detail::promote_t<T, U, V>;
  R x = static_cast<R>(xa), y = static_cast<R>(ya), z = static_cast<R>(za);
  R dx = static_cast<R>(dxa), dy = static_cast<R>(dya),
    dz = static_cast<R>(dza);
  // Plain arithmetic for the tangent: std::fma is a slow library call on
  // targets without a hardware FMA, and the tangent needs no single rounding.
  return {std::fma(x, y, z), dx * y + x * dy + dz};
}

//===--- Rounding ---------------------------------------------------------===//
// Piecewise constant: tangent 0, including at the jumps.

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> floor_jvp(T xa, DT) {
  using R = detail::promote_t<T>;
  return {std::floor(static_cast<R>(xa)), R(0)};
}

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> ceil_jvp(T xa, DT) {
  using R = detail::promote_t<T>;
  return {std::ceil(static_cast<R>(xa)), R(0)};
}

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> round_jvp(T xa, DT) {
  using R = detail::promote_t<T>;
  return {std::round(static_cast<R>(xa)), R(0)};
}

template <class T, class DT, detail::if_arithmetic_t<T, DT> = 0>
inline jvp_result<detail::promote_t<T>> trunc_jvp(T xa, DT) {
  using R = detail::promote_t<T>;
  return {std::trunc(static_cast<R>(xa)), R(0)};
}

} // namespace rules
} // namespace frechet

#endif // FRECHET_SCALAR_RULES_H
