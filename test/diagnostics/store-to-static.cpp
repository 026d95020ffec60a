// Stores of differentiated values into variables with static storage: an
// error at the store naming the variable, with a note at the pragma.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
#include <frechet/frechet.h>

double last_x;
// expected-note@+1 {{in the forward derivative of 'remember' requested here}}
#pragma frechet forward
double remember(double x) {
  last_x = x; // expected-error {{cannot differentiate a store of a differentiated value into global variable 'last_x'; its derivative would be lost}}
  return x * x;
}

// A static local, assigned.
// expected-note@+1 {{in the forward derivative of 'accumulate' requested here}}
#pragma frechet forward
double accumulate(double x) {
  static double acc = 0;
  acc += x; // expected-error {{cannot differentiate a store of a differentiated value into static variable 'acc'; its derivative would be lost}}
  return acc;
}

// A static local, initialized.
// expected-note@+1 {{in the forward derivative of 'first' requested here}}
#pragma frechet forward
double first(double x) {
  static double x0 = x; // expected-error {{cannot differentiate a store of a differentiated value into static variable 'x0'; its derivative would be lost}}
  return x0 * x;
}

// Through a callee that returns a value: the notes show the call.
double seen;
double see(double v) {
  seen = v; // expected-error {{cannot differentiate a store of a differentiated value into global variable 'seen'; its derivative would be lost}}
  return v;
}
// expected-note@+1 {{in the forward derivative of 'watched' requested here}}
#pragma frechet forward
double watched(double x) {
  return see(x) * 2; // expected-note {{'see' is differentiated because it is called here}}
}

// A global array, through a callee that returns nothing: the callee must be
// differentiated (or the store reported), or the value read back below gets
// a zero derivative. The notes show the call.
double history[8];
void record(int i, double v) {
  history[i] = v; // expected-error {{cannot differentiate a store of a differentiated value into global variable 'history'; its derivative would be lost}}
}
// expected-note@+1 {{in the forward derivative of 'logged' requested here}}
#pragma frechet forward
double logged(double x) {
  record(0, x * x); // expected-note {{'record' is differentiated because it is called here}}
  return history[0];
}

// Positive control: reading globals, and storing values that do not depend
// on x, is fine.
double scale = 2.0;
int calls = 0;
#pragma frechet forward
double ok(double x) {
  ++calls;
  last_x = scale;
  static double unit = 1.0;
  return scale * x + unit;
}
double use(double x) { return ok_jvp(x, 1.0).tangent; }
