// A clause given twice is reported at the second, with a note at the first.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
// RUN: not %frechetxx -fsyntax-only %s 2>&1 | FileCheck %s
#include <frechet/frechet.h>

// expected-error@+4 {{duplicate 'wrt' clause in '#pragma frechet'}}
// expected-note@+3 {{previous 'wrt' clause is here}}
// CHECK: pragma-duplicate-clause.cpp:[[@LINE+2]]:32: error: duplicate 'wrt' clause in '#pragma frechet'
// CHECK: pragma-duplicate-clause.cpp:[[@LINE+1]]:25: note: previous 'wrt' clause is here
#pragma frechet forward wrt(x) wrt(y)
double f(double x, double y) { return x * y; }

// expected-error@+4 {{duplicate 'name' clause in '#pragma frechet'}}
// expected-note@+3 {{previous 'name' clause is here}}
// CHECK: pragma-duplicate-clause.cpp:[[@LINE+2]]:42: error: duplicate 'name' clause in '#pragma frechet'
// CHECK: pragma-duplicate-clause.cpp:[[@LINE+1]]:25: note: previous 'name' clause is here
#pragma frechet forward name(g_a) wrt(x) name(g_b)
double g(double x) { return x * x; }

// Positive control: both clauses once each, in either order.
#pragma frechet forward name(ok_d) wrt(x)
double ok(double x, double y) { return f(x, y) + g(y); }
double use(double x) { return ok_d(x, 2.0, 1.0).tangent; }
// CHECK-NOT: error:
