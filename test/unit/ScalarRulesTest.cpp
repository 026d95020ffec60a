//===- ScalarRulesTest.cpp - tests for the forward rules ------------------===//
//
// Checks every forward rule against <cmath>: the value must be exactly
// std::g's, and the tangent must match a central finite difference of std::g
// along each argument and along a random direction. Also pins down the
// conventions at non-differentiable points and the result types.
//
//===----------------------------------------------------------------------===//
#include "frechet/check.h"
#include "frechet/scalar_rules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

namespace r = frechet::rules;
using frechet::jvp_result;

// Generic lambdas, so one name covers every arity and argument type.
#define RULE(g) [](auto... a) { return frechet::rules::g##_jvp(a...); }
#define FN(g) [](auto... a) { return std::g(a...); }

constexpr double Tol = 1e-7;
const double NaN = std::numeric_limits<double>::quiet_NaN();
const double Inf = std::numeric_limits<double>::infinity();

template <std::size_t N> using Point = std::array<double, N>;

template <std::size_t N>
std::array<double, 2 * N> concat(const Point<N> &x, const Point<N> &dx) {
  std::array<double, 2 * N> all{};
  for (std::size_t i = 0; i < N; ++i) {
    all[i] = x[i];
    all[N + i] = dx[i];
  }
  return all;
}

// At each point: the value equals fn's exactly, and for each unit direction
// and one random direction the tangent matches a central difference of fn
// along that direction, with a step scaled to the size of the point.
template <std::size_t N, class Rule, class Fn>
void expectRule(Rule rule, Fn fn, const std::vector<Point<N>> &points) {
  std::mt19937 rng(20240521);
  std::uniform_real_distribution<double> dist(-1.0, 1.0);
  for (const Point<N> &x : points) {
    double scale = 1.0;
    for (double xi : x)
      scale = std::max(scale, std::fabs(xi));
    double h = 1e-6 * scale;

    std::vector<Point<N>> dirs;
    for (std::size_t i = 0; i < N; ++i) {
      Point<N> e{};
      e[i] = 1.0;
      dirs.push_back(e);
    }
    Point<N> random;
    for (double &ri : random)
      ri = dist(rng);
    dirs.push_back(random);

    for (const Point<N> &dx : dirs) {
      std::string where = "at (";
      for (std::size_t i = 0; i < N; ++i)
        where += (i ? ", " : "") + std::to_string(x[i]);
      where += ") along (";
      for (std::size_t i = 0; i < N; ++i)
        where += (i ? ", " : "") + std::to_string(dx[i]);
      SCOPED_TRACE(where + ")");

      jvp_result<double> got = std::apply(rule, concat(x, dx));
      EXPECT_EQ(got.value, std::apply(fn, x));

      auto along = [&](double t) {
        Point<N> xt;
        for (std::size_t i = 0; i < N; ++i)
          xt[i] = x[i] + t * dx[i];
        return std::apply(fn, xt);
      };
      double fd = frechet::central_difference(along, 0.0, h);
      EXPECT_LE(frechet::relative_error(got.tangent, fd), Tol)
          << "tangent " << got.tangent << ", finite difference " << fd;
    }
  }
}

//===--- Values and tangents against <cmath> ------------------------------===//

TEST(ScalarRules, Trigonometric) {
  std::vector<Point<1>> pts = {{-2.5}, {-1}, {-0.3}, {0}, {0.4}, {1.2}, {3}};
  expectRule(RULE(sin), FN(sin), pts);
  expectRule(RULE(cos), FN(cos), pts);
  expectRule(RULE(tan), FN(tan), pts);

  std::vector<Point<1>> unit = {{-0.9}, {-0.5}, {0}, {0.3}, {0.8}};
  expectRule(RULE(asin), FN(asin), unit);
  expectRule(RULE(acos), FN(acos), unit);
  expectRule<1>(RULE(atan), FN(atan), {{-10}, {-1}, {0}, {0.5}, {3}, {100}});
}

