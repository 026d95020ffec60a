// Definitions the pragma recognises but refuses: a constructor with a
// member initializer list, and a function-try-block. The error is at the
// token that gives them away.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
// RUN: not %frechetxx -fsyntax-only %s 2>&1 | FileCheck %s
#include <frechet/frechet.h>

struct S {
  explicit S(double x);
  double v;
};

// expected-error@+3 {{'#pragma frechet' cannot differentiate a constructor}}
// CHECK: pragma-unsupported-definition.cpp:[[@LINE+2]]:16: error: '#pragma frechet' cannot differentiate a constructor
#pragma frechet forward
S::S(double x) : v(x) {}

// expected-error@+3 {{'#pragma frechet' cannot differentiate a function-try-block}}
// CHECK: pragma-unsupported-definition.cpp:[[@LINE+2]]:20: error: '#pragma frechet' cannot differentiate a function-try-block
#pragma frechet forward
double h(double x) try {
  return x * x;
} catch (...) {
  return 0;
}

// The definitions themselves are compiled, and no derivative was generated.
double use(double x) { return S(x).v + h(x); }
int h_jvp;

// Positive control.
#pragma frechet forward
double ok(double x) { return x * x; }
double use_ok(double x) { return ok_jvp(x, 1.0).tangent; }
// CHECK-NOT: error:
