// A 'wrt' parameter whose type carries no derivative: an error at the name
// in the pragma, with a note at the parameter.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
// RUN: not %frechetxx -fsyntax-only %s 2>&1 | FileCheck %s
#include <frechet/frechet.h>

struct Point {
  double x, y;
};

// expected-error@+3 {{parameter 'n' has type int, which cannot be differentiated; 'wrt' takes floating-point parameters and pointers, arrays or references to them}}
// CHECK: wrt-not-differentiable.cpp:[[@LINE+2]]:29: error: parameter 'n' has type int, which cannot be differentiated
// CHECK: wrt-not-differentiable.cpp:[[@LINE+2]]:24: note: 'n' declared here
#pragma frechet forward wrt(n)
double f(double x, int n) { // expected-note {{'n' declared here}}
  return x * n;
}

// expected-error@+3 {{parameter 'p' has type Point, which cannot be differentiated; 'wrt' takes floating-point parameters and pointers, arrays or references to them}}
// CHECK: wrt-not-differentiable.cpp:[[@LINE+2]]:32: error: parameter 'p' has type Point, which cannot be differentiated
// CHECK: wrt-not-differentiable.cpp:[[@LINE+2]]:26: note: 'p' declared here
#pragma frechet forward wrt(x, p)
double g(double x, Point p) { // expected-note {{'p' declared here}}
  return x * p.x + p.y;
}

// Pointers to integers are not differentiable either.
// expected-error@+2 {{parameter 'v' has type const int *, which cannot be differentiated}}
// CHECK: wrt-not-differentiable.cpp:[[@LINE+1]]:29: error: parameter 'v' has type const int *, which cannot be differentiated
#pragma frechet forward wrt(v)
double h(double x, const int *v) { // expected-note {{'v' declared here}}
  return x * v[0];
}

// No derivative was generated.
int f_jvp, g_jvp, h_jvp;

// Positive control: the floating-point parameter alone.
#pragma frechet forward wrt(x)
double ok(double x, int n, Point p) { return f(x, n) + g(x, p); }
double use(double x) { return ok_jvp(x, 2, Point{1, 2}, 1.0).tangent; }
// CHECK-NOT: error:
