//===- frechet/matrix_jvp_rules.h - forward rules for matrix functions ----===//
//
// Forward-mode rules for the functions of frechet/matrix_functions.h and for
// Eigen's A.inverse(), A.determinant() and A.norm() (a member call A.g() is
// looked up as the rule g with A as its first argument). The layout is that
// of the scalar rules (frechet/scalar_rules.h): the primal arguments in
// order, then one tangent per floating-point or matrix parameter in the
// same order; an int argument (k of matrix_power) has no tangent. A rule
// returns jvp_result<double> or jvp_result<Eigen::MatrixXd>.
//
// An empty tangent is zero (frechet/matrix_support.h): its term is skipped,
// and when every tangent is empty a matrix result's tangent is empty too.
// A non-empty tangent must have its argument's shape.
//
// Symmetric arguments: logdet_spd and solve_spd read only the lower
// triangle of A, so only symmetric perturbations are meaningful; the rules
// use sym(dA) = (dA + dA^T)/2, which makes them the derivatives of the
// functions of sym(A) and gives symmetric gradients in reverse mode.
//
// Singular inputs follow matrix_functions.h: where the value is -inf, NaN
// or inf the tangent is non-finite too; determinant_jvp alone stays exact
// at singular A, because it uses the adjugate, tr(adj(A) dA), and never
// det(A) A^{-1}. norm_jvp is 0 at A == 0, where the norm has a kink.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_MATRIX_JVP_RULES_H
#define FRECHET_MATRIX_JVP_RULES_H

#include "frechet/jvp_result.h"
#include "frechet/matrix_functions.h"

namespace frechet {
namespace rules {
namespace detail {

using Eigen::MatrixXd;
using frechet::detail::nan;

inline void require_tangent(const MatrixXd &X, const MatrixXd &dX,
                            const char *fn) {
  if (dX.size() != 0 && (dX.rows() != X.rows() || dX.cols() != X.cols()))
    throw std::invalid_argument(std::string("frechet::rules::") + fn + ": a " +
                                std::to_string(dX.rows()) + "x" +
                                std::to_string(dX.cols()) + " tangent for a " +
                                std::to_string(X.rows()) + "x" +
                                std::to_string(X.cols()) + " argument");
}

/// sym(dA) = (dA + dA^T) / 2.
inline MatrixXd sym(const MatrixXd &dA) { return 0.5 * (dA + dA.transpose()); }

/// tr(A^{-1} dA) from A's factorization.
template <class Factorization>
double trace_of_solve(const Factorization &F, const MatrixXd &dA) {
  return F.solve(dA).trace();
}

} // namespace detail

/// d log det A = tr(A^{-1} dA); NaN where log det A is NaN (det A < 0).
inline jvp_result<double> logdet_jvp(const Eigen::MatrixXd &A,
                                     const Eigen::MatrixXd &dA) {
  frechet::detail::require_square(A, "logdet");
  detail::require_tangent(A, dA, "logdet_jvp");
  const Eigen::PartialPivLU<Eigen::MatrixXd> LU(A);
  const double V = frechet::detail::logdet(LU);
  if (dA.size() == 0)
    return {V, 0.0};
  return {V, std::isnan(V) ? detail::nan : detail::trace_of_solve(LU, dA)};
}

/// d log|det A| = tr(A^{-1} dA).
inline jvp_result<double> logabsdet_jvp(const Eigen::MatrixXd &A,
                                        const Eigen::MatrixXd &dA) {
  frechet::detail::require_square(A, "logabsdet");
  detail::require_tangent(A, dA, "logabsdet_jvp");
  const Eigen::PartialPivLU<Eigen::MatrixXd> LU(A);
  const double V = frechet::detail::logabsdet(LU);
  if (dA.size() == 0)
    return {V, 0.0};
  return {V, detail::trace_of_solve(LU, dA)};
}

/// d log det A = tr(A^{-1} sym(dA)) = tr(A^{-1} dA) for symmetric A^{-1}.
inline jvp_result<double> logdet_spd_jvp(const Eigen::MatrixXd &A,
                                         const Eigen::MatrixXd &dA) {
  frechet::detail::require_square(A, "logdet_spd");
  detail::require_tangent(A, dA, "logdet_spd_jvp");
  const Eigen::LLT<Eigen::MatrixXd> LLT(A);
  const double V = frechet::detail::logdet_spd(LLT);
  if (dA.size() == 0)
    return {V, 0.0};
  return {V, std::isnan(V) ? detail::nan : detail::trace_of_solve(LLT, dA)};
}

/// X = A^{-1} B, dX = A^{-1} (dB - dA X): one solve for both terms.
inline jvp_result<Eigen::MatrixXd> solve_jvp(const Eigen::MatrixXd &A,
                                             const Eigen::MatrixXd &B,
                                             const Eigen::MatrixXd &dA,
                                             const Eigen::MatrixXd &dB) {
  frechet::detail::require_solvable(A, B, "solve");
  detail::require_tangent(A, dA, "solve_jvp");
  detail::require_tangent(B, dB, "solve_jvp");
  const Eigen::PartialPivLU<Eigen::MatrixXd> LU(A);
  Eigen::MatrixXd X = LU.solve(B);
  if (dA.size() == 0 && dB.size() == 0)
    return {std::move(X), Eigen::MatrixXd()};
  Eigen::MatrixXd R;
  if (dB.size() != 0)
    R = dB;
  else
    R = Eigen::MatrixXd::Zero(B.rows(), B.cols());
  if (dA.size() != 0)
    R.noalias() -= dA * X;
  Eigen::MatrixXd dX = LU.solve(R);
  return {std::move(X), std::move(dX)};
}

/// X = A^{-1} B for symmetric positive definite A: dX = A^{-1} (dB -
/// sym(dA) X); NaN where the Cholesky factorization fails.
inline jvp_result<Eigen::MatrixXd> solve_spd_jvp(const Eigen::MatrixXd &A,
                                                 const Eigen::MatrixXd &B,
                                                 const Eigen::MatrixXd &dA,
                                                 const Eigen::MatrixXd &dB) {
  frechet::detail::require_solvable(A, B, "solve_spd");
  detail::require_tangent(A, dA, "solve_spd_jvp");
  detail::require_tangent(B, dB, "solve_spd_jvp");
  const Eigen::LLT<Eigen::MatrixXd> LLT(A);
  Eigen::MatrixXd X;
  frechet::detail::solve_spd_into(LLT, B, X);
  if (dA.size() == 0 && dB.size() == 0)
    return {std::move(X), Eigen::MatrixXd()};
  Eigen::MatrixXd R;
  if (dB.size() != 0)
    R = dB;
  else
    R = Eigen::MatrixXd::Zero(B.rows(), B.cols());
  if (dA.size() != 0)
    R.noalias() -= detail::sym(dA) * X;
  Eigen::MatrixXd dX;
  frechet::detail::solve_spd_into(LLT, R, dX);
  return {std::move(X), std::move(dX)};
}

/// d(A kron B) = dA kron B + A kron dB.
inline jvp_result<Eigen::MatrixXd> kron_jvp(const Eigen::MatrixXd &A,
                                            const Eigen::MatrixXd &B,
                                            const Eigen::MatrixXd &dA,
                                            const Eigen::MatrixXd &dB) {
  detail::require_tangent(A, dA, "kron_jvp");
  detail::require_tangent(B, dB, "kron_jvp");
  Eigen::MatrixXd K = frechet::kron(A, B), dK;
  if (dA.size() != 0)
    dK = frechet::kron(dA, B);
  if (dB.size() != 0) {
    if (dK.size() == 0)
      dK = frechet::kron(A, dB);
    else
      dK += frechet::kron(A, dB);
  }
  return {std::move(K), std::move(dK)};
}

/// d vec(A) = vec(dA).
inline jvp_result<Eigen::MatrixXd> vec_jvp(const Eigen::MatrixXd &A,
                                           const Eigen::MatrixXd &dA) {
  detail::require_tangent(A, dA, "vec_jvp");
  return {frechet::vec(A),
          dA.size() == 0 ? Eigen::MatrixXd() : frechet::vec(dA)};
}

/// d(A^k) = sum_j A^j dA A^{k-1-j}, computed along the repeated squaring of
/// matrix_power (the same products, so the same value) with the product
/// rule d(XY) = dX Y + X dY: O(log k) products.
inline jvp_result<Eigen::MatrixXd>
matrix_power_jvp(const Eigen::MatrixXd &A, int k, const Eigen::MatrixXd &dA) {
  frechet::detail::require_square(A, "matrix_power");
  detail::require_tangent(A, dA, "matrix_power_jvp");
  if (dA.size() == 0 || k == 0)
    return {frechet::matrix_power(A, k), Eigen::MatrixXd()};
  if (k < 0)
    frechet::matrix_power(A, k); // throws
  Eigen::MatrixXd R, dR, Base = A, dBase = dA;
  bool Identity = true;
  for (unsigned E = unsigned(k); E != 0;) {
    if (E & 1u) {
      if (Identity) {
        R = Base;
        dR = dBase;
      } else {
        dR = dR * Base;
        dR.noalias() += R * dBase;
        R = R * Base;
      }
      Identity = false;
    }
    E >>= 1;
    if (E != 0) {
      Eigen::MatrixXd Next = dBase * Base;
      Next.noalias() += Base * dBase;
      dBase.swap(Next);
      Base = Base * Base;
    }
  }
  return {std::move(R), std::move(dR)};
}

/// The same rule with the tangent next to A (k has none).
inline jvp_result<Eigen::MatrixXd>
matrix_power_jvp(const Eigen::MatrixXd &A, const Eigen::MatrixXd &dA, int k) {
  return matrix_power_jvp(A, k, dA);
}

/// Y = A^{-1}, dY = -Y dA Y.
inline jvp_result<Eigen::MatrixXd> inverse_jvp(const Eigen::MatrixXd &A,
                                               const Eigen::MatrixXd &dA) {
  frechet::detail::require_square(A, "inverse");
  detail::require_tangent(A, dA, "inverse_jvp");
  Eigen::MatrixXd Y = Eigen::PartialPivLU<Eigen::MatrixXd>(A).inverse();
  if (dA.size() == 0)
    return {std::move(Y), Eigen::MatrixXd()};
  Eigen::MatrixXd T = dA * Y;
  Eigen::MatrixXd dY = -(Y * T);
  return {std::move(Y), std::move(dY)};
}

/// d det A = tr(adj(A) dA), which is det(A) tr(A^{-1} dA) where A is
/// invertible and stays right (and finite) where it is not.
inline jvp_result<double> determinant_jvp(const Eigen::MatrixXd &A,
                                          const Eigen::MatrixXd &dA) {
  frechet::detail::require_square(A, "determinant");
  detail::require_tangent(A, dA, "determinant_jvp");
  const Eigen::PartialPivLU<Eigen::MatrixXd> LU(A);
  const double V = LU.determinant();
  if (dA.size() == 0)
    return {V, 0.0};
  const Eigen::MatrixXd C = frechet::detail::adjugate(LU, A);
  return {V, C.transpose().cwiseProduct(dA).sum()};
}

/// d |A|_F = <A, dA> / |A|_F, and 0 at A == 0.
inline jvp_result<double> norm_jvp(const Eigen::MatrixXd &A,
                                   const Eigen::MatrixXd &dA) {
  detail::require_tangent(A, dA, "norm_jvp");
  const double N = A.norm();
  if (dA.size() == 0 || N == 0)
    return {N, 0.0};
  return {N, A.cwiseProduct(dA).sum() / N};
}

} // namespace rules
} // namespace frechet

#endif // FRECHET_MATRIX_JVP_RULES_H
