//===- frechet/matrix_functions.h - matrix functions with derivative rules ===//
//
// Primal matrix functions that Frechet differentiates with the rules of
// frechet/matrix_rules.h. They take `const Eigen::MatrixXd &` (fixed-size
// and vector arguments convert) so that one rule covers every shape, and
// they factor with the same Eigen decompositions as their rules, so a rule's
// value is the primal's value bit for bit.
//
// Singular and non-SPD inputs never throw or crash; they give IEEE values:
//  - logdet(A): log det A from a partially pivoted LU, the sum of
//    log|u_ii|. det A < 0 gives NaN (the real log is undefined; use
//    logabsdet), det A == 0 (an exactly zero pivot) gives -inf.
//  - logabsdet(A): log |det A|; -inf for an exactly singular A.
//  - logdet_spd(A): 2 sum log L_ii from a Cholesky factorization of the
//    symmetric A, of which only the lower triangle is read; NaN when the
//    factorization fails (A not positive definite).
//  - solve(A, B) = A^{-1} B by partially pivoted LU: an exactly singular A
//    divides by a zero pivot, so the result holds inf/NaN; a nearly singular
//    A gives what LU gives (large entries, no warning).
//  - solve_spd(A, B) = A^{-1} B by Cholesky (lower triangle of A): a matrix
//    of NaN when A is not positive definite.
//  - matrix_power(A, k): A^k for k >= 0 by repeated squaring; A^0 = I.
// Shape errors (a non-square A, B with a different number of rows, k < 0)
// are programming errors and throw std::invalid_argument.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_MATRIX_FUNCTIONS_H
#define FRECHET_MATRIX_FUNCTIONS_H

#include <Eigen/Dense>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace frechet {
namespace detail {

using Eigen::Index;
using Eigen::MatrixXd;

inline void require_square(const MatrixXd &A, const char *fn) {
  if (A.rows() != A.cols())
    throw std::invalid_argument(std::string("frechet::") + fn + ": A is " +
                                std::to_string(A.rows()) + "x" +
                                std::to_string(A.cols()) + ", not square");
}

inline void require_solvable(const MatrixXd &A, const MatrixXd &B,
                             const char *fn) {
  require_square(A, fn);
  if (B.rows() != A.rows())
    throw std::invalid_argument(std::string("frechet::") + fn + ": A has " +
                                std::to_string(A.rows()) + " rows, B has " +
                                std::to_string(B.rows()));
}

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// In place: the inverse of the upper triangle of \p U (the strict lower
/// triangle is left alone). Recursive halving turns the work into triangular
/// matrix products, n³/3 flops instead of the n³ of a triangular solve with
/// the identity as right-hand side.
inline void invert_upper(Eigen::Ref<MatrixXd> U) {
  const Index N = U.rows();
  if (N <= 48) {
    MatrixXd I = MatrixXd::Identity(N, N);
    U.triangularView<Eigen::Upper>().solveInPlace(I);
    U.triangularView<Eigen::Upper>() = I;
    return;
  }
  const Index H = N / 2;
  invert_upper(U.topLeftCorner(H, H));
  invert_upper(U.bottomRightCorner(N - H, N - H));
  // [U11 U12; 0 U22]^{-1} has X12 = -U11^{-1} U12 U22^{-1}.
  const MatrixXd T = U.topLeftCorner(H, H).triangularView<Eigen::Upper>() *
                     U.topRightCorner(H, N - H);
  U.topRightCorner(H, N - H).noalias() =
      -(T * U.bottomRightCorner(N - H, N - H).triangularView<Eigen::Upper>());
}

/// A^{-1} from its LU factors PA = LU as LAPACK's getri computes it: U^{-1}
/// (n³/3), then X L = U^{-1} solved for X (n³), then the column permutation;
/// 4n³/3 flops against the 2n³ of solving with the identity.
inline void lu_inverse(const Eigen::PartialPivLU<MatrixXd> &LU, MatrixXd &Out) {
  Out = LU.matrixLU().triangularView<Eigen::Upper>();
  invert_upper(Out);
  Out.triangularView<Eigen::StrictlyLower>().setZero();
  LU.matrixLU()
      .triangularView<Eigen::UnitLower>()
      .solveInPlace<Eigen::OnTheRight>(Out);
  Out = Out * LU.permutationP();
}

/// log|det A| from A's LU factors.
inline double logabsdet(const Eigen::PartialPivLU<MatrixXd> &lu) {
  return lu.matrixLU().diagonal().array().abs().log().sum();
}

/// log det A from A's LU factors: NaN for det A < 0, -inf for det A == 0.
inline double logdet(const Eigen::PartialPivLU<MatrixXd> &lu) {
  double L = logabsdet(lu);
  if (std::isinf(L) && L < 0)
    return L;
  // The product of the pivots and the permutation's sign: even when it
  // underflows or overflows, IEEE keeps its sign.
  return std::signbit(lu.determinant()) ? nan : L;
}

/// log det A from A's Cholesky factor; NaN when the factorization failed.
inline double logdet_spd(const Eigen::LLT<MatrixXd> &llt) {
  if (llt.info() != Eigen::Success)
    return nan;
  return 2 * llt.matrixLLT().diagonal().array().log().sum();
}

/// The sign (+1 or -1) of a permutation.
template <class Perm> double permutation_sign(const Perm &P) {
  const auto &Idx = P.indices();
  const Index N = Idx.size();
  std::vector<char> Seen(std::size_t(N), 0);
  Index Cycles = 0;
  for (Index I = 0; I < N; ++I) {
    if (Seen[std::size_t(I)])
      continue;
    ++Cycles;
    for (Index J = I; !Seen[std::size_t(J)]; J = Index(Idx(J)))
      Seen[std::size_t(J)] = 1;
  }
  return (N - Cycles) % 2 ? -1.0 : 1.0;
}

/// adj(U) = det(U) U^{-1} of the upper triangle of \p U, with at most one
/// exactly zero diagonal entry. With k the smallest pivot u and p the
/// product of the others, u U^{-1} = x y^T + u W, where U x = 0 and
/// y^T U = 0 at u = 0 (x_k = y_k = 1) and W is the inverse of U without row
/// and column k, put back in place: no division by u, so the formula is as
/// accurate at u == 0 as near it.
inline MatrixXd triangular_adjugate(const MatrixXd &U) {
  const Index N = U.rows();
  if (N == 0)
    return MatrixXd(0, 0);
  Index K;
  U.diagonal().cwiseAbs().minCoeff(&K);
  const Index M = N - K - 1; // rows after k
  const double Uk = U(K, K);
  double P = 1;
  for (Index I = 0; I < N; ++I)
    if (I != K)
      P *= U(I, I);
  Eigen::VectorXd X = Eigen::VectorXd::Zero(N), Y = Eigen::VectorXd::Zero(N);
  X(K) = Y(K) = 1;
  if (K > 0)
    X.head(K) = -U.topLeftCorner(K, K).triangularView<Eigen::Upper>().solve(
        U.col(K).head(K));
  if (M > 0)
    Y.tail(M) = -U.bottomRightCorner(M, M)
                     .triangularView<Eigen::Upper>()
                     .transpose()
                     .solve(U.row(K).tail(M).transpose());
  MatrixXd Adj = P * X * Y.transpose();
  if (Uk != 0) {
    MatrixXd W = MatrixXd::Zero(N - 1, N - 1);
    W.topLeftCorner(K, K) = U.topLeftCorner(K, K);
    W.topRightCorner(K, M) = U.topRightCorner(K, M);
    W.bottomRightCorner(M, M) = U.bottomRightCorner(M, M);
    MatrixXd Inv = MatrixXd::Identity(N - 1, N - 1);
    W.triangularView<Eigen::Upper>().solveInPlace(Inv);
    const double S = P * Uk;
    Adj.topLeftCorner(K, K) += S * Inv.topLeftCorner(K, K);
    Adj.topRightCorner(K, M) += S * Inv.topRightCorner(K, M);
    Adj.bottomRightCorner(M, M) += S * Inv.bottomRightCorner(M, M);
  }
  return Adj;
}

/// The adjugate (transposed cofactor matrix) of A, from A's LU factors:
/// A = P^T L U gives adj A = sign(P) adj(U) L^{-1} P. Defined and exact
/// (up to rounding) at singular A, where det(A) A^{-1} is 0 * inf. When
/// partial pivoting left two or more zero pivots, A is refactored with full
/// pivoting, which puts the zeros last: rank <= n-2 means adj A = 0.
inline MatrixXd adjugate(const Eigen::PartialPivLU<MatrixXd> &lu,
                         const MatrixXd &A) {
  const Index N = A.rows();
  const MatrixXd &LU = lu.matrixLU();
  if ((LU.diagonal().array() == 0).count() <= 1) {
    MatrixXd Adj = triangular_adjugate(LU);
    LU.triangularView<Eigen::UnitLower>().solveInPlace<Eigen::OnTheRight>(Adj);
    MatrixXd R = Adj * lu.permutationP();
    R *= permutation_sign(lu.permutationP());
    return R;
  }
  // P A Q = L U: adj A = sign(P) sign(Q) Q adj(U) L^{-1} P.
  Eigen::FullPivLU<MatrixXd> Full(A);
  if (Full.nonzeroPivots() < N - 1)
    return MatrixXd::Zero(N, N);
  const MatrixXd &F = Full.matrixLU();
  MatrixXd Adj = triangular_adjugate(F);
  F.triangularView<Eigen::UnitLower>().solveInPlace<Eigen::OnTheRight>(Adj);
  MatrixXd R = Full.permutationQ() * Adj;
  R = R * Full.permutationP();
  R *= permutation_sign(Full.permutationP()) *
       permutation_sign(Full.permutationQ());
  return R;
}

/// X = A^{-1} B from A's Cholesky factor, or NaN if it failed.
inline void solve_spd_into(const Eigen::LLT<MatrixXd> &llt, const MatrixXd &B,
                           MatrixXd &X) {
  if (llt.info() != Eigen::Success)
    X.setConstant(B.rows(), B.cols(), nan);
  else
    X = llt.solve(B);
}

} // namespace detail

