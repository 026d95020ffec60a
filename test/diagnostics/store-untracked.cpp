// Stores of differentiated values into storage that has no tangent and is
// not a variable (a class member, a value reached through a call): an error
// at the store that says what the storage is, with a note at the pragma.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
#include <frechet/frechet.h>

struct State {
  double v;
  double w[2];
};

// A member of a local struct.
// expected-note@+1 {{in the forward derivative of 'local_member' requested here}}
#pragma frechet forward
double local_member(double x) {
  State s;
  s.v = x * 2; // expected-error-re {{cannot differentiate a store of a differentiated value into {{.*}}member{{.*}}; use a local variable, an array or a pointer to floating point}}
  return s.v;
}

// A member through a pointer parameter.
// expected-note@+1 {{in the forward derivative of 'param_member' requested here}}
#pragma frechet forward
double param_member(double x, State *st) {
  st->v = x; // expected-error-re {{cannot differentiate a store of a differentiated value into {{.*}}member{{.*}}; use a local variable, an array or a pointer to floating point}}
  return x;
}

// An array member.
// expected-note@+1 {{in the forward derivative of 'array_member' requested here}}
#pragma frechet forward
double array_member(double x, State &st) {
  st.w[1] += x; // expected-error-re {{cannot differentiate a store of a differentiated value into {{.*}}member{{.*}}; use a local variable, an array or a pointer to floating point}}
  return x;
}

// Memory reached through a call.
double *slot();
// expected-note@+1 {{in the forward derivative of 'through_call' requested here}}
#pragma frechet forward
double through_call(double x) {
  *slot() = x; // expected-error-re {{cannot differentiate a store of a differentiated value into {{.+}}; use a local variable, an array or a pointer to floating point}}
  return x;
}

// Positive control: members written with values that do not depend on x,
// and read.
#pragma frechet forward
double ok(double x, State *st) {
  st->v = 3.0;
  return st->v * x;
}
double use(double x, State *st) { return ok_jvp(x, st, 1.0).tangent; }
