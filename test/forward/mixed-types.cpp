// float, double and long double mixed in one function; explicit casts
// (static_cast, C-style, functional with parentheses and with braces),
// which the tangent goes through as well; int -> double conversions, which
// are constant and get no tangent; casts to int, which cut the derivative;
// a float function computing in double; helpers taking float and long
// double called with other types.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>

#pragma frechet forward
double mix3(float f, double d, long double l) {
  long double t = f * l + d;
  float g = f * f;
  double u = g + d * f;
  return static_cast<double>(t) + u + double(l) * (double)f;
}
// CHECK-LABEL: frechet::jvp_result<double> mix3_jvp(float f, double d, long double l, float d_f, double d_d, long double d_l) {
// CHECK-NEXT:    long double t = f * l + d;
// CHECK-NEXT:    long double d_t = d_f * l + f * d_l + d_d;
// CHECK-NEXT:    float g = f * f;
// CHECK-NEXT:    float d_g = d_f * f + f * d_f;
// CHECK-NEXT:    double u = g + d * f;
// CHECK-NEXT:    double d_u = d_g + (d_d * f + d * d_f);
// CHECK-NEXT:    return {static_cast<double>(t) + u + static_cast<double>(l) * static_cast<double>(f), static_cast<double>(d_t) + d_u + (static_cast<double>(d_l) * static_cast<double>(f) + static_cast<double>(l) * static_cast<double>(d_f))};
// CHECK-NEXT:  }

// A float result computed in double: the return converts value and
// tangent alike.
#pragma frechet forward
float narrow(float a, double b) {
  double wide = a * b * 1e10;
  wide /= 1e10;
  float c = static_cast<float>(wide);
  return wide + c;
}
// CHECK-LABEL: frechet::jvp_result<float> narrow_jvp(float a, double b, float d_a, double d_b) {
// CHECK-NEXT:    double wide = a * b * 1e10;
// CHECK-NEXT:    double d_wide = (d_a * b + a * d_b) * 1e10;
// CHECK-NEXT:    d_wide /= 1e10;
// CHECK-NEXT:    wide /= 1e10;
// CHECK-NEXT:    float c = static_cast<float>(wide);
// CHECK-NEXT:    float d_c = static_cast<float>(d_wide);
// CHECK-NEXT:    return {static_cast<float>(wide + c), static_cast<float>(d_wide + d_c)};
// CHECK-NEXT:  }

// Integers converted to double are constants.
#pragma frechet forward
double ints(double x, int n) {
  double k = n;
  double m = static_cast<double>(n * 2) + (double)n + double(n);
  int j = (int)x;
  double r = j + x * k + m;
  r += n / 2;
  r *= static_cast<int>(x * 10) % 3 + 1;
  return r;
}
// CHECK-LABEL: frechet::jvp_result<double> ints_jvp(double x, int n, double d_x) {
// CHECK-NEXT:    double k = n;
// CHECK-NEXT:    double m = static_cast<double>(n * 2) + (double)n + double(n);
// CHECK-NEXT:    int j = (int)x;
// CHECK-NEXT:    double r = j + x * k + m;
// CHECK-NEXT:    double d_r = d_x * k;
// CHECK-NEXT:    r += n / 2;
// CHECK-NEXT:    d_r *= static_cast<int>(x * 10) % 3 + 1;
// CHECK-NEXT:    r *= static_cast<int>(x * 10) % 3 + 1;
// CHECK-NEXT:    return {r, d_r};
// CHECK-NEXT:  }

// <cmath> on float, on a float cast to double, and pow(float, double).
#pragma frechet forward
float fcall(float x) {
  return std::sin(x) + std::sqrt(static_cast<double>(x)) + std::pow(x, 2.0);
}
// CHECK-LABEL: frechet::jvp_result<float> fcall_jvp(float x, float d_x) {
// CHECK-NEXT:    auto _t0 = frechet::rules::sin_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = frechet::rules::sqrt_jvp(static_cast<double>(x), static_cast<double>(d_x));
// CHECK-NEXT:    auto _t2 = frechet::rules::pow_jvp(x, 2.0, d_x, 0.0);
// CHECK-NEXT:    return {static_cast<float>(_t0.value + _t1.value + _t2.value), static_cast<float>(_t0.tangent + _t1.tangent + _t2.tangent)};
// CHECK-NEXT:  }

float hf(float v) { return v * v; }
long double hl(long double v) { return v * 3; }

