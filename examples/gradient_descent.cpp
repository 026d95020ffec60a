// Minimising a function of many variables with a generated gradient: the
// Rosenbrock function in N dimensions,
//
//   f(x) = sum_{i=0}^{N-2} 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2,
//
// whose minimum f = 0 lies at x = (1, ..., 1) at the end of a long, curved,
// narrow valley. `#pragma frechet gradient` generates rosenbrock_grad, which
// returns f and adds the whole gradient to g in one forward and one reverse
// sweep, whatever N is (forward mode would need N calls).
//
// The descent is nonlinear conjugate gradients (Polak-Ribiere+, restarted
// every N steps or when the direction stops going downhill) with a
// backtracking line search that halves the step until the Armijo condition
// f(x + a d) <= f(x) + 1e-4 a g.d holds. Plain steepest descent with the same
// line search also converges, but needs about thirty times as many steps.
#include <frechet/frechet.h>

#include <cmath>
#include <cstdio>

#pragma frechet gradient
double rosenbrock(const double *x, int n) {
  double f = 0;
  for (int i = 0; i + 1 < n; ++i) {
    double a = x[i + 1] - x[i] * x[i];
    double b = 1 - x[i];
    f += 100 * a * a + b * b;
  }
  return f;
}

constexpr int N = 6;

// f and its gradient at x (the gradient is accumulated, so g starts at 0).
static double valueAndGradient(const double *x, double *g) {
  for (int i = 0; i < N; ++i)
    g[i] = 0;
  return rosenbrock_grad(x, N, g);
}

static double norm(const double *v) {
  double s = 0;
  for (int i = 0; i < N; ++i)
    s += v[i] * v[i];
  return std::sqrt(s);
}

// Minimises from x (updated in place); returns the number of steps.
static int minimise(double *x, double Tolerance, int MaxSteps) {
  double g[N], gOld[N], d[N] = {}, Trial[N];
  double Alpha = 1;
  for (int Step = 0; Step < MaxSteps; ++Step) {
    double f = valueAndGradient(x, g);
    double GradNorm = norm(g);
    if (Step < 3 || Step % 200 == 0 || GradNorm < Tolerance)
      std::printf("step %5d: f = %.6e, |grad f| = %.3e\n", Step, f, GradNorm);
    if (GradNorm < Tolerance)
      return Step;

    // Polak-Ribiere+: beta = max(0, g.(g - gOld) / gOld.gOld).
    double Beta = 0;
    if (Step % N != 0) {
      double Num = 0, Den = 0;
      for (int i = 0; i < N; ++i) {
        Num += g[i] * (g[i] - gOld[i]);
        Den += gOld[i] * gOld[i];
      }
      Beta = std::fmax(0.0, Num / Den);
    }
    double Slope = 0;
    for (int i = 0; i < N; ++i) {
      d[i] = -g[i] + Beta * d[i];
      Slope += g[i] * d[i];
    }
    if (Slope >= 0) { // not downhill: restart with steepest descent
      for (int i = 0; i < N; ++i)
        d[i] = -g[i];
      Slope = -GradNorm * GradNorm;
    }
    for (int i = 0; i < N; ++i)
      gOld[i] = g[i];

    // Backtracking: start from a little more than the last accepted step.
    Alpha = std::fmin(1.0, 4 * Alpha);
    for (;;) {
      for (int i = 0; i < N; ++i)
        Trial[i] = x[i] + Alpha * d[i];
      if (rosenbrock(Trial, N) <= f + 1e-4 * Alpha * Slope || Alpha < 1e-20)
        break;
      Alpha *= 0.5;
    }
    for (int i = 0; i < N; ++i)
      x[i] = Trial[i];
  }
  return MaxSteps;
}

int main() {
  // The classic start (-1.2, 1) in every pair of coordinates.
  double x[N];
  for (int i = 0; i < N; ++i)
    x[i] = i % 2 ? 1.0 : -1.2;

  // The generated gradient against the analytic one at the start.
  double g[N];
  valueAndGradient(x, g);
  for (int i = 0; i < N; ++i) {
    double Want = 0;
    if (i + 1 < N)
      Want += -400 * x[i] * (x[i + 1] - x[i] * x[i]) - 2 * (1 - x[i]);
    if (i > 0)
      Want += 200 * (x[i] - x[i - 1] * x[i - 1]);
    char What[32];
    std::snprintf(What, sizeof What, "df/dx%d at the start", i);
    frechet::check_close(What, g[i], Want, 1e-14);
  }

  int Steps = minimise(x, 1e-10, 100000);
  std::printf("converged after %d steps: x =", Steps);
  for (int i = 0; i < N; ++i)
    std::printf(" %.12f", x[i]);
  std::printf("\n");

  frechet::check_close("converged", Steps < 100000, 1, 0);
  for (int i = 0; i < N; ++i) {
    char What[32];
    std::snprintf(What, sizeof What, "x%d at the minimum", i);
    frechet::check_close(What, x[i], 1.0, 1e-8);
  }
  frechet::check_close("f at the minimum", rosenbrock(x, N), 0.0, 1e-15);
  // Every reverse sweep popped what its forward sweep pushed.
  frechet::check_close("tape empty", double(frechet::default_tape().size()), 0,
                       0);
  return frechet::check_exit_code();
}
