//===- ScalarVjpRulesTest.cpp - tests for the reverse rules ---------------===//
//
// Checks every reverse rule g_vjp against the forward rule g_jvp through the
// adjoint identity: for a cotangent w and any direction dx,
//   w * g_jvp(x, dx).tangent == sum_i adj_i * dx_i,
// where adj is what g_vjp(x, w, adj...) accumulates into zeroed adjoints.
// Also checks that the rules accumulate (+=), the conventions at
// non-differentiable points, the one-integer overloads, aliasing adjoints,
// and the argument and adjoint types the rules accept.
//
//===----------------------------------------------------------------------===//
#include "frechet/scalar_vjp_rules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

namespace r = frechet::rules;

// Generic lambdas, so one name covers every arity and argument type.
#define JVP(g) [](auto... a) { return frechet::rules::g##_jvp(a...); }
#define VJP(g) [](auto &&...a) { frechet::rules::g##_vjp(a...); }

constexpr double Tol = 1e-12;
const double NaN = std::numeric_limits<double>::quiet_NaN();
const double Inf = std::numeric_limits<double>::infinity();

template <std::size_t N> using Point = std::array<double, N>;

template <std::size_t N> std::string describe(const Point<N> &p) {
  std::ostringstream os;
  os.precision(17);
  os << '(';
  for (std::size_t i = 0; i < N; ++i)
    os << (i ? ", " : "") << p[i];
  os << ')';
  return os.str();
}

// Calls vjp(x..., w, adj...), adj as lvalues.
template <std::size_t N, class Vjp, std::size_t... I>
void callVjp(Vjp vjp, const Point<N> &x, double w, Point<N> &adj,
             std::index_sequence<I...>) {
  vjp(x[I]..., w, adj[I]...);
}
template <std::size_t N, class Vjp>
void callVjp(Vjp vjp, const Point<N> &x, double w, Point<N> &adj) {
  callVjp(vjp, x, w, adj, std::make_index_sequence<N>());
}

// The tangent of jvp(x..., dx...).
template <std::size_t N, class Jvp, std::size_t... I>
double callJvp(Jvp jvp, const Point<N> &x, const Point<N> &dx,
               std::index_sequence<I...>) {
  return jvp(x[I]..., dx[I]...).tangent;
}
template <std::size_t N, class Jvp>
double callJvp(Jvp jvp, const Point<N> &x, const Point<N> &dx) {
  return callJvp(jvp, x, dx, std::make_index_sequence<N>());
}

// lhs == rhs up to Tol relative to the larger of |lhs| and the sum of the
// magnitudes of rhs's terms (so that cancellation in the sum is allowed
// for). Both sides must be finite; exact zeros must match exactly.
void expectIdentity(double lhs, double rhs, double rhsMagnitude) {
  EXPECT_TRUE(std::isfinite(lhs)) << "w * tangent = " << lhs;
  EXPECT_TRUE(std::isfinite(rhs)) << "adjoint . direction = " << rhs;
  double scale = std::max(std::fabs(lhs), rhsMagnitude);
  EXPECT_LE(std::fabs(lhs - rhs), Tol * scale)
      << "w * tangent = " << lhs << ", adjoint . direction = " << rhs;
}

// A random cotangent, bounded away from 0.
double randomCotangent(std::mt19937 &rng) {
  std::uniform_real_distribution<double> mag(0.25, 2.0);
  std::bernoulli_distribution negative(0.5);
  double w = mag(rng);
  return negative(rng) ? -w : w;
}

// At each point, with a random cotangent w: the adjoint identity along each
// argument direction and a random one; all adjoints finite; a second call
// adds the same amounts again; pre-existing adjoint values are kept and
// added to.
template <std::size_t N, class Jvp, class Vjp>
void expectAdjoint(Jvp jvp, Vjp vjp, const std::vector<Point<N>> &points) {
  std::mt19937 rng(20240607);
  std::uniform_real_distribution<double> dist(-1.0, 1.0);
  for (const Point<N> &x : points) {
    double w = randomCotangent(rng);
    std::ostringstream where;
    where.precision(17);
    where << "at " << describe(x) << " with cotangent " << w;
    SCOPED_TRACE(where.str());

    Point<N> adj{};
    callVjp(vjp, x, w, adj);
    for (std::size_t i = 0; i < N; ++i)
      EXPECT_TRUE(std::isfinite(adj[i])) << "adjoint " << i << " = " << adj[i];

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
      SCOPED_TRACE("along " + describe(dx));
      double lhs = w * callJvp(jvp, x, dx);
      double rhs = 0, magnitude = 0;
      for (std::size_t i = 0; i < N; ++i) {
        rhs += adj[i] * dx[i];
        magnitude += std::fabs(adj[i] * dx[i]);
      }
      expectIdentity(lhs, rhs, magnitude);
    }

    // Accumulation: twice from zero is twice the contribution...
    Point<N> twice{};
    callVjp(vjp, x, w, twice);
    callVjp(vjp, x, w, twice);
    for (std::size_t i = 0; i < N; ++i)
      EXPECT_EQ(twice[i], adj[i] + adj[i]) << "adjoint " << i;
    // ...and an existing value is added to, not overwritten.
    Point<N> before;
    for (double &bi : before)
      bi = 10 * dist(rng);
    Point<N> after = before;
    callVjp(vjp, x, w, after);
    for (std::size_t i = 0; i < N; ++i)
      EXPECT_EQ(after[i], before[i] + adj[i]) << "adjoint " << i;
  }
}

