// Reverse loops that sum into one adjoint. The reverse of 'y[i] += a * x[i]'
// sums d_a over the iterations, and the reverse of a triangular product
// 'out[i] += l[idx] * x[j]' sums d_x[j] over its inner loop: a dot product
// where the forward loop was an axpy. Such a reverse loop gets
// '#pragma clang fp reassociate(on)' at the top of its body, so clang may
// reorder that sum and vectorize the loop (it still checks aliasing itself),
// and a by-value scalar read in a loop sums its adjoint in a local (the
// caller's 'double &' may alias the arrays; a local stays in a register).
// Loops that call functions, branch or sum into nothing loop-invariant get
// no pragma; values a loop saves in a tape block (a slot per iteration) are
// plain loads and keep it. Gradients are checked against forward mode and
// central differences, also with axpy called on overlapping arrays from
// inside a gradient (a callee saves what it writes, here in a tape block).
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
// The point of it, that the reverse loop of scaledSum vectorizes and its
// forward loop (a sum kept in source order) does not, is checked by
// loop-sums-vectorize.test (not under sanitizers, which stop vectorization).
#include <frechet/frechet.h>

#include <array>
#include <cmath>

#include "Inputs/reverse_check.h"

#pragma frechet reverse
#pragma frechet forward
void axpy(int n, double a, const double *x, double *y) {
  for (int i = 0; i < n; ++i)
    y[i] += a * x[i];
}
// CHECK-LABEL: inline void axpy_rev(int n, double a, const double *x, double *y, double &d_a, double *d_x, double *d_y, frechet::tape &_tape) {
// CHECK:         double d_a_1{};
// CHECK:         for (int _k = _n - 1; _k >= 0; --_k) {
// CHECK-NEXT:      #pragma clang fp reassociate(on)
// CHECK-NEXT:      i = _s + _k;
// CHECK:           d_a_1 += [[R:_r[_0-9]*]] * x[i];
// CHECK-NEXT:      d_x[i] += a * [[R]];
// CHECK-NEXT:    }
// CHECK-NEXT:    d_a += d_a_1;

// The strictly lower triangle of L, column by column, times x (GMM's Q x).
#pragma frechet reverse
#pragma frechet forward
void tri(int d, const double *l, const double *x, double *out) {
  int idx = 0;
  for (int j = 0; j < d; ++j)
    for (int i = j + 1; i < d; ++i) {
      out[i] += l[idx] * x[j];
      ++idx;
    }
}
// CHECK-LABEL: inline void tri_rev(
// CHECK:           for (int [[K:_k[_0-9]*]] = _n_1 - 1; [[K]] >= 0; --[[K]]) {
// CHECK-NEXT:        #pragma clang fp reassociate(on)
// CHECK-NEXT:        i = _s_1 + [[K]];
// CHECK-NEXT:        --idx;
// CHECK-NEXT:        const double [[R:_r[_0-9]*]] = d_out[i];
// CHECK-NEXT:        d_l[idx] += [[R]] * x[j];
// CHECK-NEXT:        d_x[j] += l[idx] * [[R]];

#pragma frechet gradient
double scaledSum(int n, double a, const double *x) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += a * x[i];
  return s;
}
// CHECK-LABEL: inline void scaledSum_rev(
// CHECK:         #pragma clang fp reassociate(on)
// CHECK-NEXT:    i = _s + _k;
// CHECK-NEXT:    d_a_1 += d_s * x[i];
// VEC: <frechet: derivatives of scaledSum>:{{[0-9]+}}:{{[0-9]+}}: remark: vectorized loop

// No pragma: nothing loop-invariant is summed (d_s is only read) ...
#pragma frechet gradient
double dot(int n, const double *x, const double *y) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * y[i];
  return s;
}
// CHECK-LABEL: inline void dot_rev(
// CHECK-NOT:     #pragma
// CHECK:         d_x[i] += d_s * y[i];
// CHECK-NOT:     #pragma
// CHECK-LABEL: double dot_grad(

// ... a call in the body ...
#pragma frechet reverse
void sinaxpy(int n, double a, const double *x, double *y) {
  for (int i = 0; i < n; ++i)
    y[i] += a * std::sin(x[i]);
}
// CHECK-LABEL: inline void sinaxpy_rev(
// CHECK-NOT:     #pragma
// CHECK-LABEL: void sinaxpy_vjp(

// ... or a branch. A value saved in a tape block is a plain load (t is
// overwritten in every iteration): the sum into d_a may be reordered.
#pragma frechet reverse
void squares(int n, double a, const double *x, double *y) {
  double t = 0;
  for (int i = 0; i < n; ++i) {
    t = a * x[i];
    y[i] = t * t;
  }
}
// CHECK-LABEL: inline void squares_rev(
// CHECK:         #pragma clang fp reassociate(on)
// CHECK:           t = _b[i - _s];
// CHECK:           d_a_1 += d_t * x[i];
// CHECK-LABEL: void squares_vjp(

#pragma frechet reverse
void relu(int n, double a, const double *x, double *y) {
  for (int i = 0; i < n; ++i)
    y[i] += x[i] > 0 ? a * x[i] : 0.0;
}
// CHECK-LABEL: inline void relu_rev(
// CHECK-NOT:     #pragma
// CHECK-LABEL: void relu_vjp(