TEST(ScalarRules, Atan2) {
  // Away from the branch cut on the negative x axis.
  expectRule<2>(RULE(atan2), FN(atan2),
                {{1, 2}, {-1, 0.5}, {0.3, -2}, {-2, -1}, {1e-3, 1}, {5, 0}});
}

TEST(ScalarRules, Hyperbolic) {
  std::vector<Point<1>> pts = {{-3}, {-0.5}, {0}, {0.7}, {2}, {10}};
  expectRule(RULE(sinh), FN(sinh), pts);
  expectRule(RULE(cosh), FN(cosh), pts);
  expectRule(RULE(tanh), FN(tanh), pts);
  expectRule(RULE(asinh), FN(asinh), pts);
  expectRule<1>(RULE(acosh), FN(acosh), {{1.5}, {2}, {10}, {100}});
  expectRule<1>(RULE(atanh), FN(atanh), {{-0.8}, {-0.3}, {0}, {0.5}, {0.9}});
}

TEST(ScalarRules, ExponentialAndLogarithmic) {
  std::vector<Point<1>> pts = {{-5}, {-1}, {0}, {0.5}, {3}, {20}};
  expectRule(RULE(exp), FN(exp), pts);
  expectRule(RULE(exp2), FN(exp2), pts);
  expectRule(RULE(expm1), FN(expm1), pts);

  std::vector<Point<1>> positive = {{0.05}, {0.5}, {1}, {2}, {100}};
  expectRule(RULE(log), FN(log), positive);
  expectRule(RULE(log2), FN(log2), positive);
  expectRule(RULE(log10), FN(log10), positive);
  expectRule<1>(RULE(log1p), FN(log1p), {{-0.5}, {0}, {0.3}, {5}, {1000}});
}

TEST(ScalarRules, Powers) {
  expectRule<1>(RULE(sqrt), FN(sqrt), {{0.01}, {0.25}, {1}, {2}, {1e4}});
  expectRule<1>(RULE(cbrt), FN(cbrt), {{-8}, {-0.5}, {0.3}, {1}, {27}, {1e3}});
  expectRule<2>(
      RULE(pow), FN(pow),
      {{2, 3}, {0.5, -1.5}, {3, 0.5}, {1.5, 2.25}, {10, 0.1}, {0.2, 4}});
  expectRule<2>(RULE(hypot), FN(hypot),
                {{3, 4}, {-1, 2}, {0.5, -0.1}, {1e3, 1}, {0, 2}});
  expectRule<3>(RULE(hypot), FN(hypot),
                {{1, 2, 2}, {-3, 0.5, 1}, {0, 0, -4}, {10, -20, 0.1}});
}

TEST(ScalarRules, ErrorFunctions) {
  std::vector<Point<1>> pts = {{-2}, {-0.5}, {0}, {0.3}, {1.5}, {3}};
  expectRule(RULE(erf), FN(erf), pts);
  expectRule(RULE(erfc), FN(erfc), pts);
}

TEST(ScalarRules, AbsMinMax) {
  std::vector<Point<1>> pts = {{-3}, {-0.5}, {0.5}, {2}};
  expectRule(RULE(fabs), FN(fabs), pts);
  expectRule(RULE(abs), FN(abs), pts);

  // No ties here: those are conventions, tested below.
  std::vector<Point<2>> pairs = {{1, 2}, {3, -1}, {-2, -5}, {0.5, 0.25}};
  expectRule(RULE(fmin), FN(fmin), pairs);
  expectRule(RULE(fmax), FN(fmax), pairs);
  expectRule(RULE(min), FN(min), pairs);
  expectRule(RULE(max), FN(max), pairs);
}

TEST(ScalarRules, Fma) {
  expectRule<3>(RULE(fma), FN(fma),
                {{1, 2, 3}, {-0.5, 4, 1e-3}, {2.5, -3, -7}, {0, 0, 0}});
}

TEST(ScalarRules, Rounding) {
  // Away from the jumps, where the finite difference is 0 too.
  std::vector<Point<1>> pts = {{-2.3}, {-0.7}, {0.4}, {1.6}, {3.2}};
  expectRule(RULE(floor), FN(floor), pts);
  expectRule(RULE(ceil), FN(ceil), pts);
  expectRule(RULE(round), FN(round), pts);
  expectRule(RULE(trunc), FN(trunc), pts);
}

TEST(ScalarRules, ConstantsAreFullPrecision) {
  // Finite differences cannot see an error in the 10th digit; these can.
  EXPECT_DOUBLE_EQ(r::exp2_jvp(0.0, 1.0).tangent, std::log(2.0));
  EXPECT_DOUBLE_EQ(r::log2_jvp(1.0, 1.0).tangent, 1 / std::log(2.0));
  EXPECT_DOUBLE_EQ(r::log10_jvp(1.0, 1.0).tangent, 1 / std::log(10.0));
  EXPECT_DOUBLE_EQ(r::erf_jvp(0.0, 1.0).tangent,
                   2 / std::sqrt(std::acos(-1.0)));
  // EXPECT_NEAR would round to double; compare in long double.
  long double eps = 4 * std::numeric_limits<long double>::epsilon();
  EXPECT_LE(std::fabs(r::exp2_jvp(0.0L, 1.0L).tangent - std::log(2.0L)), eps);
  EXPECT_LE(std::fabs(r::log10_jvp(1.0L, 1.0L).tangent - 1 / std::log(10.0L)),
            eps);
  EXPECT_LE(std::fabs(r::erfc_jvp(0.0L, 1.0L).tangent +
                      2 / std::sqrt(std::acos(-1.0L))),
            eps);
}

//===--- Conventions ------------------------------------------------------===//

TEST(ScalarRules, FabsAtZeroHasZeroTangent) {
  for (double zero : {0.0, -0.0}) {
    for (double dx : {1.0, -3.0}) {
      EXPECT_EQ(r::fabs_jvp(zero, dx).value, 0.0);
      EXPECT_EQ(r::fabs_jvp(zero, dx).tangent, 0.0);
      EXPECT_EQ(r::abs_jvp(zero, dx).tangent, 0.0);
    }
  }
  // Either side of 0 the slope is +-1.
  EXPECT_EQ(r::fabs_jvp(-1e-300, 2.0).tangent, -2.0);
  EXPECT_EQ(r::fabs_jvp(1e-300, 2.0).tangent, 2.0);
}

TEST(ScalarRules, MinMaxTiesTakeTheFirstArgument) {
  EXPECT_EQ(r::fmax_jvp(1.0, 1.0, 2.0, 3.0).tangent, 2.0);
  EXPECT_EQ(r::fmin_jvp(1.0, 1.0, 2.0, 3.0).tangent, 2.0);
  EXPECT_EQ(r::max_jvp(1.0, 1.0, 2.0, 3.0).tangent, 2.0);
  EXPECT_EQ(r::min_jvp(1.0, 1.0, 2.0, 3.0).tangent, 2.0);
  // Otherwise the tangent of the argument returned.
  EXPECT_EQ(r::fmax_jvp(1.0, 2.0, 10.0, 20.0).tangent, 20.0);
  EXPECT_EQ(r::fmin_jvp(1.0, 2.0, 10.0, 20.0).tangent, 10.0);
  EXPECT_EQ(r::max_jvp(1.0, 2.0, 10.0, 20.0).tangent, 20.0);
  EXPECT_EQ(r::min_jvp(1.0, 2.0, 10.0, 20.0).tangent, 10.0);
}

