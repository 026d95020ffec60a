// 1x1 matrix expressions used as scalars (x^T A y, converted implicitly or
// with .value() or (0, 0)) and Eigen::Map parameters, in both modes. Before
// these were handled, the implicit conversion gave a zero tangent and a
// reverse sweep that did not compile.
//
// RUN: %frechetxx -O1 %s -o %t 2>&1 | count 0
// RUN: %t | FileCheck %s
#include <frechet/matrix.h>

#include <cstdio>

using Eigen::MatrixXd;
using Eigen::VectorXd;

#pragma frechet forward wrt(A)
#pragma frechet gradient wrt(A)
double implicit(const VectorXd &x, const MatrixXd &A, const VectorXd &y) {
  return x.transpose() * A * y;
}

#pragma frechet gradient wrt(A)
double by_value(const VectorXd &x, const MatrixXd &A, const VectorXd &y) {
  return (x.transpose() * A * y).value();
}

#pragma frechet gradient wrt(A)
double by_coeff(const VectorXd &x, const MatrixXd &A, const VectorXd &y) {
  return (x.transpose() * A * y)(0, 0);
}

#pragma frechet forward
#pragma frechet gradient
double mapped(const Eigen::Map<const MatrixXd> &A) {
  return frechet::logdet(A) + A.sum();
}

int main() {
  std::srand(5);
  VectorXd x = VectorXd::Random(4), y = VectorXd::Random(4);
  MatrixXd A = MatrixXd::Random(4, 4), dA = MatrixXd::Random(4, 4);
  // grad_A x^T A y = x y^T, and the tangent is x^T dA y.
  MatrixXd W = x * y.transpose();
  MatrixXd G1, G2, G3;
  implicit_grad(x, A, y, G1);
  by_value_grad(x, A, y, G2);
  by_coeff_grad(x, A, y, G3);
  double t = implicit_jvp(x, A, y, dA).tangent;
  double want = x.dot(dA * y);
  bool ok = (G1 - W).norm() < 1e-14 && (G2 - W).norm() < 1e-14 &&
            (G3 - W).norm() < 1e-14 && std::abs(t - want) < 1e-14;
  std::printf("bilinear %s\n", ok ? "ok" : "WRONG");

  MatrixXd M = A + 4 * MatrixXd::Identity(4, 4);
  Eigen::Map<const MatrixXd> Mm(M.data(), 4, 4);
  MatrixXd G; // grad = M^{-T} + ones
  mapped_grad(Mm, G);
  MatrixXd expect = M.inverse().transpose() + MatrixXd::Ones(4, 4);
  double jvp = mapped_jvp(Mm, dA).tangent;
  ok = (G - expect).norm() < 1e-12 &&
       std::abs(jvp - G.cwiseProduct(dA).sum()) < 1e-12;
  std::printf("map %s\n", ok ? "ok" : "WRONG");
  return 0;
}
// CHECK: bilinear ok
// CHECK: map ok
