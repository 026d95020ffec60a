// Every matrix operation Frechet differentiates, one function each, checked
// in both modes: forward mode against central differences (relative 1e-6),
// reverse mode against forward mode by the adjoint identity
// <gradient, dX> = f'(X)[dX] (relative 1e-11), on several shapes including
// fixed-size types.
//
// RUN: %frechetxx -O1 %s -o %t 2>&1 | count 0
// RUN: %t | FileCheck %s
#include <frechet/matrix.h>

#include <cmath>
#include <cstdio>
#include <functional>
#include <string>

using Eigen::Matrix3d;
using Eigen::MatrixXd;
using Eigen::Vector3d;
using Eigen::VectorXd;

#define OP(NAME, BODY)                                                         \
  _Pragma("frechet forward") _Pragma("frechet gradient") double NAME(          \
      [[maybe_unused]] const MatrixXd &A, [[maybe_unused]] const MatrixXd &B,  \
      [[maybe_unused]] const VectorXd &x, [[maybe_unused]] double s) BODY

OP(sum_sub, { return (A + B - 2.0 * A).sum() + (-B).trace(); })
OP(product, { return (A * B).trace() + (A * B * A).sum(); })
OP(scale_div, { return (s * A / (s + 1.0) + A * s).sum(); })
OP(transpose, { return (A.transpose() * B).trace() + A.transpose()(0, 1); })
OP(mean_diag, { return A.mean() + A.diagonal().sum() * s; })
OP(dot_norms, {
  VectorXd y = A * x;
  return y.dot(x) + y.squaredNorm() + y.norm() + A.norm();
})
OP(cwise, { return A.cwiseProduct(B).sum() + A.cwiseQuotient(B).sum(); })
OP(blocks, {
  return A.row(1).sum() + A.col(2).dot(x) + A.block(0, 1, 2, 2).sum() +
         x.head(2).sum() + x.tail(2).squaredNorm();
})
OP(coefficients, {
  MatrixXd C = A;
  C(0, 0) = s * C(1, 1);
  C(2, 1) += A(0, 2) * B(1, 0);
  VectorXd y = x;
  y[1] *= s;
  y(2) = y(0) * y(1);
  return C.sum() + y.sum();
})
OP(array_functions, {
  auto X = (0.1 * A).array();
  auto P = (B.array() * B.array() + 1.0);
  return X.exp().sum() + X.sin().sum() + X.cos().sum() + X.tanh().sum() +
         X.square().sum() + X.cube().sum() + P.log().sum() + P.sqrt().sum() +
         P.pow(1.5).sum() + P.inverse().sum() + (X * P).sum() + (X / P).sum();
})
OP(compound, {
  MatrixXd C = A;
  C += B;
  C -= 0.5 * A;
  C *= s;
  C /= (1.0 + s);
  C *= B;
  C = C * A + B;
  return C.sum();
})
OP(rules, {
  MatrixXd M = A + 4.0 * MatrixXd::Identity(A.rows(), A.cols());
  MatrixXd S = M * M.transpose();
  return frechet::logdet(M) + frechet::logabsdet(M) + frechet::logdet_spd(S) +
         frechet::solve(M, B).sum() + frechet::solve_spd(S, x).sum() +
         M.inverse().sum() + M.determinant() + frechet::kron(A, B).sum() +
         frechet::vec(A).cwiseProduct(frechet::vec(B)).sum() +
         frechet::matrix_power(0.3 * A, 3).sum();
})
OP(loop, {
  MatrixXd P = MatrixXd::Identity(A.rows(), A.cols());
  double t = 0;
  for (int k = 0; k < 4; ++k) {
    P = P * (0.3 * A);
    t += P.trace() * s;
  }
  return t + P.sum();
})
OP(constants, {
  MatrixXd I = MatrixXd::Identity(A.rows(), A.cols());
  MatrixXd Z = MatrixXd::Zero(A.rows(), A.cols());
  Z = Z + I * s + MatrixXd::Constant(A.rows(), A.cols(), s) + A;
  return Z.sum();
})
// Methods that change a matrix in place; setConstant and fill with a
// differentiated value. (Before these were seen as writes, reverse mode
// kept the adjoint of the old values.)
OP(in_place, {
  MatrixXd C = A * B;
  double t = C.sum();
  C.setZero();
  C += A;
  t += C.squaredNorm();
  C.col(1).setZero();
  C.row(0).fill(s);
  t += (C * B).trace();
  C.setConstant(A.rows(), A.cols(), s * s);
  t += C.sum();
  C.setIdentity();
  C.resize(2, 3);
  C.setOnes();
  C(1, 2) = s;
  return t + C.sum() + C.squaredNorm();
})
// Fixed-size vectors from coefficients, and the comma initializer (written
// out: the commas would split OP's arguments).
#pragma frechet forward
#pragma frechet gradient
double constructed(const MatrixXd &A, const MatrixXd &B, const VectorXd &x,
                   double s) {
  Eigen::Vector3d v(s * x(0), std::sin(s), 2.0);
  Eigen::Matrix2d M;
  M << s, x(1) * x(1), 1.0, s * x(0);
  Eigen::Matrix<double, 2, 3> N;
  N << x(0), 1.0, s, 2.0 * x(1), 3.0, A(0, 1) * s;
  MatrixXd D(2, 2);
  D << A(0, 0), s, B(1, 1), 1.0;
  return v.squaredNorm() + M.determinant() + (N * v).sum() + D.inverse().sum() +
         Eigen::Vector2d(s, x(2)).dot(Eigen::Vector2d(x(0), 1.0));
}
// Broadcasting and reductions along columns and rows.
OP(broadcast, {
  MatrixXd Z = A * B;
  Z.colwise() += x;
  Z.rowwise() -= s * x.transpose();
  MatrixXd Y = (B.colwise() + x * s) + (A.rowwise() - x.transpose());
  Eigen::ArrayXXd W = A.array().colwise() + (s * x).array();
  MatrixXd C = A;
  C.colwise() = x;
  MatrixXd K = MatrixXd::Ones(A.rows(), A.cols()); // not differentiated
  double k = (K.colwise() - x).squaredNorm() + (K.rowwise() + x.transpose()).sum();
  return k + Z.colwise().sum().sum() + Y.rowwise().mean().sum() +
         Z.colwise().squaredNorm().sum() + (A + B).rowwise().norm().sum() +
         W.colwise().norm().sum() + W.rowwise().sum().sum() + C.sum() +
         (C.cwiseProduct(A)).sum();
})
// Elementwise functions whose reverse sweep uses the value they computed
// (H) instead of recomputing them; and the same when H changes later, so
// that the argument must be read after all.
OP(held_results, {
  MatrixXd E = (0.2 * A).array().exp().matrix();
  MatrixXd T = (A * B).array().tanh().matrix();
  Eigen::ArrayXXd R = (B.array() + 1.0).sqrt();
  MatrixXd M = (0.1 * A).array().expm1().matrix();
  MatrixXd I = B.array().inverse().matrix();
  MatrixXd H = A.array().tanh().matrix();
  double t = E.sum() + (T * A).trace() + R.sum() + M.squaredNorm() + I.sum();
  t += H.sum();
  H *= s; // H is not tanh(A) any more
  return t + H.sum();
})

