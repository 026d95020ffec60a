// A token that cannot start a clause, or that does not belong inside one,
// is reported at that token.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
// RUN: not %frechetxx -fsyntax-only %s 2>&1 | FileCheck %s
#include <frechet/frechet.h>

// After a clause.
// expected-error@+2 {{unexpected ',' in '#pragma frechet'}}
// CHECK: pragma-stray-token.cpp:[[@LINE+1]]:32: error: unexpected ',' in '#pragma frechet'
#pragma frechet forward wrt(x) , name(f_d)
double f(double x) { return x * x; }

// 'name(...)' takes one identifier.
// expected-error@+2 {{unexpected ',' in '#pragma frechet'}}
// CHECK: pragma-stray-token.cpp:[[@LINE+1]]:31: error: unexpected ',' in '#pragma frechet'
#pragma frechet forward name(a, b)
double g(double x) { return x * x; }

// Right after the mode.
// expected-error@+2 {{unexpected '(' in '#pragma frechet'}}
// CHECK: pragma-stray-token.cpp:[[@LINE+1]]:24: error: unexpected '(' in '#pragma frechet'
#pragma frechet forward(x)
double h(double x) { return x * x; }

// Inside 'wrt(...)', a separator that is not a comma.
// expected-error@+2 {{unexpected ';' in '#pragma frechet'}}
// CHECK: pragma-stray-token.cpp:[[@LINE+1]]:30: error: unexpected ';' in '#pragma frechet'
#pragma frechet forward wrt(x; y)
double k(double x, double y) { return x * y; }

// A ')' too many.
// expected-error@+2 {{unexpected ')' in '#pragma frechet'}}
// CHECK: pragma-stray-token.cpp:[[@LINE+1]]:31: error: unexpected ')' in '#pragma frechet'
#pragma frechet forward wrt(x))
double m(double x) { return x * x; }

// Positive control.
#pragma frechet forward wrt(x) name(ok_d)
double ok(double x) { return f(x) + g(x) + h(x) + k(x, x) + m(x); }
double use(double x) { return ok_d(x, 1.0).tangent; }
// CHECK-NOT: error:
