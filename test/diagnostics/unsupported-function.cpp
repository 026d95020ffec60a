// Functions that forward mode cannot differentiate yet: an error at the
// function's name saying why, with a note at the pragma (or, for a callee,
// notes at the call and at the pragma).
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
#include <frechet/frechet.h>

struct Q {
  double m(double x) const;
  double k;
};

// A member function defined out of line.
// expected-note@+1 {{in the forward derivative of 'm' requested here}}
#pragma frechet forward
double Q::m(double x) const { // expected-error {{cannot differentiate 'm' yet: it is a member function}}
  return k * x;
}

// A variadic function.
// expected-note@+1 {{in the forward derivative of 'sum' requested here}}
#pragma frechet forward
double sum(double x, ...) { // expected-error {{cannot differentiate 'sum' yet: it is variadic}}
  return x;
}

// A function returning a reference.
// expected-note@+1 {{in the forward derivative of 'pick' requested here}}
#pragma frechet forward
double &pick(double &x) { // expected-error {{cannot differentiate 'pick' yet: it returns a reference}}
  x *= 2;
  return x;
}

// A function returning a pointer.
// expected-note@+1 {{in the forward derivative of 'next' requested here}}
#pragma frechet forward
double *next(double *x) { // expected-error {{cannot differentiate 'next' yet: it returns a pointer}}
  return x + 1;
}

// A function returning a class.
struct Pair {
  double a, b;
};
// expected-note@+1 {{in the forward derivative of 'twice' requested here}}
#pragma frechet forward
Pair twice(double x) { // expected-error {{cannot differentiate 'twice' yet: its return type is neither a number nor an Eigen matrix}}
  return {x, 2 * x};
}

// A function template.
// expected-note@+1 {{in the forward derivative of 'sq' requested here}}
#pragma frechet forward
template <typename T>
T sq(T v) { // expected-error {{cannot differentiate 'sq' yet: it is a function template}}
  return v * v;
}

// The same, spelled 'class T': still a function template, not a class.
// expected-note@+1 {{in the forward derivative of 'cube' requested here}}
#pragma frechet forward
template <class T>
T cube(T v) { // expected-error {{cannot differentiate 'cube' yet: it is a function template}}
  return v * v * v;
}

// A member function defined in its class.
struct R {
  double k;
// expected-error@+1 {{'#pragma frechet' cannot differentiate a member function}}
#pragma frechet forward
  double scaled(double x) const {
    return k * x;
  }
};

// A callee that cannot be differentiated: notes at the call and the pragma.
double vsum(double x, ...) { // expected-error {{cannot differentiate 'vsum' yet: it is variadic}}
  return x;
}
// expected-note@+1 {{in the forward derivative of 'calls_vsum' requested here}}
#pragma frechet forward
double calls_vsum(double x) {
  return vsum(x, 1, 2) * 2; // expected-note {{'vsum' is differentiated because it is called here}}
}

// No derivative was generated.
int m_jvp, sum_jvp, pick_jvp, next_jvp, twice_jvp, sq_jvp, cube_jvp, scaled_jvp;

// Positive control.
#pragma frechet forward
double ok(double x) { return x * x; }
double call_all(double x) { return Q{2}.m(x) + sum(x) + sq(x) + cube(x) + R{3}.scaled(x); }
double use(double x) { return ok_jvp(x, 1.0).tangent; }
