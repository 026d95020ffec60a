// Derivatives of matrix functions, from the first lectures of "Matrix
// Calculus for Machine Learning and Beyond" (MIT 18.063), computed by
// Frechet and checked against the formulas derived in the course.
//
// A derivative is the linear operator f'(A) that maps a small change dA of
// the input to the first-order change df = f'(A)[dA] of the output:
//
//   (a) f(A) = A^3       df = A^2 dA + A dA A + dA A^2   (not 3 A^2 dA!)
//   (b) f(A) = A^{-1}    df = -A^{-1} dA A^{-1}
//
// Forward mode (`#pragma frechet forward`) computes exactly this df for a
// given dA. For a scalar function f(A) the gradient is the matrix grad f
// with df = <grad f, dA> = tr(grad f^T dA) (the Frobenius inner product),
// so it has the shape of A; reverse mode (`#pragma frechet gradient`)
// computes it in one sweep:
//
//   (c) f(A) = det A          grad f = det(A) A^{-T}
//   (d) f(A) = x^T A y        grad f = x y^T
//   (e) f(A) = |A|_F          grad f = A / |A|_F
#include <frechet/matrix.h>

#include <cmath>
#include <cstdio>

using Eigen::MatrixXd;
using Eigen::VectorXd;

//===-- (a) d(A^3) --------------------------------------------------------===//

// cube_jvp(A, dA) returns {A^3, A^2 dA + A dA A + dA A^2}: the product rule,
// applied with the factors kept in order, since matrices do not commute.
#pragma frechet forward
MatrixXd cube(const MatrixXd &A) { return A * A * A; }

//===-- (b) d(A^{-1}) -----------------------------------------------------===//

// inverse_jvp(A, dA) returns {A^{-1}, -A^{-1} dA A^{-1}}: differentiate
// A A^{-1} = I to get dA A^{-1} + A d(A^{-1}) = 0.
#pragma frechet forward name(inverse_jvp)
MatrixXd inverse(const MatrixXd &A) { return A.inverse(); }

//===-- (c) the gradient of the determinant -------------------------------===//

// det_grad(A, G) returns det A and adds det(A) A^{-T} to G (Jacobi's
// formula d(det A) = tr(det(A) A^{-1} dA)).
#pragma frechet gradient
double det(const MatrixXd &A) { return A.determinant(); }

//===-- (d) the gradient of a bilinear form -------------------------------===//

// bilinear_grad(x, A, y, G) returns x^T A y and adds x y^T to G:
// d(x^T A y) = x^T dA y = tr(y x^T dA) = <x y^T, dA>.
#pragma frechet gradient wrt(A)
double bilinear(const VectorXd &x, const MatrixXd &A, const VectorXd &y) {
  return x.dot(A * y);
}

//===-- (e) the gradient of the Frobenius norm ----------------------------===//

// |A|_F = sqrt(tr(A^T A)): d|A|_F = tr(A^T dA) / |A|_F = <A / |A|_F, dA>.
// Written twice: with Eigen's norm() and as the course writes it.
#pragma frechet gradient
double frobenius(const MatrixXd &A) { return A.norm(); }

#pragma frechet gradient
double frobenius_trace(const MatrixXd &A) {
  return std::sqrt((A.transpose() * A).trace());
}

//===-- checking ----------------------------------------------------------===//

// |X - Y|_F / |Y|_F, checked to be at most Tol.
static void check_matrix(const char *What, const MatrixXd &X, const MatrixXd &Y,
                         double Tol) {
  frechet::check_close(What, (X - Y).norm() / Y.norm(), 0.0, Tol);
}

int main() {
  std::srand(2023);
  const int N = 4;
  // A well-conditioned test matrix and a random direction.
  MatrixXd A = MatrixXd::Random(N, N) + N * MatrixXd::Identity(N, N);
  MatrixXd dA = MatrixXd::Random(N, N);
  const double H = 1e-6; // the step of the finite differences

  std::printf("(a) d(A^3) = A^2 dA + A dA A + dA A^2\n");
  {
    auto [Cube, dCube] = cube_jvp(A, dA);
    check_matrix("A^3", Cube, A * A * A, 1e-15);
    MatrixXd Formula = A * A * dA + A * dA * A + dA * A * A;
    check_matrix("d(A^3) vs the product rule", dCube, Formula, 1e-15);
    MatrixXd Fd = (cube(A + H * dA) - cube(A - H * dA)) / (2 * H);
    check_matrix("d(A^3) vs finite differences", dCube, Fd, 1e-8);
    // The scalar rule d(x^3) = 3 x^2 dx only holds when dA commutes with A.
    MatrixXd Wrong = 3 * A * A * dA;
    double WrongErr = (Wrong - Formula).norm() / Formula.norm();
    std::printf("    3 A^2 dA is off by %.0f%% (relative)\n", 100 * WrongErr);
    frechet::check_close("3 A^2 dA is wrong", WrongErr > 0.01, 1, 0);
    // ... and right when it does: dA = A commutes with A.
    check_matrix("d(A^3) in the direction A is 3 A^3", cube_jvp(A, A).tangent,
                 3 * A * A * A, 1e-15);
  }

  std::printf("(b) d(A^{-1}) = -A^{-1} dA A^{-1}\n");
  {
    auto [Inv, dInv] = inverse_jvp(A, dA);
    check_matrix("A^{-1} A = I", Inv * A, MatrixXd::Identity(N, N), 1e-15);
    check_matrix("d(A^{-1}) vs the formula", dInv, -Inv * dA * Inv, 1e-14);
    MatrixXd Fd = (inverse(A + H * dA) - inverse(A - H * dA)) / (2 * H);
    check_matrix("d(A^{-1}) vs finite differences", dInv, Fd, 1e-8);
  }

  std::printf("(c) grad det A = det(A) A^{-T}\n");
  {
    MatrixXd G = MatrixXd::Zero(N, N); // the gradient is added to G
    double D = det_grad(A, G);
    frechet::check_close("det A", D, A.determinant(), 1e-14);
    check_matrix("grad det vs det(A) A^{-T}", G,
                 A.determinant() * A.inverse().transpose(), 1e-14);
    // The definition of the gradient: d(det A) = <grad det, dA>.
    double Fd = (det(A + H * dA) - det(A - H * dA)) / (2 * H);
    frechet::check_close("<grad det, dA> vs finite differences",
                         G.cwiseProduct(dA).sum(), Fd, 1e-8);
  }

  std::printf("(d) grad (x^T A y) = x y^T\n");
  {
    VectorXd X = VectorXd::Random(N), Y = VectorXd::Random(N);
    MatrixXd G; // empty means zero: the gradient sizes it
    double F = bilinear_grad(X, A, Y, G);
    frechet::check_close("x^T A y", F, X.dot(A * Y), 1e-14);
    check_matrix("grad vs x y^T", G, X * Y.transpose(), 1e-15);
  }

  std::printf("(e) grad |A|_F = A / |A|_F\n");
  {
    MatrixXd G, GTrace;
    double F = frobenius_grad(A, G);
    frechet::check_close("|A|_F", F, A.norm(), 1e-15);
    check_matrix("grad norm() vs A / |A|_F", G, A / A.norm(), 1e-15);
    frobenius_trace_grad(A, GTrace);
    check_matrix("grad sqrt(tr(A^T A)) vs A / |A|_F", GTrace, A / A.norm(),
                 1e-15);
  }

  // Every reverse sweep popped what its forward sweep pushed.
  frechet::check_close("tape empty", double(frechet::default_tape().size()), 0,
                       0);
  return frechet::check_exit_code();
}
