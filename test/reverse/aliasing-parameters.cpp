// Two pointer or reference parameters of a helper that refer to the same
// memory at a call (copy(y, y), twice(t, t)): the reverse sweep of an
// assignment between them reads the target's adjoint before it resets it.
// Found by the random-program tester (tools/fuzz): the reverse sweep of
// 'w[j] = v[j]' added d_w[j] to d_v[j] and then zeroed d_w[j], which is the
// same element when v and w alias, so the adjoint was lost.
//
// RUN: %frechetxx -ffp-contract=off %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>

#include "Inputs/reverse_check.h"

void copy(const double *v, double *w, int m, double c) {
  for (int j = 0; j < m; ++j)
    w[j] = v[j] * c;
}
// CHECK-LABEL: inline void copy_rev(
// CHECK:         const double [[R:_r[_0-9]*]] = d_w[j];
// CHECK-NEXT:    d_w[j] = 0;
// CHECK-NEXT:    d_v[j] += [[R]] * c;

void twice(double &a, double &b) { b = a * 2; }

#pragma frechet reverse
#pragma frechet forward
void f(double *y, double c) {
  copy(y, y, 3, c);
  copy(y + 1, y, 2, c);
}

#pragma frechet gradient
#pragma frechet forward
double g(double x) {
  double t = x * x;
  twice(t, t);
  return t * x;
}

int main() {
  rtest::check_vjp(
      "copy(y, y)", {0.3, -1.2, 0.8, 1.1}, {0.7, -0.4, 1.3}, {0, 0, 0, 0.25},
      [](std::vector<double> in) {
        f(in.data(), in[3]);
        return std::vector<double>(in.begin(), in.begin() + 3);
      },
      [](std::vector<double> in, std::vector<double> tin) {
        f_jvp(in.data(), in[3], tin.data(), tin[3]);
        return std::vector<double>(tin.begin(), tin.begin() + 3);
      },
      [](std::vector<double> in, const std::vector<double> &cot,
         std::vector<double> &adj, std::vector<double> &out) {
        double y[3] = {in[0], in[1], in[2]};
        double dy[3] = {cot[0], cot[1], cot[2]};
        f_vjp(y, in[3], dy, adj[3]);
        for (int i = 0; i < 3; ++i) {
          adj[i] += dy[i];
          out[i] = y[i];
        }
      });
  double dx = 0;
  double v = g_grad(0.9, dx);
  rtest::check_tape_empty("twice(t, t) tape");
  frechet::check_close("twice(t, t) value", v, g(0.9), 0);
  frechet::check_close("twice(t, t) d/dx", dx, 6 * 0.9 * 0.9, 1e-14);
  frechet::check_close("twice(t, t) d/dx vs jvp", dx, g_jvp(0.9, 1.0).tangent,
                       1e-14);
  return frechet::check_exit_code();
}
// EXEC: ok copy(y, y) adjoint 3 vs fd
// EXEC: ok twice(t, t) d/dx vs jvp
// EXEC: 0 failed
