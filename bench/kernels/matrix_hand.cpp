// Matrix kernels (Eigen): hand-written gradients, from matrix calculus.
//
//   logdet  f = log |det A|                 dA = A^{-T}
//   solve   f = 0.5 |x|^2, A x = b          db = A^{-T} x, dA = -db x^T
//   chain   f = tr(A1 A2 A3 A4 A5)          dAk = (A_{k+1}..A5 A1..A_{k-1})^T
//   mlp     Z = W1 X + b1 1^T, H = tanh Z, R = W2 H - Y, f = 0.5 |R|_F^2
//           dW2 = R H^T, dZ = (W2^T R) .* (1 - H.^2), dW1 = dZ X^T,
//           db1 = dZ 1
//
// Each reuses what the forward computation built: the LU factors (one
// transposed solve), the prefix products of the chain, H of the MLP.
#include "kernels.h"

#include <Eigen/Dense>

namespace bench {

namespace {
using MatMap = Eigen::Map<const Eigen::MatrixXd>;
using VecMap = Eigen::Map<const Eigen::VectorXd>;
using MutMatMap = Eigen::Map<Eigen::MatrixXd>;
using MutVecMap = Eigen::Map<Eigen::VectorXd>;
} // namespace

double logdet_hand_grad(int n, const double *A, double *gA) {
  Eigen::PartialPivLU<Eigen::MatrixXd> lu(MatMap(A, n, n));
  // A^{-T} by transposed solves with the LU factors (A^T X = I); the
  // gradient is the whole dense inverse, so n right-hand sides.
  MutMatMap(gA, n, n) =
      lu.transpose().solve(Eigen::MatrixXd::Identity(n, n));
  return lu.matrixLU().diagonal().array().abs().log().sum();
}

double solve_hand_grad(int n, const double *A, const double *b, double *gA,
                       double *gb) {
  Eigen::PartialPivLU<Eigen::MatrixXd> lu(MatMap(A, n, n));
  const Eigen::VectorXd x = lu.solve(VecMap(b, n));
  MutVecMap bbar(gb, n);
  bbar = lu.transpose().solve(x); // A^T bbar = x
  MutMatMap(gA, n, n).noalias() = -bbar * x.transpose();
  return 0.5 * x.squaredNorm();
}

double chain_hand_grad(int n, const double *const *Aptr, double *const *gA) {
  const MatMap A1(Aptr[0], n, n), A2(Aptr[1], n, n), A3(Aptr[2], n, n),
      A4(Aptr[3], n, n), A5(Aptr[4], n, n);
  // Forward: prefix products P2 = A1 A2, P3 = P2 A3, P4 = P3 A4.
  Eigen::MatrixXd P2(n, n), P3(n, n), P4(n, n);
  P2.noalias() = A1 * A2;
  P3.noalias() = P2 * A3;
  P4.noalias() = P3 * A4;
  const double f = P4.cwiseProduct(A5.transpose()).sum();
  // Reverse: f = tr(P4 A5), so dA5 = P4^T and dP4 = A5^T; then through
  // Pk = P(k-1) Ak: dAk = P(k-1)^T dPk, dP(k-1) = dPk Ak^T.
  MutMatMap(gA[4], n, n) = P4.transpose();
  Eigen::MatrixXd Pbar(n, n), Pbar_prev(n, n);
  MutMatMap(gA[3], n, n).noalias() = P3.transpose() * A5.transpose();
  Pbar.noalias() = A5.transpose() * A4.transpose(); // dP3
  MutMatMap(gA[2], n, n).noalias() = P2.transpose() * Pbar;
  Pbar_prev.noalias() = Pbar * A3.transpose(); // dP2
  MutMatMap(gA[1], n, n).noalias() = A1.transpose() * Pbar_prev;
  MutMatMap(gA[0], n, n).noalias() = Pbar_prev * A2.transpose();
  return f;
}

double mlp_hand_grad(const MlpInput &in, double *gW1, double *gb1,
                     double *gW2) {
  const int d = in.d, m = in.m, h = in.h, o = in.o;
  const MatMap X(in.X, d, m), Y(in.Y, o, m), W1(in.W1, h, d),
      W2(in.W2, o, h);
  Eigen::MatrixXd Z(h, m);
  Z.noalias() = W1 * X;
  Z.colwise() += VecMap(in.b1, h);
  const Eigen::MatrixXd H = Z.array().tanh().matrix();
  Eigen::MatrixXd R = -Y;
  R.noalias() += W2 * H;
  const double f = 0.5 * R.squaredNorm();
  MutMatMap(gW2, o, h).noalias() = R * H.transpose();
  Z.noalias() = W2.transpose() * R; // dH, in Z's storage
  Z.array() *= 1.0 - H.array().square(); // dZ
  MutMatMap(gW1, h, d).noalias() = Z * X.transpose();
  MutVecMap(gb1, h) = Z.rowwise().sum();
  return f;
}

} // namespace bench
