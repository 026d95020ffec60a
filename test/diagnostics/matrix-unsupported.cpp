// Matrix code that Frechet cannot differentiate yet: a located error at the
// construct, never a silently wrong derivative (a value that flows through
// an Eigen method or operator the engine does not know would otherwise get
// a zero derivative).
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
#include <frechet/matrix.h>

using Eigen::MatrixXd;
using Eigen::Vector3d;
using Eigen::VectorXd;

// Factorizations as Eigen objects: use frechet::solve or frechet::solve_spd.
#pragma frechet forward // expected-note {{in the forward derivative of 'llt_forward' requested here}}
double llt_forward(const MatrixXd &A, const VectorXd &b) {
  VectorXd x = A.llt().solve(b); // expected-error {{cannot differentiate a call to member function or operator 'solve' with a differentiated argument}} expected-note {{'frechet::solve_spd(A, b)' computes the same for a symmetric positive definite matrix and has one}}
  return x.sum();
}

#pragma frechet gradient // expected-note {{in the reverse derivative of 'llt_reverse' requested here}}
double llt_reverse(const MatrixXd &A, const VectorXd &b) {
  VectorXd x = A.llt().solve(b); // expected-error {{cannot differentiate a call to member function or operator 'solve' with a differentiated argument}} expected-note {{'frechet::solve_spd(A, b)' computes the same for a symmetric positive definite matrix and has one}}
  return x.sum();
}

// A matrix built by a constructor from differentiated values other than
// its coefficients (Matrix2d{{x, y}, {1, 2}} works: test/matrix/constructed.cpp).
#pragma frechet forward // expected-note {{in the forward derivative of 'constructed' requested here}}
#pragma frechet gradient // expected-note {{in the reverse derivative of 'constructed' requested here}}
double constructed(const double *a) {
  Eigen::Vector2d v(a); // expected-error 2 {{cannot differentiate this expression yet (a matrix constructed from differentiated values; assign them to its coefficients)}}
  return v.sum();
}

// The comma initializer into a transposed view, in reverse mode (into a
// matrix or a block of one it works: test/matrix/comma-blocks.cpp).
#pragma frechet gradient // expected-note {{in the reverse derivative of 'comma' requested here}}
double comma(const Vector3d &a, double y) {
  Eigen::Matrix<double, 3, 2> M;
  M << a, a;
  Eigen::Matrix2d N = Eigen::Matrix2d::Zero();
  N.row(0) << y, y;
  N.transpose() << y, a(0), y, y; // expected-error {{reverse mode cannot differentiate a comma initializer into this part of a matrix yet}}
  return M.sum() + N.sum();
}

// A comma initializer whose later item reads the matrix it fills (Eigen
// writes the items one by one: M(0, 0) is already x there).
#pragma frechet forward // expected-note {{in the forward derivative of 'selfRead' requested here}}
#pragma frechet gradient // expected-note {{in the reverse derivative of 'selfRead' requested here}}
double selfRead(double x, double y) {
  Eigen::Matrix2d M;
  M << y, x * y, x, 1.0;
  M << x, M(0, 0) * y, 1.0, 2.0; // expected-error 2 {{cannot differentiate this expression yet (an item of a comma initializer that reads the matrix being filled)}}
  return M.squaredNorm();
}

// An exponent that depends on the parameters.
#pragma frechet gradient // expected-note {{in the reverse derivative of 'power' requested here}}
double power(const MatrixXd &A, double p) {
  return A.array().pow(p).sum(); // expected-error {{reverse mode cannot differentiate 'pow' of an array with a differentiated exponent yet}}
}

// Eigenvalues (complex values) are not differentiated yet.
#pragma frechet forward // expected-note {{in the forward derivative of 'eigenvalues' requested here}}
double eigenvalues(const MatrixXd &A) {
  return A.eigenvalues().real().sum(); // expected-error {{cannot differentiate a call to member function or operator 'real' with a differentiated argument}}
}

// A method the engine does not know on a differentiated matrix.
#pragma frechet forward // expected-note {{in the forward derivative of 'unknown_method' requested here}}
double unknown_method(const MatrixXd &A) {
  return A.maxCoeff(); // expected-error {{cannot differentiate this expression yet (Eigen's 'maxCoeff')}}
}

// Methods that change a differentiated matrix in place other than the
// fills (setZero, setOnes, setIdentity, setConstant, fill) and resize.
#pragma frechet gradient // expected-note 2 {{in the reverse derivative of 'in_place_reverse' requested here}}
double in_place_reverse(const MatrixXd &A, MatrixXd B) {
  MatrixXd C = A;
  C.swap(B); // expected-error {{reverse mode cannot differentiate Eigen's 'swap' on a differentiated matrix yet}}
  VectorXd v = A.col(0);
  v.normalize(); // expected-error {{reverse mode cannot differentiate Eigen's 'normalize' on a differentiated matrix yet}}
  return C.sum() + v.sum();
}

#pragma frechet forward // expected-note {{in the forward derivative of 'in_place_forward' requested here}}
double in_place_forward(const MatrixXd &A) {
  MatrixXd C = A;
  C.transposeInPlace(); // expected-error {{cannot differentiate this expression yet (Eigen's 'transposeInPlace' on a differentiated matrix)}}
  return C.sum();
}

// Reductions along columns other than sum, mean, squaredNorm and norm;
// broadcasting products.
#pragma frechet gradient // expected-note 2 {{in the reverse derivative of 'reductions' requested here}}
double reductions(const MatrixXd &A, const VectorXd &v) {
  MatrixXd C = A;
  C.colwise() -= v;
  C.array().colwise() *= v.array(); // expected-error {{reverse mode cannot differentiate '*=' on a colwise() view yet}}
  return C.colwise().maxCoeff().sum(); // expected-error {{reverse mode cannot differentiate Eigen's 'maxCoeff' of a colwise() view yet}}
}
