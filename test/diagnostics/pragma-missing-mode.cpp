// '#pragma frechet' without a mode word is reported where the mode should
// be: at the end of the line, or at the token that is not a word.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
// RUN: not %frechetxx -fsyntax-only %s 2>&1 | FileCheck %s
#include <frechet/frechet.h>

// expected-error@+2 {{expected a differentiation mode after '#pragma frechet': forward, reverse, gradient, hessian or jacobian}}
// CHECK: pragma-missing-mode.cpp:[[@LINE+1]]:16: error: expected a differentiation mode after '#pragma frechet': forward, reverse, gradient, hessian or jacobian
#pragma frechet
double f(double x) { return x * x; }

// expected-error@+2 {{expected a differentiation mode after '#pragma frechet'}}
// CHECK: pragma-missing-mode.cpp:[[@LINE+1]]:17: error: expected a differentiation mode after '#pragma frechet'
#pragma frechet 42
double g(double x) { return x * x; }

// expected-error@+2 {{expected a differentiation mode after '#pragma frechet'}}
// CHECK: pragma-missing-mode.cpp:[[@LINE+1]]:17: error: expected a differentiation mode after '#pragma frechet'
#pragma frechet (forward)
double h(double x) { return x * x; }

// expected-error@+2 {{expected a differentiation mode after '#pragma frechet'}}
// CHECK: pragma-missing-mode.cpp:[[@LINE+1]]:17: error: expected a differentiation mode after '#pragma frechet'
#pragma frechet "forward"
double k(double x) { return x * x; }

// Positive control.
#pragma frechet forward
double ok(double x) { return f(x) + g(x) + h(x) + k(x); }
double use(double x) { return ok_jvp(x, 1.0).tangent; }
// CHECK-NOT: error:
