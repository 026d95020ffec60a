// x.dot(y) with both operands differentiated and an adjoint that is an
// expression (s * d_ret): reverse mode bound the adjoint to a variable
// with .eval(), as for a matrix, and the generated code did not compile
// (a dot product's adjoint is a scalar). Found by the random-program tester
// (docs/robustness.md).
//
// RUN: %frechetxx -O0 -ffp-contract=off %s -o %t 2>&1 | count 0
// RUN: %t | FileCheck %s
#include <frechet/matrix.h>

#include <cmath>
#include <cstdio>

using Eigen::VectorXd;

#pragma frechet forward
#pragma frechet gradient
double f(const VectorXd &x, const VectorXd &y, double s) {
  return s * x.dot(x) + (s - x[0]) * x.dot(y);
}

int main() {
  std::srand(2);
  VectorXd x = VectorXd::Random(3), y = VectorXd::Random(3);
  VectorXd dx = VectorXd::Random(3), dy = VectorXd::Random(3);
  VectorXd gx, gy;
  double gs = 0, s = 0.3, ds = 0.7;
  f_grad(x, y, s, gx, gy, gs);
  double jvp = f_jvp(x, y, s, dx, dy, ds).tangent;
  double vjp = gx.dot(dx) + gy.dot(dy) + gs * ds;
  std::printf("%s\n", std::abs(jvp - vjp) <= 1e-14 ? "ok" : "WRONG");
  return 0;
}
// CHECK: ok
