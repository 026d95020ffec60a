// The adjoint method, from "Matrix Calculus for Machine Learning and Beyond"
// (MIT 18.063): the gradient of a function of the solution of a linear
// system that depends on parameters p,
//
//   A(p) x = b,   A(p) = A0 + p p^T,   g(p) = |x|^2.
//
// Differentiating A x = b gives dx = -A^{-1} dA x, so
//
//   dg = 2 x^T dx = -2 x^T A^{-1} dA x = -lambda^T dA x,
//
// with the adjoint lambda solving A^T lambda = 2 x: ONE extra (transposed)
// solve gives dg for every dA, whatever the number of parameters. With
// dA = dp p^T + p dp^T,
//
//   grad g = -(p . x) lambda - (lambda . p) x.
//
// Forward mode would instead need one solve per parameter (one directional
// derivative dx per dp). Reverse mode *is* the adjoint method: the reverse
// rule of frechet::solve does the transposed solve with the LU factors of
// the forward sweep, so `#pragma frechet gradient` gives grad g for one LU,
// one solve and one transposed solve. This program checks it against the
// formula, against forward mode (one JVP per parameter), and against central
// finite differences.
#include <frechet/matrix.h>

#include <cmath>
#include <cstdio>

using Eigen::MatrixXd;
using Eigen::VectorXd;

#pragma frechet gradient wrt(p)
#pragma frechet forward wrt(p)
double g(const VectorXd &p, const MatrixXd &A0, const VectorXd &b) {
  MatrixXd A = A0 + p * p.transpose();
  VectorXd x = frechet::solve(A, b);
  return x.squaredNorm();
}

// The adjoint method written by hand.
static VectorXd adjointGradient(const VectorXd &p, const MatrixXd &A0,
                                const VectorXd &b) {
  MatrixXd A = A0 + p * p.transpose();
  Eigen::PartialPivLU<MatrixXd> Lu(A);
  VectorXd x = Lu.solve(b);
  VectorXd Lambda = Lu.transpose().solve(2 * x); // A^T lambda = 2 x
  return -p.dot(x) * Lambda - Lambda.dot(p) * x;
}

int main() {
  const int N = 6;
  std::srand(5);
  MatrixXd A0 = MatrixXd::Random(N, N) + N * MatrixXd::Identity(N, N);
  VectorXd b = VectorXd::Random(N), p = VectorXd::Random(N);

  // Reverse mode: the whole gradient from one call.
  VectorXd Grad; // empty means zero; the gradient is added to it
  double Value = g_grad(p, A0, b, Grad);
  frechet::check_close("g(p)", Value, g(p, A0, b), 1e-15);

  VectorXd Adjoint = adjointGradient(p, A0, b);
  frechet::check_close("reverse mode vs the adjoint formula",
                       (Grad - Adjoint).norm() / Adjoint.norm(), 0, 1e-14);

  // Forward mode: one JVP (and one solve with a new LU) per parameter.
  VectorXd Forward(N), Fd(N);
  const double H = 1e-6;
  for (int i = 0; i < N; ++i) {
    VectorXd E = VectorXd::Unit(N, i);
    Forward[i] = g_jvp(p, A0, b, E).tangent;
    Fd[i] = (g(p + H * E, A0, b) - g(p - H * E, A0, b)) / (2 * H);
  }
  frechet::check_close("reverse mode vs forward mode",
                       (Grad - Forward).norm() / Forward.norm(), 0, 1e-14);
  frechet::check_close("reverse mode vs central differences",
                       (Grad - Fd).norm() / Fd.norm(), 0, 1e-8);

  std::printf("%-3s %22s %22s\n", "i", "reverse mode", "central differences");
  for (int i = 0; i < N; ++i)
    std::printf("%-3d %22.15e %22.15e\n", i, Grad[i], Fd[i]);
  frechet::check_close("tape empty", double(frechet::default_tape().size()), 0,
                       0);
  return frechet::check_exit_code();
}
