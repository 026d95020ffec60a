// A counted loop whose memory writes are all `B[i] = e` (or +=, -=) with i
// its index, and whose reverse reads no memory, saves what it overwrites as
// whole blocks (tape.push_bytes before the loop, pop_bytes after the
// reverse loop) instead of one push and one pop per element. Also with the
// output aliasing an input (in place, and shifted by one), and a loop
// writing two arrays. A product with a differentiated factor makes the
// reverse read memory: element by element, into a tape block with one slot
// per iteration, also with the output shifted either way against the input.
// Gradients are checked against forward mode and central differences.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>
#include <vector>

#include "Inputs/reverse_check.h"

void sub(int n, const double *x, const double *y, double *out) {
  for (int i = 0; i < n; ++i)
    out[i] = x[i] - y[i];
}
// CHECK-LABEL: inline void sub_fwd(int n, const double *x, const double *y, double *out, frechet::tape &_tape) {
// CHECK:         _n = n > _s ? n - _s : 0;
// CHECK-NEXT:    if (_n > 0)
// CHECK-NEXT:      _tape.push_bytes(&out[_s], sizeof(double) * _n);
// CHECK-NEXT:    for (i = _s; i < n; ++i) {
// CHECK-NEXT:      out[i] = x[i] - y[i];
// CHECK-NEXT:    }
// CHECK-LABEL: inline void sub_rev(int n, const double *x, const double *y, double *out, double *d_x, double *d_y, double *d_out, frechet::tape &_tape) {
// CHECK-NOT:     _tape.pop<double>
// CHECK:         d_y[i] += -[[R:_r[_0-9]*]];
// CHECK-NEXT:    }
// CHECK-NEXT:    if (_n > 0)
// CHECK-NEXT:      _tape.pop_bytes(&out[_s], sizeof(double) * _n);

// a has an adjoint, so the reverse of a * x[i] reads x[i].
void scaled(int n, double a, const double *x, double *out) {
  for (int i = 0; i < n; ++i)
    out[i] = a * x[i];
}
// Saved element by element, into a block with a slot per iteration.
// CHECK-LABEL: inline void scaled_fwd(int n, double a, const double *x, double *out, frechet::tape &_tape) {
// CHECK-NOT:     push_bytes
// CHECK:         _b = _tape.push_block<double>(_n);
// CHECK-NEXT:    for (i = _s; i < n; ++i) {
// CHECK-NEXT:      _b[i - _s] = out[i];
// CHECK-NEXT:      out[i] = a * x[i];
// CHECK-LABEL: inline void scaled_rev(int n, double a, const double *x, double *out, double &d_a, double *d_x, double *d_out, frechet::tape &_tape) {
// CHECK:         _b = _tape.pop_block<double>(_n);
// CHECK:         out[i] = _b[i - _s];

void both(int n, const double *x, double *out, double *w) {
  for (int i = 0; i < n; ++i) {
    out[i] = x[i] + 1.0;
    w[i] -= 2.0 * x[i];
  }
}
// CHECK-LABEL: inline void both_fwd(int n, const double *x, double *out, double *w, frechet::tape &_tape) {
// CHECK:         _tape.push_bytes(&out[_s], sizeof(double) * _n);
// CHECK:         _tape.push_bytes(&w[_s], sizeof(double) * _n);
// CHECK-LABEL: inline void both_rev(int n, const double *x, double *out, double *w, double *d_x, double *d_out, double *d_w, frechet::tape &_tape) {
// CHECK:         _tape.pop_bytes(&w[_s], sizeof(double) * _n);
// CHECK:         _tape.pop_bytes(&out[_s], sizeof(double) * _n);

// v has n + 1 elements.
#pragma frechet gradient
#pragma frechet forward
double f(double *v, double a, int n) {
  double w[8] = {};
  double t[8];
  sub(n, v, v + 1, t);
  sub(n, t, v, v);         // in place: out is y
  sub(n - 1, v + 1, v, v); // out is y, and x shifted by one
  scaled(n, a, t, w);
  scaled(n, a, w, w); // in place: the reverse needs the old w[i]
  scaled(n - 1, a, w, w + 1); // x[i + 1] is read after the loop wrote it
  scaled(n - 1, a, w + 1, w); // x[i] is read before the loop writes it
  both(n, v, t, w);
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += v[i] * w[i] + t[i] * t[i] * a;
  return s + v[n];
}

int main() {
  const int n = 6;
  std::vector<double> in;
  for (int i = 0; i <= n; ++i)
    in.push_back(std::sin(1.0 + 0.8 * i));
  in.push_back(0.7); // a
  std::vector<double> start(in.size());
  for (std::size_t i = 0; i < start.size(); ++i)
    start[i] = 0.1 * i;
  rtest::check_vjp(
      "f", in, {1.0}, start,
      [&](std::vector<double> v) {
        return std::vector<double>{f(v.data(), v[n + 1], n)};
      },
      [&](std::vector<double> v, std::vector<double> t) {
        return std::vector<double>{
            f_jvp(v.data(), v[n + 1], n, t.data(), t[n + 1]).tangent};
      },
      [&](std::vector<double> v, const std::vector<double> &,
          std::vector<double> &adj, std::vector<double> &out) {
        // No cotangent for v's final values: its adjoint starts at zero
        // and returns the adjoint of its initial values.
        std::vector<double> dv(n + 1, 0.0);
        out[0] = f_grad(v.data(), v[n + 1], n, dv.data(), adj[n + 1]);
        for (int i = 0; i <= n; ++i)
          adj[i] += dv[i];
      });
  return frechet::check_exit_code();
}
// EXEC: ok f tape
// EXEC: ok f adjoint 0 vs fd
// EXEC: ok f adjoint 7 vs fd
// EXEC: 0 failed
