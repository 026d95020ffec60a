// The generated code is the same in every compilation: the temporaries of
// calls and products are declared, kept and taken back in the order they
// were found, not in the order of their addresses (which changed from one
// run to the next with address randomization).
//
// RUN: %frechetxx -fsyntax-only %s -fplugin-arg-frechet-out=%t.1.cpp
// RUN: %frechetxx -fsyntax-only %s -fplugin-arg-frechet-out=%t.2.cpp
// RUN: %frechetxx -fsyntax-only %s -fplugin-arg-frechet-out=%t.3.cpp
// RUN: diff %t.1.cpp %t.2.cpp
// RUN: diff %t.1.cpp %t.3.cpp
// RUN: FileCheck %s --input-file %t.1.cpp
#include <frechet/matrix.h>

#include <cmath>

using Eigen::MatrixXd;

double g(double x) { return std::sin(x) * x; }

#pragma frechet gradient
double f(const MatrixXd &A, const MatrixXd &B, const MatrixXd &C, double s) {
  MatrixXd P = A * B;
  MatrixXd Q = P * C;
  double t = g(s) + g(Q.sum()) + g(P.trace());
  return t * (A * B * C * A).trace() + frechet::logdet(Q * Q.transpose());
}
// The temporaries in the order they were found, in both sweeps.
// CHECK-LABEL: // Forward sweep of 'f'
// CHECK: Eigen::MatrixXd _t0{};
// CHECK-NEXT: Eigen::MatrixXd _t1{};
// CHECK-NEXT: double _t2{};
// CHECK-NEXT: double _t3{};
// CHECK-NEXT: double _t4{};
// CHECK-NEXT: Eigen::MatrixXd _t5{};
// CHECK-NEXT: Eigen::MatrixXd _t6{};
// CHECK-NEXT: double _t7{};
// CHECK-NEXT: Eigen::MatrixXd _t8{};
// CHECK-LABEL: // Reverse sweep of 'f'
// CHECK: Eigen::MatrixXd _t0{};
// CHECK-NEXT: Eigen::MatrixXd _t1{};
// CHECK-NEXT: double _t2{};
// CHECK-NEXT: double _t3{};
// CHECK-NEXT: double _t4{};
// CHECK-NEXT: Eigen::MatrixXd _t5{};
// CHECK-NEXT: Eigen::MatrixXd _t6{};
// CHECK-NEXT: double _t7{};
// CHECK-NEXT: Eigen::MatrixXd _t8{};
