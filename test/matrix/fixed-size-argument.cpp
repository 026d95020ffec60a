// A fixed-size matrix (Matrix3d, Vector3d) passed to a function that takes
// `const Eigen::MatrixXd &` or `Eigen::MatrixXd` by value: reverse mode
// passed the argument's Matrix3d adjoint for the callee's MatrixXd &
// adjoint, and the generated code did not compile. The argument now
// collects its adjoint in a MatrixXd that is added to its own. Found by the
// random-program tester (docs/robustness.md).
//
// RUN: %frechetxx -O0 -ffp-contract=off %s -o %t 2>&1 | count 0
// RUN: %t | FileCheck %s
#include <frechet/matrix.h>

#include <cmath>
#include <cstdio>

using Eigen::Matrix3d;
using Eigen::MatrixXd;
using Eigen::Vector3d;

MatrixXd h(const MatrixXd &X, double c) { return c * X * X.transpose(); }
double g(MatrixXd X) { return X.squaredNorm(); }

#pragma frechet forward
#pragma frechet gradient
double f(const Matrix3d &A, const Vector3d &v, double s) {
  Matrix3d M = A;
  return h(M, s).sum() + g(v) + g(A);
}

int main() {
  std::srand(6);
  Matrix3d A = Matrix3d::Random(), dA = Matrix3d::Random();
  Vector3d v = Vector3d::Random(), dv = Vector3d::Random();
  Matrix3d gA = Matrix3d::Zero();
  Vector3d gv = Vector3d::Zero();
  double gs = 0, s = 0.4, ds = -0.3;
  double value = f_grad(A, v, s, gA, gv, gs);
  double jvp = f_jvp(A, v, s, dA, dv, ds).tangent;
  double vjp = gA.cwiseProduct(dA).sum() + gv.dot(dv) + gs * ds;
  std::printf("%s\n", value == f(A, v, s) && std::abs(jvp - vjp) < 1e-13
                          ? "ok"
                          : "WRONG");
  return 0;
}
// CHECK: ok
