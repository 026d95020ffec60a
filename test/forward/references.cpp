// References: double& outputs, const double& inputs, a reference parameter
// that is both read and written, local references to array elements, to a
// local scalar, through a pointer, and a const reference bound to a
// temporary. A reference's tangent is a reference to the tangent of what
// it is bound to, so writes through it update that tangent.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>

#pragma frechet forward
void polar(const double &r, const double &theta, double &x, double &y) {
  x = r * theta;
  y = r / theta;
}
// CHECK-LABEL: void polar_jvp(const double &r, const double &theta, double &x, double &y, const double &d_r, const double &d_theta, double &d_x, double &d_y) {
// CHECK-NEXT:    d_x = d_r * theta + r * d_theta;
// CHECK-NEXT:    x = r * theta;
// CHECK-NEXT:    d_y = (d_r * theta - r * d_theta) / (theta * theta);
// CHECK-NEXT:    y = r / theta;
// CHECK-NEXT:  }

// Local references to elements of an array parameter.
#pragma frechet forward
double refs(double a[3], double s) {
  double &first = a[0];
  const double &last = a[2];
  first = first * s;
  double &mid = a[1];
  mid += last * first;
  return first + mid + last;
}
// CHECK-LABEL: frechet::jvp_result<double> refs_jvp(double a[3], double s, double d_a[3], double d_s) {
// CHECK-NEXT:    double &first = a[0];
// CHECK-NEXT:    double &d_first = d_a[0];
// CHECK-NEXT:    const double &last = a[2];
// CHECK-NEXT:    const double &d_last = d_a[2];
// CHECK-NEXT:    d_first = d_first * s + first * d_s;
// CHECK-NEXT:    first = first * s;
// CHECK-NEXT:    double &mid = a[1];
// CHECK-NEXT:    double &d_mid = d_a[1];
// CHECK-NEXT:    d_mid += d_last * first + last * d_first;
// CHECK-NEXT:    mid += last * first;
// CHECK-NEXT:    return {first + mid + last, d_first + d_mid + d_last};
// CHECK-NEXT:  }

// A reference parameter read and written: the tangent statement must read
// the old v before v changes.
#pragma frechet forward
void scaleInPlace(double &v, double k) {
  v = v * v + k;
  v *= k;
}
// CHECK-LABEL: void scaleInPlace_jvp(double &v, double k, double &d_v, double d_k) {
// CHECK-NEXT:    d_v = d_v * v + v * d_v + d_k;
// CHECK-NEXT:    v = v * v + k;
// CHECK-NEXT:    d_v = d_v * k + v * d_k;
// CHECK-NEXT:    v *= k;
// CHECK-NEXT:  }

// Local references to a local array's elements and to a local scalar; a
// const reference bound to a temporary.
#pragma frechet forward
double localRefs(double x, double y) {
  double arr[2];
  arr[0] = x;
  arr[1] = y;
  double &r0 = arr[0];
  double &r1 = arr[1];
  r0 = r0 * r1;
  double t = x;
  double &rt = t;
  rt += y;
  const double &c = x * 2;
  return arr[0] + arr[1] + t + c;
}
// CHECK-LABEL: frechet::jvp_result<double> localRefs_jvp(double x, double y, double d_x, double d_y) {
// CHECK:         double &r0 = arr[0];
// CHECK-NEXT:    double &d_r0 = d_arr[0];
// CHECK-NEXT:    double &r1 = arr[1];
// CHECK-NEXT:    double &d_r1 = d_arr[1];
// CHECK-NEXT:    d_r0 = d_r0 * r1 + r0 * d_r1;
// CHECK-NEXT:    r0 = r0 * r1;
// CHECK-NEXT:    double t = x;
// CHECK-NEXT:    double d_t = d_x;
// CHECK-NEXT:    double &rt = t;
// CHECK-NEXT:    double &d_rt = d_t;
// CHECK-NEXT:    d_rt += d_y;
// CHECK-NEXT:    rt += y;
// CHECK-NEXT:    const double &c = x * 2;
// CHECK-NEXT:    const double {{&?}}d_c = d_x * 2;
// CHECK-NEXT:    return {arr[0] + arr[1] + t + c, d_arr[0] + d_arr[1] + d_t + d_c};
// CHECK-NEXT:  }

// A float result and reference outputs that are also inputs.
#pragma frechet forward
double normalize(double &x, double &y) {
  double n = std::sqrt(x * x + y * y);
  x /= n;
  y = y / n;
  return n;
}
// CHECK-LABEL: frechet::jvp_result<double> normalize_jvp(double &x, double &y, double &d_x, double &d_y) {
// CHECK-NEXT:    auto _t0 = frechet::rules::sqrt_jvp(x * x + y * y, d_x * x + x * d_x + (d_y * y + y * d_y));
// CHECK-NEXT:    double n = _t0.value;
// CHECK-NEXT:    double d_n = _t0.tangent;
// CHECK-NEXT:    d_x = (d_x * n - x * d_n) / (n * n);
// CHECK-NEXT:    x /= n;
// CHECK-NEXT:    d_y = (d_y * n - y * d_n) / (n * n);
// CHECK-NEXT:    y = y / n;
// CHECK-NEXT:    return {n, d_n};
// CHECK-NEXT:  }

// References bound through a pointer.
#pragma frechet forward
double viaPtr(double *p, double s) {
  double &e = *(p + 1);
  e *= s;
  const double &f = p[0];
  return e + f * s;
}
// CHECK-LABEL: frechet::jvp_result<double> viaPtr_jvp(double *p, double s, double *d_p, double d_s) {
// CHECK-NEXT:    double &e = *(p + 1);
// CHECK-NEXT:    double &d_e = *(d_p + 1);
// CHECK-NEXT:    d_e = d_e * s + e * d_s;
// CHECK-NEXT:    e *= s;
// CHECK-NEXT:    const double &f = p[0];
// CHECK-NEXT:    const double &d_f = d_p[0];
// CHECK-NEXT:    return {e + f * s, d_e + (d_f * s + f * d_s)};
// CHECK-NEXT:  }

int main() {
  // Central differences: h = 1e-6, tolerance 1e-7 (relative).
  {
    const double r = 1.5, th = 0.75, dr = 0.4, dth = -1.1;
    double x = 0, y = 0, dx = 0, dy = 0;
    polar_jvp(r, th, x, y, dr, dth, dx, dy);
    frechet::check_close("polar x", x, r * th, 0.0);
    frechet::check_close("polar y", y, r / th, 0.0);
    frechet::check_close("polar dx", dx, dr * th + r * dth, 1e-15);
    frechet::check_close("polar dy", dy, dr / th - r * dth / (th * th), 1e-15);
  }
  {
    // refs = a0 s + a1 + a2 a0 s + a2; afterwards a = {a0 s, a1 + a2 a0 s, a2}.
    const double a0[3] = {0.5, -1.25, 2.0}, s = 1.5;
    const double da0[3] = {0.3, 0.7, -0.2}, ds = 0.9;
    double a[3], da[3];
    for (int i = 0; i < 3; ++i) {
      a[i] = a0[i];
      da[i] = da0[i];
    }
    auto rr = refs_jvp(a, s, da, ds);
    auto f = [&](double t) {
      double at[3];
      for (int i = 0; i < 3; ++i)
        at[i] = a0[i] + t * da0[i];
      return refs(at, s + t * ds);
    };
    frechet::check_close("refs value", rr.value,
                         a0[0] * s + a0[1] + a0[2] * a0[0] * s + a0[2], 1e-15);
    frechet::check_close("refs tangent", rr.tangent,
                         frechet::central_difference(f, 0.0, 1e-6), 1e-7);
    frechet::check_close("refs a[1] written", a[1],
                         a0[1] + a0[2] * a0[0] * s, 1e-15);
    // d(a1 + a2 a0 s) = da1 + da2 a0 s + a2 da0 s + a2 a0 ds
    frechet::check_close("refs d_a[1] written", da[1],
                         da0[1] + da0[2] * a0[0] * s + a0[2] * da0[0] * s +
                             a0[2] * a0[0] * ds,
                         1e-15);
    frechet::check_close("refs d_a[2] unchanged", da[2], da0[2], 0.0);
  }
  {
    // v <- (v^2 + k) k
    const double v0 = 1.25, k = -0.5;
    double v = v0, dv = 1.0;
    scaleInPlace_jvp(v, k, dv, 0.0);
    frechet::check_close("scaleInPlace v", v, (v0 * v0 + k) * k, 0.0);
    frechet::check_close("scaleInPlace d/dv", dv, 2 * v0 * k, 1e-15);
    v = v0;
    dv = 0.0;
    scaleInPlace_jvp(v, k, dv, 1.0);
    frechet::check_close("scaleInPlace d/dk", dv, v0 * v0 + 2 * k, 1e-15);
  }
  {
    // localRefs = x y + 3x + 2y
    const double x = 0.6, y = -2.5;
    auto r = localRefs_jvp(x, y, 1.0, 0.0);
    frechet::check_close("localRefs value", r.value, x * y + 3 * x + 2 * y,
                         1e-15);
    frechet::check_close("localRefs d/dx", r.tangent, y + 3, 1e-15);
    frechet::check_close("localRefs d/dy", localRefs_jvp(x, y, 0.0, 1.0).tangent,
                         x + 2, 1e-15);
  }
  {
    const double x0 = 0.8, y0 = -0.6, ddx = 0.3, ddy = 1.2;
    double x = x0, y = y0, dx = ddx, dy = ddy;
    auto r = normalize_jvp(x, y, dx, dy);
    auto fn = [&](double t) {
      double a = x0 + t * ddx, b = y0 + t * ddy;
      return normalize(a, b);
    };
    auto fx = [&](double t) {
      double a = x0 + t * ddx, b = y0 + t * ddy;
      normalize(a, b);
      return a;
    };
    auto fy = [&](double t) {
      double a = x0 + t * ddx, b = y0 + t * ddy;
      normalize(a, b);
      return b;
    };
    frechet::check_close("normalize value", r.value, 1.0, 1e-15);
    frechet::check_close("normalize d n", r.tangent,
                         frechet::central_difference(fn, 0.0, 1e-6), 1e-7);
    frechet::check_close("normalize d x", dx,
                         frechet::central_difference(fx, 0.0, 1e-6), 1e-7);
    frechet::check_close("normalize d y", dy,
                         frechet::central_difference(fy, 0.0, 1e-6), 1e-7);
    frechet::check_close("normalize x", x, 0.8, 1e-15);
  }
  {
    // viaPtr = p1 s + p0 s, and p1 <- p1 s
    double p[2] = {1.5, -0.75}, dp[2] = {0.0, 1.0};
    auto r = viaPtr_jvp(p, 2.0, dp, 0.0);
    frechet::check_close("viaPtr d/dp1", r.tangent, 2.0, 1e-15);
    frechet::check_close("viaPtr d_p[1] written", dp[1], 2.0, 1e-15);
    frechet::check_close("viaPtr p[1] written", p[1], -1.5, 0.0);
    double q[2] = {1.5, -0.75}, dq[2] = {0.0, 0.0};
    frechet::check_close("viaPtr d/ds", viaPtr_jvp(q, 2.0, dq, 1.0).tangent,
                         -0.75 + 1.5, 1e-15);
  }
  return frechet::check_exit_code();
}
// EXEC: ok polar x
// EXEC: ok polar y
// EXEC: ok polar dx
// EXEC: ok polar dy
// EXEC: ok refs value
// EXEC: ok refs tangent
// EXEC: ok refs a[1] written
// EXEC: ok refs d_a[1] written
// EXEC: ok refs d_a[2] unchanged
// EXEC: ok scaleInPlace v
// EXEC: ok scaleInPlace d/dv
// EXEC: ok scaleInPlace d/dk
// EXEC: ok localRefs value
// EXEC: ok localRefs d/dx
// EXEC: ok localRefs d/dy
// EXEC: ok normalize value
// EXEC: ok normalize d n
// EXEC: ok normalize d x
// EXEC: ok normalize d y
// EXEC: ok normalize x
// EXEC: ok viaPtr d/dp1
// EXEC: ok viaPtr d_p[1] written
// EXEC: ok viaPtr p[1] written
// EXEC: ok viaPtr d/ds
// EXEC: 24 passed, 0 failed
