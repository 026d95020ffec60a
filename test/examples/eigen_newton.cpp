// The eigenvalue example builds without warnings: Newton's method on
// det(A - lambda I) with the derivative by forward mode finds every
// eigenvalue of a symmetric 5 x 5 matrix, as Eigen's solver does, and the
// derivative is right even at the roots, where A - lambda I is singular.
//
// RUN: %frechetxx %examples/eigen_newton.cpp -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC

// The tangent of A - lambda I is -d_lambda I, pushed through the
// determinant's rule.
// CHECK-LABEL: frechet::jvp_result<double> charpoly_jvp(const Eigen::MatrixXd &A, double lambda, double d_lambda) {
// CHECK:         frechet::rules::determinant_jvp(A - lambda * [[I:_t[0-9]+]], -(d_lambda * [[I]]));

// EXEC:      ok p'(2.5) vs -det(M) tr(M^{-1})
// EXEC-NEXT: start {{[0-9.]+}}: lambda = {{[0-9.]+}} after {{[0-9]+}} Newton steps (Eigen: {{[0-9.]+}})
// EXEC-NEXT: ok eigenvalue 0 vs Eigen
// EXEC-NEXT: ok p'(lambda_0) vs -prod (lambda_j - lambda_0)
// EXEC:      ok eigenvalue 4 vs Eigen
// EXEC-NEXT: ok p'(lambda_4) vs -prod (lambda_j - lambda_4)
// EXEC-NEXT: start {{[0-9.]+}}: lambda = {{[0-9.]+}} after {{[0-9]+}} Newton steps
// EXEC-NEXT: ok largest eigenvalue
// EXEC-NEXT: 12 passed, 0 failed
