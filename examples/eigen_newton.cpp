// Eigenvalues by Newton's method on the characteristic polynomial, from
// "Matrix Calculus for Machine Learning and Beyond" (MIT 18.063):
//
//   p(lambda) = det(A - lambda I) = 0.
//
// Newton's step lambda <- lambda - p(lambda) / p'(lambda) needs p', which
// the course gets from Jacobi's formula d(det M) = tr(adj(M) dM) with
// dM = -dlambda I:
//
//   p'(lambda) = -tr(adj(A - lambda I)) = -det(A - lambda I) tr((A - lambda
//   I)^{-1}).
//
// `#pragma frechet forward wrt(lambda)` generates charpoly_jvp, which
// returns p and p'(lambda) in one call, through the derivative rule of
// determinant(). (Nobody would compute eigenvalues like this in practice;
// it is a test of derivatives of determinants, including near the singular
// matrices where Newton ends.) The results are compared with Eigen's
// symmetric eigensolver.
#include <frechet/matrix.h>

#include <cmath>
#include <cstdio>

using Eigen::MatrixXd;
using Eigen::VectorXd;

#pragma frechet forward wrt(lambda)
double charpoly(const MatrixXd &A, double lambda) {
  return (A - lambda * MatrixXd::Identity(A.rows(), A.cols())).determinant();
}

// Newton's method from Lambda; returns the root found.
static double newton(const MatrixXd &A, double Lambda, int &Steps) {
  for (Steps = 1; Steps <= 100; ++Steps) {
    auto [P, dP] = charpoly_jvp(A, Lambda, 1.0);
    double Step = P / dP;
    Lambda -= Step;
    if (std::fabs(Step) <= 1e-15 * std::fabs(Lambda))
      break;
  }
  return Lambda;
}

int main() {
  const int N = 5;
  std::srand(3);
  // A symmetric matrix (real eigenvalues) close to diag(1, ..., 5), so that
  // Newton started at the diagonal entry i finds the eigenvalue near i.
  MatrixXd S = MatrixXd::Random(N, N);
  MatrixXd A = 0.15 * (S + S.transpose());
  for (int i = 0; i < N; ++i)
    A(i, i) += i + 1;

  Eigen::SelfAdjointEigenSolver<MatrixXd> Solver(A);
  VectorXd Exact = Solver.eigenvalues(); // ascending

  // The generated derivative against Jacobi's formula away from a root.
  {
    double Lambda = 2.5;
    MatrixXd M = A - Lambda * MatrixXd::Identity(N, N);
    frechet::check_close("p'(2.5) vs -det(M) tr(M^{-1})",
                         charpoly_jvp(A, Lambda, 1.0).tangent,
                         -M.determinant() * M.inverse().trace(), 1e-13);
  }

  for (int i = 0; i < N; ++i) {
    int Steps = 0;
    double Lambda = newton(A, A(i, i), Steps);
    std::printf("start %.4f: lambda = %.15f after %d Newton steps "
                "(Eigen: %.15f)\n",
                A(i, i), Lambda, Steps, Exact[i]);
    char What[64];
    std::snprintf(What, sizeof What, "eigenvalue %d vs Eigen", i);
    frechet::check_close(What, Lambda, Exact[i], 1e-13);
    // At a root, M = A - lambda I is singular, where det(M) M^{-1} is
    // 0 * inf, but the derivative is still -tr(adj(M)) = -prod_{j != i}
    // (lambda_j - lambda_i): the determinant rule uses the adjugate.
    double Want = -1;
    for (int j = 0; j < N; ++j)
      if (j != i)
        Want *= Exact[j] - Exact[i];
    std::snprintf(What, sizeof What,
                  "p'(lambda_%d) vs -prod (lambda_j - "
                  "lambda_%d)",
                  i, i);
    frechet::check_close(What, charpoly_jvp(A, Lambda, 1.0).tangent, Want,
                         1e-12);
  }

  // Started beyond the spectrum, Newton converges (monotonically) to the
  // largest eigenvalue.
  int Steps = 0;
  double Largest = newton(A, A.norm(), Steps);
  std::printf("start %.4f: lambda = %.15f after %d Newton steps\n", A.norm(),
              Largest, Steps);
  frechet::check_close("largest eigenvalue", Largest, Exact[N - 1], 1e-13);
  return frechet::check_exit_code();
}
