// Without 'wrt', a function needs at least one floating-point parameter.
// The error names the function, and a note shows the pragma.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
#include <frechet/frechet.h>

struct Box {
  double v;
};

// expected-note@+1 {{in the forward derivative of 'count' requested here}}
#pragma frechet forward
int count(int n) { // expected-error {{'count' has no floating-point parameter to differentiate with respect to}}
  return n + 1;
}

// A class holding a double is not a floating-point parameter.
// expected-note@+1 {{in the forward derivative of 'unbox' requested here}}
#pragma frechet forward
double unbox(Box b) { // expected-error {{'unbox' has no floating-point parameter to differentiate with respect to}}
  return b.v;
}

// No parameter at all.
// expected-note@+1 {{in the forward derivative of 'pi' requested here}}
#pragma frechet forward
double pi() { // expected-error {{'pi' has no floating-point parameter to differentiate with respect to}}
  return 3.14159;
}

// No derivative was generated.
int count_jvp, unbox_jvp, pi_jvp;

// Positive control.
#pragma frechet forward
double ok(double x, int n) { return x * count(n) + unbox(Box{x}) + pi(); }
double use(double x) { return ok_jvp(x, 2, 1.0).tangent; }
