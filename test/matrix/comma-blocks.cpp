// The comma initializer with matrix items in reverse mode: f_rev finds
// where Eigen put each item (frechet::comma_layout: left to right, rows of
// blocks of different heights) and adds that block of the adjoint to the
// item's. The matrices are sized from a differentiated argument's size
// (VectorXd z(a.size() + 2)), which carries no derivative. Checked against
// forward mode and central differences.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/matrix.h>

#include <cstdio>

#pragma frechet gradient
#pragma frechet forward
double stacked(const Eigen::VectorXd &a, const Eigen::MatrixXd &B, double s) {
  Eigen::VectorXd z(a.size() + 2);
  z << a, s, s * s;
  Eigen::MatrixXd M(B.rows() + 1, B.cols() + 1);
  M << B, a * s, z.head(B.cols()).transpose(), s;
  return z.squaredNorm() + (M * M.transpose()).trace();
}
// CHECK-LABEL: inline void stacked_rev(
// CHECK:         const frechet::comma_layout<4> [[L:_l[_0-9]*]]([[R1:_r[_0-9]*]], {frechet::comma_size(B), frechet::comma_size(a * s), frechet::comma_size(z.head(B.cols()).transpose()), frechet::comma_size(s)});
// CHECK:         frechet::add_to(d_B, [[L]].block([[R1]], 0));
// CHECK:         d_s += [[L]].coeff([[R1]], 3);
// CHECK:         const frechet::comma_layout<3> [[L2:_l[_0-9]*]](

// Into blocks of a matrix: those blocks of its adjoint.
#pragma frechet gradient
#pragma frechet forward
double intoBlocks(const Eigen::VectorXd &a, const Eigen::MatrixXd &B, double s) {
  Eigen::MatrixXd M = B;
  M.row(1) << s, s * s;
  M.block(0, 0, 2, 2) << a.head(2).transpose() * s, B(2, 1), s;
  return (M.transpose() * M).trace() + M.sum() * s;
}
// CHECK-LABEL: inline void intoBlocks_rev(
// CHECK:         auto [[B:_b[_0-9]*]] = frechet::shaped(d_M, M).block(0, 0, 2, 2);
// CHECK-NEXT:    const auto [[R:_r[_0-9]*]] = [[B]].eval();
// CHECK-NEXT:    [[B]].setZero();
// CHECK-NEXT:    if (!frechet::is_zero([[R]])) {

/// Checks the gradient of f(a, B, s) (a of size 3, B 3x2) that grad
/// computes, coordinate by coordinate, against forward mode and central
/// differences; the tape must be empty and the value f's.
template <class Grad, class Jvp, class F>
void checkGradient(const char *what, Grad grad, Jvp jvp, F f) {
  Eigen::VectorXd a(3);
  a << 0.4, -1.2, 0.7;
  Eigen::MatrixXd B(3, 2);
  B << 1.0, -0.5, 0.3, 2.0, -1.1, 0.6;
  const double s = 0.9, h = 1e-6;
  Eigen::VectorXd da;
  Eigen::MatrixXd dB;
  double ds = 0.25;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s value", what);
  frechet::check_close(buf, grad(a, B, s, da, dB, ds), f(a, B, s), 1e-14);
  std::snprintf(buf, sizeof buf, "%s tape", what);
  frechet::check_close(buf, double(frechet::default_tape().size()), 0.0, 0.0);
  for (int k = 0; k < 3 + 6 + 1; ++k) {
    Eigen::VectorXd ta = Eigen::VectorXd::Zero(3);
    Eigen::MatrixXd tB = Eigen::MatrixXd::Zero(3, 2);
    double ts = 0, got;
    if (k < 3)
      ta(k) = 1, got = da(k);
    else if (k < 9)
      tB((k - 3) % 3, (k - 3) / 3) = 1, got = dB((k - 3) % 3, (k - 3) / 3);
    else
      ts = 1, got = ds - 0.25;
    std::snprintf(buf, sizeof buf, "%s input %d vs jvp", what, k);
    frechet::check_close(buf, got, jvp(a, B, s, ta, tB, ts).tangent, 1e-12);
    std::snprintf(buf, sizeof buf, "%s input %d vs fd", what, k);
    frechet::check_close(buf, got,
                         (f(a + h * ta, B + h * tB, s + h * ts) -
                          f(a - h * ta, B - h * tB, s - h * ts)) /
                             (2 * h),
                         1e-6);
  }
}

int main() {
  checkGradient("stacked", stacked_grad, stacked_jvp, stacked);
  checkGradient("intoBlocks", intoBlocks_grad, intoBlocks_jvp, intoBlocks);
  return frechet::check_exit_code();
}
// EXEC-NOT: FAIL
// EXEC: 44 passed, 0 failed