// A braced functional cast, casts through int, and helpers called with
// arguments of another floating type.
#pragma frechet forward
double casts(float f, double x) {
  double a = double{f} * x;
  double b = (double)(int)x + static_cast<double>(static_cast<int>(x * 3));
  return a + b + hf(x) + hl(f) + double(hf(f));
}
// CHECK-LABEL: frechet::jvp_result<double> casts_jvp(float f, double x, float d_f, double d_x) {
// CHECK-NEXT:    double a = {{.*}}f{{.*}} * x;
// CHECK-NEXT:    double d_a = {{.*}}d_f{{.*}} * x + {{.*}}f{{.*}} * d_x;
// CHECK-NEXT:    double b = (double)(int)x + static_cast<double>(static_cast<int>(x * 3));
// CHECK-NEXT:    auto _t0 = hf_jvp(x, d_x);
// CHECK-NEXT:    auto _t1 = hl_jvp(f, d_f);
// CHECK-NEXT:    auto _t2 = hf_jvp(f, d_f);
// CHECK-LABEL: inline frechet::jvp_result<float> hf_jvp(float v, float d_v) {
// CHECK-LABEL: inline frechet::jvp_result<long double> hl_jvp(long double v, long double d_v) {

int main() {
  // mix3 = 2 f l + d + f^2 + d f; all inputs exact in binary.
  {
    const float f = 0.5f;
    const double d = 1.25;
    const long double l = 3.0L;
    frechet::check_close("mix3 value", mix3_jvp(f, d, l, 0, 0, 0).value,
                         2 * 0.5 * 3 + 1.25 + 0.25 + 1.25 * 0.5, 0.0);
    frechet::check_close("mix3 d/df", mix3_jvp(f, d, l, 1, 0, 0).tangent,
                         2 * 3 + 2 * 0.5 + 1.25, 0.0);
    frechet::check_close("mix3 d/dd", mix3_jvp(f, d, l, 0, 1, 0).tangent,
                         1 + 0.5, 0.0);
    frechet::check_close("mix3 d/dl", mix3_jvp(f, d, l, 0, 0, 1).tangent,
                         2 * 0.5, 0.0);
  }
  // narrow = float(ab + float(ab)); float results: tolerance 1e-6.
  {
    auto r = narrow_jvp(0.3f, 1.7, 1.0f, 0.0);
    frechet::check_close("narrow value", r.value, 2 * 0.3f * 1.7, 1e-6);
    frechet::check_close("narrow d/da", r.tangent, 2 * 1.7, 1e-6);
    frechet::check_close("narrow d/db", narrow_jvp(0.3f, 1.7, 0.0f, 1.0).tangent,
                         2 * 0.3f, 1e-6);
  }
  // ints(1.37, 5) = (1 + 5x + 20 + 2) * (13 % 3 + 1)
  {
    auto r = ints_jvp(1.37, 5, 1.0);
    frechet::check_close("ints value", r.value, (1 + 5 * 1.37 + 22) * 2, 1e-15);
    frechet::check_close("ints d/dx", r.tangent, 10.0, 0.0);
  }
  // fcall = sin x + sqrt x + x^2 in float: tolerance 1e-6.
  {
    const float x = 0.64f;
    double want = std::cos(0.64) + 1 / (2 * std::sqrt(0.64)) + 2 * 0.64;
    frechet::check_close("fcall d/dx", fcall_jvp(x, 1.0f).tangent, want, 1e-6);
  }
  // casts = f x + int(x) + int(3x) + x^2 + 3f + f^2 (x^2 in float).
  {
    const float f = 0.75f;
    const double x = 1.6;
    auto r = casts_jvp(f, x, 1.0f, 0.0);
    frechet::check_close("casts value", r.value,
                         0.75 * 1.6 + 1 + 4 + 1.6 * 1.6 + 2.25 + 0.5625, 1e-6);
    frechet::check_close("casts d/df", r.tangent, 1.6 + 3 + 1.5, 1e-6);
    frechet::check_close("casts d/dx", casts_jvp(f, x, 0.0f, 1.0).tangent,
                         0.75 + 3.2, 1e-6);
  }
  return frechet::check_exit_code();
}
// EXEC: ok mix3 value
// EXEC: ok mix3 d/df
// EXEC: ok mix3 d/dd
// EXEC: ok mix3 d/dl
// EXEC: ok narrow value
// EXEC: ok narrow d/da
// EXEC: ok narrow d/db
// EXEC: ok ints value
// EXEC: ok ints d/dx
// EXEC: ok fcall d/dx
// EXEC: ok casts value
// EXEC: ok casts d/df
// EXEC: ok casts d/dx
// EXEC: 13 passed, 0 failed
