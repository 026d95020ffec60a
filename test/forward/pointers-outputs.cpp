// Pointer and array parameters: const inputs read through integer index
// expressions and pointer arithmetic, outputs written through non-const
// pointers (a void function and an int-returning one), an in-out array, and
// a pointer that walks an array in a for loop. Tangent pointers move with
// their primal pointers; tangents of outputs are written through the d_
// pointers, and the primal outputs must be exactly what f writes.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <algorithm>
#include <cmath>

#pragma frechet forward
double weighted(const double *a, const double w[4], int n) {
  double s = 0;
  for (int i = 0; i + 1 < n; ++i)
    s += a[i + 1] * a[n - 1 - i] * w[i];
  const double *p = a + 2;
  s += *p * p[1];
  p = p - 1;
  s += *p;
  ++p;
  s += p[-1] * 2;
  p++;
  s += *(p + 0) * a[0];
  return s;
}
// CHECK-LABEL: frechet::jvp_result<double> weighted_jvp(const double *a, const double w[4], int n, const double *d_a, const double d_w[4]) {
// CHECK-NEXT:    double s = 0;
// CHECK-NEXT:    double d_s = 0.0;
// CHECK-NEXT:    for (int i = 0; i + 1 < n; ++i) {
// CHECK-NEXT:      d_s += (d_a[i + 1] * a[n - 1 - i] + a[i + 1] * d_a[n - 1 - i]) * w[i] + a[i + 1] * a[n - 1 - i] * d_w[i];
// CHECK-NEXT:      s += a[i + 1] * a[n - 1 - i] * w[i];
// CHECK-NEXT:    }
// CHECK-NEXT:    const double *p = a + 2;
// CHECK-NEXT:    const double *d_p = d_a + 2;
// CHECK-NEXT:    d_s += *d_p * p[1] + *p * d_p[1];
// CHECK-NEXT:    s += *p * p[1];
// CHECK-NEXT:    d_p = d_p - 1;
// CHECK-NEXT:    p = p - 1;
// CHECK-NEXT:    d_s += *d_p;
// CHECK-NEXT:    s += *p;
// CHECK-NEXT:    ++p;
// CHECK-NEXT:    ++d_p;
// CHECK-NEXT:    d_s += d_p[-1] * 2;
// CHECK-NEXT:    s += p[-1] * 2;
// CHECK-NEXT:    p++;
// CHECK-NEXT:    ++d_p;
// CHECK-NEXT:    d_s += *(d_p + 0) * a[0] + *(p + 0) * d_a[0];
// CHECK-NEXT:    s += *(p + 0) * a[0];
// CHECK-NEXT:    return {s, d_s};
// CHECK-NEXT:  }

// A void function: every tangent leaves through d_out.
#pragma frechet forward
void stencil(const double *in, double *out, int n, double scale) {
  for (int i = 1; i + 1 < n; ++i)
    out[i] = scale * (in[i - 1] - 2 * in[i] + in[i + 1]);
  out[0] = in[0] * in[0];
  double *last = out + (n - 1);
  *last = in[n - 1] / scale;
}
// CHECK-LABEL: void stencil_jvp(const double *in, double *out, int n, double scale, const double *d_in, double *d_out, double d_scale) {
// CHECK-NEXT:    for (int i = 1; i + 1 < n; ++i) {
// CHECK-NEXT:      d_out[i] = d_scale * (in[i - 1] - 2 * in[i] + in[i + 1]) + scale * (d_in[i - 1] - 2 * d_in[i] + d_in[i + 1]);
// CHECK-NEXT:      out[i] = scale * (in[i - 1] - 2 * in[i] + in[i + 1]);
// CHECK-NEXT:    }
// CHECK-NEXT:    d_out[0] = d_in[0] * in[0] + in[0] * d_in[0];
// CHECK-NEXT:    out[0] = in[0] * in[0];
// CHECK-NEXT:    double *last = out + (n - 1);
// CHECK-NEXT:    double *d_last = d_out + (n - 1);
// CHECK-NEXT:    *d_last = (d_in[n - 1] * scale - in[n - 1] * d_scale) / (scale * scale);
// CHECK-NEXT:    *last = in[n - 1] / scale;
// CHECK-NEXT:  }

// An int result with array outputs: the count comes back as it is.
#pragma frechet forward
int positive(const double x[], double y[3], int n) {
  int count = 0;
  for (int i = 0; i < n; ++i) {
    y[i] = x[i] * x[(i + 1) % n];
    if (y[i] > 0)
      ++count;
  }
  return count;
}
// CHECK-LABEL: int positive_jvp(const double x[], double y[3], int n, const double d_x[], double d_y[3]) {
// CHECK-NEXT:    int count = 0;
// CHECK-NEXT:    for (int i = 0; i < n; ++i) {
// CHECK-NEXT:      d_y[i] = d_x[i] * x[(i + 1) % n] + x[i] * d_x[(i + 1) % n];
// CHECK-NEXT:      y[i] = x[i] * x[(i + 1) % n];
// CHECK-NEXT:      if (y[i] > 0) {
// CHECK-NEXT:        ++count;
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    return count;
// CHECK-NEXT:  }

// An in-out array: its incoming values have tangents too.
#pragma frechet forward
void accum(const double *x, double *acc, int n) {
  for (int i = 0; i < n; ++i) {
    acc[0] += x[i];
    acc[1] *= x[i];
  }
  acc[2] = acc[0] * acc[1];
}
// CHECK-LABEL: void accum_jvp(const double *x, double *acc, int n, const double *d_x, double *d_acc) {
// CHECK-NEXT:    for (int i = 0; i < n; ++i) {
// CHECK-NEXT:      d_acc[0] += d_x[i];
// CHECK-NEXT:      acc[0] += x[i];
// CHECK-NEXT:      d_acc[1] = d_acc[1] * x[i] + acc[1] * d_x[i];
// CHECK-NEXT:      acc[1] *= x[i];
// CHECK-NEXT:    }
// CHECK-NEXT:    d_acc[2] = d_acc[0] * acc[1] + acc[0] * d_acc[1];
// CHECK-NEXT:    acc[2] = acc[0] * acc[1];
// CHECK-NEXT:  }

// A pointer declared in the for-init and advanced in the increment.
#pragma frechet forward
double walk(const double *a, int n) {
  double s = 0;
  for (const double *q = a; q != a + n; ++q)
    s += *q * *q;
  return s;
}
// CHECK-LABEL: frechet::jvp_result<double> walk_jvp(const double *a, int n, const double *d_a) {
// CHECK-NEXT:    double s = 0;
// CHECK-NEXT:    double d_s = 0.0;
// CHECK-NEXT:    {
// CHECK-NEXT:      const double *q = a;
// CHECK-NEXT:      const double *d_q = d_a;
// CHECK-NEXT:      for (; q != a + n; ++q, ++d_q) {
// CHECK-NEXT:        d_s += *d_q * *q + *q * *d_q;
// CHECK-NEXT:        s += *q * *q;
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    return {s, d_s};
// CHECK-NEXT:  }

// Pointers chosen by ?:, compared, subtracted, moved by += and -=, and
// the index-first form 2[a].
#pragma frechet forward
double ptrs(const double *a, const double *b, int n) {
  const double *p = n > 1 ? a : b;
  const double *end = p + n;
  double s = 0;
  while (p < end) {
    s += *p * (end - p);
    p += 1;
  }
  const double *q = b;
  q += 2;
  q -= 1;
  return s + *q + 2[a];
}
// CHECK-LABEL: frechet::jvp_result<double> ptrs_jvp(const double *a, const double *b, int n, const double *d_a, const double *d_b) {
// CHECK-NEXT:    const double *p = n > 1 ? a : b;
// CHECK-NEXT:    const double *d_p = n > 1 ? d_a : d_b;
// CHECK-NEXT:    const double *end = p + n;
// CHECK-NEXT:    const double *d_end = d_p + n;
// CHECK:         while (p < end) {
// CHECK-NEXT:      d_s += *d_p * (end - p);
// CHECK-NEXT:      s += *p * (end - p);
// CHECK-NEXT:      p += 1;
// CHECK-NEXT:      d_p += 1;
// CHECK-NEXT:    }
// CHECK-NEXT:    const double *q = b;
// CHECK-NEXT:    const double *d_q = d_b;
// CHECK-NEXT:    q += 2;
// CHECK-NEXT:    d_q += 2;
// CHECK-NEXT:    q -= 1;
// CHECK-NEXT:    d_q -= 1;
// CHECK-NEXT:    return {s + *q + a[2], d_s + *d_q + d_a[2]};
// CHECK-NEXT:  }

// weighted(a + t da, w + t dw, 4) as a function of t.
struct WeightedLine {
  const double *a, *w, *da, *dw;
  double operator()(double t) const {
    double at[4], wt[4];
    for (int i = 0; i < 4; ++i) {
      at[i] = a[i] + t * da[i];
      wt[i] = w[i] + t * dw[i];
    }
    return weighted(at, wt, 4);
  }
};

int main() {
  // Central differences: h = 1e-6, tolerance 1e-7 (relative); all functions
  // here are polynomials or rational, so truncation is tiny.
  const double a[4] = {0.7, -1.2, 2.1, 0.4}, w[4] = {1.5, -0.3, 0.8, 9.0};
  const double zero[4] = {};
  const char *aNames[4] = {"weighted d/da0", "weighted d/da1", "weighted d/da2",
                           "weighted d/da3"};
  for (int k = 0; k < 4; ++k) {
    double e[4] = {};
    e[k] = 1;
    frechet::check_close(aNames[k], weighted_jvp(a, w, 4, e, zero).tangent,
                         frechet::central_difference(
                             WeightedLine{a, w, e, zero}, 0.0, 1e-6),
                         1e-7);
  }
  // d/da0 exactly: from a[3] * a[0] at the end, and a[1..3] * a[3..1].
  {
    double e[4] = {1, 0, 0, 0};
    frechet::check_close("weighted exact d/da0",
                         weighted_jvp(a, w, 4, e, zero).tangent, a[3], 1e-15);
  }
  {
    double e[4] = {0, 0, 1, 0}; // s depends on w[2] through a[3] * a[1]
    frechet::check_close("weighted d/dw2", weighted_jvp(a, w, 4, zero, e).tangent,
                         a[3] * a[1], 1e-15);
    const double da[4] = {0.3, -0.9, 0.5, 1.1}, dw[4] = {-0.2, 0.7, 0.1, 5.0};
    frechet::check_close("weighted d/dr", weighted_jvp(a, w, 4, da, dw).tangent,
                         frechet::central_difference(WeightedLine{a, w, da, dw},
                                                     0.0, 1e-6),
                         1e-7);
  }

  // stencil: n = 5 in an array of 6; out[5] must stay untouched in both.
  {
    const double in[5] = {0.5, 1.5, -0.25, 2.0, 1.25}, scale = 1.75;
    const double din[5] = {0.1, -0.4, 0.9, 0.3, -1.0}, dscale = 0.6;
    double outRef[6], out[6], dout[6];
    for (int i = 0; i < 6; ++i)
      outRef[i] = out[i] = dout[i] = 42.0;
    stencil(in, outRef, 5, scale);
    stencil_jvp(in, out, 5, scale, din, dout, dscale);
    double maxDiff = 0;
    for (int i = 0; i < 6; ++i)
      maxDiff = std::max(maxDiff, std::fabs(out[i] - outRef[i]));
    frechet::check_close("stencil primal outputs", maxDiff, 0.0, 0.0);
    frechet::check_close("stencil out[5] untouched", dout[5], 42.0, 0.0);
    const char *names[5] = {"stencil d out0", "stencil d out1",
                            "stencil d out2", "stencil d out3",
                            "stencil d out4"};
    for (int k = 0; k < 5; ++k) {
      auto f = [&](double t) {
        double it[5], o[6];
        for (int i = 0; i < 5; ++i)
          it[i] = in[i] + t * din[i];
        stencil(it, o, 5, scale + t * dscale);
        return o[k];
      };
      frechet::check_close(names[k], dout[k],
                           frechet::central_difference(f, 0.0, 1e-6), 1e-7);
    }
    // Exactly: out[2] = scale (in1 - 2 in2 + in3).
    frechet::check_close(
        "stencil exact d out2", dout[2],
        dscale * (in[1] - 2 * in[2] + in[3]) +
            scale * (din[1] - 2 * din[2] + din[3]),
        1e-15);
  }

  // positive: the int result and the outputs.
  {
    const double x[3] = {1.5, -0.5, -2.0}, dx[3] = {0.25, 1.0, -0.75};
    double y[3], dy[3], yRef[3];
    int countRef = positive(x, yRef, 3);
    int count = positive_jvp(x, y, 3, dx, dy);
    frechet::check_close("positive count", count, countRef, 0.0);
    frechet::check_close("positive count is 1", count, 1, 0.0);
    const char *names[3] = {"positive dy0", "positive dy1", "positive dy2"};
    for (int i = 0; i < 3; ++i) {
      int j = (i + 1) % 3;
      frechet::check_close(names[i], dy[i], dx[i] * x[j] + x[i] * dx[j],
                           1e-15);
    }
    frechet::check_close("positive y1", y[1], yRef[1], 0.0);
  }

  // accum with incoming tangents on acc.
  {
    const double x[3] = {1.25, -0.5, 2.0}, dx[3] = {0.5, 0.25, -1.0};
    double acc[3] = {0.5, 2.0, 0.0}, dacc[3] = {1.0, -0.5, 7.0};
    const double acc0[3] = {0.5, 2.0, 0.0}, dacc0[3] = {1.0, -0.5, 7.0};
    accum_jvp(x, acc, 3, dx, dacc);
    auto f = [&](double t) {
      double xt[3], at[3];
      for (int i = 0; i < 3; ++i) {
        xt[i] = x[i] + t * dx[i];
        at[i] = acc0[i] + t * dacc0[i];
      }
      accum(xt, at, 3);
      return at[2];
    };
    frechet::check_close("accum d acc2", dacc[2],
                         frechet::central_difference(f, 0.0, 1e-6), 1e-7);
    // acc0 = 0.5 + sum x, acc1 = 2 prod x.
    frechet::check_close("accum d acc0", dacc[0], 1.0 + 0.5 + 0.25 - 1.0,
                         1e-15);
    frechet::check_close("accum acc2", acc[2], (0.5 + 2.75) * 2 * -1.25, 1e-15);
  }

  {
    const double q[3] = {0.5, -1.5, 3.0}, dq[3] = {1.0, 2.0, -0.5};
    auto r = walk_jvp(q, 3, dq);
    frechet::check_close("walk value", r.value, 0.25 + 2.25 + 9.0, 1e-15);
    frechet::check_close("walk tangent", r.tangent,
                         2 * (0.5 * 1.0 - 1.5 * 2.0 - 3.0 * 0.5), 1e-15);
  }
  {
    // n = 3: 3 a0 + 2 a1 + a2 + b1 + a2; n = 1: b0 + b1 + a2.
    const double a[3] = {0.5, -1.5, 2.0}, b[3] = {4.0, 0.25, 8.0};
    const double da[3] = {1.0, 0.5, -2.0}, db[3] = {0.75, -1.0, 3.0};
    frechet::check_close("ptrs n=3", ptrs_jvp(a, b, 3, da, db).tangent,
                         3 * 1.0 + 2 * 0.5 - 2.0 - 1.0 - 2.0, 0.0);
    frechet::check_close("ptrs n=1", ptrs_jvp(a, b, 1, da, db).tangent,
                         0.75 - 1.0 - 2.0, 0.0);
  }
  return frechet::check_exit_code();
}
// EXEC: ok weighted d/da0
// EXEC: ok weighted d/da1
// EXEC: ok weighted d/da2
// EXEC: ok weighted d/da3
// EXEC: ok weighted exact d/da0
// EXEC: ok weighted d/dw2
// EXEC: ok weighted d/dr
// EXEC: ok stencil primal outputs
// EXEC: ok stencil out[5] untouched
// EXEC: ok stencil d out0
// EXEC: ok stencil d out1
// EXEC: ok stencil d out2
// EXEC: ok stencil d out3
// EXEC: ok stencil d out4
// EXEC: ok stencil exact d out2
// EXEC: ok positive count
// EXEC: ok positive count is 1
// EXEC: ok positive dy0
// EXEC: ok positive dy1
// EXEC: ok positive dy2
// EXEC: ok positive y1
// EXEC: ok accum d acc2
// EXEC: ok accum d acc0
// EXEC: ok accum acc2
// EXEC: ok walk value
// EXEC: ok walk tangent
// EXEC: ok ptrs n=3
// EXEC: ok ptrs n=1
// EXEC: 28 passed, 0 failed