// in = (a, x[0..n), y[0..n)); out = y after the call.
void checkAxpy(const char *what, int n) {
  std::vector<double> in, cot, start;
  for (int i = 0; i < 1 + 2 * n; ++i) {
    in.push_back(0.3 + 0.17 * i - 0.05 * i * i);
    start.push_back(0.01 * i);
  }
  for (int i = 0; i < n; ++i)
    cot.push_back(std::cos(1.0 + i));
  rtest::check_vjp(
      what, in, cot, start,
      [&](std::vector<double> v) {
        axpy(n, v[0], &v[1], &v[1 + n]);
        return std::vector<double>(v.begin() + 1 + n, v.end());
      },
      [&](std::vector<double> v, std::vector<double> t) {
        axpy_jvp(n, v[0], &v[1], &v[1 + n], t[0], &t[1], &t[1 + n]);
        return std::vector<double>(t.begin() + 1 + n, t.end());
      },
      [&](std::vector<double> v, const std::vector<double> &c,
          std::vector<double> &adj, std::vector<double> &out) {
        // d_y holds the cotangent on entry, the adjoint of y's initial
        // values on return; add that to what adj held.
        std::vector<double> dy(c);
        axpy_vjp(n, v[0], &v[1], &v[1 + n], adj[0], &adj[1], dy.data());
        for (int i = 0; i < n; ++i) {
          adj[1 + n + i] += dy[i];
          out[i] = v[1 + n + i];
        }
      });
}

// axpy on overlapping arrays, called from a gradient: sum of y after
// y[1..] += a * y[0..) and y[0..] += a * y[1..).
#pragma frechet gradient
#pragma frechet forward
double overlapping(double a, double *y) {
  axpy(4, a, y, y + 1);
  axpy(4, a, y + 1, y);
  double s = 0;
  for (int i = 0; i < 5; ++i)
    s += y[i] * y[i];
  return s;
}
// CHECK-LABEL: double overlapping_grad(
// CHECK-LABEL: inline void axpy_fwd_1(
// CHECK:         _b[i - _s] = y[i];
// CHECK-LABEL: inline void axpy_rev_1(
// CHECK:         _b = _tape.pop_block<double>(_n);
// CHECK:           y[i] = _b[i - _s];
// CHECK:       }

void checkTri(int d) {
  const int nl = d * (d - 1) / 2;
  std::vector<double> in, cot, start;
  for (int i = 0; i < nl + 2 * d; ++i) {
    in.push_back(std::sin(0.7 * i + 0.2));
    start.push_back(0.02 * i);
  }
  for (int i = 0; i < d; ++i)
    cot.push_back(1.0 - 0.3 * i);
  auto parts = [&](std::vector<double> &v) {
    return std::array<double *, 3>{v.data(), v.data() + nl, v.data() + nl + d};
  };
  char what[32];
  std::snprintf(what, sizeof what, "tri d=%d", d);
  rtest::check_vjp(
      what, in, cot, start,
      [&](std::vector<double> v) {
        auto p = parts(v);
        tri(d, p[0], p[1], p[2]);
        return std::vector<double>(p[2], p[2] + d);
      },
      [&](std::vector<double> v, std::vector<double> t) {
        auto p = parts(v), q = parts(t);
        tri_jvp(d, p[0], p[1], p[2], q[0], q[1], q[2]);
        return std::vector<double>(q[2], q[2] + d);
      },
      [&](std::vector<double> v, const std::vector<double> &c,
          std::vector<double> &adj, std::vector<double> &out) {
        auto p = parts(v), q = parts(adj);
        for (int i = 0; i < d; ++i)
          q[2][i] += c[i] - start[nl + d + i];
        tri_vjp(d, p[0], p[1], p[2], q[0], q[1], q[2]);
        for (int i = 0; i < d; ++i)
          out[i] = p[2][i];
        for (int i = 0; i < d; ++i)
          q[2][i] += start[nl + d + i];
      });
}

int main() {
  checkAxpy("axpy n=7", 7);
  checkAxpy("axpy n=1", 1);
  rtest::check_vjp(
      "overlapping", {0.7, 0.3, -1.1, 0.4, 0.9, -0.6}, {1.0},
      {0.5, 0, 0.25, 0, 0, -1},
      [](std::vector<double> v) {
        return std::vector<double>{overlapping(v[0], &v[1])};
      },
      [](std::vector<double> v, std::vector<double> t) {
        return std::vector<double>{
            overlapping_jvp(v[0], &v[1], t[0], &t[1]).tangent};
      },
      [](std::vector<double> v, const std::vector<double> &c,
         std::vector<double> &adj, std::vector<double> &out) {
        // A written array's adjoint: no cotangent for y's final values.
        std::vector<double> dy(adj.begin() + 1, adj.end());
        std::fill(adj.begin() + 1, adj.end(), 0.0);
        out[0] = overlapping_grad(v[0], &v[1], adj[0], &adj[1]);
        for (std::size_t i = 1; i < adj.size(); ++i)
          adj[i] += dy[i - 1];
        (void)c;
      });
  checkTri(3);
  checkTri(12);

  double x[13];
  for (int i = 0; i < 13; ++i)
    x[i] = std::cos(0.4 * i);
  double da = 0.5, dx[13] = {};
  double v = scaledSum_grad(13, -1.5, x, da, dx);
  rtest::check_tape_empty("scaledSum tape");
  double sum = 0;
  for (int i = 0; i < 13; ++i) {
    sum += x[i];
    frechet::check_close(rtest::name("scaledSum d_x", i), dx[i], -1.5, 1e-15);
  }
  frechet::check_close("scaledSum value", v, -1.5 * sum, 1e-14);
  frechet::check_close("scaledSum d_a", da, 0.5 + sum, 1e-14);
  return frechet::check_exit_code();
}
// EXEC: ok axpy n=7 adjoint 0 vs fd
// EXEC: ok overlapping adjoint 0 vs fd
// EXEC: ok overlapping adjoint 5 vs fd
// EXEC: ok tri d=12 adjoint 89 vs fd
// EXEC: ok scaledSum d_a
// EXEC: 0 failed
