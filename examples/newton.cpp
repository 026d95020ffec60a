// Newton's method with a generated derivative: Kepler's equation
//
//   r(E) = E - e sin E - M = 0
//
// gives the eccentric anomaly E of an orbit of eccentricity e at mean anomaly
// M. Newton's step E <- E - r(E) / r'(E) needs r'(E): `#pragma frechet
// forward wrt(E)` generates kepler_jvp, which returns r and r'(E)[dE] in one
// call (dE = 1 gives the derivative itself).
#include <frechet/frechet.h>

#include <cmath>
#include <cstdio>

#pragma frechet forward wrt(E)
double kepler(double E, double e, double M) { return E - e * std::sin(E) - M; }

double solveKepler(double e, double M, int &Iterations) {
  double E = e < 0.8 ? M : 3.14159; // the usual starting guesses
  for (Iterations = 1; Iterations <= 50; ++Iterations) {
    auto [r, drdE] = kepler_jvp(E, e, M, 1.0);
    double Step = r / drdE;
    E -= Step;
    if (std::fabs(Step) < 1e-14)
      break;
  }
  return E;
}

int main() {
  const double Eccentricities[] = {0.0167, 0.2056, 0.5, 0.9};
  const double M = 1.0;
  for (double e : Eccentricities) {
    int Iterations = 0;
    double E = solveKepler(e, M, Iterations);
    double Residual = kepler(E, e, M);
    std::printf("e = %.4f: E = %.15f after %d Newton steps, residual %.1e\n",
                e, E, Iterations, Residual);
    frechet::check_close("residual", Residual, 0.0, 1e-14);
    // The generated derivative against the analytic r'(E) = 1 - e cos E.
    frechet::check_close("r'(E)", kepler_jvp(E, e, M, 1.0).tangent,
                         1 - e * std::cos(E), 1e-15);
  }
  return frechet::check_exit_code();
}
