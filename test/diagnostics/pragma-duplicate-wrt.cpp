// A parameter listed twice in 'wrt(...)' is reported at its second mention.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
// RUN: not %frechetxx -fsyntax-only %s 2>&1 | FileCheck %s
#include <frechet/frechet.h>

// expected-error@+2 {{parameter 'x' is listed twice in 'wrt(...)'}}
// CHECK: pragma-duplicate-wrt.cpp:[[@LINE+1]]:32: error: parameter 'x' is listed twice in 'wrt(...)'
#pragma frechet forward wrt(x, x)
double f(double x) { return x * x; }

// expected-error@+2 {{parameter 'y' is listed twice in 'wrt(...)'}}
// CHECK: pragma-duplicate-wrt.cpp:[[@LINE+1]]:38: error: parameter 'y' is listed twice in 'wrt(...)'
#pragma frechet forward wrt(y, x, z, y)
double g(double x, double y, double z) { return x * y * z; }

// Positive control.
#pragma frechet forward wrt(y, x)
double ok(double x, double y) { return f(x) + g(x, y, x); }
double use(double x) { return ok_jvp(x, 2.0, 1.0, 0.0).tangent; }
// CHECK-NOT: error:
