//===- MatrixTestUtil.h - helpers for the matrix rule tests ---------------===//
//
// Random well-conditioned inputs (A + nI, B B^T + nI), Frobenius inner
// products, relative errors, and a Richardson-extrapolated central
// difference, so that finite differences are accurate enough (~1e-10) for a
// 1e-7 tolerance on every rule.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_TEST_MATRIX_TEST_UTIL_H
#define FRECHET_TEST_MATRIX_TEST_UTIL_H

#include "frechet/matrix.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <vector>

namespace mtest {

using Eigen::Index;
using Eigen::MatrixXd;
using Args = std::vector<MatrixXd>;

inline std::mt19937 &rng() {
  static std::mt19937 Gen(20240611);
  return Gen;
}

/// Entries uniform in [-1, 1].
inline MatrixXd random(Index Rows, Index Cols) {
  std::uniform_real_distribution<double> U(-1.0, 1.0);
  MatrixXd M(Rows, Cols);
  for (Index J = 0; J < Cols; ++J)
    for (Index I = 0; I < Rows; ++I)
      M(I, J) = U(rng());
  return M;
}

/// Well conditioned, with det > 0: the Gershgorin discs of 0.5 R + nI lie
/// in the right half plane.
inline MatrixXd general(Index N) {
  return 0.5 * random(N, N) + double(N) * MatrixXd::Identity(N, N);
}

/// Symmetric positive definite and well conditioned.
inline MatrixXd spd(Index N) {
  MatrixXd B = random(N, N);
  return B * B.transpose() + double(N) * MatrixXd::Identity(N, N);
}

inline MatrixXd symmetric(Index Rows) {
  MatrixXd R = random(Rows, Rows);
  return 0.5 * (R + R.transpose());
}

/// A random direction of unit Frobenius norm (symmetric if asked).
inline MatrixXd direction(const MatrixXd &Like, bool Symmetric = false) {
  MatrixXd D =
      Symmetric ? symmetric(Like.rows()) : random(Like.rows(), Like.cols());
  return D / D.norm();
}

inline double dot(const MatrixXd &X, const MatrixXd &Y) {
  return X.cwiseProduct(Y).sum();
}

/// ||Got - Want|| / max(||Got||, ||Want||), 0 when both are 0.
inline double rel_error(const MatrixXd &Got, const MatrixXd &Want) {
  double Scale = std::max(Got.norm(), Want.norm());
  return Scale == 0 ? 0 : (Got - Want).norm() / Scale;
}

inline double rel_error(double Got, double Want) {
  double Scale = std::max(std::abs(Got), std::abs(Want));
  return Scale == 0 ? 0 : std::abs(Got - Want) / Scale;
}

/// d/dh f(x + h v) at h = 0: Richardson extrapolation of central
/// differences with steps H and H/2 (error O(H^4)).
inline MatrixXd finite_difference(const std::function<MatrixXd(double)> &F,
                                  double H = 1e-3) {
  auto Central = [&](double S) { return ((F(S) - F(-S)) / (2 * S)).eval(); };
  return (4 * Central(H / 2) - Central(H)) / 3;
}

/// Same shape and bitwise-equal entries (operator== needs equal shapes).
inline bool same(const MatrixXd &X, const MatrixXd &Y) {
  return X.rows() == Y.rows() && X.cols() == Y.cols() && X == Y;
}

inline MatrixXd one(double X) { return MatrixXd::Constant(1, 1, X); }

} // namespace mtest

#endif // FRECHET_TEST_MATRIX_TEST_UTIL_H
