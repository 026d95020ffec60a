// Work arrays that every iteration of a loop writes before it reads them,
// and that nothing outside the loop mentions, get a stretch of a tape block
// per iteration: the array becomes a pointer into the block, nothing is
// saved or restored around its writes, and the callees that write it first
// get "fresh" variants that do not undo those writes; from 32 elements on,
// calls take the arrays by restrict pointer (variants "_restrict_..."),
// which lets the optimizer vectorize the callees' loops. Arrays that carry
// values between iterations, or are read after the loop, or are written
// first by a callee that may return before writing them, keep the saves.
// Every gradient is checked against forward mode and central differences.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "Inputs/reverse_check.h"

// out = x - mu: writes all of out[0, d) first.
void centered(int d, const double *x, const double *mu, double *out) {
  for (int j = 0; j < d; ++j)
    out[j] = x[j] - mu[j];
}

// out = L x with L lower triangular (diagonal w, below it 0.5 w): writes
// out[0, d) first, then adds to it.
void lower(int d, const double *w, const double *x, double *out) {
  for (int j = 0; j < d; ++j)
    out[j] = w[j] * x[j];
  for (int j = 0; j < d; ++j)
    for (int i = j + 1; i < d; ++i)
      out[i] += 0.5 * w[i] * x[j];
}

double sqnorm(int d, const double *x) {
  double s = 0;
  for (int j = 0; j < d; ++j)
    s += x[j] * x[j];
  return s;
}

// Reads x[0]: the block keeps at least one element per iteration.
double head(const double *x) { return x[0]; }

// A mixture-type objective with its work arrays at the top, as ADBench's
// GMM writes it: z and y private to the loop over k, terms to the loop over
// i (written by the first loop over k, read by the second).
#pragma frechet gradient wrt(mu, w)
#pragma frechet forward wrt(mu, w)
double mixture(int n, int K, int d, const double *x, const double *mu,
               const double *w) {
  double z[4], y[4], terms[8];
  double total = 0;
  for (int i = 0; i < n; ++i) {
    for (int k = 0; k < K; ++k) {
      centered(d, &x[i * d], &mu[k * d], z);
      lower(d, w, z, y);
      terms[k] = std::exp(-sqnorm(d, y)) * (1.5 + head(y));
    }
    double s = 0;
    for (int k = 0; k < K; ++k)
      s += terms[k];
    total += std::log(s);
  }
  return total;
}
// CHECK-LABEL: inline double mixture_wrt_mu_w_fwd({{.*}}) {
// CHECK:         double *z = nullptr;
// CHECK-NEXT:    double *y = nullptr;
// CHECK-NEXT:    double *terms = nullptr;
// CHECK:         [[TERMS:_p[_0-9]*]] = _tape.push_block<double>([[NI:_n[_0-9]*]] * (K > 0 ? K : 0));
// CHECK:         for (i = [[SI:_s[_0-9]*]]; i < n; ++i) {
// CHECK-NEXT:      terms = [[TERMS]] + (i - [[SI]]) * (K > 0 ? K : 0);
// CHECK:           [[Z:_p[_0-9]*]] = _tape.push_block<double>([[NK:_n[_0-9]*]] * (d > 0 ? d : 0));
// CHECK-NEXT:      [[Y:_p[_0-9]*]] = _tape.push_block<double>([[NK]] * (d > 1 ? d : 1));
// CHECK-NEXT:      for (k = [[SK:_s[_0-9]*]]; k < K; ++k) {
// CHECK-NEXT:        z = [[Z]] + (k - [[SK]]) * (d > 0 ? d : 0);
// CHECK-NEXT:        y = [[Y]] + (k - [[SK]]) * (d > 1 ? d : 1);
// CHECK-NEXT:        if ((d > 0 ? d : 0) >= 32)
// CHECK-NEXT:          centered_wrt_mu_out_fresh_out_restrict_out_fwd(d, &x[i * d], &mu[k * d], z, _tape);
// CHECK-NEXT:        else
// CHECK-NEXT:          centered_wrt_mu_out_fresh_out_fwd(d, &x[i * d], &mu[k * d], z, _tape);
// CHECK-NEXT:        if ((d > 0 ? d : 0) >= 32)
// CHECK-NEXT:          lower_fresh_out_restrict_x_out_fwd(d, w, z, y, _tape);
// CHECK-NEXT:        else
// CHECK-NEXT:          lower_fresh_out_fwd(d, w, z, y, _tape);
// CHECK-NOT:         _tape.push(terms
// CHECK:           _tape.push([[Z]]);
// CHECK-NEXT:      _tape.push([[Y]]);
// CHECK:         _tape.push([[TERMS]]);
// CHECK-NOT:     push_array(&z
// CHECK:         return _ret;