// Fixed-size matrices and vectors.
#pragma frechet forward name(fixed_jvp)
#pragma frechet gradient
double fixed(const Matrix3d &A, const Vector3d &v, double s) {
  Matrix3d C = A * A.transpose() + s * Matrix3d::Identity();
  Vector3d w = C * v;
  return w.dot(v) + C.trace() + C.determinant();
}

// An empty (never touched) gradient is zero.
template <class X, class Y> static double inner(const X &G, const Y &D) {
  return G.size() ? G.cwiseProduct(D).sum() : 0.0;
}

using Fn = double (*)(const MatrixXd &, const MatrixXd &, const VectorXd &,
                      double);
using Jvp = frechet::jvp_result<double> (*)(const MatrixXd &, const MatrixXd &,
                                            const VectorXd &, double,
                                            const MatrixXd &, const MatrixXd &,
                                            const VectorXd &, double);
using Grad = double (*)(const MatrixXd &, const MatrixXd &, const VectorXd &,
                        double, MatrixXd &, MatrixXd &, VectorXd &, double &);

static void check(const char *Name, Fn F, Jvp J, Grad G) {
  double worstFd = 0, worstAdj = 0;
  bool value = true;
  for (int n : {3, 5}) {
    MatrixXd A = MatrixXd::Random(n, n), B = MatrixXd::Random(n, n);
    B.array() += 2.0; // away from 0 for the quotients
    VectorXd x = VectorXd::Random(n);
    double s = 0.7;
    MatrixXd gA, gB;
    VectorXd gx;
    double gs = 0;
    value &= G(A, B, x, s, gA, gB, gx, gs) == F(A, B, x, s);
    for (int t = 0; t < 3; ++t) {
      MatrixXd dA = MatrixXd::Random(n, n), dB = MatrixXd::Random(n, n);
      VectorXd dx = VectorXd::Random(n);
      double ds = 0.5 - 0.3 * t;
      double jvp = J(A, B, x, s, dA, dB, dx, ds).tangent;
      double h = 1e-5;
      double fd = (F(A + h * dA, B + h * dB, x + h * dx, s + h * ds) -
                   F(A - h * dA, B - h * dB, x - h * dx, s - h * ds)) /
                  (2 * h);
      double vjp = inner(gA, dA) + inner(gB, dB) + inner(gx, dx) + gs * ds;
      worstFd = std::max(worstFd, std::abs(fd - jvp) / (1 + std::abs(fd)));
      worstAdj = std::max(worstAdj, std::abs(vjp - jvp) / (1 + std::abs(jvp)));
    }
  }
  bool ok = value && worstFd < 1e-6 && worstAdj < 1e-11 &&
            frechet::default_tape().empty();
  std::printf("%s %s", Name, ok ? "ok\n" : "WRONG");
  if (!ok)
    std::printf(" (value %d, fd %g, adjoint %g)\n", value, worstFd, worstAdj);
}

#define CHECK_OP(NAME) check(#NAME, NAME, NAME##_jvp, NAME##_grad)

int main() {
  std::srand(11);
  CHECK_OP(sum_sub);
  CHECK_OP(product);
  CHECK_OP(scale_div);
  CHECK_OP(transpose);
  CHECK_OP(mean_diag);
  CHECK_OP(dot_norms);
  CHECK_OP(cwise);
  CHECK_OP(blocks);
  CHECK_OP(coefficients);
  CHECK_OP(array_functions);
  CHECK_OP(compound);
  CHECK_OP(rules);
  CHECK_OP(loop);
  CHECK_OP(constants);
  CHECK_OP(in_place);
  CHECK_OP(broadcast);
  CHECK_OP(constructed);
  CHECK_OP(held_results);

  Matrix3d A = Matrix3d::Random(), dA = Matrix3d::Random();
  Vector3d v = Vector3d::Random(), dv = Vector3d::Random();
  double s = 0.4, ds = 0.2, h = 1e-5;
  Matrix3d gA = Matrix3d::Zero();
  Vector3d gv = Vector3d::Zero();
  double gs = 0;
  fixed_grad(A, v, s, gA, gv, gs);
  double jvp = fixed_jvp(A, v, s, dA, dv, ds).tangent;
  double fd = (fixed(A + h * dA, v + h * dv, s + h * ds) -
               fixed(A - h * dA, v - h * dv, s - h * ds)) /
              (2 * h);
  double vjp = (gA.cwiseProduct(dA)).sum() + gv.dot(dv) + gs * ds;
  bool ok = std::abs(fd - jvp) < 1e-6 * (1 + std::abs(fd)) &&
            std::abs(vjp - jvp) < 1e-11 * (1 + std::abs(jvp));
  std::printf("fixed %s\n", ok ? "ok" : "WRONG");
  return 0;
}
// CHECK: sum_sub ok
// CHECK: product ok
// CHECK: scale_div ok
// CHECK: transpose ok
// CHECK: mean_diag ok
// CHECK: dot_norms ok
// CHECK: cwise ok
// CHECK: blocks ok
// CHECK: coefficients ok
// CHECK: array_functions ok
// CHECK: compound ok
// CHECK: rules ok
// CHECK: loop ok
// CHECK: constants ok
// CHECK: in_place ok
// CHECK: broadcast ok
// CHECK: constructed ok
// CHECK: held_results ok
// CHECK: fixed ok
