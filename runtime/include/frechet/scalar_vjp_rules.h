//===- frechet/scalar_vjp_rules.h - reverse rules for <cmath> -------------===//
//
// Reverse-mode (vector-Jacobian product) rules for the scalar functions of
// <cmath> (and std::min/std::max) that frechet/scalar_rules.h differentiates
// forwards. Generated reverse code replaces the adjoint of a call
// `std::g(args...)` by
//
//   frechet::rules::g_vjp(args..., d_ret, d_args...);
//
// the original arguments, then the cotangent (adjoint seed) of g's result,
// then one adjoint lvalue per floating-point parameter of g, in order. The
// rule accumulates into each adjoint: d_arg_i += d_ret * dg/darg_i, and
// returns void. Arguments and cotangent may be any arithmetic type; all
// arithmetic happens in the type R that std::g(args...) has (integers become
// double, then the widest floating type wins), the cotangent is converted to
// R, and each contribution is converted to its adjoint's type (float, double
// or long double) just before it is added. The rules read no adjoint, so
// adjoints may alias each other (pow(x, x) may pass d_x twice).
//
// std::pow(double, int) and friends (pow, atan2, hypot, fmin, fmax with
// exactly one integer argument) take one adjoint, for the floating argument:
// `pow_vjp(x, 3, d_ret, d_x)`, `pow_vjp(2, y, d_ret, d_y)`.
//
// Each rule is the exact adjoint of the forward rule g_jvp, so it keeps the
// forward conventions where the derivative does not exist or the plain
// formula would give NaN:
//  - fabs/abs at 0 (either sign): contribute nothing.
//  - fmin/fmax/min/max: the whole cotangent goes to the argument whose value
//    is returned; ties give it to the first argument; fmin/fmax with one NaN
//    argument give it to the other argument; std::min/std::max with a NaN
//    follow their `b < a ? b : a` / `a < b ? b : a` choice.
//  - floor/ceil/round/trunc: contribute nothing, also at the jumps.
//  - sqrt/cbrt at 0: nothing when the cotangent is 0; otherwise the plain
//    formula, an infinity with the cotangent's sign.
//  - pow(x, y): d_x += d_ret*y*x^(y-1), d_y += d_ret*log(x)*x^y; both terms
//    are skipped when the cotangent is 0 (their factors may be infinite or
//    NaN), and the d_y term also where x^y is 0 (its limit). A negative base
//    gives a finite d_x and a NaN d_y, as the forward rule does with dy != 0.
//  - hypot at the origin: contributes nothing.
// Everywhere else the rules are the textbook formulas; NaN and infinite
// arguments give whatever those formulas give.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_SCALAR_VJP_RULES_H
#define FRECHET_SCALAR_VJP_RULES_H

#include "frechet/scalar_rules.h"

#include <cmath>
#include <type_traits>

namespace frechet {
namespace rules {
namespace detail {

// Adjoints are modifiable floating-point lvalues; anything else (an int, a
// const double) is kept out of overload resolution.
template <class... As>
using if_adjoint_t = std::enable_if_t<
    ((std::is_floating_point_v<As> && !std::is_const_v<As>) && ...), int>;

// Adds a contribution computed in R to an adjoint of any floating type.
template <class A, class R> inline void accumulate(A &adjoint, R contribution) {
  adjoint += static_cast<A>(contribution);
}

} // namespace detail

// Parameter names: `xa` etc. are the arguments as passed, `da` the cotangent
// as passed; `x` and `d` are the same converted to R.

//===--- Trigonometric ----------------------------------------------------===//

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void sin_vjp(T xa, D da, AT &d_x) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), d = static_cast<R>(da);
  detail::accumulate(d_x, std::cos(x) * d);
}

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void cos_vjp(T xa, D da, AT &d_x) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), d = static_cast<R>(da);
  detail::accumulate(d_x, -std::sin(x) * d);
}

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void tan_vjp(T xa, D da, AT &d_x) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), d = static_cast<R>(da);
  R t = std::tan(x);
  detail::accumulate(d_x, (1 + t * t) * d);
}

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void asin_vjp(T xa, D da, AT &d_x) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), d = static_cast<R>(da);
  detail::accumulate(d_x, d / std::sqrt((1 - x) * (1 + x)));
}

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void acos_vjp(T xa, D da, AT &d_x) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), d = static_cast<R>(da);
  detail::accumulate(d_x, -d / std::sqrt((1 - x) * (1 + x)));
}

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void atan_vjp(T xa, D da, AT &d_x) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), d = static_cast<R>(da);
  detail::accumulate(d_x, d / (1 + x * x));
}

// atan2(y, x): the adjoints come in parameter order, d_y then d_x.
template <class T, class U, class D, class AT, class AU,
          detail::if_arithmetic_t<T, U, D> = 0,
          detail::if_adjoint_t<AT, AU> = 0>
inline void atan2_vjp(T ya, U xa, D da, AT &d_y, AU &d_x) {
  using R = detail::promote_t<T, U>;
  R y = static_cast<R>(ya), x = static_cast<R>(xa), d = static_cast<R>(da);
  R s = d / (x * x + y * y);
  detail::accumulate(d_y, x * s);
  detail::accumulate(d_x, -y * s);
}

//===--- Hyperbolic -------------------------------------------------------===//

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void sinh_vjp(T xa, D da, AT &d_x) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), d = static_cast<R>(da);
  detail::accumulate(d_x, std::cosh(x) * d);
}

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void cosh_vjp(T xa, D da, AT &d_x) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), d = static_cast<R>(da);
  detail::accumulate(d_x, std::sinh(x) * d);
}

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void tanh_vjp(T xa, D da, AT &d_x) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), d = static_cast<R>(da);
  R t = std::tanh(x);
  detail::accumulate(d_x, (1 - t) * (1 + t) * d);
}

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void asinh_vjp(T xa, D da, AT &d_x) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), d = static_cast<R>(da);
  detail::accumulate(d_x, d / std::sqrt(x * x + 1));
}

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void acosh_vjp(T xa, D da, AT &d_x) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), d = static_cast<R>(da);
  detail::accumulate(d_x, d / std::sqrt((x - 1) * (x + 1)));
}

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void atanh_vjp(T xa, D da, AT &d_x) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), d = static_cast<R>(da);
  detail::accumulate(d_x, d / ((1 - x) * (1 + x)));
}

//===--- Exponential and logarithmic --------------------------------------===//

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void exp_vjp(T xa, D da, AT &d_x) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), d = static_cast<R>(da);
  detail::accumulate(d_x, std::exp(x) * d);
}

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void exp2_vjp(T xa, D da, AT &d_x) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), d = static_cast<R>(da);
  detail::accumulate(d_x, std::exp2(x) * static_cast<R>(detail::ln2) * d);
}

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void expm1_vjp(T xa, D da, AT &d_x) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), d = static_cast<R>(da);
  detail::accumulate(d_x, std::exp(x) * d);
}

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void log_vjp(T xa, D da, AT &d_x) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), d = static_cast<R>(da);
  detail::accumulate(d_x, d / x);
}

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void log2_vjp(T xa, D da, AT &d_x) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), d = static_cast<R>(da);
  detail::accumulate(d_x, d / (x * static_cast<R>(detail::ln2)));
}

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void log10_vjp(T xa, D da, AT &d_x) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), d = static_cast<R>(da);
  detail::accumulate(d_x, d / (x * static_cast<R>(detail::ln10)));
}

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void log1p_vjp(T xa, D da, AT &d_x) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), d = static_cast<R>(da);
  detail::accumulate(d_x, d / (1 + x));
}

//===--- Powers -----------------------------------------------------------===//

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void sqrt_vjp(T xa, D da, AT &d_x) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), d = static_cast<R>(da);
  R s = std::sqrt(x);
  // 0/0 at x == 0 with a zero cotangent would poison every adjoint it
  // flows into.
  if (s == 0 && d == 0)
    return;
  detail::accumulate(d_x, d / (2 * s));
}

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void cbrt_vjp(T xa, D da, AT &d_x) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), d = static_cast<R>(da);
  R c = std::cbrt(x);
  if (c == 0 && d == 0)
    return;
  detail::accumulate(d_x, d / (3 * c * c));
}

namespace detail {
// pow's two terms, shared with the one-integer overloads below. A zero
// cotangent contributes nothing: the factors may be infinite or NaN (0^(y-1)
// for y < 1, log of a negative base) although the product is meant to be 0.
template <class R, class A>
inline void pow_accumulate_x(R x, R y, R d, A &d_x) {
  // pow(x, y-1) rather than x^y/x, which would be 0/0 at x == 0.
  if (d != 0)
    accumulate(d_x, y * std::pow(x, y - 1) * d);
}

template <class R, class A>
inline void pow_accumulate_y(R x, R y, R d, A &d_y) {
  if (d == 0)
    return;
  R v = std::pow(x, y);
  if (v != 0)
    accumulate(d_y, std::log(x) * v * d);
}
} // namespace detail

