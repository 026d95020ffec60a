// switch in reverse mode: the forward sweep records the label it entered by
// and where it left the switch's block (falling off the end, a break, or a
// continue or return that leaves it); the reverse sweep reverses exactly the
// statements that ran. Checked against forward mode for every entry label,
// with fallthrough, break, continue and return inside the switch, and a
// switch where no label matches.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>

#pragma frechet gradient
#pragma frechet forward
double f(const double *x, int n, int mode) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double t = x[i];
    switch ((i + mode) % 4) {
    case 0:
      t = t * t;
      [[fallthrough]];
    case 1:
      t = std::sin(t) * x[0];
      break;
    case 2:
      if (t > 0.5)
        continue;
      t = t * s;
      break;
    default:
      if (s > 3)
        return s * t;
      t = std::exp(t);
    }
    s = s * 0.9 + t;
  }
  switch (mode) {
  case 7:
    s = s * s;
  }
  return s;
}
// CHECK-LABEL: inline double f_fwd(const double *x, int n, int mode, frechet::tape &_tape) {
// CHECK:         {{^    }}[[EN:_en[_0-9]*]] = 0;
// CHECK-NEXT:    switch ((i + mode) % 4) {
// CHECK:           case 1:
// CHECK-NEXT:      if ([[EN]] == 0)
// CHECK-NEXT:        [[EN]] = 2;
// CHECK:         _tape.push([[EN]]);
// CHECK-LABEL: inline void f_rev(
// CHECK:           [[EN2:_en[_0-9]*]] = _tape.pop<int>();
// CHECK-NEXT:      if ([[EN2]] != 0) {
// CHECK-NEXT:        const int [[E:_e[_0-9]*]] = _tape.pop<int>();
// CHECK-NEXT:        bool [[LIVE:_live[_0-9]*]] = [[E]] == 0;

// Forward mode keeps hoisted temporaries out of the way of case labels.
// CHECK-LABEL: frechet::jvp_result<double> f_jvp(
// CHECK:           case 1:
// CHECK-NEXT:      {
// CHECK-NEXT:        auto _t0 = frechet::rules::sin_jvp(t, d_t);

int main() {
  const double x[6] = {0.3, 0.9, -0.4, 1.2, 0.7, 0.2};
  for (int mode = 0; mode < 8; ++mode) {
    double g[6] = {0, 0, 0, 0, 0, 0};
    double v = f_grad(x, 6, mode, g);
    double worst = 0;
    for (int i = 0; i < 6; ++i) {
      double e[6] = {0, 0, 0, 0, 0, 0};
      e[i] = 1;
      auto r = f_jvp(x, 6, mode, e);
      worst = std::fmax(worst, std::fabs(r.tangent - g[i]) /
                                   std::fmax(1.0, std::fabs(r.tangent)));
    }
    // Adjoint identity against forward mode, to rounding (1e-12 relative).
    frechet::check_close("mode gradient vs jvp", worst, 0, 1e-12);
    frechet::check_close("mode value", v, f(x, 6, mode), 0);
    frechet::check_close("mode tape empty", frechet::default_tape().size(), 0,
                         0);
  }
  // One direction against central finite differences (1e-6 relative).
  double g[6] = {0, 0, 0, 0, 0, 0};
  f_grad(x, 6, 3, g);
  double fd = frechet::central_difference(
      [&](double h) {
        double y[6] = {x[0], x[1], x[2] + h, x[3], x[4], x[5]};
        return f(y, 6, 3);
      },
      0.0);
  frechet::check_close("d/dx2 vs fd", g[2], fd, 1e-6);
  return frechet::check_exit_code();
}
// EXEC-COUNT-24: ok mode
// EXEC: ok d/dx2 vs fd
// EXEC: 25 passed, 0 failed
