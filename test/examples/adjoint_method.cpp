// The adjoint-method example builds without warnings, and the gradient of
// |(A0 + p p^T)^{-1} b|^2 by reverse mode matches the adjoint formula,
// forward mode and central differences.
//
// RUN: %frechetxx %examples/adjoint_method.cpp -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC

// Reverse mode is the adjoint method: the forward sweep factors A once, the
// reverse sweep does one transposed solve with those factors (b is not
// differentiated, so its adjoint is discarded).
// CHECK-LABEL: // Forward sweep of 'g'
// CHECK:         frechet::rules::solve_fwd(A, b, _tape);
// CHECK-LABEL: // Reverse sweep of 'g'
// CHECK:         frechet::rules::solve_rev(A, b, {{.*}}, d_A, frechet::discard(), _tape);
// CHECK-LABEL: double g_grad(const Eigen::VectorXd &p, const Eigen::MatrixXd &A0, const Eigen::VectorXd &b, Eigen::VectorXd &d_p) {
// CHECK-LABEL: frechet::jvp_result<double> g_jvp(const Eigen::VectorXd &p, const Eigen::MatrixXd &A0, const Eigen::VectorXd &b, const Eigen::VectorXd &d_p) {

// EXEC:      ok g(p)
// EXEC-NEXT: ok reverse mode vs the adjoint formula
// EXEC-NEXT: ok reverse mode vs forward mode
// EXEC-NEXT: ok reverse mode vs central differences
// EXEC-NEXT: i reverse mode central differences
// EXEC-COUNT-6: {{^[0-5] +-?[0-9.]+e[-+][0-9]+ +-?[0-9.]+e[-+][0-9]+$}}
// EXEC-NEXT: ok tape empty
// EXEC-NEXT: 5 passed, 0 failed
