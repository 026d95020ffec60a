// A local named 't0' (adjoint 'd_t0') and the temporary '_t0' that reverse
// mode evaluates a matrix product into (adjoint 'd' + '_t0') both had the
// adjoint 'd_t0': the generated code did not compile. Product temporaries
// now get a name whose adjoint is free, as call temporaries did. Found by
// the random-program tester (docs/robustness.md).
//
// RUN: %frechetxx -O0 %s -o %t 2>&1 | count 0
// RUN: %t | FileCheck %s
#include <frechet/matrix.h>

#include <cstdio>

using Eigen::MatrixXd;

#pragma frechet gradient
double f(const MatrixXd &A, const MatrixXd &B) {
  MatrixXd t0 = A;
  double t1 = (A * B).sum();
  return (t0 * B).trace() + t1;
}

int main() {
  MatrixXd A = MatrixXd::Identity(2, 2), B = MatrixXd::Ones(2, 2), GA, GB;
  f_grad(A, B, GA, GB);
  // d/dA [tr(A B) + sum(A B)] = B^T + 1 1^T B^T
  MatrixXd want = B.transpose() + MatrixXd::Ones(2, 2) * B.transpose();
  std::printf("%s\n", (GA - want).norm() < 1e-15 ? "ok" : "WRONG");
  return 0;
}
// CHECK: ok