TEST(ScalarRules, FminFmaxWithNaNTakeTheOtherTangent) {
  auto a = r::fmax_jvp(NaN, 2.0, 5.0, 7.0);
  EXPECT_EQ(a.value, 2.0);
  EXPECT_EQ(a.tangent, 7.0);
  auto b = r::fmax_jvp(2.0, NaN, 5.0, 7.0);
  EXPECT_EQ(b.value, 2.0);
  EXPECT_EQ(b.tangent, 5.0);
  auto c = r::fmin_jvp(NaN, 2.0, 5.0, 7.0);
  EXPECT_EQ(c.value, 2.0);
  EXPECT_EQ(c.tangent, 7.0);
  auto d = r::fmin_jvp(2.0, NaN, 5.0, 7.0);
  EXPECT_EQ(d.value, 2.0);
  EXPECT_EQ(d.tangent, 5.0);
}

TEST(ScalarRules, MinMaxWithNaNFollowStdMinMax) {
  // std::max(NaN, 1) is NaN and std::max(1, NaN) is 1: both the first.
  auto a = r::max_jvp(NaN, 1.0, 5.0, 7.0);
  EXPECT_TRUE(std::isnan(a.value));
  EXPECT_EQ(a.tangent, 5.0);
  auto b = r::max_jvp(1.0, NaN, 5.0, 7.0);
  EXPECT_EQ(b.value, std::max(1.0, NaN));
  EXPECT_EQ(b.tangent, 5.0);
  auto c = r::min_jvp(1.0, NaN, 5.0, 7.0);
  EXPECT_EQ(c.value, std::min(1.0, NaN));
  EXPECT_EQ(c.tangent, 5.0);
}

TEST(ScalarRules, RoundingHasZeroTangent) {
  // Including at integers, where floor and ceil jump, and at halves, where
  // round jumps.
  for (double x : {2.5, -1.5, 3.0, -0.2}) {
    SCOPED_TRACE(x);
    EXPECT_EQ(r::floor_jvp(x, 4.0).tangent, 0.0);
    EXPECT_EQ(r::ceil_jvp(x, 4.0).tangent, 0.0);
    EXPECT_EQ(r::round_jvp(x, 4.0).tangent, 0.0);
    EXPECT_EQ(r::trunc_jvp(x, 4.0).tangent, 0.0);
    EXPECT_EQ(r::floor_jvp(x, NaN).tangent, 0.0);
  }
}

TEST(ScalarRules, SqrtAndCbrtAtZero) {
  EXPECT_EQ(r::sqrt_jvp(0.0, 0.0).value, 0.0);
  EXPECT_EQ(r::sqrt_jvp(0.0, 0.0).tangent, 0.0);
  EXPECT_EQ(r::sqrt_jvp(-0.0, 0.0).tangent, 0.0);
  EXPECT_EQ(r::sqrt_jvp(0.0, 1.0).tangent, Inf);
  EXPECT_EQ(r::sqrt_jvp(0.0, -1.0).tangent, -Inf);
  EXPECT_EQ(r::cbrt_jvp(0.0, 0.0).tangent, 0.0);
  EXPECT_EQ(r::cbrt_jvp(0.0, 2.0).tangent, Inf);
  EXPECT_EQ(r::cbrt_jvp(0.0, -2.0).tangent, -Inf);
  // A zero tangent elsewhere is still the plain formula: 0.
  EXPECT_EQ(r::sqrt_jvp(4.0, 0.0).tangent, 0.0);
}

TEST(ScalarRules, PowNegativeBaseWithConstantExponent) {
  auto a = r::pow_jvp(-2.0, 3, 1.0, 0.0);
  EXPECT_EQ(a.value, -8.0);
  EXPECT_EQ(a.tangent, 12.0);
  auto b = r::pow_jvp(-1.5, 2.0, 2.0, 0.0);
  EXPECT_EQ(b.value, 2.25);
  EXPECT_EQ(b.tangent, -6.0);
  // And it agrees with the finite difference in the base.
  for (int n : {1, 2, 3, 4, -1, -2}) {
    SCOPED_TRACE(n);
    expectRule<1>([n](double x, double dx) { return r::pow_jvp(x, n, dx, 0); },
                  [n](double x) { return std::pow(x, n); },
                  {{-3}, {-1.2}, {-0.4}});
  }
}

TEST(ScalarRules, PowAtZeroBase) {
  // x^3 at 0 is flat in x, and 0^y is 0 for all y > 0.
  EXPECT_EQ(r::pow_jvp(0.0, 3.0, 1.0, 0.0).tangent, 0.0);
  EXPECT_EQ(r::pow_jvp(0.0, 3.0, 1.0, 1.0).tangent, 0.0);
  EXPECT_EQ(r::pow_jvp(0.0, 1.5, 1.0, 1.0).tangent, 0.0);
  EXPECT_EQ(r::pow_jvp(0.0, 0.5, 0.0, 1.0).tangent, 0.0);
  // x^1 has slope 1 everywhere; x^0.5 is vertical at 0.
  EXPECT_EQ(r::pow_jvp(0.0, 1.0, 2.0, 0.0).tangent, 2.0);
  EXPECT_EQ(r::pow_jvp(0.0, 0.5, 1.0, 0.0).tangent, Inf);
}

TEST(ScalarRules, PowWithIntExponent) {
  // The call shape the generator emits for pow(x, 2).
  auto p = r::pow_jvp(1.5, 2, 1.0, 0.0);
  EXPECT_EQ(p.value, 2.25);
  EXPECT_EQ(p.tangent, 3.0);
}

TEST(ScalarRules, HypotAtOriginHasZeroTangent) {
  EXPECT_EQ(r::hypot_jvp(0.0, 0.0, 1.0, 1.0).value, 0.0);
  EXPECT_EQ(r::hypot_jvp(0.0, 0.0, 1.0, 1.0).tangent, 0.0);
  EXPECT_EQ(r::hypot_jvp(0.0, 0.0, 0.0, 1.0, 1.0, 1.0).tangent, 0.0);
}

//===--- Types ------------------------------------------------------------===//

// The rule's result type is jvp_result of what std::g returns, whatever the
// tangents' types.
#define EXPECT_UNARY_TYPE(g, T, DT)                                            \
  static_assert(                                                               \
      std::is_same_v<decltype(r::g##_jvp(std::declval<T>(),                    \
                                         std::declval<DT>())),                 \
                     jvp_result<decltype(std::g(std::declval<T>()))>>,         \
      #g "(" #T ")")
#define EXPECT_UNARY_TYPES(g)                                                  \
  EXPECT_UNARY_TYPE(g, float, float);                                          \
  EXPECT_UNARY_TYPE(g, float, double);                                         \
  EXPECT_UNARY_TYPE(g, double, float);                                         \
  EXPECT_UNARY_TYPE(g, long double, int);                                      \
  EXPECT_UNARY_TYPE(g, int, double);                                           \
  EXPECT_UNARY_TYPE(g, int, int)

