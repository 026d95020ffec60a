// Local references into matrices in reverse mode: a const reference to a
// matrix parameter, a reference to a coefficient of a local vector (written
// through, so taped), a const reference to a coefficient. Each is read as
// what it names (docs/reverse-mode.md, "Local references"). The gradient is
// checked against forward mode and central differences.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/matrix.h>

#include <cstdio>

#pragma frechet gradient
#pragma frechet forward
double coefficients(const Eigen::MatrixXd &A, double s) {
  const Eigen::MatrixXd &B = A;
  Eigen::VectorXd v = B.col(0) * s;
  double &e = v(1);
  e = e * s + B(0, 1);
  const double &c = B(1, 1);
  return v.squaredNorm() * c;
}
// CHECK-LABEL: inline double coefficients_fwd({{.*}}) {
// CHECK:         _tape.push(v(1));
// CHECK-NEXT:    v(1) = v(1) * s + A(0, 1);
// CHECK-NEXT:    _ret = v.squaredNorm() * A(1, 1);
// CHECK-LABEL: inline void coefficients_rev(
// CHECK:         v(1) = _tape.pop<double>();

int main() {
  Eigen::MatrixXd A(2, 2);
  A << 1.0, -2.0, 0.5, 1.5;
  const double s = 0.7, h = 1e-6;
  Eigen::MatrixXd dA;
  double ds = 0.25;
  double v = coefficients_grad(A, s, dA, ds);
  frechet::check_close("value", v, coefficients(A, s), 1e-15);
  frechet::check_close("d/ds vs jvp", ds,
                       0.25 + coefficients_jvp(A, s, Eigen::MatrixXd::Zero(2, 2), 1.0)
                                  .tangent,
                       1e-12);
  frechet::check_close("d/ds vs fd", ds,
                       0.25 + (coefficients(A, s + h) - coefficients(A, s - h)) /
                                  (2 * h),
                       1e-6);
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) {
      Eigen::MatrixXd E = Eigen::MatrixXd::Zero(2, 2);
      E(i, j) = 1;
      char what[40];
      std::snprintf(what, sizeof what, "d/dA(%d,%d) vs jvp", i, j);
      frechet::check_close(what, dA(i, j),
                           coefficients_jvp(A, s, E, 0.0).tangent, 1e-12);
      std::snprintf(what, sizeof what, "d/dA(%d,%d) vs fd", i, j);
      frechet::check_close(what, dA(i, j),
                           (coefficients(A + h * E, s) -
                            coefficients(A - h * E, s)) /
                               (2 * h),
                           1e-6);
    }
  return frechet::check_exit_code();
}
// EXEC-NOT: FAIL
// EXEC: 11 passed, 0 failed
