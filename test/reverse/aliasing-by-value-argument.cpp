// A by-value argument whose storage is also passed to a pointer or reference
// parameter of the same call (fill(y, 1, y[0]), h(v, v)): its adjoint is
// collected in a temporary, because the callee's reverse sweep resets the
// adjoints of the memory it writes. Found by the random-program tester
// (tools/fuzz): d_y[0] was passed as the adjoint of c and as part of d_w,
// and 'd_w[j] = 0' in the callee erased what 'd_c += d_w[j]' had added.
//
// RUN: %frechetxx -ffp-contract=off %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include "Inputs/reverse_check.h"

void fill(double *w, int m, double c) {
  for (int j = 0; j < m; ++j)
    w[j] = 2 * c;
}

#pragma frechet reverse
#pragma frechet forward
void f(double *y, int n) {
  for (int i = 0; i < n; i += 2)
    fill(y, 1, y[(i + 2) % 2]);
}
// CHECK-LABEL: inline void f_rev({{.*}}) {
// CHECK:         double [[R:_r[_0-9]*]] = 0;
// CHECK-NEXT:    fill_rev(y, 1, {{_a[_0-9]*}}, d_y, [[R]], _tape);
// CHECK-NEXT:    d_y[(i + 2) % 2] += [[R]];

void h(double c, double &o) { o = c * 2; }

#pragma frechet gradient
#pragma frechet forward
double g(double x) {
  double v = x * x;
  h(v, v);
  return v;
}

int main() {
  for (int n : {1, 2, 3}) {
    char what[32];
    std::snprintf(what, sizeof what, "fill(y, 1, y[0]) n=%d", n);
    rtest::check_vjp(
        what, {0.3, -1.2}, {0.7, -0.4}, {0, 0},
        [n](std::vector<double> in) {
          f(in.data(), n);
          return in;
        },
        [n](std::vector<double> in, std::vector<double> tin) {
          f_jvp(in.data(), n, tin.data());
          return tin;
        },
        [n](std::vector<double> in, const std::vector<double> &cot,
            std::vector<double> &adj, std::vector<double> &out) {
          std::vector<double> d = cot;
          f_vjp(in.data(), n, d.data());
          for (int i = 0; i < 2; ++i) {
            adj[i] += d[i];
            out[i] = in[i];
          }
        });
  }
  double dx = 0;
  double v = g_grad(0.9, dx);
  rtest::check_tape_empty("h(v, v) tape");
  frechet::check_close("h(v, v) value", v, g(0.9), 0);
  frechet::check_close("h(v, v) d/dx vs jvp", dx, g_jvp(0.9, 1.0).tangent,
                       1e-14);
  frechet::check_close(
      "h(v, v) d/dx vs fd", dx,
      frechet::central_difference([](double t) { return g(t); }, 0.9), 1e-6);
  return frechet::check_exit_code();
}
// EXEC: ok fill(y, 1, y[0]) n=3 adjoint 0 vs jvp
// EXEC: ok h(v, v) d/dx vs fd
// EXEC: 0 failed
