// An unknown word after '#pragma frechet' is reported at that word; the
// function after the pragma is compiled as usual, without a derivative.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
// RUN: not %frechetxx -fsyntax-only %s 2>&1 | FileCheck %s
#include <frechet/frechet.h>

// expected-error@+2 {{unknown differentiation mode 'backward'; expected forward, reverse, gradient, hessian or jacobian}}
// CHECK: pragma-unknown-mode.cpp:[[@LINE+1]]:17: error: unknown differentiation mode 'backward'; expected forward, reverse, gradient, hessian or jacobian
#pragma frechet backward
double f(double x) { return x * x; }

// Modes are case sensitive.
// expected-error@+2 {{unknown differentiation mode 'Forward'}}
// CHECK: pragma-unknown-mode.cpp:[[@LINE+1]]:17: error: unknown differentiation mode 'Forward'
#pragma frechet Forward
double g(double x) { return x * x; }

// The mode is read before any clause.
// expected-error@+2 {{unknown differentiation mode 'wrt'}}
// CHECK: pragma-unknown-mode.cpp:[[@LINE+1]]:17: error: unknown differentiation mode 'wrt'
#pragma frechet wrt(x)
double h(double x) { return x * x; }

// The keyword the plugin uses internally is not a mode either.
// expected-error@+2 {{unknown differentiation mode '__frechet_emit'}}
// CHECK: pragma-unknown-mode.cpp:[[@LINE+1]]:17: error: unknown differentiation mode '__frechet_emit'
#pragma frechet __frechet_emit 7
double k(double x) { return x * x; }

// Positive control: the functions above are still compiled, and a correct
// pragma next to them works.
#pragma frechet forward
double ok(double x) { return f(x) + g(x) + h(x) + k(x); }
double use(double x) { return ok_jvp(x, 1.0).tangent; }
// CHECK-NOT: error:
