// Inside 'wrt(...)' and 'name(...)' only identifiers are allowed.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
// RUN: not %frechetxx -fsyntax-only %s 2>&1 | FileCheck %s
#include <frechet/frechet.h>

// expected-error@+2 {{expected a parameter name in 'wrt(...)'}}
// CHECK: pragma-expected-identifier.cpp:[[@LINE+1]]:29: error: expected a parameter name in 'wrt(...)'
#pragma frechet forward wrt(1)
double f(double x) { return x * x; }

// expected-error@+2 {{expected a parameter name in 'wrt(...)'}}
// CHECK: pragma-expected-identifier.cpp:[[@LINE+1]]:29: error: expected a parameter name in 'wrt(...)'
#pragma frechet forward wrt()
double f2(double x) { return x * x; }

// After a comma.
// expected-error@+2 {{expected a parameter name in 'wrt(...)'}}
// CHECK: pragma-expected-identifier.cpp:[[@LINE+1]]:32: error: expected a parameter name in 'wrt(...)'
#pragma frechet forward wrt(x, )
double f3(double x, double y) { return x * y; }

// expected-error@+2 {{expected an identifier in 'name(...)'}}
// CHECK: pragma-expected-identifier.cpp:[[@LINE+1]]:30: error: expected an identifier in 'name(...)'
#pragma frechet forward name()
double g(double x) { return x * x; }

// expected-error@+2 {{expected an identifier in 'name(...)'}}
// CHECK: pragma-expected-identifier.cpp:[[@LINE+1]]:30: error: expected an identifier in 'name(...)'
#pragma frechet forward name("g_d")
double g2(double x) { return x * x; }

// A keyword is not an identifier (found by the crash corpus, test/crash/:
// the derivative was named 'int' and the generated code did not compile).
// expected-error@+2 {{expected an identifier in 'name(...)'}}
// CHECK: pragma-expected-identifier.cpp:[[@LINE+1]]:30: error: expected an identifier in 'name(...)'
#pragma frechet forward name(int)
double g3(double x) { return x * x; }

// expected-error@+2 {{expected an identifier in 'name(...)'}}
// CHECK: pragma-expected-identifier.cpp:[[@LINE+1]]:30: error: expected an identifier in 'name(...)'
#pragma frechet forward name(operator)
double g4(double x) { return x * x; }

// Positive control.
#pragma frechet forward wrt(x, y) name(ok_d)
double ok(double x, double y) {
  return f(x) + f2(y) + f3(x, y) + g(x) + g2(y) + g3(x) + g4(y);
}
double use(double x) { return ok_d(x, 2.0, 1.0, 0.0).tangent; }
// CHECK-NOT: error:
