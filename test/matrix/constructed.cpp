// Matrices built from differentiated scalars, in both modes: a fixed-size
// vector's coefficient constructor (also converted to a dynamic vector),
// and Eigen 3.4's nested initializer lists for fixed and dynamic matrices
// and vectors (the reverse sweep reads a vector's adjoint linearly, a
// matrix's by row and column). Gradients are checked against forward mode
// and central differences.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/matrix.h>

#include <cstdio>

#include "../reverse/Inputs/reverse_check.h"

#pragma frechet gradient
#pragma frechet forward
double converted(double x, double y) {
  Eigen::VectorXd v = Eigen::Vector2d(x, y * x);
  return v.squaredNorm() * y;
}
// CHECK-LABEL: inline double converted_fwd({{.*}}) {
// CHECK:         v = Eigen::Vector2d(x, y * x);

#pragma frechet gradient
#pragma frechet forward
double lists(double x, double y) {
  Eigen::Matrix2d M{{x, y}, {1.0, x * y}};
  Eigen::RowVector3d r{{x, 2.0, y}};
  Eigen::VectorXd c{{y, x * x, 0.5}};
  Eigen::MatrixXd D = Eigen::MatrixXd{{x, 1.0, y}, {y * y, x, 2.0}} * c;
  return M.determinant() + r.dot(c.transpose()) + D.squaredNorm();
}
// CHECK-LABEL: inline double lists_fwd({{.*}}) {
// CHECK:         M = Eigen::Matrix2d{{[{][{]}}x, y}, {1.0, x * y}};
// CHECK-LABEL: inline void lists_rev(
// CHECK:         d_x += [[R2:_r[_0-9]*]](0);
// CHECK:         d_y += [[R2]](2);
// CHECK:         d_y += [[R:_r[_0-9]*]](0, 1);
// CHECK-LABEL: frechet::jvp_result<double> lists_jvp(
// CHECK:         Eigen::Matrix2d d_M = Eigen::Matrix2d{{[{][{]}}d_x, d_y}, {0.0, d_x * y + x * d_y}};

/// Checks d/dx and d/dy of f(x, y) by its gradient, against forward mode
/// and central differences.
template <class Grad, class Jvp, class F>
void checkBoth(const char *what, double x, double y, Grad grad, Jvp jvp,
               F f) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s d/dx", what);
  rtest::check_scalar_gradient(
      buf, x,
      [&](double v, double &d) {
        double dy = 0;
        return grad(v, y, d, dy);
      },
      [&](double v) { return jvp(v, y, 1.0, 0.0).tangent; },
      [&](double v) { return f(v, y); }, 0.25, 1e-14);
  std::snprintf(buf, sizeof buf, "%s d/dy", what);
  rtest::check_scalar_gradient(
      buf, y,
      [&](double v, double &d) {
        double dx = 0;
        return grad(x, v, dx, d);
      },
      [&](double v) { return jvp(x, v, 0.0, 1.0).tangent; },
      [&](double v) { return f(x, v); }, 0.25, 1e-14);
}

int main() {
  checkBoth("converted", 0.8, -1.3, converted_grad, converted_jvp, converted);
  checkBoth("lists", 0.8, -1.3, lists_grad, lists_jvp, lists);
  return frechet::check_exit_code();
}
// EXEC-NOT: FAIL
// EXEC: 16 passed, 0 failed
