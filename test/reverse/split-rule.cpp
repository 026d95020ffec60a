// A rule with sweeps of its own: frechet::rules::g_fwd keeps what its
// reverse part needs on the tape (here the determinant; for matrix rules a
// factorization), frechet::rules::g_rev uses it instead of recomputing it.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>

// log|det A| of a 2x2 matrix (row-major); its body is not visible here.
double logdet2(const double *a);

int determinants = 0; // how often a determinant was computed

namespace frechet::rules {
inline double logdet2_fwd(const double *a, frechet::tape &tape) {
  double det = a[0] * a[3] - a[1] * a[2];
  ++determinants;
  tape.push(det);
  return std::log(std::fabs(det));
}
// d log|det A| = tr(A^{-1} dA): the gradient is A^{-T}.
inline void logdet2_rev(const double *a, double d_ret, double *d_a,
                        frechet::tape &tape) {
  double det = tape.pop<double>();
  d_a[0] += d_ret * a[3] / det;
  d_a[1] -= d_ret * a[2] / det;
  d_a[2] -= d_ret * a[1] / det;
  d_a[3] += d_ret * a[0] / det;
}
inline frechet::jvp_result<double> logdet2_jvp(const double *a,
                                               const double *da) {
  double det = a[0] * a[3] - a[1] * a[2];
  ++determinants;
  double ddet = da[0] * a[3] + a[0] * da[3] - da[1] * a[2] - a[1] * da[2];
  return {std::log(std::fabs(det)), ddet / det};
}
} // namespace frechet::rules

#pragma frechet gradient
#pragma frechet forward
double f(const double *a, double s) {
  double b[4];
  for (int i = 0; i < 4; ++i)
    b[i] = s * a[i] + i;
  return logdet2(b) * s;
}
// CHECK-LABEL: inline double f_fwd(const double *a, double s, frechet::tape &_tape) {
// CHECK:         [[T:_t[0-9]+]] = frechet::rules::logdet2_fwd(b, _tape);
// CHECK-LABEL: inline void f_rev(
// CHECK:         frechet::rules::logdet2_rev(b, d[[T]], d_b, _tape);

double logdet2(const double *a) {
  ++determinants;
  return std::log(std::fabs(a[0] * a[3] - a[1] * a[2]));
}

int main() {
  const double a[4] = {2.0, 0.5, -0.3, 1.5};
  double s = 0.8;
  double da[4] = {0, 0, 0, 0}, ds = 0;
  determinants = 0;
  double v = f_grad(a, s, da, ds);
  // One determinant in the forward sweep, none in the reverse sweep.
  frechet::check_close("determinants per gradient", determinants, 1, 0);
  frechet::check_close("value", v, f(a, s), 1e-15);
  frechet::check_close("tape empty", frechet::default_tape().size(), 0, 0);
  for (int i = 0; i < 5; ++i) {
    double e[4] = {0, 0, 0, 0}, es = i == 4 ? 1.0 : 0.0;
    if (i < 4)
      e[i] = 1;
    double fwd = f_jvp(a, s, e, es).tangent;
    frechet::check_close("adjoint vs jvp", i < 4 ? da[i] : ds, fwd, 1e-12);
  }
  // Against finite differences in s.
  double fd = frechet::central_difference([&](double t) { return f(a, t); }, s);
  frechet::check_close("d/ds vs fd", ds, fd, 1e-7);
  return frechet::check_exit_code();
}
// EXEC: ok determinants per gradient: 1
// EXEC: ok value
// EXEC: ok tape empty
// EXEC-COUNT-5: ok adjoint vs jvp
// EXEC: ok d/ds vs fd
// EXEC: 9 passed, 0 failed
