// A scalar objective of Eigen matrices, differentiated in both modes:
// products (evaluated once into temporaries in reverse mode), scaling,
// transpose, compound assignment, coefficient writes, blocks, trace, dot,
// elementwise functions through .array(), and runtime rules (solve, logdet,
// inverse, determinant, norm). The gradient is checked against forward mode
// by the adjoint identity <grad, dA> = f'(A)[dA] (1e-12 relative), against
// central differences (1e-6), and f_grad returns f's value exactly.
//
// RUN: %frechetxx -O1 -ffp-contract=off %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/matrix.h>

#include <cmath>
#include <cstdio>

using Eigen::MatrixXd;
using Eigen::VectorXd;

#pragma frechet forward name(objective_jvp)
#pragma frechet gradient
double objective(const MatrixXd &A, const MatrixXd &B, const VectorXd &b,
                 double s) {
  MatrixXd C = A * B;
  C = s * C + A.transpose();
  C += A;
  C(0, 1) = s * C(1, 0);
  VectorXd v = C.col(0);
  VectorXd x = frechet::solve(A, b);
  double t = C.trace() + v[0] + C.array().exp().sum() + v.dot(x);
  t += (C * 2.0 / s).sum() + (-C).squaredNorm() + (A * B * A).trace();
  return t + frechet::logdet(A) + A.inverse().trace() + A.determinant() +
         B.norm();
}

// CHECK-LABEL: // Forward mode (Jacobian-vector product) of 'objective'
// CHECK: Eigen::MatrixXd d_C = d_A * B + A * d_B;
// CHECK: frechet::rules::solve_jvp(A, b, d_A, d_b)
// CHECK-LABEL: // Forward sweep of 'objective'
// CHECK: [[P:_t[0-9]+]].noalias() = A * B;
// CHECK-NEXT: C = std::move([[P]]);
// CHECK: frechet::rules::solve_fwd(A, b, _tape)
// CHECK-LABEL: // Reverse sweep of 'objective'
// CHECK: frechet::rules::solve_rev(A, b,
// CHECK: frechet::add_to(d[[P]], std::move(_r));
// CHECK: frechet::add_to(d_A, d[[P]] * B.transpose());
// CHECK-LABEL: // Reverse mode (gradient) of 'objective'

static double inner(const MatrixXd &X, const MatrixXd &Y) {
  return X.cwiseProduct(Y).sum();
}

int main() {
  std::srand(7);
  const int n = 4;
  MatrixXd A = MatrixXd::Random(n, n) + n * MatrixXd::Identity(n, n);
  MatrixXd B = MatrixXd::Random(n, n);
  VectorXd b = VectorXd::Random(n);
  double s = 1.3;

  MatrixXd gA, gB; // empty: resized and zeroed by the gradient
  VectorXd gb;
  double gs = 0;
  double value = objective_grad(A, B, b, s, gA, gB, gb, gs);
  bool ok = value == objective(A, B, b, s);
  std::printf("value %s\n", ok ? "ok" : "WRONG");

  double worstAdjoint = 0, worstFd = 0;
  for (int trial = 0; trial < 5; ++trial) {
    MatrixXd dA = MatrixXd::Random(n, n), dB = MatrixXd::Random(n, n);
    VectorXd db = VectorXd::Random(n);
    double ds = 0.3 * (trial - 2);
    double jvp = objective_jvp(A, B, b, s, dA, dB, db, ds).tangent;
    double vjp = inner(gA, dA) + inner(gB, dB) + gb.dot(db) + gs * ds;
    worstAdjoint =
        std::max(worstAdjoint, std::abs(jvp - vjp) / (1 + std::abs(jvp)));
    double h = 1e-6;
    double fd = (objective(A + h * dA, B + h * dB, b + h * db, s + h * ds) -
                 objective(A - h * dA, B - h * dB, b - h * db, s - h * ds)) /
                (2 * h);
    worstFd = std::max(worstFd, std::abs(fd - jvp) / (1 + std::abs(fd)));
  }
  std::printf("adjoint identity %s\n", worstAdjoint < 1e-12 ? "ok" : "WRONG");
  std::printf("finite differences %s\n", worstFd < 1e-6 ? "ok" : "WRONG");

  // Adjoints accumulate: a second call adds the same gradient again.
  MatrixXd gA2 = gA, gB2 = gB;
  VectorXd gb2 = gb;
  double gs2 = gs;
  objective_grad(A, B, b, s, gA2, gB2, gb2, gs2);
  bool twice = (gA2 - 2 * gA).norm() < 1e-12 * gA.norm() &&
               std::abs(gs2 - 2 * gs) < 1e-12 * std::abs(gs);
  std::printf("accumulates %s\n", twice ? "ok" : "WRONG");
  std::printf("tape %s\n", frechet::default_tape().empty() ? "empty" : "LEFT");
  return 0;
}
// EXEC: value ok
// EXEC: adjoint identity ok
// EXEC: finite differences ok
// EXEC: accumulates ok
// EXEC: tape empty
