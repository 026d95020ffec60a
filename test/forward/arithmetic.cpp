// Arithmetic, compound assignment, mixed float/double, casts and inactive
// integer code; checked against analytic derivatives.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#pragma frechet forward
double poly(double x, double y) {
  double z = 3 * x * x - x / y + 2;
  z += y;
  z -= x;
  z *= x;
  z /= y;
  return -z;
}
// CHECK-LABEL: frechet::jvp_result<double> poly_jvp(double x, double y, double d_x, double d_y) {
// CHECK-NEXT:    double z = 3 * x * x - x / y + 2;
// CHECK-NEXT:    double d_z = 3 * d_x * x + 3 * x * d_x - (d_x * y - x * d_y) / (y * y);
// CHECK-NEXT:    d_z += d_y;
// CHECK-NEXT:    z += y;
// CHECK-NEXT:    d_z -= d_x;
// CHECK-NEXT:    z -= x;
// CHECK-NEXT:    d_z = d_z * x + z * d_x;
// CHECK-NEXT:    z *= x;
// CHECK-NEXT:    d_z = (d_z * y - z * d_y) / (y * y);
// CHECK-NEXT:    z /= y;
// CHECK-NEXT:    return {-z, -d_z};
// CHECK-NEXT:  }

// Integer code is copied as it is and gets no tangents.
#pragma frechet forward
float mixed(float a, double b, int n) {
  int k = n * 2 + 1;
  double s = a * b + k;
  float t = static_cast<float>(s) * a;
  k += 3;
  return t + (float)b / k;
}
// CHECK-LABEL: frechet::jvp_result<float> mixed_jvp(float a, double b, int n, float d_a, double d_b) {
// CHECK-NEXT:    int k = n * 2 + 1;
// CHECK-NEXT:    double s = a * b + k;
// CHECK-NEXT:    double d_s = d_a * b + a * d_b;
// CHECK-NEXT:    float t = static_cast<float>(s) * a;
// CHECK-NEXT:    float d_t = {{.*}}d_s{{.*}} * a + {{.*}}s{{.*}} * d_a;
// CHECK-NEXT:    k += 3;
// CHECK:         return {t + {{.*}}b{{.*}} / k, d_t + {{.*}}d_b{{.*}} / k};

int main() {
  double x = 1.3, y = 0.7;
  // z = -(((3x^2 - x/y + 2 + y - x) * x) / y)
  auto [v, dx] = poly_jvp(x, y, 1.0, 0.0);
  auto dy = poly_jvp(x, y, 0.0, 1.0).tangent;
  double u = 3 * x * x - x / y + 2 + y - x;
  frechet::check_close("poly value", v, -(u * x / y), 1e-15);
  frechet::check_close("poly d/dx", dx, -((6 * x - 1 / y - 1) * x + u) / y,
                       1e-13);
  frechet::check_close("poly d/dy", dy,
                       -(((x / (y * y) + 1) * x) / y - u * x / (y * y)), 1e-13);

  float a = 0.5f;
  double b = 1.5;
  int n = 2;
  auto r = mixed_jvp(a, b, n, 1.0f, 0.0);
  auto rb = mixed_jvp(a, b, n, 0.0f, 1.0);
  // t = (a*b + 5) * a; result t + b/8
  frechet::check_close("mixed d/da", r.tangent, 2 * a * b + 5, 1e-6);
  frechet::check_close("mixed d/db", rb.tangent, a * a + 1.0 / 8, 1e-6);
  return frechet::check_exit_code();
}
// EXEC: ok poly value
// EXEC: ok poly d/dx
// EXEC: ok poly d/dy
// EXEC: ok mixed d/da
// EXEC: ok mixed d/db
// EXEC: 5 passed, 0 failed