#define EXPECT_BINARY_TYPE(g, T, U)                                            \
  static_assert(                                                               \
      std::is_same_v<                                                          \
          decltype(r::g##_jvp(std::declval<T>(), std::declval<U>(), 0.0, 0)),  \
          jvp_result<decltype(std::g(std::declval<T>(), std::declval<U>()))>>, \
      #g "(" #T ", " #U ")")
#define EXPECT_BINARY_TYPES(g)                                                 \
  EXPECT_BINARY_TYPE(g, float, float);                                         \
  EXPECT_BINARY_TYPE(g, float, int);                                           \
  EXPECT_BINARY_TYPE(g, int, int);                                             \
  EXPECT_BINARY_TYPE(g, float, double);                                        \
  EXPECT_BINARY_TYPE(g, long double, float);                                   \
  EXPECT_BINARY_TYPE(g, double, long double)

#define EXPECT_TERNARY_TYPE(g, T, U, V)                                        \
  static_assert(                                                               \
      std::is_same_v<                                                          \
          decltype(r::g##_jvp(std::declval<T>(), std::declval<U>(),            \
                              std::declval<V>(), 0.0, 0.0f, 0)),               \
          jvp_result<decltype(std::g(std::declval<T>(), std::declval<U>(),     \
                                     std::declval<V>()))>>,                    \
      #g "(" #T ", " #U ", " #V ")")
#define EXPECT_TERNARY_TYPES(g)                                                \
  EXPECT_TERNARY_TYPE(g, float, float, float);                                 \
  EXPECT_TERNARY_TYPE(g, float, int, float);                                   \
  EXPECT_TERNARY_TYPE(g, int, int, int);                                       \
  EXPECT_TERNARY_TYPE(g, long double, float, double)

EXPECT_UNARY_TYPES(sin);
EXPECT_UNARY_TYPES(cos);
EXPECT_UNARY_TYPES(tan);
EXPECT_UNARY_TYPES(asin);
EXPECT_UNARY_TYPES(acos);
EXPECT_UNARY_TYPES(atan);
EXPECT_UNARY_TYPES(sinh);
EXPECT_UNARY_TYPES(cosh);
EXPECT_UNARY_TYPES(tanh);
EXPECT_UNARY_TYPES(asinh);
EXPECT_UNARY_TYPES(acosh);
EXPECT_UNARY_TYPES(atanh);
EXPECT_UNARY_TYPES(exp);
EXPECT_UNARY_TYPES(exp2);
EXPECT_UNARY_TYPES(expm1);
EXPECT_UNARY_TYPES(log);
EXPECT_UNARY_TYPES(log2);
EXPECT_UNARY_TYPES(log10);
EXPECT_UNARY_TYPES(log1p);
EXPECT_UNARY_TYPES(sqrt);
EXPECT_UNARY_TYPES(cbrt);
EXPECT_UNARY_TYPES(erf);
EXPECT_UNARY_TYPES(erfc);
EXPECT_UNARY_TYPES(fabs);
EXPECT_UNARY_TYPES(floor);
EXPECT_UNARY_TYPES(ceil);
EXPECT_UNARY_TYPES(round);
EXPECT_UNARY_TYPES(trunc);
EXPECT_BINARY_TYPES(atan2);
EXPECT_BINARY_TYPES(pow);
EXPECT_BINARY_TYPES(hypot);
EXPECT_BINARY_TYPES(fmin);
EXPECT_BINARY_TYPES(fmax);
EXPECT_TERNARY_TYPES(fma);
EXPECT_TERNARY_TYPES(hypot);

TEST(ScalarRules, ResultTypes) {
  // The cases the generator relies on, spelled out.
  static_assert(
      std::is_same_v<decltype(r::sin_jvp(1.0f, 1.0f)), jvp_result<float>>);
  static_assert(
      std::is_same_v<decltype(r::sin_jvp(1.0f, 0.0)), jvp_result<float>>);
  static_assert(std::is_same_v<decltype(r::sin_jvp(1, 1)), jvp_result<double>>);
  static_assert(std::is_same_v<decltype(r::pow_jvp(1.0f, 2, 1.0f, 0.0)),
                               jvp_result<double>>);
  static_assert(std::is_same_v<decltype(r::pow_jvp(1.0f, 2.0f, 1.0f, 0.0)),
                               jvp_result<float>>);
  static_assert(std::is_same_v<decltype(r::sqrt_jvp(2.0L, 1.0)),
                               jvp_result<long double>>);
  // abs and min/max follow <cmath>'s promotion, not std::abs(int) or
  // std::max's single type.
  static_assert(std::is_same_v<decltype(r::abs_jvp(1, 1)), jvp_result<double>>);
  static_assert(
      std::is_same_v<decltype(r::abs_jvp(1.0f, 1.0f)), jvp_result<float>>);
  static_assert(std::is_same_v<decltype(r::max_jvp(1.0f, 2.0f, 0.0, 0.0)),
                               jvp_result<float>>);
  static_assert(std::is_same_v<decltype(r::max_jvp(1.0f, 2, 0.0, 0.0)),
                               jvp_result<double>>);
  static_assert(
      std::is_same_v<decltype(r::min_jvp(1, 2, 0, 0)), jvp_result<double>>);
}

TEST(ScalarRules, FloatComputesInFloat) {
  // Values are bit-identical to the float overloads of <cmath>...
  EXPECT_EQ(r::sin_jvp(0.5f, 1.0f).value, std::sin(0.5f));
  EXPECT_EQ(r::exp_jvp(0.5f, 0.0).value, std::exp(0.5f));
  EXPECT_EQ(r::pow_jvp(1.5f, 2.5f, 1.0f, 0.0f).value, std::pow(1.5f, 2.5f));
  // ...and tangents are float-accurate.
  EXPECT_NEAR(r::sin_jvp(0.5f, 1.0f).tangent, std::cos(0.5), 1e-6);
  EXPECT_NEAR(r::exp_jvp(0.5f, 2.0).tangent, 2 * std::exp(0.5), 1e-6);
  EXPECT_NEAR(r::pow_jvp(1.5f, 2.5f, 0.0f, 1.0f).tangent,
              std::log(1.5) * std::pow(1.5, 2.5), 1e-6);
}

TEST(ScalarRules, IntArgumentsComputeInDouble) {
  EXPECT_EQ(r::sin_jvp(2, 1).value, std::sin(2.0));
  EXPECT_EQ(r::sin_jvp(2, 1).tangent, std::cos(2.0));
  EXPECT_EQ(r::atan2_jvp(1, 2, 0, 1).value, std::atan2(1.0, 2.0));
  EXPECT_DOUBLE_EQ(r::atan2_jvp(1, 2, 0, 1).tangent, -1.0 / 5.0);
  EXPECT_EQ(r::max_jvp(3, 2.5, 1, 0).value, 3.0);
}

TEST(ScalarRules, LongDoubleIsMorePreciseThanDouble) {
  // exp in long double carries more digits than the double rule can hold,
  // which fails if the rule silently computed in double.
  long double x = 0.1L;
  jvp_result<long double> e = r::exp_jvp(x, 1.0L);
  EXPECT_EQ(e.value, std::exp(x));
  EXPECT_EQ(e.tangent, std::exp(x));
  if (std::numeric_limits<long double>::digits >
      std::numeric_limits<double>::digits) {
    EXPECT_NE(e.tangent, static_cast<long double>(std::exp(0.1)));
  }
}

} // namespace

// std::pow(double, int) and friends: one tangent, for the floating argument.
TEST(MixedIntegerRules, TangentBelongsToTheFloatingArgument) {
  auto A = frechet::rules::pow_jvp(1.5, 3, 1.0);
  EXPECT_DOUBLE_EQ(A.value, std::pow(1.5, 3));
  EXPECT_DOUBLE_EQ(A.tangent, 3 * 1.5 * 1.5);
  auto B = frechet::rules::pow_jvp(2, 0.5, 1.0);
  EXPECT_DOUBLE_EQ(B.value, std::pow(2, 0.5));
  EXPECT_DOUBLE_EQ(B.tangent, std::log(2.0) * std::sqrt(2.0));
  auto C = frechet::rules::atan2_jvp(1, 2.0, 1.0);
  EXPECT_DOUBLE_EQ(C.tangent, -1.0 / 5.0);
  auto D = frechet::rules::fmax_jvp(3.0, 1, 2.0);
  EXPECT_DOUBLE_EQ(D.tangent, 2.0);
  auto E = frechet::rules::hypot_jvp(3.0, 4, 1.0);
  EXPECT_DOUBLE_EQ(E.tangent, 3.0 / 5.0);
  static_assert(std::is_same_v<decltype(frechet::rules::pow_jvp(1.5f, 2, 1.0f)),
                               frechet::jvp_result<double>>);
}