template <class T, class U, class D, class AT, class AU,
          detail::if_arithmetic_t<T, U, D> = 0,
          detail::if_adjoint_t<AT, AU> = 0>
inline void pow_vjp(T xa, U ya, D da, AT &d_x, AU &d_y) {
  using R = detail::promote_t<T, U>;
  R x = static_cast<R>(xa), y = static_cast<R>(ya), d = static_cast<R>(da);
  detail::pow_accumulate_x(x, y, d, d_x);
  detail::pow_accumulate_y(x, y, d, d_y);
}

template <class T, class U, class D, class AT, class AU,
          detail::if_arithmetic_t<T, U, D> = 0,
          detail::if_adjoint_t<AT, AU> = 0>
inline void hypot_vjp(T xa, U ya, D da, AT &d_x, AU &d_y) {
  using R = detail::promote_t<T, U>;
  R x = static_cast<R>(xa), y = static_cast<R>(ya), d = static_cast<R>(da);
  R h = std::hypot(x, y);
  if (h == 0)
    return;
  // Divide before multiplying: x*d could overflow where hypot does not.
  detail::accumulate(d_x, x / h * d);
  detail::accumulate(d_y, y / h * d);
}

// The three-argument std::hypot of C++17.
template <class T, class U, class V, class D, class AT, class AU, class AV,
          detail::if_arithmetic_t<T, U, V, D> = 0,
          detail::if_adjoint_t<AT, AU, AV> = 0>
inline void hypot_vjp(T xa, U ya, V za, D da, AT &d_x, AU &d_y, AV &d_z) {
  using R = detail::promote_t<T, U, V>;
  R x = static_cast<R>(xa), y = static_cast<R>(ya), z = static_cast<R>(za);
  R d = static_cast<R>(da);
  R h = std::hypot(x, y, z);
  if (h == 0)
    return;
  detail::accumulate(d_x, x / h * d);
  detail::accumulate(d_y, y / h * d);
  detail::accumulate(d_z, z / h * d);
}

//===--- Error functions --------------------------------------------------===//

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void erf_vjp(T xa, D da, AT &d_x) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), d = static_cast<R>(da);
  detail::accumulate(d_x, static_cast<R>(detail::two_over_sqrt_pi) *
                              std::exp(-x * x) * d);
}

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void erfc_vjp(T xa, D da, AT &d_x) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), d = static_cast<R>(da);
  detail::accumulate(d_x, -static_cast<R>(detail::two_over_sqrt_pi) *
                              std::exp(-x * x) * d);
}

//===--- Absolute value, minimum, maximum ---------------------------------===//

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void fabs_vjp(T xa, D da, AT &d_x) {
  using R = detail::promote_t<T>;
  R x = static_cast<R>(xa), d = static_cast<R>(da);
  // sign(0) = sign(NaN) = 0: nothing is added, whatever the cotangent.
  if (x > 0)
    detail::accumulate(d_x, d);
  else if (x < 0)
    detail::accumulate(d_x, -d);
}

// Computes in the <cmath> promoted type, like abs_jvp.
template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void abs_vjp(T xa, D da, AT &d_x) {
  fabs_vjp(xa, da, d_x);
}

// fmin returns x when x <= y or y is NaN, else y (including x NaN).
template <class T, class U, class D, class AT, class AU,
          detail::if_arithmetic_t<T, U, D> = 0,
          detail::if_adjoint_t<AT, AU> = 0>
inline void fmin_vjp(T xa, U ya, D da, AT &d_x, AU &d_y) {
  using R = detail::promote_t<T, U>;
  R x = static_cast<R>(xa), y = static_cast<R>(ya), d = static_cast<R>(da);
  if (x <= y || std::isnan(y))
    detail::accumulate(d_x, d);
  else
    detail::accumulate(d_y, d);
}

template <class T, class U, class D, class AT, class AU,
          detail::if_arithmetic_t<T, U, D> = 0,
          detail::if_adjoint_t<AT, AU> = 0>
inline void fmax_vjp(T xa, U ya, D da, AT &d_x, AU &d_y) {
  using R = detail::promote_t<T, U>;
  R x = static_cast<R>(xa), y = static_cast<R>(ya), d = static_cast<R>(da);
  if (x >= y || std::isnan(y))
    detail::accumulate(d_x, d);
  else
    detail::accumulate(d_y, d);
}

