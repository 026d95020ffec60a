// An unclosed 'wrt(' or 'name(' is reported at the end of the line, with a
// note at the '(' it should close.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
// RUN: not %frechetxx -fsyntax-only %s 2>&1 | FileCheck %s
#include <frechet/frechet.h>

// expected-error@+4 {{expected ')' to close 'wrt('}}
// expected-note@+3 {{to match this '('}}
// CHECK: pragma-expected-rparen.cpp:[[@LINE+2]]:30: error: expected ')' to close 'wrt('
// CHECK: pragma-expected-rparen.cpp:[[@LINE+1]]:28: note: to match this '('
#pragma frechet forward wrt(x
double f(double x) { return x * x; }

// expected-error@+4 {{expected ')' to close 'wrt('}}
// expected-note@+3 {{to match this '('}}
// CHECK: pragma-expected-rparen.cpp:[[@LINE+2]]:34: error: expected ')' to close 'wrt('
// CHECK: pragma-expected-rparen.cpp:[[@LINE+1]]:28: note: to match this '('
#pragma frechet forward wrt(x, y,
double f2(double x, double y) { return x * y; }

// expected-error@+4 {{expected ')' to close 'name('}}
// expected-note@+3 {{to match this '('}}
// CHECK: pragma-expected-rparen.cpp:[[@LINE+2]]:33: error: expected ')' to close 'name('
// CHECK: pragma-expected-rparen.cpp:[[@LINE+1]]:29: note: to match this '('
#pragma frechet forward name(g_d
double g(double x) { return x * x; }

// Positive control.
#pragma frechet forward wrt(x)
double ok(double x) { return f(x) + f2(x, x) + g(x); }
double use(double x) { return ok_jvp(x, 1.0).tangent; }
// CHECK-NOT: error:
