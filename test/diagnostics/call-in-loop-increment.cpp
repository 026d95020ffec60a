// A for-loop increment that needs a differentiated call would need
// statements of its own: an error at the call, with a note at the pragma.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
// RUN: not %frechetxx -fsyntax-only %s 2>&1 | FileCheck %s
#include <frechet/frechet.h>

double step(double v) { return v * 0.5 + 1; }

// expected-note@+3 {{in the forward derivative of 'iterate' requested here}}
// The caret is on the call (column 30), not on the '='.
// CHECK: call-in-loop-increment.cpp:[[@LINE+4]]:30: error: cannot differentiate a call in a for-loop increment; move it into the loop body
#pragma frechet forward
double iterate(double x) {
  double s = x;
  for (int i = 0; i < 3; s = step(s)) // expected-error {{cannot differentiate a call in a for-loop increment; move it into the loop body}}
    ++i;
  return s;
}

// In a comma expression, the caret is still on the call (column 35), not on
// the ','.
// expected-note@+2 {{in the forward derivative of 'iterate_comma' requested here}}
// CHECK: call-in-loop-increment.cpp:[[@LINE+4]]:35: error: cannot differentiate a call in a for-loop increment; move it into the loop body
#pragma frechet forward
double iterate_comma(double x) {
  double s = x;
  for (int i = 0; i < 3; ++i, s = step(s * x)) // expected-error {{cannot differentiate a call in a for-loop increment; move it into the loop body}}
    s += 1;
  return s;
}

// Positive control: the call in the body; plain arithmetic in the increment.
#pragma frechet forward
double ok(double x) {
  double s = x;
  for (int i = 0; i < 3; ++i, s *= x)
    s = step(s);
  return s;
}
double use(double x) { return ok_jvp(x, 1.0).tangent; }
