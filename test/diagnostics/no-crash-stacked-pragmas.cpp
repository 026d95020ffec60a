// Several pragmas may precede one function, each generating its own
// derivative, also when two of them ask for the same parameters under
// different names (this used to free the first plan while it was queued).
//
// RUN: %frechetxx -fsyntax-only -fno-crash-diagnostics -Xclang -verify %s
// expected-no-diagnostics
#include <frechet/frechet.h>

#pragma frechet forward
#pragma frechet forward wrt(x) name(sq_dx)
double sq(double x) { return x * x; }

#pragma frechet forward name(mul_a)
#pragma frechet forward name(mul_b)
double mul(double x, double y) { return x * y; }

double use(double x) {
  return sq_jvp(x, 1.0).tangent + sq_dx(x, 1.0).tangent +
         mul_a(x, 2.0, 1.0, 0.0).tangent + mul_b(x, 2.0, 0.0, 1.0).tangent;
}
