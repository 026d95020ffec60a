// A loop whose iterations only add to one sum (`total += t`), with the sum
// used linearly by the return value, is reversed iteration by iteration in
// f_grad / f_vjp: the adjoint of the sum is known before the loop (d_ret
// times the return value's derivative with respect to it), so each
// iteration's reverse runs right after it and the tape holds one iteration
// at a time. f_fwd and f_rev, which other functions call, are unchanged.
// A loop whose reverse reads nothing from the tape (reg's) stays as it was:
// nothing grows with its trip count, and its reverse loop may vectorize.
// Loops that carry anything else from one iteration to the next are not
// fused; every gradient is checked against forward mode and central
// differences, and the tape's peak against the trip count.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "Inputs/reverse_check.h"

void centered(int d, const double *x, const double *mu, double *out) {
  for (int j = 0; j < d; ++j)
    out[j] = x[j] - mu[j];
}

// A logistic-type loss: a helper writing through an output pointer into an
// array of the iteration, a scratch scalar assigned first in every
// iteration, an inner loop, a branch.
#pragma frechet gradient wrt(mu, w)
#pragma frechet reverse wrt(mu, w)
#pragma frechet forward wrt(mu, w)
double loss(int n, int d, const double *x, const double *mu, const double *w,
            double lambda) {
  double reg = 0;
  for (int j = 0; j < d; ++j)
    reg += w[j] * w[j];
  double total = 0;
  double t;
  for (int i = 0; i < n; ++i) {
    t = 0;
    double z[4];
    centered(d, &x[i * d], mu, z);
    for (int j = 0; j < d; ++j)
      t += w[j] * z[j] * z[j];
    if (t > 1)
      t = 1 + std::log(t);
    total += std::log(1 + std::exp(-t));
  }
  return total / n + lambda * reg;
}
// CHECK-LABEL: double loss_grad(
// CHECK-NOT:     loss_wrt_mu_w_fwd(
// CHECK:         const double d_ret = 1.0;
// CHECK-NOT:     // Iterations only add to 'reg'
// CHECK:         // Iterations only add to 'total': each is reversed right after it runs.
// CHECK-NEXT:    _s_1 = 0;
// CHECK-NEXT:    d_total = d_ret * (1.0 / n);
// CHECK-NEXT:    [[Z:_p[_0-9]*]] = _tape.push_block<double>((d > 0 ? d : 0));
// CHECK-NEXT:    for (i = _s_1; i < n; ++i) {
// CHECK-NEXT:      z = [[Z]];
// CHECK:             centered_wrt_mu_out_fresh_out_fwd(d, &x[i * d], mu, z, _tape);
// CHECK:           total += std::log(1 + std::exp(-t));
// CHECK:             centered_wrt_mu_out_fresh_out_rev(d, &x[i * d], mu, z, d_mu, d_z, _tape);
// CHECK-NEXT:      t = _tape.pop<double>();
// CHECK-NEXT:      d_t = 0;
// CHECK-NEXT:    }
// CHECK-NEXT:    _tape.pop_block<double>((d > 0 ? d : 0));
// CHECK-NEXT:    d_total = 0;
// CHECK:       _exit:
// CHECK-NOT:     centered_wrt_mu_out_rev(
// CHECK:         d_w[j] += d_reg * w[j];
// CHECK:         return _ret;
// CHECK-NEXT:  }
// CHECK-LABEL: double loss_vjp(
// CHECK:         d_total = d_ret * (1.0 / n);

// f_fwd / f_rev as other functions call them: not fused.
#pragma frechet gradient wrt(mu, w)
double twice(int n, int d, const double *x, const double *mu, const double *w) {
  return 2 * loss(n, d, x, mu, w, 0.25);
}
// CHECK-LABEL: double twice_grad(
// CHECK:         twice_wrt_mu_w_fwd(

// The sum with -=, scaled and negated in the return.
#pragma frechet gradient
#pragma frechet forward
double negated(const double *x, int n) {
  double s = 1;
  for (int i = 0; i < n; ++i) {
    double u = x[i] * x[(i + 1) % n];
    s -= std::sin(u) * x[i];
  }
  return 3.0 - 2.0 * -s / n;
}
// CHECK-LABEL: double negated_grad(
// CHECK:         d_s = d_ret * (-(((-1.0) * 2.0) / n));

// Fused too: a scratch array declared outside the loop that every iteration
// writes before reading it (centered writes z[0, d) first), which only the
// loop mentions (test/reverse/private-arrays.cpp). The entry point gives it
// one stretch of tape for all iterations.
#pragma frechet gradient wrt(mu, w)
#pragma frechet forward wrt(mu, w)
double outsideArray(int n, int d, const double *x, const double *mu,
                    const double *w) {
  double z[4];
  double total = 0;
  for (int i = 0; i < n; ++i) {
    centered(d, &x[i * d], mu, z);
    for (int j = 0; j < d; ++j)
      total += w[j] * z[j] * z[j];
  }
  return total;
}
// CHECK-LABEL: double outsideArray_grad(
// CHECK-NOT:     outsideArray_wrt_mu_w_fwd(
// CHECK:         // Iterations only add to 'total': each is reversed right after it runs.
// CHECK:         [[Z:_p[_0-9]*]] = _tape.push_block<double>((d > 0 ? d : 0));
// CHECK-NEXT:    for (i = _s; i < n; ++i) {
// CHECK-NEXT:      z = [[Z]];

// Not fused: an array declared outside the loop that an iteration reads
// before it writes it (the previous iteration's values).
#pragma frechet gradient wrt(mu, w)
#pragma frechet forward wrt(mu, w)
double outsideCarried(int n, int d, const double *x, const double *mu,
                      const double *w) {
  double z[4];
  for (int j = 0; j < d; ++j)
    z[j] = mu[j];
  double total = 0;
  for (int i = 0; i < n; ++i) {
    total += w[0] * z[0] * z[1];
    centered(d, &x[i * d], mu, z);
  }
  return total;
}
// CHECK-LABEL: double outsideCarried_grad(
// CHECK:         outsideCarried_wrt_mu_w_fwd(

// Not fused: a value carried from one iteration to the next.
#pragma frechet gradient
#pragma frechet forward
double carried(const double *x, int n) {
  double s = 0, prev = 0.5;
  for (int i = 0; i < n; ++i) {
    s += prev * x[i];
    prev = x[i] * x[i];
  }
  return s;
}
// CHECK-LABEL: double carried_grad(
// CHECK:         carried_fwd(

// Not fused: the sum used nonlinearly, read in the loop, or scaled by a
// value written after the loop; a value the loop reads written after it.
#pragma frechet gradient
#pragma frechet forward
double squared(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i];
  return s * s;
}
// CHECK-LABEL: double squared_grad(
// CHECK:         squared_fwd(

#pragma frechet gradient
#pragma frechet forward
double readInLoop(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += 0.1 * s + x[i];
  return s;
}
// CHECK-LABEL: double readInLoop_grad(
// CHECK:         readInLoop_fwd(

#pragma frechet gradient
#pragma frechet forward
double scaledLater(const double *x, int n) {
  double s = 0, c = x[0];
  for (int i = 0; i < n; ++i)
    s += std::cos(x[i]);
  c = c * 2;
  return s * c;
}
// CHECK-LABEL: double scaledLater_grad(
// CHECK:         scaledLater_fwd(

#pragma frechet gradient
#pragma frechet forward
double writtenLater(const double *x, int n) {
  double a[2] = {x[0], x[1]};
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += a[i % 2] * x[i];
  a[0] = 0;
  return s + a[0] + a[1];
}
// CHECK-LABEL: double writtenLater_grad(
// CHECK:         writtenLater_fwd(

// f writes through a reference: the entry point calls f again at the end to
// redo that, which needs the parameters' first values. With s changed by f
// (found by the random-program tester: the entry's s was the changed one),
// the loop is not fused; with only the reference written, it is.
#pragma frechet reverse
#pragma frechet forward
double valueParamChanged(const double *x, int n, double s, double &r) {
  s += x[0];
  r -= s * 0.5;
  double u = 0.5;
  for (int i = 0; i < n; ++i) {
    double a[2] = {x[i] * r, s};
    u += a[0] * a[1] + std::sin(a[0]);
  }
  return u;
}
// CHECK-LABEL: double valueParamChanged_vjp(
// CHECK:         valueParamChanged_fwd(
#pragma frechet reverse
#pragma frechet forward
double referenceWritten(const double *x, int n, double s, double &r) {
  r -= s * 0.5 + x[0];
  double u = 0.5;
  for (int i = 0; i < n; ++i) {
    double a[2] = {x[i] * r, s};
    u += a[0] * a[1] + std::sin(a[0]);
  }
  return u;
}
// CHECK-LABEL: double referenceWritten_vjp(
// CHECK-NOT:     referenceWritten_fwd(
// CHECK:         // Iterations only add to 'u': each is reversed right after it runs.
// CHECK:         referenceWritten(x, n, s, r);
// CHECK-NEXT:    return _ret;

// The tape's high-water mark during loss_grad, in bytes.
static std::size_t lossPeak(int n, int d, const std::vector<double> &x,
                            const double *mu, const double *w) {
  double gmu[4] = {}, gw[4] = {};
  frechet::default_tape().reset_peak();
  loss_grad(n, d, x.data(), mu, w, 0.1, gmu, gw);
  return frechet::default_tape().peak_bytes();
}

int main() {
  const int d = 3;
  for (int n : {1, 7, 40}) {
    std::vector<double> x(n * d);
    for (int k = 0; k < n * d; ++k)
      x[k] = std::sin(0.37 * k + 0.2) * (1 + 0.1 * (k % 3));
    // loss: value and gradient with respect to mu and w (6 inputs).
    std::vector<double> in = {0.1, -0.2, 0.3, 0.5, 0.7, -0.2};
    auto primal = [&](std::vector<double> v) {
      return std::vector<double>{loss(n, d, x.data(), v.data(), v.data() + 3,
                                      0.1)};
    };
    auto jvp = [&](std::vector<double> v, std::vector<double> t) {
      return std::vector<double>{loss_jvp(n, d, x.data(), v.data(),
                                                   v.data() + 3, 0.1, t.data(),
                                                   t.data() + 3)
                                     .tangent};
    };
    rtest::check_vjp(
        rtest::name("loss_grad n", n), in, {1.0},
        {0.5, 0, -1, 0, 0.25, 0}, primal, jvp,
        [&](std::vector<double> v, const std::vector<double> &,
            std::vector<double> &adj, std::vector<double> &out) {
          out[0] = loss_grad(n, d, x.data(), v.data(), v.data() + 3,
                                      0.1, adj.data(), adj.data() + 3);
        });
    rtest::check_vjp(
        rtest::name("loss_vjp n", n), in, {-0.7}, {0, 0, 0, 0, 0, 0}, primal,
        jvp,
        [&](std::vector<double> v, const std::vector<double> &cot,
            std::vector<double> &adj, std::vector<double> &out) {
          out[0] = loss_vjp(n, d, x.data(), v.data(), v.data() + 3,
                                     0.1, cot[0], adj.data(), adj.data() + 3);
        });
    rtest::check_vjp(
        rtest::name("twice n", n), in, {1.0}, {0, 0, 0, 0, 0, 0},
        [&](std::vector<double> v) {
          return std::vector<double>{
              twice(n, d, x.data(), v.data(), v.data() + 3)};
        },
        [&](std::vector<double> v, std::vector<double> t) {
          return std::vector<double>{
              2 * loss_jvp(n, d, x.data(), v.data(), v.data() + 3,
                                    0.25, t.data(), t.data() + 3)
                      .tangent};
        },
        [&](std::vector<double> v, const std::vector<double> &,
            std::vector<double> &adj, std::vector<double> &out) {
          out[0] = twice_grad(n, d, x.data(), v.data(), v.data() + 3,
                                       adj.data(), adj.data() + 3);
        });
    // Two arrays of 3: mu and w.
    auto check = [&](const char *what, auto f, auto jvp, auto grad) {
      rtest::check_vjp(
          rtest::name(what, n), in, {1.0}, {0, 0, 0, 0, 0, 0},
          [&](std::vector<double> v) {
            return std::vector<double>{
                f(n, d, x.data(), v.data(), v.data() + 3)};
          },
          [&](std::vector<double> v, std::vector<double> t) {
            return std::vector<double>{jvp(n, d, x.data(), v.data(),
                                           v.data() + 3, t.data(),
                                           t.data() + 3)
                                           .tangent};
          },
          [&](std::vector<double> v, const std::vector<double> &,
              std::vector<double> &adj, std::vector<double> &out) {
            out[0] = grad(n, d, x.data(), v.data(), v.data() + 3, adj.data(),
                          adj.data() + 3);
          });
    };
    check("outsideArray n", outsideArray, outsideArray_jvp,
          outsideArray_grad);
    check("outsideCarried n", outsideCarried, outsideCarried_jvp,
          outsideCarried_grad);
    // Functions of x alone: gradient with respect to all of x.
    std::vector<double> xs(x.begin(), x.begin() + n + 2);
    const int m = n + 2;
#define CHECK_ARRAY_FN(F)                                                      \
  rtest::check_vjp(                                                            \
      rtest::name(#F " n", n), xs, {1.0}, std::vector<double>(m, 0.125),      \
      [&](std::vector<double> v) { return std::vector<double>{F(v.data(), m)}; }, \
      [&](std::vector<double> v, std::vector<double> t) {                      \
        return std::vector<double>{F##_jvp(v.data(), m, t.data()).tangent};    \
      },                                                                       \
      [&](std::vector<double> v, const std::vector<double> &,                  \
          std::vector<double> &adj, std::vector<double> &out) {                \
        out[0] = F##_grad(v.data(), m, adj.data());                            \
      })
    CHECK_ARRAY_FN(negated);
    CHECK_ARRAY_FN(carried);
    CHECK_ARRAY_FN(squared);
    CHECK_ARRAY_FN(readInLoop);
    CHECK_ARRAY_FN(scaledLater);
    CHECK_ARRAY_FN(writtenLater);
  }

  // Inputs x[0..2], s, r; outputs the result and r.
#define CHECK_SIDE_EFFECTS(F)                                                  \
  rtest::check_vjp(                                                            \
      #F, {0.3, -0.8, 1.1, 0.6, -0.4}, {0.7, -1.3}, {0, 0.25, 0, 0, 0.5},       \
      [](std::vector<double> v) {                                              \
        double r = v[4];                                                       \
        double y = F(v.data(), 3, v[3], r);                                    \
        return std::vector<double>{y, r};                                      \
      },                                                                       \
      [](std::vector<double> v, std::vector<double> t) {                       \
        double r = v[4], dr = t[4];                                            \
        double dy = F##_jvp(v.data(), 3, v[3], r, t.data(), t[3], dr).tangent; \
        return std::vector<double>{dy, dr};                                    \
      },                                                                       \
      [](std::vector<double> v, const std::vector<double> &cot,                \
         std::vector<double> &adj, std::vector<double> &out) {                 \
        double r = v[4], dr = cot[1];                                          \
        out[0] = F##_vjp(v.data(), 3, v[3], r, cot[0], adj.data(), adj[3],     \
                         dr);                                                  \
        out[1] = r;                                                            \
        adj[4] += dr;                                                          \
      })
  CHECK_SIDE_EFFECTS(valueParamChanged);
  CHECK_SIDE_EFFECTS(referenceWritten);

  // The tape holds one iteration at a time: its peak does not grow with n.
  double mu[3] = {0.1, -0.2, 0.3}, w[3] = {0.5, 0.7, -0.2};
  std::vector<double> x(3000 * d);
  for (std::size_t k = 0; k < x.size(); ++k)
    x[k] = std::cos(0.11 * k);
  std::size_t small = lossPeak(3, d, x, mu, w),
              large = lossPeak(3000, d, x, mu, w);
  frechet::check_close("tape peak at n = 3000 vs n = 3", double(large),
                       double(small), 0.0);
  return frechet::check_exit_code();
}
// EXEC-NOT: FAIL
// EXEC: {{[1-9][0-9]*}} passed, 0 failed
