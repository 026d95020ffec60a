// Compound assignments to blocks of a matrix local (M.block(...) -= ...,
// M.row(i) += ..., M.col(j) *= s) in reverse mode. The reverse sweep asked
// frechet::is_zero whether the block of the adjoint was zero, and is_zero
// took only plain matrices: the generated code did not compile. Found by
// the random-program tester (docs/robustness.md).
//
// RUN: %frechetxx -O0 -ffp-contract=off %s -o %t 2>&1 | count 0
// RUN: %t | FileCheck %s
#include <frechet/matrix.h>

#include <cmath>
#include <cstdio>

using Eigen::MatrixXd;

#pragma frechet forward
#pragma frechet gradient
double f(const MatrixXd &A, double s) {
  MatrixXd M = A;
  M.block(0, 1, 1, 2) -= A.block(0, 0, 1, 2);
  M.row(1) += s * A.row(0);
  M.col(0) *= s;
  M.col(2) /= 1.5 + s * s;
  return M.sum() + M.squaredNorm();
}

int main() {
  std::srand(3);
  MatrixXd A = MatrixXd::Random(3, 3), dA = MatrixXd::Random(3, 3);
  double s = 0.7, ds = -0.4, h = 1e-6;
  MatrixXd gA; // empty: resized by f_grad
  double gs = 0;
  double value = f_grad(A, s, gA, gs);
  double jvp = f_jvp(A, s, dA, ds).tangent;
  double vjp = gA.cwiseProduct(dA).sum() + gs * ds;
  double fd = (f(A + h * dA, s + h * ds) - f(A - h * dA, s - h * ds)) / (2 * h);
  std::printf("value %s\n", value == f(A, s) ? "ok" : "WRONG");
  std::printf("adjoint %s\n",
              std::abs(jvp - vjp) <= 1e-12 * (1 + std::abs(jvp)) ? "ok"
                                                                   : "WRONG");
  std::printf("fd %s\n",
              std::abs(jvp - fd) <= 1e-6 * (1 + std::abs(fd)) ? "ok" : "WRONG");
  return 0;
}
// CHECK: value ok
// CHECK: adjoint ok
// CHECK: fd ok
