// The determinant (or inverse) of a matrix expression whose value f uses
// only in a condition: its adjoint is zero, the runtime rule leaves its
// output empty, and the reverse sweep went on with the chain rule through
// tanh(A B) on that empty matrix (an Eigen size assertion at run time). The
// chain rule is now skipped for an empty adjoint. Found by the
// random-program tester (docs/robustness.md).
//
// RUN: %frechetxx -O0 %s -o %t 2>&1 | count 0
// RUN: %t | FileCheck %s
#include <frechet/matrix.h>

#include <cstdio>

using Eigen::MatrixXd;

#pragma frechet gradient
double f(const MatrixXd &A, double s) {
  double d = ((A * MatrixXd::Ones(3, 2)).array().tanh().matrix() +
              3.0 * MatrixXd::Identity(2, 2))
                 .determinant();
  double e = ((A * A.transpose()).array().tanh().matrix() +
              3.0 * MatrixXd::Identity(2, 2))
                 .inverse()
                 .sum();
  if (d > e)
    return s * A.sum();
  return s * A.squaredNorm();
}

int main() {
  std::srand(4);
  MatrixXd A = MatrixXd::Random(2, 3), G;
  double gs = 0;
  double v = f_grad(A, 0.5, G, gs);
  std::printf("%s\n", v == f(A, 0.5) && G.rows() == 2 && G.cols() == 3 ? "ok"
                                                                      : "WRONG");
  return 0;
}
// CHECK: ok
