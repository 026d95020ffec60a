//===- MatrixRulesSpecialTest.cpp - matrix rules at special inputs --------===//
//
// What the property tests in MatrixRulesTest.cpp cannot cover with random
// well-conditioned inputs: fixed-size and vector adjoint types, singular and
// non-SPD matrices (the documented values, never a crash), the determinant's
// cofactor gradient at singular A, the norm's kink, shape errors, known
// closed forms, aliased adjoints, and reuse of the saved factorizations.
//
//===----------------------------------------------------------------------===//
#include "MatrixTestUtil.h"

#include <gtest/gtest.h>

using namespace mtest;
using frechet::tape;
namespace rules = frechet::rules;

namespace {

// The cofactor matrix by definition: C_ij = (-1)^(i+j) det(A without row i
// and column j), each minor by full-pivoting LU.
MatrixXd cofactors(const MatrixXd &A) {
  const Index N = A.rows();
  MatrixXd C(N, N);
  for (Index I = 0; I < N; ++I)
    for (Index J = 0; J < N; ++J) {
      MatrixXd Minor(N - 1, N - 1);
      for (Index R = 0, MR = 0; R < N; ++R) {
        if (R == I)
          continue;
        for (Index S = 0, MS = 0; S < N; ++S)
          if (S != J)
            Minor(MR, MS++) = A(R, S);
        ++MR;
      }
      const double D =
          N == 1 ? 1.0 : Eigen::FullPivLU<MatrixXd>(Minor).determinant();
      C(I, J) = ((I + J) % 2 ? -1 : 1) * D;
    }
  return C;
}

bool allFinite(const MatrixXd &M) { return M.allFinite(); }

TEST(MatrixRulesSpecial, FixedSizeAdjoints) {
  const Eigen::Matrix3d A = general(3);
  const Eigen::Vector3d B = random(3, 1);
  const MatrixXd D = random(3, 1);
  MatrixXd GA, GB;
  rules::solve_vjp(A, B, D, GA, GB);
  // Fixed-size adjoints start non-zero and accumulate.
  Eigen::Matrix3d FA = Eigen::Matrix3d::Ones();
  Eigen::Vector3d FB = Eigen::Vector3d::Ones();
  rules::solve_vjp(A, B, D, FA, FB);
  EXPECT_LE((FA - (GA.array() + 1).matrix()).norm(), 1e-15);
  EXPECT_LE((FB - (GB.array() + 1).matrix()).norm(), 1e-15);
  // The same through the split rule, and a dynamic vector adjoint.
  tape T;
  Eigen::Matrix3d SA = Eigen::Matrix3d::Zero();
  Eigen::VectorXd SB;
  rules::solve_fwd(A, B, T);
  rules::solve_rev(A, B, D, SA, SB, T);
  EXPECT_TRUE(T.empty());
  EXPECT_TRUE(same(SA, GA));
  EXPECT_TRUE(same(SB, GB));

  // A row vector's norm into a row-vector adjoint.
  const Eigen::RowVectorXd R = random(1, 5);
  Eigen::RowVectorXd GR;
  rules::norm_vjp(R, 2.0, GR);
  EXPECT_LE((GR - 2 * R / R.norm()).norm(), 1e-15);

  // 1x1 matrices with double adjoints.
  const MatrixXd One = MatrixXd::Constant(1, 1, 4.0);
  double DL = 0, DD = 0;
  rules::logdet_vjp(One, 1.0, DL);
  rules::determinant_vjp(One, 1.0, DD);
  EXPECT_EQ(DL, 0.25);
  EXPECT_EQ(DD, 1.0);

  // kron into a fixed vector and a fixed matrix.
  const Eigen::Vector3d U = random(3, 1);
  const Eigen::Matrix2d W = random(2, 2);
  Eigen::Vector3d GU = Eigen::Vector3d::Zero();
  Eigen::Matrix2d GW = Eigen::Matrix2d::Zero();
  MatrixXd DU, DW;
  const MatrixXd K = random(6, 2);
  rules::kron_vjp(U, W, K, GU, GW);
  rules::kron_vjp(U, W, K, DU, DW);
  EXPECT_TRUE(same(GU, DU));
  EXPECT_TRUE(same(GW, DW));
}

TEST(MatrixRulesSpecial, AliasedAdjoints) {
  // solve(A, A) = I: one adjoint receives both contributions.
  const MatrixXd A = general(4), D = random(4, 4);
  MatrixXd Both, GA, GB;
  rules::solve_vjp(A, A, D, Both, Both);
  rules::solve_vjp(A, A, D, GA, GB);
  EXPECT_LE(rel_error(Both, GA + GB), 1e-15);
  MatrixXd KBoth, KA, KB;
  const MatrixXd S = random(2, 2), DK = random(4, 4);
  rules::kron_vjp(S, S, DK, KBoth, KBoth);
  rules::kron_vjp(S, S, DK, KA, KB);
  EXPECT_LE(rel_error(KBoth, KA + KB), 1e-15);
}

TEST(MatrixRulesSpecial, ClosedForms) {
  const MatrixXd A = general(5);
  const MatrixXd AinvT = A.inverse().transpose();
  MatrixXd G;
  rules::logdet_vjp(A, 1.0, G);
  EXPECT_LE(rel_error(G, AinvT), 1e-13);
  G.resize(0, 0);
  rules::determinant_vjp(A, 1.0, G);
  EXPECT_LE(rel_error(G, A.determinant() * AinvT), 1e-13);
  EXPECT_LE(rel_error(G, cofactors(A)), 1e-12);
  // d(A^3) = A^2 dA + A dA A + dA A^2, which is not 3 A^2 dA.
  const MatrixXd dA = random(5, 5);
  const MatrixXd Want = A * A * dA + A * dA * A + dA * A * A;
  EXPECT_LE(rel_error(rules::matrix_power_jvp(A, 3, dA).tangent, Want), 1e-14);
  EXPECT_GT(rel_error(MatrixXd(3 * A * A * dA), Want), 1e-3);
  EXPECT_TRUE(same(rules::matrix_power_jvp(A, dA, 3).tangent,
                   rules::matrix_power_jvp(A, 3, dA).tangent));
  EXPECT_LE(rel_error(frechet::matrix_power(A, 6), A * A * A * A * A * A),
            1e-14);
  EXPECT_TRUE(same(frechet::matrix_power(A, 0), MatrixXd::Identity(5, 5)));
  // The norm of a vector and its gradient.
  EXPECT_EQ(frechet::rules::norm_jvp(MatrixXd(Eigen::Vector2d(3, 4)),
                                     MatrixXd(Eigen::Vector2d(1, 0)))
                .tangent,
            0.6);
}

TEST(MatrixRulesSpecial, KronAndVecLayout) {
  const MatrixXd A = random(2, 3), B = random(4, 2), C = random(2, 3);
  const MatrixXd K = frechet::kron(A, B);
  ASSERT_EQ(K.rows(), 8);
  ASSERT_EQ(K.cols(), 6);
  for (Index I = 0; I < 2; ++I)
    for (Index J = 0; J < 3; ++J)
      for (Index R = 0; R < 4; ++R)
        for (Index S = 0; S < 2; ++S)
          EXPECT_EQ(K(I * 4 + R, J * 2 + S), A(I, J) * B(R, S));
  // (A kron B) vec(C) = vec(B C A^T), with column-major vec.
  EXPECT_LE(rel_error(K * frechet::vec(C), frechet::vec(B * C * A.transpose())),
            1e-14);
  const MatrixXd V = frechet::vec(A);
  ASSERT_EQ(V.rows(), 6);
  ASSERT_EQ(V.cols(), 1);
  EXPECT_EQ(V(1, 0), A(1, 0));
  EXPECT_EQ(V(2, 0), A(0, 1));
}

TEST(MatrixRulesSpecial, DeterminantAtSingularMatrices) {
  std::vector<MatrixXd> Singular;
  MatrixXd Exact(3, 3); // row 1 = 2 row 0: an exactly zero pivot
  Exact << 1, 2, 3, 2, 4, 6, 1, 0, 1;
  Singular.push_back(Exact);
  MatrixXd Nilpotent(2, 2); // two zero pivots in partial pivoting, rank 1
  Nilpotent << 0, 1, 0, 0;
  Singular.push_back(Nilpotent);
  MatrixXd Shift = MatrixXd::Zero(4, 4); // rank 3, four zero pivots
  Shift.diagonal(1).setOnes();
  Singular.push_back(Shift);
  MatrixXd RankOne = random(4, 1) * random(1, 4); // adj = 0
  Singular.push_back(RankOne);
  MatrixXd Dense = random(6, 6); // rank 5, no exact zero pivot
  Dense.col(5) = Dense.leftCols(5) * random(5, 1);
  Singular.push_back(Dense);
  MatrixXd Zero = MatrixXd::Zero(3, 3);
  Singular.push_back(Zero);
  for (const MatrixXd &A : Singular) {
    SCOPED_TRACE(::testing::Message() << "A =\n" << A);
    const MatrixXd C = cofactors(A);
    MatrixXd G;
    rules::determinant_vjp(A, 1.0, G);
    ASSERT_TRUE(allFinite(G));
    EXPECT_LE((G - C).norm(), 1e-12 * (1 + C.norm()));
    tape T;
    MatrixXd GS;
    const double V = rules::determinant_fwd(A, T);
    rules::determinant_rev(A, 1.0, GS, T);
    EXPECT_TRUE(same(GS, G));
    EXPECT_LE(std::abs(V), 1e-13);
    // Forward: tr(adj(A) dA) = <C, dA>, also along finite differences (the
    // determinant is a polynomial).
    const MatrixXd dA = random(A.rows(), A.cols());
    const auto J = rules::determinant_jvp(A, dA);
    EXPECT_LE(std::abs(J.tangent - dot(C, dA)), 1e-12 * (1 + C.norm()));
    const MatrixXd FD = finite_difference(
        [&](double H) { return one(MatrixXd(A + H * dA).determinant()); });
    EXPECT_LE(std::abs(J.tangent - FD(0, 0)), 1e-8 * (1 + C.norm()));
  }
}

TEST(MatrixRulesSpecial, LogDeterminantsAtTheirLimits) {
  MatrixXd A = general(4);
  A.row(1) *= -1; // det < 0
  EXPECT_TRUE(std::isnan(frechet::logdet(A)));
  EXPECT_LE(rel_error(frechet::logabsdet(A), std::log(-A.determinant())),
            1e-14);
  EXPECT_TRUE(std::isnan(rules::logdet_jvp(A, random(4, 4)).tangent));
  MatrixXd G;
  rules::logdet_vjp(A, 1.0, G);
  EXPECT_TRUE(G.array().isNaN().all());
  G.resize(0, 0);
  rules::logabsdet_vjp(A, 1.0, G);
  EXPECT_LE(rel_error(G, A.inverse().transpose()), 1e-13);

  MatrixXd S(3, 3); // exactly singular
  S << 1, 2, 3, 2, 4, 6, 1, 0, 1;
  EXPECT_EQ(frechet::logdet(S), -INFINITY);
  EXPECT_EQ(frechet::logabsdet(S), -INFINITY);
  tape T;
  EXPECT_EQ(rules::logdet_fwd(S, T), -INFINITY);
  MatrixXd GS;
  rules::logdet_rev(S, 1.0, GS, T); // non-finite, but no crash
  EXPECT_TRUE(T.empty());
  EXPECT_FALSE(allFinite(GS));

  MatrixXd NotSpd = spd(3);
  NotSpd(2, 2) = -5;
  EXPECT_TRUE(std::isnan(frechet::logdet_spd(NotSpd)));
  EXPECT_TRUE(std::isnan(rules::logdet_spd_jvp(NotSpd, random(3, 3)).tangent));
  MatrixXd GN;
  rules::logdet_spd_vjp(NotSpd, 1.0, GN);
  EXPECT_TRUE(GN.array().isNaN().all());
  EXPECT_TRUE(frechet::solve_spd(NotSpd, random(3, 2)).array().isNaN().all());
  MatrixXd GX, GB;
  rules::solve_spd_vjp(NotSpd, random(3, 2), random(3, 2), GX, GB);
  EXPECT_TRUE(GB.array().isNaN().all());
}

TEST(MatrixRulesSpecial, SingularSolveAndInverseDoNotCrash) {
  MatrixXd S(3, 3);
  S << 1, 2, 3, 2, 4, 6, 1, 0, 1;
  const MatrixXd B = random(3, 2);
  EXPECT_FALSE(allFinite(frechet::solve(S, B)));
  const auto J = rules::solve_jvp(S, B, random(3, 3), random(3, 2));
  EXPECT_FALSE(allFinite(J.tangent));
  tape T;
  MatrixXd GA, GB;
  rules::solve_fwd(S, B, T);
  rules::solve_rev(S, B, random(3, 2), GA, GB, T);
  EXPECT_TRUE(T.empty());
  EXPECT_FALSE(allFinite(GB));
  MatrixXd GI;
  rules::inverse_fwd(S, T);
  rules::inverse_rev(S, random(3, 3), GI, T);
  EXPECT_TRUE(T.empty());
}

TEST(MatrixRulesSpecial, NormAtZero) {
  const MatrixXd Z = MatrixXd::Zero(3, 2);
  const auto J = rules::norm_jvp(Z, random(3, 2));
  EXPECT_EQ(J.value, 0.0);
  EXPECT_EQ(J.tangent, 0.0);
  MatrixXd G;
  rules::norm_vjp(Z, 1.0, G);
  EXPECT_EQ(G.size(), 0); // nothing added: zero
  Eigen::Matrix<double, 3, 2> F = Eigen::Matrix<double, 3, 2>::Zero();
  rules::norm_vjp(Z, 1.0, F);
  EXPECT_TRUE(F.isZero(0));
}

TEST(MatrixRulesSpecial, SymmetricGradientsForSpdRules) {
  const MatrixXd A = spd(5), B = random(5, 2), D = random(5, 2);
  MatrixXd GA, GB, GL;
  rules::solve_spd_vjp(A, B, D, GA, GB);
  EXPECT_LE((GA - GA.transpose()).norm(), 1e-15 * GA.norm());
  rules::logdet_spd_vjp(A, 1.0, GL);
  EXPECT_LE((GL - GL.transpose()).norm(), 1e-15 * GL.norm());
  EXPECT_LE(rel_error(GL, A.inverse()), 1e-13);
  // Only the lower triangle is read: the upper one may hold anything.
  MatrixXd Lower = A;
  Lower.triangularView<Eigen::StrictlyUpper>().setConstant(99);
  EXPECT_EQ(frechet::logdet_spd(Lower), frechet::logdet_spd(A));
}

TEST(MatrixRulesSpecial, ShapeErrorsThrow) {
  const MatrixXd Rect = random(3, 2), Sq = general(3);
  EXPECT_THROW(frechet::logdet(Rect), std::invalid_argument);
  EXPECT_THROW(frechet::solve(Rect, Rect), std::invalid_argument);
  EXPECT_THROW(frechet::solve(Sq, random(2, 2)), std::invalid_argument);
  EXPECT_THROW(frechet::matrix_power(Sq, -1), std::invalid_argument);
  EXPECT_THROW(rules::matrix_power_jvp(Sq, -1, Sq), std::invalid_argument);
  EXPECT_THROW(rules::logdet_jvp(Sq, Rect), std::invalid_argument);
  MatrixXd G;
  EXPECT_THROW(rules::inverse_vjp(Sq, Rect, G), std::invalid_argument);
  EXPECT_THROW(rules::vec_vjp(Sq, random(8, 1), G), std::invalid_argument);
  EXPECT_EQ(G.size(), 0);
}

TEST(MatrixRulesSpecial, SavedFactorizationsAreReused) {
  auto &Stack = rules::detail::lu_stack::local();
  const MatrixXd A = general(30), B = random(30, 1), D = random(30, 1);
  tape T;
  MatrixXd GA, GB;
  // Two nested solves, twice: the second round reuses both entries' storage.
  const double *Data[2][2];
  std::size_t Capacity = 0;
  for (int Round = 0; Round < 2; ++Round) {
    const std::size_t Depth = Stack.depth();
    rules::solve_fwd(A, B, T);
    rules::logdet_fwd(A, T);
    EXPECT_EQ(Stack.depth(), Depth + 2);
    Data[Round][0] = Stack.at(Depth).lu.matrixLU().data();
    Data[Round][1] = Stack.at(Depth + 1).lu.matrixLU().data();
    rules::logdet_rev(A, 1.0, GA, T);
    rules::solve_rev(A, B, D, GA, GB, T);
    EXPECT_EQ(Stack.depth(), Depth);
    EXPECT_TRUE(T.empty());
    if (Round == 1) {
      EXPECT_EQ(Stack.capacity(), Capacity);
    }
    Capacity = Stack.capacity();
  }
  EXPECT_EQ(Data[0][0], Data[1][0]);
  EXPECT_EQ(Data[0][1], Data[1][1]);
}

} // namespace
