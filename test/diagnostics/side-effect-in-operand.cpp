// The value of an assignment is read again afterwards, so an index or
// pointer operand with side effects in its left side would run twice: an
// error at the assignment, with a note at the pragma.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
#include <frechet/frechet.h>

// expected-note@+1 {{in the forward derivative of 'chained' requested here}}
#pragma frechet forward
double chained(double *x, int i) {
  double y = (x[i++] = x[0] * 2); // expected-error {{cannot differentiate an expression whose array index or pointer operand has side effects; move them to their own statement}}
  return y;
}

// expected-note@+1 {{in the forward derivative of 'compound' requested here}}
#pragma frechet forward
double compound(double *x, int i) {
  double y = 1;
  y *= (x[++i] += 3); // expected-error {{cannot differentiate an expression whose array index or pointer operand has side effects; move them to their own statement}}
  return y;
}

// Positive control: side effects in an index of a plain assignment run once.
#pragma frechet forward
double ok(double *x, int i) {
  x[i++] = x[0] * 2;
  double y = x[i++] * 3;
  return y;
}
double use(double *x, double *dx) { return ok_jvp(x, 0, dx).tangent; }
