// Complex numbers (_Complex) and vector extensions: no mode tracks the
// derivatives they carry, so storing a differentiated value into one is an
// error. Found by the crash corpus (test/crash/): both compiled, and the
// derivatives of Re(x^2) and of a vector element product were silently 0.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify -Xclang -verify-ignore-unexpected=note %s
// RUN: not %frechetxx -fsyntax-only %s 2>&1 | FileCheck %s
// CHECK-NOT: <frechet: derivatives
#include <frechet/frechet.h>

#pragma frechet forward
double complexSquare(double x) {
  _Complex double z = x; // expected-error {{cannot differentiate a complex number yet}}
  z *= z;                // expected-error {{cannot differentiate a complex number yet}}
  return __real__ z;     // expected-error {{cannot differentiate a complex number yet}}
}

#pragma frechet gradient
double complexGrad(double x) {
  _Complex double z = x; // expected-error {{cannot differentiate a complex number yet}}
  return __real__ z * x; // expected-error {{cannot differentiate a complex number yet}}
}

typedef double v2 __attribute__((vector_size(16)));
#pragma frechet forward
double vectorProduct(double x) {
  v2 a = {x, x};      // expected-error {{cannot differentiate a vector type yet}}
  return a[0] * a[1]; // expected-error 2 {{cannot differentiate a vector type yet}}
}

// Supported: other floating-point types.
#pragma frechet gradient
#pragma frechet forward
double halfAndQuad(double x) {
  _Float16 h = x;
  __float128 q = x;
  return double(h) * double(q * q);
}
double use(double x) {
  double d = 0;
  return halfAndQuad_grad(x, d) + halfAndQuad_jvp(x, 1).tangent;
}
