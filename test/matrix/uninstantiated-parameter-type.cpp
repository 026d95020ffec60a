// A parameter `const Eigen::Matrix3d &` whose type nothing else in the
// translation unit instantiated (a reference does not need a complete
// type) was not recognized as a matrix: it got no tangent and no adjoint,
// unlike the same parameter in a file that used Matrix3d elsewhere. The
// plugin now instantiates the class types of a differentiated function's
// signature first. Found by the random-program tester (docs/robustness.md).
//
// RUN: %frechetxx -O0 %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t
#include <frechet/matrix.h>

// CHECK: f_jvp(double s, {{.*}}const Eigen::Matrix3d &A, int n, double d_s, const Eigen::Matrix3d &d_A)
// CHECK: f_grad(double s, {{.*}}const Eigen::Matrix3d &A, int n, double &d_s, Eigen::Matrix3d &d_A)
#pragma frechet forward
#pragma frechet gradient
double f(double s, [[maybe_unused]] const Eigen::Matrix3d &A, int n) {
  return s * n;
}

int main() {
  Eigen::Matrix3d A = Eigen::Matrix3d::Identity(), dA = A, gA = A;
  double gs = 0;
  bool ok = f_jvp(2.0, A, 3, 1.0, dA).tangent == 3.0 &&
            f_grad(2.0, A, 3, gs, gA) == 6.0 && gs == 3.0 &&
            gA == Eigen::Matrix3d::Identity();
  return ok ? 0 : 1;
}