//===--- The adjoint identity against the forward rules -------------------===//

TEST(ScalarVjpRules, Trigonometric) {
  std::vector<Point<1>> pts = {{-2.5}, {-1}, {-0.3}, {0}, {0.4}, {1.2}, {3}};
  expectAdjoint(JVP(sin), VJP(sin), pts);
  expectAdjoint(JVP(cos), VJP(cos), pts);
  expectAdjoint(JVP(tan), VJP(tan), pts);

  std::vector<Point<1>> unit = {{-0.9}, {-0.5}, {0}, {0.3}, {0.8}, {0.999}};
  expectAdjoint(JVP(asin), VJP(asin), unit);
  expectAdjoint(JVP(acos), VJP(acos), unit);
  expectAdjoint<1>(JVP(atan), VJP(atan), {{-10}, {-1}, {0}, {0.5}, {3}, {100}});
}

TEST(ScalarVjpRules, Atan2) {
  // Including the branch cut, where atan2 jumps but the formula is smooth.
  expectAdjoint<2>(
      JVP(atan2), VJP(atan2),
      {{1, 2}, {-1, 0.5}, {0.3, -2}, {-2, -1}, {1e-3, 1}, {5, 0}, {0, -3}});
}

TEST(ScalarVjpRules, Hyperbolic) {
  std::vector<Point<1>> pts = {{-3}, {-0.5}, {0}, {0.7}, {2}, {10}};
  expectAdjoint(JVP(sinh), VJP(sinh), pts);
  expectAdjoint(JVP(cosh), VJP(cosh), pts);
  expectAdjoint(JVP(tanh), VJP(tanh), pts);
  expectAdjoint(JVP(asinh), VJP(asinh), pts);
  expectAdjoint<1>(JVP(acosh), VJP(acosh), {{1.001}, {1.5}, {2}, {10}, {100}});
  expectAdjoint<1>(JVP(atanh), VJP(atanh), {{-0.8}, {-0.3}, {0}, {0.5}, {0.9}});
}

TEST(ScalarVjpRules, ExponentialAndLogarithmic) {
  std::vector<Point<1>> pts = {{-5}, {-1}, {0}, {0.5}, {3}, {20}};
  expectAdjoint(JVP(exp), VJP(exp), pts);
  expectAdjoint(JVP(exp2), VJP(exp2), pts);
  expectAdjoint(JVP(expm1), VJP(expm1), pts);

  std::vector<Point<1>> positive = {{0.05}, {0.5}, {1}, {2}, {100}};
  expectAdjoint(JVP(log), VJP(log), positive);
  expectAdjoint(JVP(log2), VJP(log2), positive);
  expectAdjoint(JVP(log10), VJP(log10), positive);
  expectAdjoint<1>(JVP(log1p), VJP(log1p), {{-0.5}, {0}, {0.3}, {5}, {1000}});
}

TEST(ScalarVjpRules, Powers) {
  expectAdjoint<1>(JVP(sqrt), VJP(sqrt), {{0.01}, {0.25}, {1}, {2}, {1e4}});
  expectAdjoint<1>(JVP(cbrt), VJP(cbrt),
                   {{-8}, {-0.5}, {0.3}, {1}, {27}, {1e3}});
  // Including a zero base with y >= 1, where the d_y term is left out, and
  // a zero exponent.
  expectAdjoint<2>(JVP(pow), VJP(pow),
                   {{2, 3},
                    {0.5, -1.5},
                    {3, 0.5},
                    {1.5, 2.25},
                    {10, 0.1},
                    {0.2, 4},
                    {1, 7},
                    {2.5, 0},
                    {0, 3},
                    {0, 1},
                    {0, 2.5}});
  // Including the origin, where both sides are 0.
  expectAdjoint<2>(
      JVP(hypot), VJP(hypot),
      {{3, 4}, {-1, 2}, {0.5, -0.1}, {1e3, 1}, {0, 2}, {0, 0}, {1e300, 1e300}});
  expectAdjoint<3>(
      JVP(hypot), VJP(hypot),
      {{1, 2, 2}, {-3, 0.5, 1}, {0, 0, -4}, {10, -20, 0.1}, {0, 0, 0}});
}

