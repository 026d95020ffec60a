// Maximum likelihood estimation of a covariance matrix, from "Matrix
// Calculus for Machine Learning and Beyond" (MIT 18.063).
//
// For samples x_1..x_m of a zero-mean Gaussian with covariance A, minus the
// log-likelihood is, up to constants and a factor m/2,
//
//   L(A) = log det A + tr(A^{-1} X),   X = (1/m) sum_k x_k x_k^T,
//
// and the course derives its gradient with d(log det A) = tr(A^{-1} dA) and
// d(A^{-1}) = -A^{-1} dA A^{-1}:
//
//   dL = tr(A^{-1} dA) - tr(A^{-1} dA A^{-1} X)
//      = <A^{-T} - A^{-T} X^T A^{-T}, dA>,
//
// so for symmetric A and X, grad L = A^{-1} (A - X) A^{-1}, which vanishes
// at A = X: the sample covariance is the maximum likelihood estimate.
//
// Here `#pragma frechet gradient` computes grad L, and gradient descent
// with a backtracking line search, started at A = I, finds X.
#include <frechet/matrix.h>

#include <cmath>
#include <cstdio>

using Eigen::MatrixXd;
using Eigen::VectorXd;

// L(A) for symmetric positive definite A, written as one would write it:
// log det A from a Cholesky factorization (NaN when A is not positive
// definite), and tr(A^{-1} X) by a solve (never form an inverse to multiply
// by it). wrt(A): the data X is not differentiated.
#pragma frechet gradient wrt(A)
double neg_log_likelihood(const MatrixXd &A, const MatrixXd &X) {
  return frechet::logdet_spd(A) + frechet::solve(A, X).trace();
}

// The same L with a partially pivoted LU and an explicit inverse: another
// route to the same gradient. It is not used for the descent: log det by
// LU is finite for indefinite A with det A > 0, where L is unbounded below,
// and a long step could end there; the Cholesky version returns NaN there,
// which the line search rejects.
#pragma frechet gradient wrt(A)
double neg_log_likelihood_lu(const MatrixXd &A, const MatrixXd &X) {
  return frechet::logdet(A) + (A.inverse() * X).trace();
}

// L and the gradient for the descent. f_grad adds the gradient to G, so G
// starts empty (zero). Covariances are symmetric, and the descent moves in
// the space of symmetric matrices, so it takes the symmetric part of the
// gradient: the gradient of L restricted to symmetric A. (At symmetric A,
// G is symmetric up to rounding; without this, the rounding errors grow
// from step to step, the iterates drift away from the symmetric matrices,
// and there L is not a likelihood: in a trial run it fell without bound.)
static double valueAndGradient(const MatrixXd &A, const MatrixXd &X,
                               MatrixXd &G) {
  G.resize(0, 0);
  double L = neg_log_likelihood_grad(A, X, G);
  G = 0.5 * (G + G.transpose()).eval();
  return L;
}

// |X - Y|_F / |Y|_F, checked to be at most Tol.
static void check_matrix(const char *What, const MatrixXd &X, const MatrixXd &Y,
                         double Tol) {
  frechet::check_close(What, (X - Y).norm() / Y.norm(), 0.0, Tol);
}

int main() {
  const int N = 4, Samples = 200;
  std::srand(42);

  // Samples x = C z with covariance C C^T (z has independent entries,
  // uniform on [-sqrt 3, sqrt 3], of variance 1; they need not be Gaussian
  // for this demonstration), and their sample covariance X.
  MatrixXd C = MatrixXd::Identity(N, N) + 0.2 * MatrixXd::Random(N, N);
  MatrixXd Z = MatrixXd::Random(N, Samples) * std::sqrt(3.0);
  MatrixXd Xs = C * Z;
  MatrixXd X = Xs * Xs.transpose() / Samples;

  // The generated gradient against the course's formula, away from the
  // minimum, and for both ways of writing L.
  {
    MatrixXd A = MatrixXd::Identity(N, N) + 0.1 * X;
    MatrixXd G, GLu;
    double L = neg_log_likelihood_grad(A, X, G);
    double LLu = neg_log_likelihood_lu_grad(A, X, GLu);
    MatrixXd Ainv = A.inverse();
    check_matrix("grad L vs A^{-1} (A - X) A^{-1}", G, Ainv * (A - X) * Ainv,
                 1e-13);
    frechet::check_close("L by Cholesky and by LU", LLu, L, 1e-14);
    check_matrix("grad L by Cholesky and by LU", GLu, G, 1e-13);
    // The gradient in a random symmetric direction against differences.
    MatrixXd R = MatrixXd::Random(N, N);
    MatrixXd dA = R + R.transpose();
    const double H = 1e-6;
    double Fd = (neg_log_likelihood(A + H * dA, X) -
                 neg_log_likelihood(A - H * dA, X)) /
                (2 * H);
    frechet::check_close("<grad L, dA> vs finite differences",
                         G.cwiseProduct(dA).sum(), Fd, 1e-8);
  }

  // At A = X the gradient vanishes.
  {
    MatrixXd G;
    valueAndGradient(X, X, G);
    frechet::check_close("|grad L(X)|_F", G.norm(), 0.0, 1e-13);
  }

  // Gradient descent from A = I: A <- A - t grad L(A), with t halved until
  // L decreases enough (Armijo: L(A - t G) <= L(A) - 1e-4 t |G|^2). A step
  // that leaves the positive definite matrices makes L NaN, which fails the
  // test, so the step is halved then too. Close to the minimum L changes by
  // about |A - X|^2, which rounding hides once |A - X| is about 1e-8: when
  // the decrease asked for is below rounding, a step is accepted when L does
  // not grow beyond rounding and the gradient shrinks. (At A = I the gradient
  // is I - X, so one step of length exactly 1 would land on X; the first trial
  // step is shorter, and the step doubles from one iteration to the next until
  // the line search shortens it.)
  MatrixXd A = MatrixXd::Identity(N, N), G, Trial, GTrial;
  double L = valueAndGradient(A, X, G);
  double Step = 0.05;
  int Iter = 0;
  for (; Iter < 10000; ++Iter) {
    double G2 = G.squaredNorm();
    if (Iter < 3 || Iter % 20 == 0 || G2 < 1e-26)
      std::printf("step %4d: L = %.12f, |grad L| = %.3e, |A - X| = %.3e\n",
                  Iter, L, std::sqrt(G2), (A - X).norm());
    if (G2 < 1e-26)
      break;
    Step = std::fmin(2 * Step, 100.0);
    double LTrial;
    for (;;) {
      Trial = A - Step * G;
      LTrial = valueAndGradient(Trial, X, GTrial);
      double Decrease = 1e-4 * Step * G2, Rounding = 1e-14 * std::fabs(L);
      bool Accept = Decrease > Rounding
                        ? LTrial <= L - Decrease // Armijo
                        : LTrial <= L + Rounding && GTrial.squaredNorm() < G2;
      if (Accept || Step < 1e-20)
        break;
      Step *= 0.5;
    }
    if (Step < 1e-20)
      break; // no step helps: give up
    A = Trial;
    G = GTrial;
    L = LTrial;
  }
  std::printf("converged after %d steps\n", Iter);
  frechet::check_close("converged", Iter < 10000, 1, 0);
  check_matrix("A = X at the minimum", A, X, 1e-12);
  // L(X) = log det X + N is the minimum.
  frechet::check_close("L at the minimum", neg_log_likelihood(A, X),
                       std::log(X.determinant()) + N, 1e-14);
  frechet::check_close("tape empty", double(frechet::default_tape().size()), 0,
                       0);
  return frechet::check_exit_code();
}
