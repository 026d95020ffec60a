// The matrix-derivatives example (course formulas for d(A^3), d(A^{-1}),
// grad det, grad x^T A y, grad |A|_F) builds without warnings, and every
// generated derivative matches its formula.
//
// RUN: %frechetxx %examples/matrix_derivatives.cpp -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC

// The product rule with the factors kept in order: d(A A) = dA A + A dA,
// then d((A A) A) = d(A A) A + (A A) dA.
// CHECK-LABEL: frechet::jvp_result<Eigen::MatrixXd> cube_jvp(const Eigen::MatrixXd &A, const Eigen::MatrixXd &d_A) {
// CHECK-NEXT:    const auto [[AA:_t[0-9]+]] = (A * A).eval();
// CHECK-NEXT:    const auto [[DAA:_t[0-9]+]] = (d_A * A + A * d_A).eval();
// CHECK-NEXT:    return {[[AA]] * A, [[DAA]] * A + [[AA]] * d_A};
// CHECK-NEXT:  }
// CHECK-LABEL: inverse_jvp(const Eigen::MatrixXd &A, const Eigen::MatrixXd &d_A) {
// CHECK:         frechet::rules::inverse_jvp(A, d_A);
// CHECK-LABEL: double det_grad(const Eigen::MatrixXd &A, Eigen::MatrixXd &d_A) {
// CHECK-LABEL: double bilinear_grad(const Eigen::VectorXd &x, const Eigen::MatrixXd &A, const Eigen::VectorXd &y, Eigen::MatrixXd &d_A) {
// CHECK-LABEL: double frobenius_grad(const Eigen::MatrixXd &A, Eigen::MatrixXd &d_A) {

// EXEC:      (a) d(A^3) = A^2 dA + A dA A + dA A^2
// EXEC-NEXT: ok A^3
// EXEC-NEXT: ok d(A^3) vs the product rule
// EXEC-NEXT: ok d(A^3) vs finite differences
// EXEC-NEXT: 3 A^2 dA is off by {{[0-9]+}}% (relative)
// EXEC-NEXT: ok 3 A^2 dA is wrong
// EXEC-NEXT: ok d(A^3) in the direction A is 3 A^3
// EXEC-NEXT: (b) d(A^{-1}) = -A^{-1} dA A^{-1}
// EXEC-NEXT: ok A^{-1} A = I
// EXEC-NEXT: ok d(A^{-1}) vs the formula
// EXEC-NEXT: ok d(A^{-1}) vs finite differences
// EXEC-NEXT: (c) grad det A = det(A) A^{-T}
// EXEC-NEXT: ok det A
// EXEC-NEXT: ok grad det vs det(A) A^{-T}
// EXEC-NEXT: ok <grad det, dA> vs finite differences
// EXEC-NEXT: (d) grad (x^T A y) = x y^T
// EXEC-NEXT: ok x^T A y
// EXEC-NEXT: ok grad vs x y^T
// EXEC-NEXT: (e) grad |A|_F = A / |A|_F
// EXEC-NEXT: ok |A|_F
// EXEC-NEXT: ok grad norm() vs A / |A|_F
// EXEC-NEXT: ok grad sqrt(tr(A^T A)) vs A / |A|_F
// EXEC-NEXT: ok tape empty
// EXEC-NEXT: 17 passed, 0 failed
