// Bugs the random-program tester found (tools/fuzz, seed elide2), each
// reduced to a function; all were wrong before:
// - a callee writing through a local pointer into a pointer parameter: the
//   callee's reverse restores that memory, so f_vjp must run f again to
//   leave f's side effects (it did not: elide2:2168);
// - a pointer without adjoint into a local array, read by the reverse sweep
//   (a denominator): taped as a raw pointer into f_fwd's array, dangling in
//   f_rev (elide2:435);
// - a saved element of an array without adjoints, at a computed index: its
//   restore evaluated the index with a variable f_rev never got
//   (elide2:533);
// - two swapped buffers without adjoints read through by the reverse sweep:
//   raw pointers into f_fwd's arrays again (slot5:1718; right at -O2 by
//   chance, wrong at -O0).
// Each is checked against forward mode and central differences, and the
// side effects and values of f_vjp against f.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>
#include <vector>

#include "Inputs/reverse_check.h"

void bump(const double *v, double *w, int m) {
  for (int j = 0; j < m; ++j)
    w[j] += v[j] * v[j];
}

#pragma frechet reverse
#pragma frechet forward
double throughLocal(double *y) {
  double *q = y;
  bump(q, q, 2);
  return y[0] * y[1];
}
// CHECK-LABEL: double throughLocal_vjp(double *y, double d_ret, double *d_y) {
// CHECK:         throughLocal_rev(y, d_ret, d_y, _tape);
// CHECK-NEXT:    throughLocal(y);

#pragma frechet reverse
#pragma frechet forward
double inactivePointer(int n, double s) {
  double a[3] = {0.125, n * 1.5, n * 0.5};
  double *p = a;
  return s / (1.0 + p[(n + 3) % 3]);
}
// CHECK-LABEL: inline double inactivePointer_fwd(int n, double s, frechet::tape &_tape) {
// CHECK:         _tape.push_array(&a[0], 3);
// CHECK-NEXT:    _tape.push(std::ptrdiff_t(p - &a[0]));

#pragma frechet reverse
#pragma frechet forward
double savedIndex(double s, int n) {
  int w = 0;
  ++w;
  double a[3] = {1.25, 0.5, 2.0};
  s /= a[(n + 1) % 3];
  a[w % 3] -= 0.5;
  return 0.5 - s;
}
// CHECK-LABEL: inline double savedIndex_fwd(double s, int n, frechet::tape &_tape) {
// CHECK:       _exit:
// CHECK-NEXT:    _tape.push(w);

// Two buffers without adjoints, swapped, which the reverse sweep reads
// through (a denominator): f_rev finds the array p points into by its index
// (slot5:1718, rejected at first by the fix of elide2:435).
#pragma frechet reverse
#pragma frechet forward
double swappedConstants(double s, int n) {
  double a[2] = {n * 0.5, n * 1.5};
  double b[2];
  double *p = a, *q = b;
  for (int t = 0; t < n; ++t) {
    for (int j = 0; j < 2; ++j)
      q[j] = 1.0 + p[(j + 1) % 2] * 0.5;
    double *r = p;
    p = q;
    q = r;
  }
  return s * s / (2.0 + p[n % 2]);
}
// CHECK-LABEL: inline double swappedConstants_fwd(double s, int n, frechet::tape &_tape) {
// CHECK:       _exit:
// CHECK:         _tape.push([[W:_w[_0-9]*]]); _tape.push(std::ptrdiff_t(p - ([[W]] == 0 ? &a[0] : &b[0])));

int main() {
  rtest::check_vjp(
      "throughLocal", {0.3, -0.7}, {0.9, 0.4, -1.1}, {0.2, 0.5},
      [&](std::vector<double> v) {
        double r = throughLocal(v.data());
        return std::vector<double>{r, v[0], v[1]};
      },
      [&](std::vector<double> v, std::vector<double> t) {
        double r = throughLocal_jvp(v.data(), t.data()).tangent;
        return std::vector<double>{r, t[0], t[1]};
      },
      [&](std::vector<double> v, const std::vector<double> &cot,
          std::vector<double> &adj, std::vector<double> &out) {
        double dy[2] = {cot[1], cot[2]};
        out[0] = throughLocal_vjp(v.data(), cot[0], dy);
        out[1] = v[0];
        out[2] = v[1];
        adj[0] += dy[0];
        adj[1] += dy[1];
      });
  for (int n = 0; n < 3; ++n) {
    rtest::check_vjp(
        rtest::name("inactivePointer", n), {0.8}, {1.3}, {0.1},
        [&](std::vector<double> v) {
          return std::vector<double>{inactivePointer(n, v[0])};
        },
        [&](std::vector<double> v, std::vector<double> t) {
          return std::vector<double>{
              inactivePointer_jvp(n, v[0], t[0]).tangent};
        },
        [&](std::vector<double> v, const std::vector<double> &cot,
            std::vector<double> &adj, std::vector<double> &out) {
          out[0] = inactivePointer_vjp(n, v[0], cot[0], adj[0]);
        });
    rtest::check_vjp(
        rtest::name("savedIndex", n), {0.8}, {1.3}, {0.1},
        [&](std::vector<double> v) {
          return std::vector<double>{savedIndex(v[0], n)};
        },
        [&](std::vector<double> v, std::vector<double> t) {
          return std::vector<double>{savedIndex_jvp(v[0], n, t[0]).tangent};
        },
        [&](std::vector<double> v, const std::vector<double> &cot,
            std::vector<double> &adj, std::vector<double> &out) {
          out[0] = savedIndex_vjp(v[0], n, cot[0], adj[0]);
        });
  }
  for (int n = 0; n < 4; ++n)
    rtest::check_vjp(
        rtest::name("swappedConstants", n), {0.8}, {1.3}, {0.1},
        [&](std::vector<double> v) {
          return std::vector<double>{swappedConstants(v[0], n)};
        },
        [&](std::vector<double> v, std::vector<double> t) {
          return std::vector<double>{
              swappedConstants_jvp(v[0], n, t[0]).tangent};
        },
        [&](std::vector<double> v, const std::vector<double> &cot,
            std::vector<double> &adj, std::vector<double> &out) {
          out[0] = swappedConstants_vjp(v[0], n, cot[0], adj[0]);
        });
  return frechet::check_exit_code();
}
// EXEC: ok throughLocal output 1:
// EXEC: ok throughLocal adjoint 1 vs fd
// EXEC: ok inactivePointer[2] adjoint 0 vs fd
// EXEC: ok savedIndex[2] adjoint 0 vs fd
// EXEC: ok swappedConstants[3] adjoint 0 vs fd
// EXEC: 0 failed
