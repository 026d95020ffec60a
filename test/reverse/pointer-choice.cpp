// Pointers that point into different arrays at different times: two
// buffers swapped after each step (by assignments), a pointer set to a
// parameter array or to a local one depending on a branch, moved by
// offsets. Each gets an int local saying which array it is in: f_fwd sets it
// with every assignment, the tape keeps it with the pointer's offset, and
// the adjoint pointer is chosen by it. Gradients are checked against
// forward mode and central differences.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>
#include <vector>

#include "Inputs/reverse_check.h"

// One explicit step of a heat equation on a ring, with a nonlinear term.
void step(const double *u, double *v, int n, double c) {
  for (int i = 0; i < n; ++i)
    v[i] = u[i] + c * (u[(i + 1) % n] - 2 * u[i] + u[(i + n - 1) % n]) +
           0.1 * std::sin(u[i]);
}

#pragma frechet gradient wrt(x0, c)
#pragma frechet forward wrt(x0, c)
double heat(const double *x0, int n, int steps, double c) {
  double a[8], b[8];
  for (int i = 0; i < n; ++i)
    a[i] = x0[i];
  double *cur = a, *next = b;
  for (int t = 0; t < steps; ++t) {
    step(cur, next, n, c);
    double *tmp = cur;
    cur = next;
    next = tmp;
  }
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += cur[i] * cur[i] * (i + 1);
  return s;
}
// CHECK-LABEL: inline double heat_wrt_x0_c_fwd({{.*}}) {
// CHECK:         double *cur = &a[0];
// CHECK:         int [[WC:_w[_0-9]*]] = 0;
// CHECK:         cur = a;
// CHECK-NEXT:    [[WC]] = 0;
// CHECK-NEXT:    next = b;
// CHECK-NEXT:    [[WN:_w[_0-9]*]] = 1;
// CHECK:         _tape.push([[WC]]); _tape.push(std::ptrdiff_t(cur - ([[WC]] == 0 ? &a[0] : &b[0])));
// CHECK-NEXT:    cur = next;
// CHECK-NEXT:    [[WC]] = [[WN]];
// CHECK-LABEL: inline void heat_wrt_x0_c_rev({{.*}}) {
// CHECK:         { const std::ptrdiff_t _off = _tape.pop<std::ptrdiff_t>(); [[WC]] = _tape.pop<int>(); cur = ([[WC]] == 0 ? &a[0] : &b[0]) + _off; }
// CHECK:         step_rev(cur, next, {{.*}}, ([[WC]] == 0 ? d_a + (cur - &a[0]) : d_b + (cur - &b[0])), ([[WN]] == 0 ? d_a + (next - &a[0]) : d_b + (next - &b[0])), {{.*}}_tape);

// Writes through the chosen pointers inside f itself, and a pointer that
// starts at a parameter array or at a local one and moves by offsets.
#pragma frechet gradient
#pragma frechet forward
double mixed(const double *x, int n, int mode) {
  double a[6], b[6];
  for (int i = 0; i < n; ++i)
    a[i] = x[i] * x[i];
  double *cur = a, *next = b;
  for (int t = 0; t < 3; ++t) {
    for (int i = 0; i < n; ++i)
      next[i] = std::tanh(cur[i]) + 0.5 * cur[(i + 1) % n];
    double *tmp = next;
    next = cur;
    cur = tmp;
  }
  const double *p = x;
  if (mode > 0)
    p = cur;
  double s = 0;
  for (int i = 0; i + 1 < n; ++i) {
    s += p[0] * p[1];
    p += 1;
  }
  return s + cur[0];
}
// CHECK-LABEL: inline void mixed_rev({{.*}}) {
// CHECK:         (_w{{[_0-9]*}} == 0 ? d_x + (p - x) : _w{{[_0-9]*}} == 1 ? d_a + (p - &a[0]) : d_b + (p - &b[0]))

// A pointer toggled between two buffers by '?:' whose condition reads the
// pointer itself: the index is chosen before the assignment.
#pragma frechet gradient
#pragma frechet forward
double toggled(const double *x) {
  double a[3], b[3];
  for (int i = 0; i < 3; ++i)
    a[i] = x[i];
  double *p = a;
  for (int t = 0; t < 4; ++t) {
    double *q = p == a ? b : a;
    for (int i = 0; i < 3; ++i)
      q[i] = std::cos(p[i]) * x[(i + t) % 3];
    p = p == a ? b : a;
  }
  return p[0] + 2 * p[1] + 3 * p[2];
}
// CHECK-LABEL: inline double toggled_fwd({{.*}}) {
// CHECK:         q = p == a ? b : a;
// CHECK:         [[WN:_wn[_0-9]*]] = (p == a ? 1 : 0);
// CHECK-NEXT:    p = p == a ? b : a;
// CHECK-NEXT:    [[W:_w[_0-9]*]] = [[WN]];

int main() {
  {
    std::vector<double> in = {0.3, -0.5, 0.8};
    rtest::check_vjp(
        "toggled", in, {1.0}, {0, 0.5, 0},
        [](std::vector<double> v) {
          return std::vector<double>{toggled(v.data())};
        },
        [](std::vector<double> v, std::vector<double> t) {
          return std::vector<double>{toggled_jvp(v.data(), t.data()).tangent};
        },
        [](std::vector<double> v, const std::vector<double> &,
           std::vector<double> &adj, std::vector<double> &out) {
          out[0] = toggled_grad(v.data(), adj.data());
        });
  }
  for (int steps : {0, 1, 4, 5}) {
    std::vector<double> in = {0.3, -0.5, 0.8, 0.1, -0.2, 0.17};
    rtest::check_vjp(
        rtest::name("heat steps", steps), in, {1.0}, {0.5, 0, 0, -1, 0, 0.25},
        [steps](std::vector<double> v) {
          return std::vector<double>{heat(v.data(), 5, steps, v[5])};
        },
        [steps](std::vector<double> v, std::vector<double> t) {
          return std::vector<double>{
              heat_jvp(v.data(), 5, steps, v[5], t.data(), t[5]).tangent};
        },
        [steps](std::vector<double> v, const std::vector<double> &,
                std::vector<double> &adj, std::vector<double> &out) {
          out[0] = heat_grad(v.data(), 5, steps, v[5], adj.data(), adj[5]);
        });
  }
  for (int mode : {0, 1}) {
    std::vector<double> in = {0.3, -0.5, 0.8, 0.1, -0.2};
    rtest::check_vjp(
        rtest::name("mixed mode", mode), in, {1.0}, {0, 0.5, 0, 0, -1},
        [mode](std::vector<double> v) {
          return std::vector<double>{mixed(v.data(), 5, mode)};
        },
        [mode](std::vector<double> v, std::vector<double> t) {
          return std::vector<double>{
              mixed_jvp(v.data(), 5, mode, t.data()).tangent};
        },
        [mode](std::vector<double> v, const std::vector<double> &,
               std::vector<double> &adj, std::vector<double> &out) {
          out[0] = mixed_grad(v.data(), 5, mode, adj.data());
        });
  }
  return frechet::check_exit_code();
}
// EXEC-NOT: FAIL
// EXEC: {{[1-9][0-9]*}} passed, 0 failed
