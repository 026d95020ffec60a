// A name in 'wrt(...)' that is not a parameter of the function: an error at
// the name in the pragma, with a note at the function.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
// RUN: not %frechetxx -fsyntax-only %s 2>&1 | FileCheck %s
#include <frechet/frechet.h>

// expected-error@+3 {{'y' in 'wrt(...)' is not a parameter of 'f'}}
// CHECK: wrt-not-parameter.cpp:[[@LINE+2]]:29: error: 'y' in 'wrt(...)' is not a parameter of 'f'
// CHECK: wrt-not-parameter.cpp:[[@LINE+2]]:8: note: 'f' declared here
#pragma frechet forward wrt(y)
double f(double x) { // expected-note {{'f' declared here}}
  return x * x;
}

// A local variable is not a parameter either; each bad name is reported.
// expected-error@+5 {{'t' in 'wrt(...)' is not a parameter of 'g'}}
// expected-error@+4 {{'X' in 'wrt(...)' is not a parameter of 'g'}}
// CHECK: wrt-not-parameter.cpp:[[@LINE+3]]:32: error: 't' in 'wrt(...)' is not a parameter of 'g'
// CHECK: wrt-not-parameter.cpp:[[@LINE+2]]:35: error: 'X' in 'wrt(...)' is not a parameter of 'g'
// CHECK: wrt-not-parameter.cpp:[[@LINE+2]]:8: note: 'g' declared here
#pragma frechet forward wrt(x, t, X)
double g(double x) { // expected-note 2 {{'g' declared here}}
  double t = x * 2;
  return t;
}

// No derivative was generated.
int f_jvp, g_jvp;

// Positive control.
#pragma frechet forward wrt(x)
double ok(double x, double y) { return f(x) + g(y); }
double use(double x) { return ok_jvp(x, 2.0, 1.0).tangent; }
// CHECK-NOT: error:
