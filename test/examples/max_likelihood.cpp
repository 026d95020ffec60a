// The maximum-likelihood example builds without warnings; its gradient of
// log det A + tr(A^{-1} X) matches the course's A^{-1} (A - X) A^{-1} and
// vanishes at A = X, and gradient descent from A = I converges to X.
//
// RUN: %frechetxx %examples/max_likelihood.cpp -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC

// The factorizations of the forward sweep are reused by the reverse sweep.
// CHECK-LABEL: // Forward sweep of 'neg_log_likelihood'
// CHECK:         frechet::rules::logdet_spd_fwd(A, _tape);
// CHECK:         frechet::rules::solve_fwd(A, X, _tape);
// CHECK-LABEL: // Reverse sweep of 'neg_log_likelihood'
// CHECK:         frechet::rules::solve_rev(A, X, {{.*}}, d_A, frechet::discard(), _tape);
// CHECK:         frechet::rules::logdet_spd_rev(A, {{.*}}, d_A, _tape);
// CHECK-LABEL: double neg_log_likelihood_grad(const Eigen::MatrixXd &A, const Eigen::MatrixXd &X, Eigen::MatrixXd &d_A) {
// CHECK-LABEL: double neg_log_likelihood_lu_grad(

// EXEC:      ok grad L vs A^{-1} (A - X) A^{-1}
// EXEC-NEXT: ok L by Cholesky and by LU
// EXEC-NEXT: ok grad L by Cholesky and by LU
// EXEC-NEXT: ok <grad L, dA> vs finite differences
// EXEC-NEXT: ok |grad L(X)|_F
// EXEC-NEXT: step    0: L = {{[0-9.]+}}, |grad L| = {{.*}}, |A - X| = {{.*}}
// EXEC:      converged after {{[0-9]+}} steps
// EXEC-NEXT: ok converged
// EXEC-NEXT: ok A = X at the minimum
// EXEC-NEXT: ok L at the minimum
// EXEC-NEXT: ok tape empty
// EXEC-NEXT: 9 passed, 0 failed
