// A pointer that may point to differentiated memory or to memory that has no
// tangent (a parameter outside 'wrt', a global) is not supported; the error
// names the pointer. Nothing is stored here, so this must not be reported as
// a store into 'c' or into 'table'.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
#include <frechet/frechet.h>

// expected-note@+1 {{in the forward derivative of 'choose' requested here}}
#pragma frechet forward wrt(x)
double choose(const double *x, const double *c, bool b) {
  const double *p = b ? x : c; // expected-error {{'p' may refer to both differentiated and non-differentiated memory; this is not supported}}
  return p[0] * 2;
}

const double table[2] = {1.0, 2.0};
// expected-note@+1 {{in the forward derivative of 'lookup' requested here}}
#pragma frechet forward
double lookup(const double *x, bool b) {
  const double *p = b ? x : table; // expected-error {{'p' may refer to both differentiated and non-differentiated memory; this is not supported}}
  return p[1];
}

// Positive control: both sides differentiated.
#pragma frechet forward
double ok(const double *x, const double *y, bool b) {
  const double *p = b ? x : y;
  return p[0] * 2;
}
double use(const double *x, const double *y, const double *dx,
           const double *dy) {
  return ok_jvp(x, y, true, dx, dy).tangent;
}