TEST(ScalarVjpRules, ErrorFunctions) {
  std::vector<Point<1>> pts = {{-2}, {-0.5}, {0}, {0.3}, {1.5}, {3}};
  expectAdjoint(JVP(erf), VJP(erf), pts);
  expectAdjoint(JVP(erfc), VJP(erfc), pts);
}

TEST(ScalarVjpRules, AbsMinMax) {
  // Including the kink of fabs at both zeros.
  std::vector<Point<1>> pts = {{-3}, {-0.5}, {0.5}, {2}, {0}, {-0.0}};
  expectAdjoint(JVP(fabs), VJP(fabs), pts);
  expectAdjoint(JVP(abs), VJP(abs), pts);

  // Including ties and NaNs, where the forward rule picks one tangent.
  std::vector<Point<2>> pairs = {{1, 2},   {3, -1},   {-2, -5},  {0.5, 0.25},
                                 {1, 1},   {0, -0.0}, {NaN, 2},  {2, NaN},
                                 {NaN, 1}, {1, NaN},  {-Inf, 3}, {Inf, 3}};
  expectAdjoint(JVP(fmin), VJP(fmin), pairs);
  expectAdjoint(JVP(fmax), VJP(fmax), pairs);
  expectAdjoint(JVP(min), VJP(min), pairs);
  expectAdjoint(JVP(max), VJP(max), pairs);
}

TEST(ScalarVjpRules, Fma) {
  expectAdjoint<3>(JVP(fma), VJP(fma),
                   {{1, 2, 3},
                    {-0.5, 4, 1e-3},
                    {2.5, -3, -7},
                    {0, 0, 0},
                    {1e10, -1e-10, 5}});
}

TEST(ScalarVjpRules, Rounding) {
  // Including integers and halves, where they jump.
  std::vector<Point<1>> pts = {{-2.3}, {-0.7}, {0.4},  {1.6},
                               {3.2},  {2.5},  {-1.5}, {3}};
  expectAdjoint(JVP(floor), VJP(floor), pts);
  expectAdjoint(JVP(ceil), VJP(ceil), pts);
  expectAdjoint(JVP(round), VJP(round), pts);
  expectAdjoint(JVP(trunc), VJP(trunc), pts);
}

TEST(ScalarVjpRules, KnownValues) {
  // The identity cannot tell a wrong rule from a wrong forward rule; a few
  // derivatives by hand.
  double a = 0;
  r::sin_vjp(0.5, 2.0, a);
  EXPECT_DOUBLE_EQ(a, 2 * std::cos(0.5));
  a = 0;
  r::atanh_vjp(0.5, 3.0, a);
  EXPECT_DOUBLE_EQ(a, 3 / 0.75);
  double ay = 0, ax = 0;
  r::atan2_vjp(1.0, 2.0, 5.0, ay, ax);
  EXPECT_DOUBLE_EQ(ay, 5 * 2.0 / 5.0);
  EXPECT_DOUBLE_EQ(ax, -5 * 1.0 / 5.0);
  ax = ay = 0;
  r::pow_vjp(2.0, 3.0, 1.0, ax, ay);
  EXPECT_DOUBLE_EQ(ax, 12.0);
  EXPECT_DOUBLE_EQ(ay, 8 * std::log(2.0));
  double az = 0;
  ax = ay = 0;
  r::hypot_vjp(1.0, 2.0, 2.0, 6.0, ax, ay, az);
  EXPECT_DOUBLE_EQ(ax, 2.0);
  EXPECT_DOUBLE_EQ(ay, 4.0);
  EXPECT_DOUBLE_EQ(az, 4.0);
  ax = ay = az = 0;
  r::fma_vjp(2.0, 3.0, 4.0, 0.5, ax, ay, az);
  EXPECT_EQ(ax, 1.5);
  EXPECT_EQ(ay, 1.0);
  EXPECT_EQ(az, 0.5);
}

TEST(ScalarVjpRules, ConstantsAreFullPrecision) {
  double a = 0;
  r::exp2_vjp(0.0, 1.0, a);
  EXPECT_DOUBLE_EQ(a, std::log(2.0));
  a = 0;
  r::log10_vjp(1.0, 1.0, a);
  EXPECT_DOUBLE_EQ(a, 1 / std::log(10.0));
  a = 0;
  r::erf_vjp(0.0, 1.0, a);
  EXPECT_DOUBLE_EQ(a, 2 / std::sqrt(std::acos(-1.0)));
  long double eps = 4 * std::numeric_limits<long double>::epsilon();
  long double l = 0;
  r::log2_vjp(1.0L, 1.0L, l);
  EXPECT_LE(std::fabs(l - 1 / std::log(2.0L)), eps);
  l = 0;
  r::erfc_vjp(0.0L, 1.0L, l);
  EXPECT_LE(std::fabs(l + 2 / std::sqrt(std::acos(-1.0L))), eps);
}

//===--- Conventions ------------------------------------------------------===//

TEST(ScalarVjpRules, FabsAtZeroContributesNothing) {
  for (double zero : {0.0, -0.0}) {
    for (double w : {1.0, -3.0, NaN, Inf}) {
      SCOPED_TRACE(w);
      double a = 0.25, b = 0.25;
      r::fabs_vjp(zero, w, a);
      r::abs_vjp(zero, w, b);
      EXPECT_EQ(a, 0.25);
      EXPECT_EQ(b, 0.25);
    }
  }
  double c = 0.25;
  r::fabs_vjp(NaN, 1.0, c);
  EXPECT_EQ(c, 0.25);
  // Either side of 0 the slope is +-1.
  double n = 0, p = 0;
  r::fabs_vjp(-1e-300, 2.0, n);
  r::fabs_vjp(1e-300, 2.0, p);
  EXPECT_EQ(n, -2.0);
  EXPECT_EQ(p, 2.0);
}

// Calls rule(x, y, w, ax, ay) from ax = ay = 0.5 and returns what was added.
template <class Vjp>
std::pair<double, double> added(Vjp vjp, double x, double y, double w) {
  double ax = 0.5, ay = 0.5;
  vjp(x, y, w, ax, ay);
  return {ax - 0.5, ay - 0.5};
}

TEST(ScalarVjpRules, MinMaxTiesGoToTheFirstArgument) {
  using P = std::pair<double, double>;
  EXPECT_EQ(added(VJP(fmax), 1.0, 1.0, 2.0), P(2.0, 0.0));
  EXPECT_EQ(added(VJP(fmin), 1.0, 1.0, 2.0), P(2.0, 0.0));
  EXPECT_EQ(added(VJP(max), 1.0, 1.0, 2.0), P(2.0, 0.0));
  EXPECT_EQ(added(VJP(min), 1.0, 1.0, 2.0), P(2.0, 0.0));
  // Otherwise to the argument returned.
  EXPECT_EQ(added(VJP(fmax), 1.0, 2.0, 2.0), P(0.0, 2.0));
  EXPECT_EQ(added(VJP(fmin), 1.0, 2.0, 2.0), P(2.0, 0.0));
  EXPECT_EQ(added(VJP(max), 1.0, 2.0, 2.0), P(0.0, 2.0));
  EXPECT_EQ(added(VJP(min), 1.0, 2.0, 2.0), P(2.0, 0.0));
  EXPECT_EQ(added(VJP(fmax), 3.0, 2.0, 2.0), P(2.0, 0.0));
  EXPECT_EQ(added(VJP(fmin), 3.0, 2.0, 2.0), P(0.0, 2.0));
  EXPECT_EQ(added(VJP(max), 3.0, 2.0, 2.0), P(2.0, 0.0));
  EXPECT_EQ(added(VJP(min), 3.0, 2.0, 2.0), P(0.0, 2.0));
}

TEST(ScalarVjpRules, FminFmaxWithNaNGoToTheOtherArgument) {
  using P = std::pair<double, double>;
  EXPECT_EQ(added(VJP(fmax), NaN, 2.0, 2.0), P(0.0, 2.0));
  EXPECT_EQ(added(VJP(fmax), 2.0, NaN, 2.0), P(2.0, 0.0));
  EXPECT_EQ(added(VJP(fmin), NaN, 2.0, 2.0), P(0.0, 2.0));
  EXPECT_EQ(added(VJP(fmin), 2.0, NaN, 2.0), P(2.0, 0.0));
}

TEST(ScalarVjpRules, MinMaxWithNaNFollowStdMinMax) {
  // std::max(NaN, 1) is NaN and std::max(1, NaN) is 1: both the first.
  using P = std::pair<double, double>;
  EXPECT_EQ(added(VJP(max), NaN, 1.0, 2.0), P(2.0, 0.0));
  EXPECT_EQ(added(VJP(max), 1.0, NaN, 2.0), P(2.0, 0.0));
  EXPECT_EQ(added(VJP(min), NaN, 1.0, 2.0), P(2.0, 0.0));
  EXPECT_EQ(added(VJP(min), 1.0, NaN, 2.0), P(2.0, 0.0));
}

TEST(ScalarVjpRules, RoundingContributesNothing) {
  for (double x : {2.5, -1.5, 3.0, -0.2}) {
    for (double w : {4.0, NaN, Inf}) {
      SCOPED_TRACE(std::to_string(x) + ", " + std::to_string(w));
      double a = 0.5, b = 0.5, c = 0.5, d = 0.5;
      r::floor_vjp(x, w, a);
      r::ceil_vjp(x, w, b);
      r::round_vjp(x, w, c);
      r::trunc_vjp(x, w, d);
      EXPECT_EQ(a, 0.5);
      EXPECT_EQ(b, 0.5);
      EXPECT_EQ(c, 0.5);
      EXPECT_EQ(d, 0.5);
    }
  }
}

TEST(ScalarVjpRules, SqrtAndCbrtAtZero) {
  // A zero cotangent contributes nothing (not NaN)...
  for (double zero : {0.0, -0.0}) {
    double s = 1.5, c = 1.5;
    r::sqrt_vjp(zero, 0.0, s);
    r::cbrt_vjp(zero, 0.0, c);
    EXPECT_EQ(s, 1.5);
    EXPECT_EQ(c, 1.5);
  }
  // ...any other gives an infinity of its sign.
  double a = 0, b = 0, c = 0, d = 0;
  r::sqrt_vjp(0.0, 1.0, a);
  r::sqrt_vjp(0.0, -1.0, b);
  r::cbrt_vjp(0.0, 2.0, c);
  r::cbrt_vjp(0.0, -2.0, d);
  EXPECT_EQ(a, Inf);
  EXPECT_EQ(b, -Inf);
  EXPECT_EQ(c, Inf);
  EXPECT_EQ(d, -Inf);
  // A zero cotangent elsewhere is still the plain formula: 0.
  double e = 0.5;
  r::sqrt_vjp(4.0, 0.0, e);
  EXPECT_EQ(e, 0.5);
}

TEST(ScalarVjpRules, PowNegativeBase) {
  // A constant exponent gives a finite x adjoint...
  double ax = 0;
  r::pow_vjp(-2.0, 3, 1.0, ax);
  EXPECT_EQ(ax, 12.0);
  double bx = 0, by = 0;
  r::pow_vjp(-1.5, 2.0, 2.0, bx, by);
  EXPECT_EQ(bx, -6.0);
  // ...while the y adjoint is NaN (log of a negative base), as the forward
  // rule is with a nonzero dy.
  EXPECT_TRUE(std::isnan(by));
  EXPECT_TRUE(std::isnan(r::pow_jvp(-1.5, 2.0, 0.0, 1.0).tangent));
  // A zero cotangent contributes nothing, NaN factor or not.
  double cx = 0.5, cy = 0.5;
  r::pow_vjp(-1.5, 2.0, 0.0, cx, cy);
  EXPECT_EQ(cx, 0.5);
  EXPECT_EQ(cy, 0.5);
  // The identity, along the base only, for integer exponents.
  for (int n : {1, 2, 3, 4, -1, -2}) {
    for (double x : {-3.0, -1.2, -0.4}) {
      SCOPED_TRACE(std::to_string(x) + "^" + std::to_string(n));
      double mx = 0, my = 0;
      r::pow_vjp(x, double(n), -0.75, mx, my);
      expectIdentity(-0.75 * r::pow_jvp(x, double(n), 1.0, 0.0).tangent, mx,
                     std::fabs(mx));
    }
  }
}

TEST(ScalarVjpRules, PowAtZeroBase) {
  // x^3 at 0 is flat in x, and 0^y is 0 for all y > 0: no y term.
  double ax = 0.5, ay = 0.5;
  r::pow_vjp(0.0, 3.0, 1.0, ax, ay);
  EXPECT_EQ(ax, 0.5);
  EXPECT_EQ(ay, 0.5);
  ax = ay = 0.5;
  r::pow_vjp(0.0, 1.5, 1.0, ax, ay);
  EXPECT_EQ(ax, 0.5);
  EXPECT_EQ(ay, 0.5);
  // x^1 has slope 1 everywhere; x^0.5 is vertical at 0.
  ax = ay = 0;
  r::pow_vjp(0.0, 1.0, 2.0, ax, ay);
  EXPECT_EQ(ax, 2.0);
  EXPECT_EQ(ay, 0.0);
  ax = ay = 0;
  r::pow_vjp(0.0, 0.5, 1.0, ax, ay);
  EXPECT_EQ(ax, Inf);
  EXPECT_EQ(ay, 0.0);
  // Unless nothing flows back.
  ax = ay = 0.5;
  r::pow_vjp(0.0, 0.5, 0.0, ax, ay);
  EXPECT_EQ(ax, 0.5);
  EXPECT_EQ(ay, 0.5);
  ax = ay = 0.5;
  r::pow_vjp(0.0, -1.0, 0.0, ax, ay);
  EXPECT_EQ(ax, 0.5);
  EXPECT_EQ(ay, 0.5);
}

TEST(ScalarVjpRules, HypotAtOriginContributesNothing) {
  double ax = 0.5, ay = 0.5, az = 0.5;
  r::hypot_vjp(0.0, 0.0, 1.0, ax, ay);
  EXPECT_EQ(ax, 0.5);
  EXPECT_EQ(ay, 0.5);
  r::hypot_vjp(0.0, -0.0, 0.0, 1.0, ax, ay, az);
  EXPECT_EQ(ax, 0.5);
  EXPECT_EQ(ay, 0.5);
  EXPECT_EQ(az, 0.5);
  // Next to it, the unit vector.
  ax = ay = 0;
  r::hypot_vjp(1e-300, 0.0, 1.0, ax, ay);
  EXPECT_EQ(ax, 1.0);
  EXPECT_EQ(ay, 0.0);
}

//===--- Aliasing adjoints ------------------------------------------------===//

TEST(ScalarVjpRules, AliasedAdjointsGetEveryContribution) {
  // pow(x, x), fma(x, x, x), hypot(x, x), atan2(x, x), min(x, x): the
  // generated code passes x's adjoint for each argument.
  double x = 1.7, a = 0;
  r::pow_vjp(x, x, 1.0, a, a);
  EXPECT_NEAR(a, std::pow(x, x) * (std::log(x) + 1), 1e-12);
  a = 0;
  r::fma_vjp(x, x, x, 1.0, a, a, a);
  EXPECT_DOUBLE_EQ(a, 2 * x + 1);
  a = 0;
  r::hypot_vjp(-x, -x, 1.0, a, a);
  EXPECT_DOUBLE_EQ(a, -std::sqrt(2.0));
  a = 0;
  r::hypot_vjp(x, x, x, 1.0, a, a, a);
  EXPECT_DOUBLE_EQ(a, std::sqrt(3.0));
  a = 0;
  r::atan2_vjp(x, x, 1.0, a, a);
  EXPECT_NEAR(a, 0.0, 1e-15);
  a = 0;
  r::min_vjp(x, x, 3.0, a, a);
  EXPECT_EQ(a, 3.0);
  a = 0;
  r::fmax_vjp(x, x, 3.0, a, a);
  EXPECT_EQ(a, 3.0);
}

//===--- One integer argument ---------------------------------------------===//

// The identity for a rule with one adjoint: w * tangent == adj * dx.
void expectMixed(double w, double adj, double tangentAlongOne) {
  for (double dx : {1.0, -0.37}) {
    SCOPED_TRACE(dx);
    expectIdentity(w * tangentAlongOne * dx, adj * dx, std::fabs(adj * dx));
  }
}

TEST(ScalarVjpRules, MixedIntegerPow) {
  for (int n : {-3, -2, -1, 0, 1, 2, 3, 5}) {
    for (double x : {-2.5, -0.7, 0.3, 1.5, 4.0}) {
      SCOPED_TRACE(std::to_string(x) + "^" + std::to_string(n));
      double w = -1.25, ax = 0;
      r::pow_vjp(x, n, w, ax);
      expectMixed(w, ax, r::pow_jvp(x, n, 1.0).tangent);
      // The same as the two-adjoint rule with the y adjoint thrown away.
      double bx = 0, by = 0;
      r::pow_vjp(x, double(n), w, bx, by);
      EXPECT_EQ(ax, bx);
    }
  }
  for (int b : {1, 2, 3, 10}) {
    for (double y : {-1.5, 0.0, 0.5, 2.25}) {
      SCOPED_TRACE(std::to_string(b) + "^" + std::to_string(y));
      double w = 0.8, ay = 0;
      r::pow_vjp(b, y, w, ay);
      expectMixed(w, ay, r::pow_jvp(b, y, 1.0).tangent);
    }
  }
  double a = 0;
  r::pow_vjp(1.5, 3, 2.0, a);
  EXPECT_DOUBLE_EQ(a, 2 * 3 * 1.5 * 1.5);
  a = 0;
  r::pow_vjp(2, 0.5, 1.0, a);
  EXPECT_DOUBLE_EQ(a, std::log(2.0) * std::sqrt(2.0));
  // 0^y is 0: no y term, as in the forward rule.
  a = 0.5;
  r::pow_vjp(0, 2.5, 1.0, a);
  EXPECT_EQ(a, 0.5);
}

TEST(ScalarVjpRules, MixedIntegerAtan2HypotFminFmax) {
  const double w = 1.75;
  for (double f : {-2.0, -0.5, 0.0, 1.0, 3.0, NaN}) {
    for (int n : {-2, 0, 1, 3}) {
      SCOPED_TRACE(std::to_string(f) + ", " + std::to_string(n));
      double a;
      if (!std::isnan(f) && !(f == 0 && n == 0)) {
        a = 0;
        r::atan2_vjp(f, n, w, a);
        expectMixed(w, a, r::atan2_jvp(f, n, 1.0).tangent);
        a = 0;
        r::atan2_vjp(n, f, w, a);
        expectMixed(w, a, r::atan2_jvp(n, f, 1.0).tangent);
      }
      if (!std::isnan(f)) {
        a = 0;
        r::hypot_vjp(f, n, w, a);
        expectMixed(w, a, r::hypot_jvp(f, n, 1.0).tangent);
        a = 0;
        r::hypot_vjp(n, f, w, a);
        expectMixed(w, a, r::hypot_jvp(n, f, 1.0).tangent);
      }
      a = 0;
      r::fmin_vjp(f, n, w, a);
      expectMixed(w, a, r::fmin_jvp(f, n, 1.0).tangent);
      a = 0;
      r::fmin_vjp(n, f, w, a);
      expectMixed(w, a, r::fmin_jvp(n, f, 1.0).tangent);
      a = 0;
      r::fmax_vjp(f, n, w, a);
      expectMixed(w, a, r::fmax_jvp(f, n, 1.0).tangent);
      a = 0;
      r::fmax_vjp(n, f, w, a);
      expectMixed(w, a, r::fmax_jvp(n, f, 1.0).tangent);
    }
  }
  // Ties go to the first argument, whichever is the integer.
  double a = 0;
  r::fmax_vjp(3.0, 3, w, a);
  EXPECT_EQ(a, w);
  a = 0;
  r::fmax_vjp(3, 3.0, w, a);
  EXPECT_EQ(a, 0.0);
  a = 0;
  r::hypot_vjp(3.0, 4, 1.0, a);
  EXPECT_DOUBLE_EQ(a, 3.0 / 5.0);
  a = 0;
  r::atan2_vjp(1, 2.0, 1.0, a);
  EXPECT_DOUBLE_EQ(a, -1.0 / 5.0);
  // Accumulates like the rest.
  a = 1.0;
  r::hypot_vjp(3.0, 4, 1.0, a);
  r::hypot_vjp(3.0, 4, 1.0, a);
  EXPECT_DOUBLE_EQ(a, 1.0 + 2 * 3.0 / 5.0);
}

//===--- Types ------------------------------------------------------------===//

TEST(ScalarVjpRules, FloatAdjointsAccumulate) {
  float a = 0;
  r::sin_vjp(0.5, 2.0, a);
  const float c = static_cast<float>(std::cos(0.5) * 2.0);
  EXPECT_EQ(a, c);
  r::sin_vjp(0.5, 2.0, a);
  EXPECT_EQ(a, c + c);
  float b = 1.0f;
  r::sin_vjp(0.5, 2.0, b);
  EXPECT_EQ(b, 1.0f + c);

  // Float everything, and float adjoints of double and mixed rules.
  float f = 0;
  r::exp_vjp(0.5f, 1.0f, f);
  EXPECT_EQ(f, std::exp(0.5f));
  float fx = 0, fy = 0, fz = 0;
  r::pow_vjp(1.5, 2.5, 1.0, fx, fy);
  EXPECT_FLOAT_EQ(fx, 2.5f * std::pow(1.5f, 1.5f));
  EXPECT_FLOAT_EQ(fy, std::log(1.5f) * std::pow(1.5f, 2.5f));
  fx = fy = 0;
  r::fma_vjp(2.0f, 3.0f, 4.0f, 0.5f, fx, fy, fz);
  EXPECT_EQ(fx, 1.5f);
  EXPECT_EQ(fy, 1.0f);
  EXPECT_EQ(fz, 0.5f);
  fx = 0;
  r::pow_vjp(1.5f, 2, 1.0f, fx);
  r::pow_vjp(1.5f, 2, 1.0f, fx);
  EXPECT_EQ(fx, 6.0f);
  fx = 0.25f;
  r::fmin_vjp(1, 2.0f, 1.0f, fx);
  EXPECT_EQ(fx, 0.25f);
  r::fmin_vjp(3, 2.0f, 1.0f, fx);
  EXPECT_EQ(fx, 1.25f);

  // Adjoints of different types in one call.
  float ay = 0;
  long double axl = 0;
  r::atan2_vjp(1.0, 2.0, 5.0, ay, axl);
  EXPECT_FLOAT_EQ(ay, 2.0f);
  EXPECT_EQ(axl, -1.0L);
}

