// A matrix declared in a loop, initialized by a rule with sweeps of its own
// (frechet::solve keeps its LU factorization on the tape) and read by the
// reverse sweep: its old value is saved after the rule's forward sweep ran,
// so that the reverse sweep restores it before the rule's reverse sweep
// pops the factorization (they were popped in the wrong order, and the
// tape check threw). Checked against forward mode and central differences.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/matrix.h>

#include <cmath>
#include <cstdio>

#pragma frechet gradient
#pragma frechet forward
double loopSolve(const Eigen::MatrixXd &A, const Eigen::VectorXd &b, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    Eigen::VectorXd x = frechet::solve(A, b * (i + 1.0));
    x(0) *= 0.5 + std::sin(s);
    s += x.squaredNorm();
  }
  return s;
}
// CHECK-LABEL: inline double loopSolve_fwd({{.*}}) {
// CHECK:         [[T:_t[0-9]+]] = frechet::rules::solve_fwd(A, b * (i + 1.0), _tape);
// CHECK-NEXT:    frechet::push_matrix(_tape, x);
// CHECK-NEXT:    x = [[T]];

int main() {
  Eigen::MatrixXd A(3, 3);
  A << 4.0, 1.0, -0.5, 0.3, 3.0, 0.2, -0.4, 0.6, 5.0;
  Eigen::VectorXd b(3);
  b << 0.7, -1.1, 0.4;
  const int n = 3;
  Eigen::MatrixXd dA;
  Eigen::VectorXd db;
  double v = loopSolve_grad(A, b, n, dA, db);
  frechet::check_close("value", v, loopSolve(A, b, n), 1e-14);
  frechet::check_close("tape", double(frechet::default_tape().size()), 0.0,
                       0.0);
  const double h = 1e-6;
  for (int i = 0; i < 3; ++i) {
    Eigen::VectorXd e = Eigen::VectorXd::Zero(3);
    e(i) = 1;
    char what[40];
    std::snprintf(what, sizeof what, "d/db(%d) vs jvp", i);
    frechet::check_close(
        what, db(i),
        loopSolve_jvp(A, b, n, Eigen::MatrixXd::Zero(3, 3), e).tangent,
        1e-12);
    std::snprintf(what, sizeof what, "d/db(%d) vs fd", i);
    frechet::check_close(
        what, db(i),
        (loopSolve(A, b + h * e, n) - loopSolve(A, b - h * e, n)) / (2 * h),
        1e-6);
    for (int j = 0; j < 3; ++j) {
      Eigen::MatrixXd E = Eigen::MatrixXd::Zero(3, 3);
      E(i, j) = 1;
      std::snprintf(what, sizeof what, "d/dA(%d,%d) vs fd", i, j);
      frechet::check_close(
          what, dA(i, j),
          (loopSolve(A + h * E, b, n) - loopSolve(A - h * E, b, n)) / (2 * h),
          1e-6);
    }
  }
  return frechet::check_exit_code();
}
// EXEC-NOT: FAIL
// EXEC: 17 passed, 0 failed