// std::min(a, b) is `b < a ? b : a`.
template <class T, class U, class D, class AT, class AU,
          detail::if_arithmetic_t<T, U, D> = 0,
          detail::if_adjoint_t<AT, AU> = 0>
inline void min_vjp(T xa, U ya, D da, AT &d_x, AU &d_y) {
  using R = detail::promote_t<T, U>;
  R x = static_cast<R>(xa), y = static_cast<R>(ya), d = static_cast<R>(da);
  if (y < x)
    detail::accumulate(d_y, d);
  else
    detail::accumulate(d_x, d);
}

// std::max(a, b) is `a < b ? b : a`.
template <class T, class U, class D, class AT, class AU,
          detail::if_arithmetic_t<T, U, D> = 0,
          detail::if_adjoint_t<AT, AU> = 0>
inline void max_vjp(T xa, U ya, D da, AT &d_x, AU &d_y) {
  using R = detail::promote_t<T, U>;
  R x = static_cast<R>(xa), y = static_cast<R>(ya), d = static_cast<R>(da);
  if (x < y)
    detail::accumulate(d_y, d);
  else
    detail::accumulate(d_x, d);
}

//===--- One integer argument ---------------------------------------------===//
// As in the forward rules: the integer parameter of std::pow(double, int)
// and friends is not floating point, so generated code passes an adjoint only
// for the floating-point argument.

template <class T, class U, class D, class AT, detail::if_mixed_t<T, U, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void pow_vjp(T xa, U ya, D da, AT &d_x) {
  using R = detail::promote_t<T, U>;
  detail::pow_accumulate_x(static_cast<R>(xa), static_cast<R>(ya),
                           static_cast<R>(da), d_x);
}

template <class T, class U, class D, class AU, detail::if_mixed_t<U, T, D> = 0,
          detail::if_adjoint_t<AU> = 0>
inline void pow_vjp(T xa, U ya, D da, AU &d_y) {
  using R = detail::promote_t<T, U>;
  detail::pow_accumulate_y(static_cast<R>(xa), static_cast<R>(ya),
                           static_cast<R>(da), d_y);
}

// The others cost no transcendental call for the unused adjoint, so they
// forward to the two-adjoint rule with a scratch one.
#define FRECHET_MIXED_VJP_RULE(NAME)                                           \
  template <class T, class U, class D, class AT,                               \
            detail::if_mixed_t<T, U, D> = 0, detail::if_adjoint_t<AT> = 0>     \
  inline void NAME##_vjp(T xa, U ya, D da, AT &d_x) {                          \
    AT unused = 0;                                                             \
    NAME##_vjp(xa, ya, da, d_x, unused);                                       \
  }                                                                            \
  template <class T, class U, class D, class AU,                               \
            detail::if_mixed_t<U, T, D> = 0, detail::if_adjoint_t<AU> = 0>     \
  inline void NAME##_vjp(T xa, U ya, D da, AU &d_y) {                          \
    AU unused = 0;                                                             \
    NAME##_vjp(xa, ya, da, unused, d_y);                                       \
  }
FRECHET_MIXED_VJP_RULE(atan2)
FRECHET_MIXED_VJP_RULE(hypot)
FRECHET_MIXED_VJP_RULE(fmin)
FRECHET_MIXED_VJP_RULE(fmax)
#undef FRECHET_MIXED_VJP_RULE

//===--- Fused multiply-add -----------------------------------------------===//

template <class T, class U, class V, class D, class AT, class AU, class AV,
          detail::if_arithmetic_t<T, U, V, D> = 0,
          detail::if_adjoint_t<AT, AU, AV> = 0>
inline void fma_vjp(T xa, U ya, V /*z*/, D da, AT &d_x, AU &d_y, AV &d_z) {
  using R = detail::promote_t<T, U, V>;
  R x = static_cast<R>(xa), y = static_cast<R>(ya), d = static_cast<R>(da);
  detail::accumulate(d_x, d * y);
  detail::accumulate(d_y, x * d);
  detail::accumulate(d_z, d);
}

//===--- Rounding ---------------------------------------------------------===//
// Piecewise constant: nothing is added, including at the jumps.

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void floor_vjp(T, D, AT &) {}

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void ceil_vjp(T, D, AT &) {}

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void round_vjp(T, D, AT &) {}

template <class T, class D, class AT, detail::if_arithmetic_t<T, D> = 0,
          detail::if_adjoint_t<AT> = 0>
inline void trunc_vjp(T, D, AT &) {}

} // namespace rules
} // namespace frechet

#endif // FRECHET_SCALAR_VJP_RULES_H
