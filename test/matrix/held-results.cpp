// An elementwise function whose value initializes a matrix (H = tanh(Z))
// is differentiated from that value in the reverse sweep: tanh' = 1 - H^2,
// exp' = H, sqrt' = 1 / (2 H), and the argument Z is neither recomputed
// nor kept. When H changes later, the reverse sweep reads Z after all.
//
// RUN: %frechetxx -O1 %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/matrix.h>

#include <cmath>
#include <cstdio>

using Eigen::MatrixXd;

#pragma frechet gradient
double layer(const MatrixXd &W, const MatrixXd &X) {
  MatrixXd Z = W * X;
  MatrixXd H = Z.array().tanh().matrix();
  Eigen::ArrayXXd E = (0.1 * Z).array().exp();
  return H.squaredNorm() + E.sum();
}

#pragma frechet gradient
double changed(const MatrixXd &W, const MatrixXd &X) {
  MatrixXd Z = W * X;
  MatrixXd H = Z.array().tanh().matrix();
  double t = H.sum();
  H.setZero();
  return t + H.sum();
}

// CHECK-LABEL: // Forward sweep of 'layer'
// CHECK-NOT: frechet::keep_matrix(_tape, Z);
// CHECK-LABEL: // Reverse sweep of 'layer'
// CHECK-NOT: tanh
// CHECK-NOT: exp
// CHECK: frechet::add_to(d_Z, 0.1 * (_r{{.*}} * E.array()).matrix());
// CHECK: frechet::add_to(d_Z, (_r{{.*}}.array() * (1.0 - H.array().square())).matrix());
// CHECK-LABEL: // Reverse mode (gradient) of 'layer'
// CHECK-LABEL: // Forward sweep of 'changed'
// CHECK: frechet::keep_matrix(_tape, Z);
// CHECK-LABEL: // Reverse sweep of 'changed'
// CHECK: Z.array().tanh().square()

static double fd_check(double (*F)(const MatrixXd &, const MatrixXd &),
                       double (*G)(const MatrixXd &, const MatrixXd &,
                                   MatrixXd &, MatrixXd &)) {
  MatrixXd W = MatrixXd::Random(4, 3), X = MatrixXd::Random(3, 5);
  MatrixXd gW, gX;
  G(W, X, gW, gX);
  double worst = 0, h = 1e-6;
  for (int t = 0; t < 3; ++t) {
    MatrixXd dW = MatrixXd::Random(4, 3), dX = MatrixXd::Random(3, 5);
    double fd = (F(W + h * dW, X + h * dX) - F(W - h * dW, X - h * dX)) / (2 * h);
    double g = gW.cwiseProduct(dW).sum() + gX.cwiseProduct(dX).sum();
    worst = std::max(worst, std::abs(fd - g) / (1 + std::abs(fd)));
  }
  return worst;
}

int main() {
  std::srand(3);
  std::printf("layer %s\n", fd_check(layer, layer_grad) < 1e-7 ? "ok" : "WRONG");
  std::printf("changed %s\n",
              fd_check(changed, changed_grad) < 1e-7 ? "ok" : "WRONG");
  return 0;
}
// EXEC: layer ok
// EXEC: changed ok