inline double logdet(const Eigen::MatrixXd &A) {
  detail::require_square(A, "logdet");
  return detail::logdet(Eigen::PartialPivLU<Eigen::MatrixXd>(A));
}

inline double logabsdet(const Eigen::MatrixXd &A) {
  detail::require_square(A, "logabsdet");
  return detail::logabsdet(Eigen::PartialPivLU<Eigen::MatrixXd>(A));
}

inline double logdet_spd(const Eigen::MatrixXd &A) {
  detail::require_square(A, "logdet_spd");
  return detail::logdet_spd(Eigen::LLT<Eigen::MatrixXd>(A));
}

inline Eigen::MatrixXd solve(const Eigen::MatrixXd &A,
                             const Eigen::MatrixXd &B) {
  detail::require_solvable(A, B, "solve");
  return Eigen::PartialPivLU<Eigen::MatrixXd>(A).solve(B);
}

inline Eigen::MatrixXd solve_spd(const Eigen::MatrixXd &A,
                                 const Eigen::MatrixXd &B) {
  detail::require_solvable(A, B, "solve_spd");
  Eigen::MatrixXd X;
  detail::solve_spd_into(Eigen::LLT<Eigen::MatrixXd>(A), B, X);
  return X;
}

/// The Kronecker product: block (i, j) is A(i, j) B.
inline Eigen::MatrixXd kron(const Eigen::MatrixXd &A,
                            const Eigen::MatrixXd &B) {
  const Eigen::Index P = B.rows(), Q = B.cols();
  Eigen::MatrixXd K(A.rows() * P, A.cols() * Q);
  for (Eigen::Index J = 0; J < A.cols(); ++J)
    for (Eigen::Index I = 0; I < A.rows(); ++I)
      K.block(I * P, J * Q, P, Q) = A(I, J) * B;
  return K;
}

/// The columns of A stacked into one column (Eigen's storage order).
inline Eigen::MatrixXd vec(const Eigen::MatrixXd &A) {
  return Eigen::Map<const Eigen::MatrixXd>(A.data(), A.size(), 1);
}

inline Eigen::MatrixXd matrix_power(const Eigen::MatrixXd &A, int k) {
  detail::require_square(A, "matrix_power");
  if (k < 0)
    throw std::invalid_argument(
        "frechet::matrix_power: k = " + std::to_string(k) + " is negative");
  // The same products, in the same order, as matrix_power_jvp.
  Eigen::MatrixXd R, Base = A;
  bool Identity = true;
  for (unsigned E = unsigned(k); E != 0;) {
    if (E & 1u) {
      if (Identity)
        R = Base;
      else
        R = R * Base;
      Identity = false;
    }
    E >>= 1;
    if (E != 0)
      Base = Base * Base;
  }
  if (Identity)
    R = Eigen::MatrixXd::Identity(A.rows(), A.cols());
  return R;
}

} // namespace frechet

#endif // FRECHET_MATRIX_FUNCTIONS_H
