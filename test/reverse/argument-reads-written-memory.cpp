// A by-value argument that reads memory the call writes: scale(y, 2, y[0]).
// The callee's reverse sweep restores y only inside, so the reverse sweep
// cannot evaluate y[0] again before calling it: the forward sweep keeps the
// argument's value on the tape. Found by the random-program tester
// (tools/fuzz): the reverse sweep passed the value of y[0] after the call.
//
// RUN: %frechetxx -ffp-contract=off %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include "Inputs/reverse_check.h"

void scale(double *w, int m, double c) {
  for (int j = 0; j < m; ++j)
    w[j] = c * w[j];
}
double scaled(double *w, int m, double c) {
  scale(w, m, c);
  return c * w[0];
}

#pragma frechet reverse
#pragma frechet forward
void f(double *y, int n) {
  for (int i = 0; i < n; ++i)
    scale(y, 2, y[i % 2] * 0.5);
}
// CHECK-LABEL: inline void f_fwd({{.*}}) {
// CHECK:           const double [[A:_a[_0-9]*]] = y[i % 2] * 0.5;
// CHECK-NEXT:      scale_fwd(y, 2, [[A]], _tape);
// CHECK-NEXT:      _tape.push([[A]]);
// CHECK-LABEL: inline void f_rev({{.*}}) {
// CHECK:           const double [[A:_a[_0-9]*]] = _tape.pop<double>();
// CHECK:           scale_rev(y, 2, [[A]], d_y, {{_r[_0-9]*}}, _tape);

#pragma frechet gradient
#pragma frechet forward
double g(double *y) { return scaled(y, 2, y[1]) * 2; }

int main() {
  for (int n : {1, 2, 3}) {
    char what[32];
    std::snprintf(what, sizeof what, "scale(y, 2, y[i]) n=%d", n);
    rtest::check_vjp(
        what, {1.5, -0.75}, {0.7, -0.4}, {0, 0},
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
  rtest::check_vjp(
      "scaled(y, 2, y[1])", {1.5, -0.75}, {1.0}, {0, 0},
      [](std::vector<double> in) {
        return std::vector<double>{g(in.data())};
      },
      [](std::vector<double> in, std::vector<double> tin) {
        return std::vector<double>{g_jvp(in.data(), tin.data()).tangent};
      },
      [](std::vector<double> in, const std::vector<double> &,
         std::vector<double> &adj, std::vector<double> &out) {
        out[0] = g_grad(in.data(), adj.data());
      });
  return frechet::check_exit_code();
}
// EXEC: ok scale(y, 2, y[i]) n=3 adjoint 0 vs jvp
// EXEC: ok scaled(y, 2, y[1]) adjoint 1 vs fd
// EXEC: 0 failed
