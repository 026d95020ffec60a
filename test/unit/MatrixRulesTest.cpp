//===- MatrixRulesTest.cpp - properties every matrix rule must have -------===//
//
// Each rule, at several shapes, against:
//  - the primal: the forward rule's value (and the split rule's) is the
//    primal's value;
//  - central finite differences of the primal, in random directions, for
//    all arguments at once and for each alone (relative error <= 1e-7);
//  - its forward rule, by the adjoint identity <Ybar, J dX> = <J^T Ybar,
//    dX> over all arguments (relative error <= 1e-12);
//  - the conventions: empty tangent = zero, empty or zero cotangent = no
//    work, accumulation, discard(), and split fwd/rev = vjp with an empty
//    tape afterwards, also nested.
//
//===----------------------------------------------------------------------===//
#include "MatrixTestUtil.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

using namespace mtest;
using frechet::tape;
namespace rules = frechet::rules;

namespace {

using Adjoints = std::vector<MatrixXd *>;
using Result = std::pair<MatrixXd, MatrixXd>; // value, tangent

// Scalars travel as 1x1 matrices; an empty cotangent is a zero scalar.
double scalar(const MatrixXd &D) { return D.size() ? D(0, 0) : 0.0; }

struct Rule {
  std::string Name;
  std::function<MatrixXd(const Args &)> Primal;
  std::function<Result(const Args &, const Args &)> Jvp;
  std::function<void(const Args &, const MatrixXd &, const Adjoints &)> Vjp;
  std::function<MatrixXd(const Args &, tape &)> Fwd; // empty if none
  std::function<void(const Args &, const MatrixXd &, const Adjoints &, tape &)>
      Rev;
  bool Spd = false;          // the first argument is SPD: FD along sym(dA)
  bool ScalarResult = false; // cotangents are scalars
};

struct Case {
  Rule R;
  Args X;
  std::string Label;
};

// gtest prints a failing case by its label, not its bytes.
void PrintTo(const Case &C, std::ostream *OS) { *OS << C.Label; }

// Rules of one matrix argument with a scalar result (G_fwd/G_rev if SPLIT).
#define SCALAR_RULE(G, PRIMAL)                                                 \
  Rule {                                                                       \
    #G, [](const Args &a) { return one(PRIMAL); },                             \
        [](const Args &a, const Args &t) {                                     \
          auto R = rules::G##_jvp(a[0], t[0]);                                 \
          return Result{one(R.value), one(R.tangent)};                         \
        },                                                                     \
        [](const Args &a, const MatrixXd &d, const Adjoints &g) {              \
          rules::G##_vjp(a[0], scalar(d), *g[0]);                              \
        },                                                                     \
        nullptr, nullptr, false, true                                          \
  }
#define SCALAR_SPLIT(R, G)                                                     \
  R.Fwd = [](const Args &a, tape &t) { return one(rules::G##_fwd(a[0], t)); }; \
  R.Rev = [](const Args &a, const MatrixXd &d, const Adjoints &g, tape &t) {   \
    rules::G##_rev(a[0], scalar(d), *g[0], t);                                 \
  }

// Rules of one matrix argument with a matrix result.
#define MATRIX_RULE(G, PRIMAL)                                                 \
  Rule {                                                                       \
    #G, [](const Args &a) { return MatrixXd(PRIMAL); },                        \
        [](const Args &a, const Args &t) {                                     \
          auto R = rules::G##_jvp(a[0], t[0]);                                 \
          return Result{R.value, R.tangent};                                   \
        },                                                                     \
        [](const Args &a, const MatrixXd &d, const Adjoints &g) {              \
          rules::G##_vjp(a[0], d, *g[0]);                                      \
        },                                                                     \
        nullptr, nullptr, false, false                                         \
  }

// Rules of two matrix arguments with a matrix result.
#define BINARY_RULE(G)                                                         \
  Rule {                                                                       \
    #G, [](const Args &a) { return frechet::G(a[0], a[1]); },                  \
        [](const Args &a, const Args &t) {                                     \
          auto R = rules::G##_jvp(a[0], a[1], t[0], t[1]);                     \
          return Result{R.value, R.tangent};                                   \
        },                                                                     \
        [](const Args &a, const MatrixXd &d, const Adjoints &g) {              \
          rules::G##_vjp(a[0], a[1], d, *g[0], *g[1]);                         \
        },                                                                     \
        nullptr, nullptr, false, false                                         \
  }
#define BINARY_SPLIT(R, G)                                                     \
  R.Fwd = [](const Args &a, tape &t) {                                         \
    return rules::G##_fwd(a[0], a[1], t);                                      \
  };                                                                           \
  R.Rev = [](const Args &a, const MatrixXd &d, const Adjoints &g, tape &t) {   \
    rules::G##_rev(a[0], a[1], d, *g[0], *g[1], t);                            \
  }

Rule powerRule(int K) {
  Rule R{"matrix_power" + std::to_string(K),
         [K](const Args &a) { return frechet::matrix_power(a[0], K); },
         [K](const Args &a, const Args &t) {
           auto J = rules::matrix_power_jvp(a[0], K, t[0]);
           return Result{J.value, J.tangent};
         },
         [K](const Args &a, const MatrixXd &d, const Adjoints &g) {
           rules::matrix_power_vjp(a[0], K, d, *g[0]);
         },
         nullptr,
         nullptr,
         false,
         false};
  return R;
}

std::vector<Case> allCases() {
  std::vector<Case> Cases;
  auto Add = [&](const Rule &R, Args X) {
    std::string Label = R.Name;
    for (const MatrixXd &M : X)
      Label += "_" + std::to_string(M.rows()) + "x" + std::to_string(M.cols());
    Cases.push_back({R, std::move(X), Label});
  };

  Rule LogDet = SCALAR_RULE(logdet, frechet::logdet(a[0]));
  SCALAR_SPLIT(LogDet, logdet);
  Rule LogAbsDet = SCALAR_RULE(logabsdet, frechet::logabsdet(a[0]));
  SCALAR_SPLIT(LogAbsDet, logabsdet);
  Rule LogDetSpd = SCALAR_RULE(logdet_spd, frechet::logdet_spd(a[0]));
  SCALAR_SPLIT(LogDetSpd, logdet_spd);
  LogDetSpd.Spd = true;
  Rule Det = SCALAR_RULE(determinant, a[0].determinant());
  SCALAR_SPLIT(Det, determinant);
  Rule Norm = SCALAR_RULE(norm, a[0].norm());
  Rule Inverse = MATRIX_RULE(inverse, a[0].inverse());
  Inverse.Fwd = [](const Args &a, tape &t) {
    return rules::inverse_fwd(a[0], t);
  };
  Inverse.Rev = [](const Args &a, const MatrixXd &d, const Adjoints &g,
                   tape &t) { rules::inverse_rev(a[0], d, *g[0], t); };
  Rule Vec = MATRIX_RULE(vec, frechet::vec(a[0]));
  Rule Solve = BINARY_RULE(solve);
  BINARY_SPLIT(Solve, solve);
  Rule SolveSpd = BINARY_RULE(solve_spd);
  BINARY_SPLIT(SolveSpd, solve_spd);
  SolveSpd.Spd = true;
  Rule Kron = BINARY_RULE(kron);

  for (int N : {1, 3, 7}) {
    Add(LogDet, {general(N)});
    Add(Det, {general(N)});
    Add(Inverse, {general(N)});
    Add(LogDetSpd, {spd(N)});
  }
  // logabsdet where det < 0 too: one row of a positive-determinant matrix
  // negated.
  for (int N : {1, 3, 7}) {
    MatrixXd A = general(N);
    A.row(0) *= -1;
    Add(LogAbsDet, {A});
    Add(Det, {A});
  }
  Add(Norm, {random(1, 1)});
  Add(Norm, {random(3, 4)});
  Add(Norm, {random(5, 1)});
  Add(Vec, {random(1, 1)});
  Add(Vec, {random(3, 4)});
  Add(Vec, {random(1, 5)});
  for (const Rule *R : {&Solve, &SolveSpd}) {
    auto A = [&](int N) { return R->Spd ? spd(N) : general(N); };
    Add(*R, {A(1), random(1, 1)});
    Add(*R, {A(3), random(3, 1)});
    Add(*R, {A(3), random(3, 3)});
    Add(*R, {A(5), random(5, 2)});
    Add(*R, {A(7), random(7, 4)});
  }
  Add(Kron, {random(1, 1), random(3, 3)});
  Add(Kron, {random(2, 3), random(3, 2)});
  Add(Kron, {random(3, 1), random(1, 2)});
  Add(Kron, {random(4, 2), random(2, 5)});
  for (int K : {0, 1, 2, 3, 5, 8}) {
    Add(powerRule(K), {general(3)});
    Add(powerRule(K), {0.3 * random(7, 7)});
  }
  Add(powerRule(4), {general(1)});
  return Cases;
}

class MatrixRule : public ::testing::TestWithParam<Case> {
protected:
  const Rule &rule() const { return GetParam().R; }
  const Args &x() const { return GetParam().X; }

  Args emptyTangents() const { return Args(x().size()); }

  MatrixXd randomCotangent() const {
    MatrixXd V = rule().Primal(x());
    return random(V.rows(), V.cols());
  }

  /// The vjp with fresh (empty) adjoints.
  Args pullback(const MatrixXd &D) const {
    Args G(x().size());
    Adjoints P;
    for (MatrixXd &M : G)
      P.push_back(&M);
    rule().Vjp(x(), D, P);
    return G;
  }
};

TEST_P(MatrixRule, ValueIsThePrimal) {
  const MatrixXd V = rule().Primal(x());
  EXPECT_TRUE(same(rule().Jvp(x(), emptyTangents()).first, V));
  Args T;
  for (const MatrixXd &M : x())
    T.push_back(random(M.rows(), M.cols()));
  EXPECT_TRUE(same(rule().Jvp(x(), T).first, V));
}

TEST_P(MatrixRule, ForwardMatchesFiniteDifferences) {
  const std::size_t N = x().size();
  // Mask bit i: argument i moves. All together, then each alone (the others
  // with empty tangents).
  std::vector<unsigned> Masks{(1u << N) - 1};
  if (N > 1)
    for (std::size_t I = 0; I < N; ++I)
      Masks.push_back(1u << I);
  for (unsigned Mask : Masks)
    for (int Trial = 0; Trial < 3; ++Trial) {
      Args T(N);
      for (std::size_t I = 0; I < N; ++I)
        if (Mask & (1u << I))
          T[I] = direction(x()[I], rule().Spd && I == 0);
      auto F = [&](double H) {
        Args Y = x();
        for (std::size_t I = 0; I < N; ++I)
          if (T[I].size())
            Y[I] += H * T[I];
        return rule().Primal(Y);
      };
      MatrixXd FD = finite_difference(F);
      MatrixXd Tangent = rule().Jvp(x(), T).second;
      if (Tangent.size() == 0)
        Tangent = MatrixXd::Zero(FD.rows(), FD.cols());
      EXPECT_LE(rel_error(Tangent, FD), 1e-7)
          << "mask " << Mask << "\njvp\n"
          << Tangent << "\nfinite differences\n"
          << FD;
    }
}

TEST_P(MatrixRule, ReverseIsAdjointOfForward) {
  for (int Trial = 0; Trial < 4; ++Trial) {
    Args T;
    for (const MatrixXd &M : x())
      T.push_back(random(M.rows(), M.cols()));
    const MatrixXd D = randomCotangent();
    MatrixXd JT = rule().Jvp(x(), T).second;
    double Lhs = JT.size() ? dot(D, JT) : 0.0;
    Args G = pullback(D);
    double Rhs = 0;
    for (std::size_t I = 0; I < T.size(); ++I)
      if (G[I].size())
        Rhs += dot(G[I], T[I]);
    if (Lhs == 0 && Rhs == 0) // matrix_power0: both sides are exactly zero
      continue;
    EXPECT_LE(rel_error(Lhs, Rhs), 1e-12) << Lhs << " vs " << Rhs;
  }
}

TEST_P(MatrixRule, EmptyTangentIsZero) {
  const Result R = rule().Jvp(x(), emptyTangents());
  if (rule().ScalarResult)
    EXPECT_EQ(scalar(R.second), 0.0);
  else
    EXPECT_EQ(R.second.size(), 0);
  // An empty tangent and an explicit zero give the same tangent.
  for (std::size_t I = 0; I < x().size(); ++I) {
    Args T, Z;
    for (const MatrixXd &M : x()) {
      T.push_back(random(M.rows(), M.cols()));
      Z.push_back(T.back());
    }
    T[I] = MatrixXd();
    Z[I] = MatrixXd::Zero(x()[I].rows(), x()[I].cols());
    MatrixXd A = rule().Jvp(x(), T).second, B = rule().Jvp(x(), Z).second;
    if (A.size() == 0)
      A = MatrixXd::Zero(B.rows(), B.cols());
    EXPECT_LE((A - B).norm(), 1e-14 * (1 + B.norm())) << "argument " << I;
  }
}

TEST_P(MatrixRule, ZeroCotangentAddsNothing) {
  const MatrixXd Zero = rule().ScalarResult ? one(0.0) : MatrixXd();
  for (const MatrixXd &D : {MatrixXd(), Zero}) {
    Args G = pullback(D);
    for (const MatrixXd &M : G)
      EXPECT_EQ(M.size(), 0);
  }
}

TEST_P(MatrixRule, Accumulates) {
  const MatrixXd D = randomCotangent();
  const Args Once = pullback(D);
  for (std::size_t I = 0; I < x().size(); ++I) {
    if (Once[I].size() == 0) // matrix_power0 has a zero gradient
      continue;
    // An empty adjoint takes its argument's shape.
    EXPECT_EQ(Once[I].rows(), x()[I].rows());
    EXPECT_EQ(Once[I].cols(), x()[I].cols());
  }
  Args G = Once;
  Adjoints P;
  for (MatrixXd &M : G)
    P.push_back(&M);
  rule().Vjp(x(), D, P);
  for (std::size_t I = 0; I < x().size(); ++I)
    EXPECT_TRUE(same(G[I], MatrixXd(2 * Once[I]))) << "argument " << I;
}

TEST_P(MatrixRule, DiscardedAdjointIsSkipped) {
  const MatrixXd D = randomCotangent();
  const Args Full = pullback(D);
  for (std::size_t Skip = 0; Skip < x().size(); ++Skip) {
    Args G(x().size());
    Adjoints P;
    for (std::size_t I = 0; I < G.size(); ++I)
      P.push_back(I == Skip ? &frechet::discard() : &G[I]);
    rule().Vjp(x(), D, P);
    EXPECT_EQ(frechet::discard().size(), 0);
    for (std::size_t I = 0; I < G.size(); ++I)
      if (I != Skip) {
        EXPECT_TRUE(same(G[I], Full[I])) << "argument " << I;
      }
    if (rule().Fwd) {
      Args H(x().size());
      Adjoints Q;
      for (std::size_t I = 0; I < H.size(); ++I)
        Q.push_back(I == Skip ? &frechet::discard() : &H[I]);
      tape T;
      rule().Fwd(x(), T);
      rule().Rev(x(), D, Q, T);
      EXPECT_TRUE(T.empty());
      EXPECT_EQ(frechet::discard().size(), 0);
      for (std::size_t I = 0; I < H.size(); ++I)
        if (I != Skip) {
          EXPECT_TRUE(same(H[I], Full[I])) << "argument " << I;
        }
    }
  }
}

// The rules with g_fwd / g_rev.
class MatrixSplitRule : public MatrixRule {};

TEST_P(MatrixSplitRule, MatchesVjpAndEmptiesTheTape) {
  tape T;
  const MatrixXd D = randomCotangent();
  // Nested: a second call of the rule (other arguments) inside the first.
  Args X2;
  for (const MatrixXd &M : x())
    X2.push_back(M + 0.01 * random(M.rows(), M.cols()));
  if (rule().Spd)
    X2[0] = 0.5 * (X2[0] + X2[0].transpose()).eval();
  const MatrixXd V1 = rule().Fwd(x(), T);
  const MatrixXd V2 = rule().Fwd(X2, T);
  EXPECT_TRUE(same(V1, rule().Primal(x())));
  EXPECT_TRUE(same(V2, rule().Primal(X2)));
  Args G1(x().size()), G2(x().size());
  Adjoints P1, P2;
  for (std::size_t I = 0; I < x().size(); ++I) {
    P1.push_back(&G1[I]);
    P2.push_back(&G2[I]);
  }
  rule().Rev(X2, D, P2, T);
  rule().Rev(x(), D, P1, T);
  EXPECT_TRUE(T.empty());
  const Args W1 = pullback(D);
  for (std::size_t I = 0; I < x().size(); ++I)
    EXPECT_TRUE(same(G1[I], W1[I])) << "argument " << I;
  Args W2(x().size());
  Adjoints Q2;
  for (MatrixXd &M : W2)
    Q2.push_back(&M);
  rule().Vjp(X2, D, Q2);
  for (std::size_t I = 0; I < x().size(); ++I)
    EXPECT_TRUE(same(G2[I], W2[I])) << "argument " << I;
  // A rev with nothing to add still pops.
  rule().Fwd(x(), T);
  Args None(x().size());
  Adjoints PN;
  for (MatrixXd &M : None)
    PN.push_back(&M);
  rule().Rev(x(), MatrixXd(), PN, T);
  EXPECT_TRUE(T.empty());
  for (const MatrixXd &M : None)
    EXPECT_EQ(M.size(), 0);
}

std::string caseName(const ::testing::TestParamInfo<Case> &Info) {
  return Info.param.Label + "_" + std::to_string(Info.index);
}

std::vector<Case> splitCases() {
  std::vector<Case> Split;
  for (const Case &C : allCases())
    if (C.R.Fwd)
      Split.push_back(C);
  return Split;
}

INSTANTIATE_TEST_SUITE_P(MatrixRules, MatrixRule,
                         ::testing::ValuesIn(allCases()), caseName);
INSTANTIATE_TEST_SUITE_P(MatrixRules, MatrixSplitRule,
                         ::testing::ValuesIn(splitCases()), caseName);

} // namespace
