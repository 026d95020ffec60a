// A differentiated call through a function pointer: an error at the call,
// with a note at the pragma.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
#include <frechet/frechet.h>

// expected-note@+1 {{in the forward derivative of 'apply' requested here}}
#pragma frechet forward
double apply(double x, double (*fn)(double)) {
  return fn(x); // expected-error {{cannot differentiate a call through a function pointer}}
}

double twice(double v) { return 2 * v; }
using Fn = double (*)(double);
Fn table[1] = {twice};
// expected-note@+1 {{in the forward derivative of 'from_table' requested here}}
#pragma frechet forward
double from_table(double x, int i) {
  double y = table[i](x * x) + 1; // expected-error {{cannot differentiate a call through a function pointer}}
  return y;
}

// expected-note@+1 {{in the forward derivative of 'by_reference' requested here}}
#pragma frechet forward
double by_reference(double x, double (&fn)(double)) {
  return 3 * fn(x); // expected-error {{cannot differentiate a call through a function pointer}}
}

// Positive control: an indirect call whose argument does not depend on x.
#pragma frechet forward
double ok(double x, double (*fn)(double)) { return fn(2.0) * x; }
double use(double x) { return ok_jvp(x, twice, 1.0).tangent; }
