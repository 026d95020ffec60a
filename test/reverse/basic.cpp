// Reverse mode basics: arithmetic, compound assignment, increments, casts and
// inactive integer code; f_vjp with a cotangent seed other than 1, f_grad,
// accumulation into the adjoints, and the wrt(...) and name(...) clauses.
// Every adjoint is checked against the forward mode of the same function,
// against central differences and, where simple, against the analytic value.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include "Inputs/reverse_check.h"

// Several pragmas on one function: reverse, gradient and forward share the
// function, reverse and gradient share the sweeps poly_fwd / poly_rev.
#pragma frechet reverse
#pragma frechet gradient
#pragma frechet forward
#pragma frechet reverse wrt(y) name(dpoly_dy)
double poly(double x, double y) {
  double z = 3 * x * x - x / y + 2;
  z += y;
  z -= x;
  z *= x;
  z /= y;
  return -z;
}
// The forward sweep saves z before the overwrites whose adjoint reads it.
// CHECK-LABEL: inline double poly_fwd(double x, double y, frechet::tape &_tape) {
// CHECK:         z = 3 * x * x - x / y + 2;
// CHECK:         z -= x;
// CHECK-NEXT:    _tape.push(z);
// CHECK-NEXT:    z *= x;
// CHECK-NEXT:    _tape.push(z);
// CHECK-NEXT:    z /= y;
// CHECK:         return _ret;
// CHECK-NEXT:  }
// The reverse sweep: the seed enters as d_ret, z is restored before the
// adjoints of 'z /= y' and 'z *= x' read it, and the adjoints of the
// parameters are accumulated, never assigned.
// CHECK-LABEL: inline void poly_rev(double x, double y, double d_ret, double &d_x, double &d_y, frechet::tape &_tape) {
// CHECK:         d_z += -d_ret;
// CHECK-NEXT:    z = _tape.pop<double>();
// CHECK-NEXT:    const double [[R2:_r[_0-9]*]] = d_z;
// CHECK-NEXT:    d_z = [[R2]] / y;
// CHECK-NEXT:    d_y += -([[R2]] * z / (y * y));
// CHECK-NEXT:    z = _tape.pop<double>();
// CHECK-NEXT:    const double [[R1:_r[_0-9]*]] = d_z;
// CHECK-NEXT:    d_z = [[R1]] * x;
// CHECK-NEXT:    d_x += [[R1]] * z;
// CHECK-NOT:     d_x =
// CHECK-NOT:     d_y =
// CHECK:       }
// CHECK-LABEL: double poly_vjp(double x, double y, double d_ret, double &d_x, double &d_y) {
// CHECK-NEXT:    frechet::tape &_tape = frechet::default_tape();
// CHECK-NEXT:    double _ret = poly_fwd(x, y, _tape);
// CHECK-NEXT:    poly_rev(x, y, d_ret, d_x, d_y, _tape);
// CHECK-NEXT:    return _ret;
// CHECK-NEXT:  }
// CHECK-LABEL: double poly_grad(double x, double y, double &d_x, double &d_y) {
// CHECK-NEXT:    frechet::tape &_tape = frechet::default_tape();
// CHECK-NEXT:    double _ret = poly_fwd(x, y, _tape);
// CHECK-NEXT:    poly_rev(x, y, 1.0, d_x, d_y, _tape);
// CHECK-NEXT:    return _ret;
// CHECK-NEXT:  }
// wrt(y) gives sweeps of their own with only d_y; name() names the entry.
// CHECK-LABEL: inline void poly_wrt_y_rev(double x, double y, double d_ret, double &d_y, frechet::tape &_tape) {
// CHECK-NOT:     d_x
// CHECK:       }
// CHECK-LABEL: double dpoly_dy(double x, double y, double d_ret, double &d_y) {
// CHECK-NEXT:    frechet::tape &_tape = frechet::default_tape();
// CHECK-NEXT:    double _ret = poly_wrt_y_fwd(x, y, _tape);
// CHECK-NEXT:    poly_wrt_y_rev(x, y, d_ret, d_y, _tape);
// CHECK-NEXT:    return _ret;
// CHECK-NEXT:  }

// float and double parameters, an int parameter (no adjoint), integer locals
// that are overwritten, and casts between floating types.
#pragma frechet reverse
#pragma frechet forward
float mixed(float a, double b, int n) {
  int k = n * 2 + 1;
  double s = a * b + k;
  float t = static_cast<float>(s) * a;
  k += 3;
  return t + (float)b / k;
}
// CHECK-LABEL: float mixed_vjp(float a, double b, int n, float d_ret, float &d_a, double &d_b) {

// Increments, decrements, unary minus, a cast to int that ends the
// derivative, and a long double local.
#pragma frechet reverse
#pragma frechet forward
double misc(double x, double y, int n) {
  double a, b;
  a = x * y;
  b = a;
  a++;
  --b;
  b--;
  double c = b * a;
  int m = (int)(x * 10) + n;
  double d = -c + m * x;
  long double e = d;
  e *= 2;
  double f = (double)e;
  return f + a / b;
}
// CHECK-LABEL: inline void misc_rev(double x, double y, int n, double d_ret, double &d_x, double &d_y, frechet::tape &_tape) {
// CHECK:         long double d_e{};
// CHECK:         d_x += m * d_d;
// CHECK:       }

// wrt on one of three parameters, a custom name, and a parameter that is not
// differentiated although it is a double.
#pragma frechet reverse wrt(x, z) name(wsum_adj)
#pragma frechet forward
double wsum(double x, double y, double z) { return x * y * z + y * y; }
// CHECK-LABEL: double wsum_adj(double x, double y, double z, double d_ret, double &d_x, double &d_z) {

// A gradient with a single parameter.
#pragma frechet gradient
double cube(double x) { return x * x * x; }
// CHECK-LABEL: double cube_grad(double x, double &d_x) {

int main() {
  double x = 1.3, y = 0.7;
  auto fx = [&](double v) { return poly(v, y); };
  auto fy = [&](double v) { return poly(x, v); };
  double u = 3 * x * x - x / y + 2 + y - x;
  double gx = -((6 * x - 1 / y - 1) * x + u) / y;
  double gy = -(((x / (y * y) + 1) * x) / y - u * x / (y * y));
  double jx = poly_jvp(x, y, 1, 0).tangent, jy = poly_jvp(x, y, 0, 1).tangent;

  // f_vjp with the seed 2.5: the adjoints are 2.5 times the gradient.
  {
    double dx = 0, dy = 0;
    double v = poly_vjp(x, y, 2.5, dx, dy);
    rtest::check_tape_empty("poly_vjp tape");
    frechet::check_close("poly_vjp value", v, poly(x, y), 0);
    frechet::check_close("poly_vjp d/dx vs jvp", dx, 2.5 * jx, 1e-12);
    frechet::check_close("poly_vjp d/dy vs jvp", dy, 2.5 * jy, 1e-12);
    frechet::check_close("poly_vjp d/dx vs fd", dx,
                         2.5 * frechet::central_difference(fx, x), 1e-6);
    frechet::check_close("poly_vjp d/dy vs fd", dy,
                         2.5 * frechet::central_difference(fy, y), 1e-6);
    frechet::check_close("poly_vjp d/dx analytic", dx, 2.5 * gx, 1e-12);
    frechet::check_close("poly_vjp d/dy analytic", dy, 2.5 * gy, 1e-12);
  }
  // A zero seed leaves the adjoints as they were.
  {
    double dx = 0.25, dy = -0.5;
    poly_vjp(x, y, 0.0, dx, dy);
    rtest::check_tape_empty("poly_vjp seed 0 tape");
    frechet::check_close("poly_vjp seed 0 d/dx", dx, 0.25, 0);
    frechet::check_close("poly_vjp seed 0 d/dy", dy, -0.5, 0);
  }
  // f_grad: seed 1, returns the value.
  {
    double dx = 0, dy = 0;
    double v = poly_grad(x, y, dx, dy);
    rtest::check_tape_empty("poly_grad tape");
    frechet::check_close("poly_grad value", v, poly(x, y), 0);
    frechet::check_close("poly_grad d/dx vs jvp", dx, jx, 1e-12);
    frechet::check_close("poly_grad d/dy vs jvp", dy, jy, 1e-12);
    frechet::check_close("poly_grad d/dx vs fd", dx,
                         frechet::central_difference(fx, x), 1e-6);
    frechet::check_close("poly_grad d/dy vs fd", dy,
                         frechet::central_difference(fy, y), 1e-6);
  }
  // Accumulation: adjoints are added to what the caller passes, and two calls
  // add twice.
  {
    double dx = 1.0, dy = -2.0;
    poly_grad(x, y, dx, dy);
    poly_grad(x, y, dx, dy);
    rtest::check_tape_empty("poly_grad twice tape");
    frechet::check_close("accumulate d/dx", dx, 1.0 + 2 * jx, 1e-12);
    frechet::check_close("accumulate d/dy", dy, -2.0 + 2 * jy, 1e-12);
    double ex = 0.5, ey = 0.5;
    poly_vjp(x, y, 1.5, ex, ey);
    poly_vjp(x, y, -0.5, ex, ey);
    frechet::check_close("accumulate seeds d/dx", ex, 0.5 + jx, 1e-12);
    frechet::check_close("accumulate seeds d/dy", ey, 0.5 + jy, 1e-12);
  }
  // wrt(y) name(dpoly_dy).
  {
    double dy = 0.125;
    double v = dpoly_dy(x, y, 3.0, dy);
    rtest::check_tape_empty("dpoly_dy tape");
    frechet::check_close("dpoly_dy value", v, poly(x, y), 0);
    frechet::check_close("dpoly_dy vs jvp", dy, 0.125 + 3.0 * jy, 1e-12);
  }

  // mixed: float arithmetic, so float tolerances.
  {
    float a = 0.5f;
    double b = 1.5;
    int n = 2;
    float da = 0;
    double db = 0;
    float v = mixed_vjp(a, b, n, 2.0f, da, db);
    rtest::check_tape_empty("mixed tape");
    frechet::check_close("mixed value", v, mixed(a, b, n), 0);
    frechet::check_close("mixed d/da vs jvp", da,
                         2 * mixed_jvp(a, b, n, 1.0f, 0.0).tangent, 1e-6);
    frechet::check_close("mixed d/db vs jvp", db,
                         2 * mixed_jvp(a, b, n, 0.0f, 1.0).tangent, 1e-6);
    // t = (a*b + 5) * a; result t + b/8
    frechet::check_close("mixed d/da analytic", da, 2 * (2 * a * b + 5), 1e-6);
    frechet::check_close("mixed d/db analytic", db, 2 * (a * a + 1.0 / 8),
                         1e-6);
  }

  // misc.
  {
    double mx = 0.73, my = 1.3;
    double dx = 0, dy = 0;
    double v = misc_vjp(mx, my, 2, -1.5, dx, dy);
    rtest::check_tape_empty("misc tape");
    frechet::check_close("misc value", v, misc(mx, my, 2), 0);
    frechet::check_close("misc d/dx vs jvp", dx,
                         -1.5 * misc_jvp(mx, my, 2, 1, 0).tangent, 1e-12);
    frechet::check_close("misc d/dy vs jvp", dy,
                         -1.5 * misc_jvp(mx, my, 2, 0, 1).tangent, 1e-12);
    frechet::check_close(
        "misc d/dx vs fd", dx,
        -1.5 * frechet::central_difference(
                   [&](double v) { return misc(v, my, 2); }, mx),
        1e-6);
    frechet::check_close(
        "misc d/dy vs fd", dy,
        -1.5 * frechet::central_difference(
                   [&](double v) { return misc(mx, v, 2); }, my),
        1e-6);
  }

  // wsum with wrt(x, z): y gets no adjoint.
  {
    double dx = 0, dz = 0;
    double v = wsum_adj(2.0, 3.0, 5.0, 1.0, dx, dz);
    rtest::check_tape_empty("wsum tape");
    frechet::check_close("wsum value", v, 39.0, 0);
    frechet::check_close("wsum d/dx", dx, 15.0, 0);
    frechet::check_close("wsum d/dz", dz, 6.0, 0);
    frechet::check_close("wsum d/dx vs jvp", dx,
                         wsum_jvp(2.0, 3.0, 5.0, 1, 0, 0).tangent, 1e-12);
    frechet::check_close("wsum d/dz vs jvp", dz,
                         wsum_jvp(2.0, 3.0, 5.0, 0, 0, 1).tangent, 1e-12);
  }

  // cube_grad.
  {
    double dx = 0;
    double v = cube_grad(1.5, dx);
    rtest::check_tape_empty("cube tape");
    frechet::check_close("cube value", v, 3.375, 0);
    frechet::check_close("cube d/dx", dx, 3 * 1.5 * 1.5, 1e-15);
    frechet::check_close(
        "cube d/dx vs fd", dx,
        frechet::central_difference([](double v) { return cube(v); }, 1.5),
        1e-6);
  }
  return frechet::check_exit_code();
}
// EXEC: ok poly_vjp d/dx vs jvp
// EXEC: ok poly_grad d/dx vs fd
// EXEC: ok accumulate d/dx
// EXEC: ok dpoly_dy vs jvp
// EXEC: ok mixed d/da analytic
// EXEC: ok misc d/dx vs jvp
// EXEC: ok wsum d/dz
// EXEC: ok cube d/dx vs fd
// EXEC: 47 passed, 0 failed
