// Expressions on differentiated values that forward mode cannot handle yet:
// an error at the expression saying, in words, what it is, with a note at
// the pragma.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
#include <frechet/frechet.h>

// The GNU '__real__' operator on a differentiated value.
// expected-note@+1 {{in the forward derivative of 'real_part' requested here}}
#pragma frechet forward
double real_part(double x) {
  return __real__ x * 2; // expected-error {{cannot differentiate this expression yet (unary operator '__real')}}
}

// expected-note@+1 {{in the forward derivative of 'imag_part' requested here}}
#pragma frechet forward
double imag_part(double x) {
  double y = x * x;
  return __imag__ y; // expected-error {{cannot differentiate this expression yet (unary operator '__imag')}}
}

// A braced functional cast is differentiated (no diagnostic).
#pragma frechet forward
double braced(float x) {
  double y = double{x};
  return y * y;
}

// Positive control: the same without the GNU operator, and with a cast in
// parentheses.
#pragma frechet forward
double ok(float x) {
  double y = double(x);
  return y * 2;
}
double use(float x) { return ok_jvp(x, 1.0f).tangent; }
