// An assignment to a differentiated variable inside a condition or a larger
// expression: an error at the assignment, with a note at the pragma.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
#include <frechet/frechet.h>

// expected-note@+1 {{in the forward derivative of 'in_if' requested here}}
#pragma frechet forward
double in_if(double x) {
  double y = 0;
  if ((y = x * 2) > 1) // expected-error {{cannot differentiate an assignment to a differentiated variable inside a condition or a larger expression; move it to its own statement}}
    return y;
  return x;
}

// expected-note@+1 {{in the forward derivative of 'in_while' requested here}}
#pragma frechet forward
double in_while(double x) {
  double y = x;
  while ((y *= 0.5) > 1) { // expected-error {{cannot differentiate an assignment to a differentiated variable inside a condition or a larger expression; move it to its own statement}}
  }
  return y;
}

// expected-note@+1 {{in the forward derivative of 'in_do' requested here}}
#pragma frechet forward
double in_do(double x) {
  double y = x;
  do {
  } while ((y -= 1) > 0); // expected-error {{cannot differentiate an assignment to a differentiated variable inside a condition or a larger expression; move it to its own statement}}
  return y;
}

// A call that writes a differentiated output, inside a condition.
void halve(double *p) { *p = *p / 2; }
// expected-note@+1 {{in the forward derivative of 'call_in_if' requested here}}
#pragma frechet forward
double call_in_if(double x) {
  double a[1];
  a[0] = x;
  if ((halve(a), a[0]) > 1) // expected-error {{cannot differentiate an assignment to a differentiated variable inside a condition or a larger expression; move it to its own statement}}
    return a[0];
  return x;
}

// Positive control: the assignment in its own statement; an assignment to an
// integer in a condition.
#pragma frechet forward
double ok(double x) {
  double y = x * 2;
  int n = 0;
  if ((n = 3) > 1 && y > 1)
    return y * n;
  return x;
}
double use(double x) { return ok_jvp(x, 1.0).tangent; }
