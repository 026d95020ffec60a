// A matrix parameter taken by value and written by f (its own copy) in
// reverse mode: its adjoint was the caller's d_A itself, so the reverse
// sweep of `A = s * A` or of a coefficient write cleared what the caller
// had accumulated there before the call. Like a scalar by-value parameter,
// it now collects its adjoint in a local that is added to d_A at the end.
// Found by the random-program tester (docs/robustness.md).
//
// RUN: %frechetxx -O0 -ffp-contract=off %s -o %t 2>&1 | count 0
// RUN: %t | FileCheck %s
#include <frechet/matrix.h>

#include <cstdio>

using Eigen::Matrix3d;
using Eigen::MatrixXd;

#pragma frechet gradient
double f(MatrixXd A, double s) {
  A = s * A;
  A(0, 1) = s * A(1, 0);
  return A.sum() + A.squaredNorm();
}

#pragma frechet gradient
double g(Matrix3d A, double s) {
  A.row(1) = s * A.row(2);
  return A.squaredNorm();
}

int main() {
  std::srand(1);
  MatrixXd A = MatrixXd::Random(3, 3);
  MatrixXd G;
  double gs = 0;
  f_grad(A, 0.7, G, gs);
  MatrixXd G2 = G; // accumulates onto what is there
  f_grad(A, 0.7, G2, gs);
  std::printf("matrix %s\n", (G2 - 2 * G).norm() <= 1e-14 * G.norm() ? "ok" : "WRONG");

  Matrix3d B = Matrix3d::Random(), H = Matrix3d::Zero();
  g_grad(B, 0.7, H, gs);
  Matrix3d H2 = H;
  g_grad(B, 0.7, H2, gs);
  std::printf("fixed %s\n", (H2 - 2 * H).norm() <= 1e-14 * H.norm() ? "ok" : "WRONG");
  return 0;
}
// CHECK: matrix ok
// CHECK: fixed ok