// The reverse sweep points the arrays at the same stretches, backwards.
// CHECK-LABEL: inline void mixture_wrt_mu_w_rev({{.*}}) {
// CHECK:         [[TERMS]] = _tape.pop<double *>();
// CHECK:         terms = [[TERMS]] + ([[KI:_k[_0-9]*]]) * (K > 0 ? K : 0);
// CHECK:         [[Y]] = _tape.pop<double *>();
// CHECK-NEXT:    [[Z]] = _tape.pop<double *>();
// CHECK:           z = [[Z]] + ([[KK:_k[_0-9]*]]) * (d > 0 ? d : 0);
// CHECK-NEXT:      y = [[Y]] + ([[KK]]) * (d > 1 ? d : 1);
// CHECK:             lower_fresh_out_restrict_x_out_rev(d, w, z, y,
// CHECK-NEXT:      else
// CHECK-NEXT:        lower_fresh_out_rev(d, w, z, y,
// CHECK-NEXT:      if ((d > 0 ? d : 0) >= 32)
// CHECK-NEXT:        centered_wrt_mu_out_fresh_out_restrict_out_rev(d, &x[i * d], &mu[k * d], z,
// CHECK-NEXT:      else
// CHECK-NEXT:        centered_wrt_mu_out_fresh_out_rev(d, &x[i * d], &mu[k * d], z,
// CHECK:         _tape.pop_block<double>([[NK]] * (d > 1 ? d : 1));
// CHECK-NEXT:    _tape.pop_block<double>([[NK]] * (d > 0 ? d : 0));
// CHECK:       _tape.pop_block<double>([[NI]] * (K > 0 ? K : 0));

// The loop over i only adds to total, and what it writes is private to it:
// f_grad reverses each iteration right after it (test/reverse/
// fused-loops.cpp), with one stretch of tape for terms and one iteration's
// stretches for z and y.
// CHECK-LABEL: double mixture_grad({{.*}}) {
// CHECK:         // Iterations only add to 'total': each is reversed right after it runs.
// CHECK:         [[FT:_p[_0-9]*]] = _tape.push_block<double>((K > 0 ? K : 0));
// CHECK-NEXT:    for (i = {{_s[_0-9]*}}; i < n; ++i) {
// CHECK-NEXT:      terms = [[FT]];
// CHECK:         _tape.pop_block<double>((K > 0 ? K : 0));
// CHECK-NEXT:    d_total = 0;

// A fresh variant saves nothing of what it writes through out.
// CHECK-LABEL: inline void centered_wrt_mu_out_fresh_out_fwd({{.*}}) {
// CHECK-NOT:     _tape
// CHECK:       _exit:
// CHECK-LABEL: inline void lower_fresh_out_fwd({{.*}}) {
// CHECK-NOT:     _tape
// CHECK:       _exit:

// From 32 elements on, the restrict variants run (d = 33 below).
#pragma frechet gradient wrt(mu, w)
#pragma frechet forward wrt(mu, w)
double wide(int n, int d, const double *x, const double *mu, const double *w) {
  double z[40], y[40];
  double total = 0;
  for (int i = 0; i < n; ++i) {
    centered(d, &x[i * d], mu, z);
    lower(d, w, z, y);
    total += std::sqrt(1 + sqnorm(d, y));
  }
  return total;
}

// A local bound: assigned once, outside loops, so the block can be sized
// before the loop, and f_rev gets it from the tape (m); one declared in
// the outer loop (m2) changes from iteration to iteration: not private.
#pragma frechet gradient wrt(mu)
#pragma frechet forward wrt(mu)
double localBound(int n, int d, const double *x, const double *mu) {
  int m = d - 1;
  double z[4], u[4];
  double t = 0;
  for (int i = 0; i < n; ++i) {
    int m2 = d - i % 2;
    for (int k = 0; k < 2; ++k) {
      centered(m, &x[i * d], mu, z);
      centered(m2, &x[i * d], mu, u);
      t += sqnorm(m, z) * sqnorm(m2, u) * mu[k];
    }
  }
  return t;
}
// CHECK-LABEL: inline double localBound_wrt_mu_fwd({{.*}}) {
// CHECK:         double *z = nullptr;
// CHECK-NEXT:    double u[4]{};
// CHECK:         {{_p[_0-9]*}} = _tape.push_block<double>({{_n[_0-9]*}} * (m > 0 ? m : 0));
// CHECK:       _exit:
// CHECK:         _tape.push(m);
// CHECK-LABEL: inline void localBound_wrt_mu_rev({{.*}}) {
// CHECK:         _tape.pop_into(m);

// A trip count the reverse sweep cannot evaluate again (n2 changes after
// the loop) is taped, and the block could not be sized: z, private to that
// loop, keeps its saves; y, private to the loop inside it, does not.
#pragma frechet gradient wrt(mu)
#pragma frechet forward wrt(mu)
double unstableTrip(int n, int d, const double *x, const double *mu) {
  double z[4], y[4];
  double t = 0;
  int n2 = n;
  for (int i = 0; i < n2; ++i) {
    centered(d, &x[i * d], mu, z);
    for (int k = 0; k < 2; ++k) {
      lower(d, mu, z, y);
      t += sqnorm(d, y) * mu[k];
    }
  }
  n2 = 0;
  return t + n2;
}
// CHECK-LABEL: inline double unstableTrip_wrt_mu_fwd({{.*}}) {
// CHECK:         double z[4]{};
// CHECK-NEXT:    double *y = nullptr;
// CHECK:         centered_wrt_mu_out_fwd(d, &x[i * d], mu, z, _tape);
// CHECK:           y = {{_p[_0-9]*}} + (k - {{_s[_0-9]*}}) * (d > 0 ? d : 0);
// CHECK:             lower_fresh_out_fwd(d, mu, z, y, _tape);

// The first write of a private array in the loop itself: no saves of v.
#pragma frechet gradient wrt(w)
#pragma frechet forward wrt(w)
double direct(int n, int d, const double *x, const double *w) {
  double v[4];
  double total = 0;
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < d; ++j)
      v[j] = w[j] * x[i * d + j];
    for (int j = 1; j < d; ++j)
      v[j] = v[j] * v[j - 1] + w[j];
    total += std::sin(sqnorm(d, v));
  }
  return total;
}
// CHECK-LABEL: inline double direct_wrt_w_fwd({{.*}}) {
// CHECK:         double *v = nullptr;
// CHECK:           v = [[V:_p[_0-9]*]] + (i - {{_s[_0-9]*}}) * (d > 0 ? d : 0);
// CHECK-NEXT:      {{_n[_0-9]*}} = 0;
// CHECK-NOT:       push_bytes(&v
// CHECK:           for (j = {{_s[_0-9]*}}; j < d; ++j) {
// CHECK-NEXT:        v[j] = w[j] * x[i * d + j];
// CHECK-NEXT:      }

// In place after the first write: scale's ordinary variant saves what it
// overwrites (its reverse reads it); centered's is fresh.
void scale(int d, double c, double *x) {
  for (int j = 0; j < d; ++j)
    x[j] = x[j] * x[j] * c;
}

#pragma frechet gradient wrt(mu)
#pragma frechet forward wrt(mu)
double rescaled(int n, int d, const double *x, const double *mu) {
  double z[4];
  double t = 0;
  for (int i = 0; i < n; ++i) {
    centered(d, &x[i * d], mu, z);
    scale(d, 0.5, z);
    t += sqnorm(d, z) * mu[0];
  }
  return t;
}
// CHECK-LABEL: inline double rescaled_wrt_mu_fwd({{.*}}) {
// CHECK:           centered_wrt_mu_out_fresh_out_fwd(d, &x[i * d], mu, z, _tape);
// CHECK-NEXT:    if ((d > 0 ? d : 0) >= 32)
// CHECK-NEXT:      scale_wrt_x_restrict_x_fwd(d, 0.5, z, _tape);
// CHECK-NEXT:    else
// CHECK-NEXT:      scale_wrt_x_fwd(d, 0.5, z, _tape);

// Not private: values carried from one iteration to the next (acc), read
// after the loop (last), written first by a callee that may not write it.
void maybeCentered(int d, const double *x, const double *mu, double *out) {
  if (d > 3)
    return;
  for (int j = 0; j < d; ++j)
    out[j] = x[j] - mu[j];
}

#pragma frechet gradient wrt(mu)
#pragma frechet forward wrt(mu)
double notPrivate(int n, int d, const double *x, const double *mu) {
  double acc[4], last[4], maybe[4];
  for (int j = 0; j < d; ++j)
    acc[j] = 0;
  double t = 0;
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < d; ++j)
      acc[j] += mu[j] * x[i * d + j];
    centered(d, &x[i * d], mu, last);
    maybeCentered(d, &x[i * d], mu, maybe);
    t += sqnorm(d, acc) + sqnorm(d, last) * sqnorm(d, maybe);
  }
  return t + last[0];
}
// CHECK-LABEL: inline double notPrivate_wrt_mu_fwd({{.*}}) {
// CHECK:         double acc[4]{};
// CHECK-NEXT:    double last[4]{};
// CHECK-NEXT:    double maybe[4]{};
// CHECK:         centered_wrt_mu_out_fwd(d, &x[i * d], mu, last, _tape);
// CHECK-NEXT:    maybeCentered_wrt_mu_out_fwd(d, &x[i * d], mu, maybe, _tape);

int main() {
  const int d = 3, K = 2;
  for (int n : {1, 4}) {
    std::vector<double> x(n * d);
    for (int k = 0; k < n * d; ++k)
      x[k] = std::sin(0.37 * k + 0.2) * (1 + 0.1 * (k % 3));
    // mixture: mu (K*d = 6) and w (d = 3).
    std::vector<double> in = {0.1, -0.2, 0.3, 0.5, 0.7, -0.2, 0.9, 0.6, 1.1};
    rtest::check_vjp(
        rtest::name("mixture n", n), in, {1.0}, {0.5, 0, 0, 0, 0, 0, 0, 0, 1},
        [&](std::vector<double> v) {
          return std::vector<double>{
              mixture(n, K, d, x.data(), v.data(), v.data() + 6)};
        },
        [&](std::vector<double> v, std::vector<double> t) {
          return std::vector<double>{mixture_jvp(n, K, d, x.data(), v.data(),
                                                 v.data() + 6, t.data(),
                                                 t.data() + 6)
                                         .tangent};
        },
        [&](std::vector<double> v, const std::vector<double> &,
            std::vector<double> &adj, std::vector<double> &out) {
          out[0] = mixture_grad(n, K, d, x.data(), v.data(), v.data() + 6,
                                adj.data(), adj.data() + 6);
        });
    // direct, rescaled, notPrivate: one array of d inputs.
    std::vector<double> w = {0.4, -0.3, 0.8};
    auto check = [&](const char *what, auto f, auto jvp, auto grad) {
      rtest::check_vjp(
          rtest::name(what, n), w, {1.0}, {0, 0, 0},
          [&](std::vector<double> v) {
            return std::vector<double>{f(n, d, x.data(), v.data())};
          },
          [&](std::vector<double> v, std::vector<double> t) {
            return std::vector<double>{
                jvp(n, d, x.data(), v.data(), t.data()).tangent};
          },
          [&](std::vector<double> v, const std::vector<double> &,
              std::vector<double> &adj, std::vector<double> &out) {
            out[0] = grad(n, d, x.data(), v.data(), adj.data());
          });
    };
    check("direct n", direct, direct_jvp, direct_grad);
    check("rescaled n", rescaled, rescaled_jvp, rescaled_grad);
    check("notPrivate n", notPrivate, notPrivate_jvp, notPrivate_grad);
    check("localBound n", localBound, localBound_jvp, localBound_grad);
    check("unstableTrip n", unstableTrip, unstableTrip_jvp,
          unstableTrip_grad);
  }
  // wide: d = 3 takes the plain variants, d = 33 the restrict ones.
  for (int dw : {3, 33}) {
    const int n = 3;
    std::vector<double> x(n * dw), in(2 * dw);
    for (int k = 0; k < n * dw; ++k)
      x[k] = std::cos(0.41 * k + 0.3);
    for (int k = 0; k < 2 * dw; ++k)
      in[k] = k < dw ? 0.2 * std::sin(0.7 * k) : 0.3 + 0.01 * (k - dw);
    rtest::check_vjp(
        rtest::name("wide d", dw), in, {1.0},
        std::vector<double>(2 * dw, 0.0),
        [&](std::vector<double> v) {
          return std::vector<double>{
              wide(n, dw, x.data(), v.data(), v.data() + dw)};
        },
        [&](std::vector<double> v, std::vector<double> t) {
          return std::vector<double>{wide_jvp(n, dw, x.data(), v.data(),
                                              v.data() + dw, t.data(),
                                              t.data() + dw)
                                         .tangent};
        },
        [&](std::vector<double> v, const std::vector<double> &,
            std::vector<double> &adj, std::vector<double> &out) {
          out[0] = wide_grad(n, dw, x.data(), v.data(), v.data() + dw,
                             adj.data(), adj.data() + dw);
        });
  }
  return frechet::check_exit_code();
}
// EXEC-NOT: FAIL
// EXEC: {{[1-9][0-9]*}} passed, 0 failed