TEST(ScalarVjpRules, ComputesInThePromotedArgumentType) {
  // Float arguments compute in float, even into a double adjoint...
  double a = 0;
  r::sin_vjp(0.5f, 1.0, a);
  EXPECT_EQ(a, static_cast<double>(std::cos(0.5f)));
  EXPECT_NE(a, std::cos(0.5));
  // ...int arguments (and cotangents) in double...
  double b = 0;
  r::sin_vjp(2, 1, b);
  EXPECT_EQ(b, std::cos(2.0));
  double c = 0;
  r::sqrt_vjp(4, 2, c);
  EXPECT_EQ(c, 0.5);
  double d = 0, e = 0;
  r::max_vjp(3, 2.5, 1, d, e);
  EXPECT_EQ(d, 1.0);
  EXPECT_EQ(e, 0.0);
  // ...and long double in long double.
  long double l = 0;
  r::exp_vjp(0.1L, 1.0L, l);
  EXPECT_EQ(l, std::exp(0.1L));
  if (std::numeric_limits<long double>::digits >
      std::numeric_limits<double>::digits) {
    EXPECT_NE(l, static_cast<long double>(std::exp(0.1)));
  }
  // A long double cotangent does not widen a double computation.
  double m = 0;
  r::exp_vjp(0.1, 1.0L, m);
  EXPECT_EQ(m, std::exp(0.1));
}

// Whether r::g_vjp(Args...) is a valid call, for the SFINAE checks below.
template <class, class = void> struct Callable : std::false_type {};
template <class F, class... Args>
struct Callable<F(Args...), std::void_t<decltype(std::declval<F>()(
                                std::declval<Args>()...))>> : std::true_type {};

// A SFINAE-friendly function object per rule: its call operator exists
// exactly for the arguments the rule accepts.
#define SFINAE_VJP(Name, g)                                                    \
  struct Name {                                                                \
    template <class... A>                                                      \
    auto operator()(A &&...a) const                                            \
        -> decltype(frechet::rules::g##_vjp(std::forward<A>(a)...)) {          \
      return frechet::rules::g##_vjp(std::forward<A>(a)...);                   \
    }                                                                          \
  }
SFINAE_VJP(SinVjp, sin);
SFINAE_VJP(PowVjp, pow);
SFINAE_VJP(HypotVjp, hypot);

// Adjoints must be modifiable floating-point lvalues.
static_assert(Callable<SinVjp(double, double, double &)>::value);
static_assert(Callable<SinVjp(int, int, float &)>::value);
static_assert(Callable<SinVjp(float, long double, long double &)>::value);
static_assert(!Callable<SinVjp(double, double, double)>::value);
static_assert(!Callable<SinVjp(double, double, const double &)>::value);
static_assert(!Callable<SinVjp(double, double, int &)>::value);
static_assert(!Callable<SinVjp(double, double)>::value);
// One adjoint per floating-point parameter; with one integer, one adjoint.
static_assert(
    Callable<PowVjp(double, double, double, double &, double &)>::value);
static_assert(Callable<PowVjp(double, int, double, double &)>::value);
static_assert(Callable<PowVjp(int, float, double, float &)>::value);
static_assert(!Callable<PowVjp(double, double, double, double &)>::value);
static_assert(!Callable<PowVjp(int, int, double, double &)>::value);
static_assert(Callable<HypotVjp(double, double, double, double, double &,
                                double &, double &)>::value);
static_assert(Callable<HypotVjp(double, int, double, double &)>::value);
// Every rule returns void.
static_assert(
    std::is_void_v<decltype(r::sin_vjp(1.0, 1.0, std::declval<double &>()))>);
static_assert(std::is_void_v<decltype(r::fma_vjp(
                  1.0, 1.0, 1.0, 1.0, std::declval<double &>(),
                  std::declval<double &>(), std::declval<double &>()))>);

} // namespace
