// Eigen's factorization objects have no derivative rules: the error at
// `A.llt().solve(b)` (and its relatives) comes with a note whose fix-it is
// the runtime function with a rule, `frechet::solve_spd(A, b)` or
// `frechet::solve(A, b)`, or the matrix's own determinant() / inverse().
// The replaced function (-DFIXED, written as the fix-its say) compiles and
// its gradient matches central differences.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
// RUN: not %frechetxx -fsyntax-only -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
// RUN: %frechetxx -DFIXED %s -o %t
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/matrix.h>

#include <cstdio>

using Eigen::MatrixXd;
using Eigen::VectorXd;

#ifndef FIXED
#pragma frechet gradient // expected-note 6 {{in the reverse derivative of 'f' requested here}}
double f(const MatrixXd &A, const VectorXd &b) {
  VectorXd x = A.llt().solve(b); // expected-error {{cannot differentiate a call to member function or operator 'solve' with a differentiated argument}} expected-note {{Eigen's factorization objects have no derivative rules; 'frechet::solve_spd(A, b)' computes the same for a symmetric positive definite matrix and has one}}
  VectorXd y = (A * 2.0).partialPivLu().solve(x); // expected-error {{cannot differentiate a call to member function or operator 'solve'}} expected-note {{'frechet::solve((A * 2.0), x)' computes the same for a square invertible matrix and has one}}
  VectorXd z = A.ldlt().solve(y); // expected-error {{cannot differentiate a call to member function or operator 'solve'}} expected-note {{'frechet::solve_spd(A, y)' computes the same for a symmetric positive definite matrix}}
  MatrixXd W = A.householderQr().solve(A.transpose()); // expected-error {{cannot differentiate a call to member function or operator 'solve'}} expected-note {{'frechet::solve(A, A.transpose())' computes the same for a square invertible matrix}}
  return x.sum() + y.sum() + z.sum() + W.trace() +
         A.lu().determinant() + // expected-error {{cannot differentiate a call to member function or operator 'determinant'}} expected-note {{'A.determinant()' computes the same and has one}}
         (A + A).fullPivLu().inverse().sum(); // expected-error {{cannot differentiate a call to member function or operator 'inverse'}} expected-note {{'(A + A).inverse()' computes the same and has one}}
}
// CHECK: fix-it:"{{.*}}decomposition-fixit.cpp":{22:16-22:32}:"frechet::solve_spd(A, b)"
// CHECK: fix-it:"{{.*}}decomposition-fixit.cpp":{23:16-23:49}:"frechet::solve((A * 2.0), x)"
// CHECK: fix-it:"{{.*}}decomposition-fixit.cpp":{24:16-24:33}:"frechet::solve_spd(A, y)"
// CHECK: fix-it:"{{.*}}decomposition-fixit.cpp":{25:16-25:54}:"frechet::solve(A, A.transpose())"
// CHECK: fix-it:"{{.*}}decomposition-fixit.cpp":{27:10-27:30}:"A.determinant()"
// CHECK: fix-it:"{{.*}}decomposition-fixit.cpp":{28:10-28:39}:"(A + A).inverse()"
#else
#pragma frechet gradient
double f(const MatrixXd &A, const VectorXd &b) {
  VectorXd x = frechet::solve_spd(A, b);
  VectorXd y = frechet::solve((A * 2.0), x);
  VectorXd z = frechet::solve_spd(A, y);
  MatrixXd W = frechet::solve(A, A.transpose());
  return x.sum() + y.sum() + z.sum() + W.trace() + A.determinant() +
         (A + A).inverse().sum();
}

double plain(const MatrixXd &A, const VectorXd &b) {
  VectorXd x = A.llt().solve(b);
  VectorXd y = (A * 2.0).partialPivLu().solve(x);
  VectorXd z = A.ldlt().solve(y);
  MatrixXd W = A.householderQr().solve(A.transpose());
  return x.sum() + y.sum() + z.sum() + W.trace() + A.lu().determinant() +
         (A + A).fullPivLu().inverse().sum();
}

int main() {
  // Symmetric positive definite, well conditioned.
  MatrixXd R(3, 3);
  R << 1.0, 0.2, -0.3, 0.4, 0.9, 0.1, -0.2, 0.3, 1.1;
  MatrixXd A = R * R.transpose() + MatrixXd::Identity(3, 3);
  VectorXd b(3);
  b << 0.5, -1.0, 2.0;
  MatrixXd dA;
  VectorXd db;
  double v = f_grad(A, b, dA, db);
  frechet::check_close("value", v, plain(A, b), 1e-12);
  // The gradient in a symmetric direction (solve_spd reads the lower
  // triangle), against central differences of the Eigen version.
  MatrixXd E = MatrixXd::Zero(3, 3);
  E(0, 1) = E(1, 0) = 1.0;
  E(2, 2) = 0.5;
  const double h = 1e-6;
  double fd = (plain(A + h * E, b) - plain(A - h * E, b)) / (2 * h);
  frechet::check_close("d_A . E vs fd", (dA.array() * E.array()).sum(), fd,
                       1e-6);
  VectorXd e = VectorXd::Unit(3, 1);
  fd = (plain(A, b + h * e) - plain(A, b - h * e)) / (2 * h);
  frechet::check_close("d_b[1] vs fd", db(1), fd, 1e-6);
  return frechet::check_exit_code();
}
// EXEC: ok value
// EXEC: ok d_A . E vs fd
// EXEC: ok d_b[1] vs fd
// EXEC: 0 failed
#endif
