// A clause word must be followed by '('.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
// RUN: not %frechetxx -fsyntax-only %s 2>&1 | FileCheck %s
#include <frechet/frechet.h>

// expected-error@+2 {{expected '(' after 'wrt'}}
// CHECK: pragma-expected-lparen.cpp:[[@LINE+1]]:29: error: expected '(' after 'wrt'
#pragma frechet forward wrt x
double f(double x) { return x * x; }

// At the end of the line.
// expected-error@+2 {{expected '(' after 'wrt'}}
// CHECK: pragma-expected-lparen.cpp:[[@LINE+1]]:28: error: expected '(' after 'wrt'
#pragma frechet forward wrt
double g(double x) { return x * x; }

// expected-error@+2 {{expected '(' after 'name'}}
// CHECK: pragma-expected-lparen.cpp:[[@LINE+1]]:30: error: expected '(' after 'name'
#pragma frechet forward name [h_d]
double h(double x) { return x * x; }

// Positive control.
#pragma frechet forward wrt(x)
double ok(double x) { return f(x) + g(x) + h(x); }
double use(double x) { return ok_jvp(x, 1.0).tangent; }
// CHECK-NOT: error:
