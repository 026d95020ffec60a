// A word that is not a clause is reported at that word.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
// RUN: not %frechetxx -fsyntax-only %s 2>&1 | FileCheck %s
#include <frechet/frechet.h>

// expected-error@+2 {{unknown clause 'respect' in '#pragma frechet'; expected 'wrt(...)' or 'name(...)'}}
// CHECK: pragma-unknown-clause.cpp:[[@LINE+1]]:25: error: unknown clause 'respect' in '#pragma frechet'; expected 'wrt(...)' or 'name(...)'
#pragma frechet forward respect(x)
double f(double x) { return x * x; }

// After a valid clause.
// expected-error@+2 {{unknown clause 'bogus' in '#pragma frechet'; expected 'wrt(...)' or 'name(...)'}}
// CHECK: pragma-unknown-clause.cpp:[[@LINE+1]]:32: error: unknown clause 'bogus' in '#pragma frechet'
#pragma frechet forward wrt(x) bogus
double g(double x, double y) { return x * y; }

// Clauses are case sensitive.
// expected-error@+2 {{unknown clause 'WRT' in '#pragma frechet'}}
// CHECK: pragma-unknown-clause.cpp:[[@LINE+1]]:25: error: unknown clause 'WRT' in '#pragma frechet'
#pragma frechet forward WRT(x)
double h(double x) { return x * x; }

// Positive control.
#pragma frechet forward wrt(x) name(ok_dx)
double ok(double x, double y) { return f(x) + g(x, y) + h(y); }
double use(double x) { return ok_dx(x, 2.0, 1.0).tangent; }
// CHECK-NOT: error:
