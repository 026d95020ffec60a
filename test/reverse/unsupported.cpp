// Constructs that forward mode differentiates but reverse mode rejects: an
// error at the construct, with a note at the pragma; and 'gradient' on a
// function that does not return a floating-point value. Forward mode on the
// same kind of function still works (positive controls at the end).
//
// RUN: %frechetxx -fsyntax-only -ferror-limit=0 -Xclang -verify %s
#include <frechet/frechet.h>

#include <cmath>

// expected-note@+1 {{in the reverse derivative of 'with_switch' requested here}}
#pragma frechet reverse
double with_switch(double x, int k) {
  switch (k) {
  case 0:
    return x;
  default: {
  case 5: // expected-error {{reverse mode cannot differentiate a case label inside a nested block yet}}
    return x * x;
  }
  }
}

// Local references are read as what they name, which must not move while
// they are in scope.
// expected-note@+1 {{in the reverse derivative of 'with_moving_ref' requested here}}
#pragma frechet gradient
double with_moving_ref(const double *x, int n) {
  int i = 0;
  const double &r = x[i]; // expected-error {{reverse mode cannot differentiate a local reference whose index or pointer is written while it is in scope yet}}
  double s = r;
  for (; i < n; ++i) // expected-note {{'i' is written here}}
    s = s * r + x[i];
  return s;
}

// expected-note@+1 {{in the reverse derivative of 'with_moving_pointer' requested here}}
#pragma frechet gradient
double with_moving_pointer(const double *x) {
  const double *p = x;
  const double &r = *p; // expected-error {{reverse mode cannot differentiate a local reference whose index or pointer is written while it is in scope yet}}
  p = p + 1; // expected-note {{'p' is written here}}
  return r * *p;
}

// A pointer to a scalar is read as its address, if it is never moved.
// expected-note@+1 {{in the reverse derivative of 'with_moved_scalar_pointer' requested here}}
#pragma frechet gradient
double with_moved_scalar_pointer(double x) {
  double s = x, t = 2 * x;
  double *p = &s;
  *p = *p * x;
  p = &t; // expected-error {{reverse mode cannot differentiate a pointer to a scalar variable that is assigned again or whose address is taken yet}}
  return *p * s;
}

// A static reference is not read as what it names; nor is its use.
double g_val = 2.0;
// expected-note@+1 2 {{in the reverse derivative of 'with_static_ref' requested here}}
#pragma frechet gradient
double with_static_ref(double x) {
  static double &r = g_val; // expected-error {{reverse mode cannot differentiate a static or extern local reference yet}}
  return r * x; // expected-error {{reverse mode cannot differentiate this use of a local reference yet}}
}

// expected-note@+1 {{in the reverse derivative of 'with_temporary_ref' requested here}}
#pragma frechet gradient
double with_temporary_ref(double x) {
  const double &t = x * 2; // expected-error {{reverse mode cannot differentiate a local reference bound to a temporary (declare a variable instead) yet}}
  return t * x;
}

double &pick(double *a, int k) { return a[k]; }
// expected-note@+1 {{in the reverse derivative of 'with_call_ref' requested here}}
#pragma frechet reverse
void with_call_ref(double *a, double x) {
  double &r = pick(a, 1); // expected-error {{reverse mode cannot differentiate a local reference to something other than a variable, an element or a dereferenced pointer yet}}
  r = r * x;
}

// expected-note@+1 {{in the reverse derivative of 'with_mixed_decl' requested here}}
#pragma frechet gradient
double with_mixed_decl(double x) {
  double y = x, &r = y; // expected-error {{reverse mode cannot differentiate a reference declared together with other variables (declare it on its own) yet}}
  r = r * x;
  return y;
}

// expected-note@+1 {{in the reverse derivative of 'with_ref_in_if' requested here}}
#pragma frechet gradient
double with_ref_in_if(double x) {
  double y = x * x;
  if (double &r = y; r > 1) // expected-error {{reverse mode cannot differentiate a local reference declared in a loop header or a condition yet}}
    r = r * x;
  return y;
}

double sq(double x) { return x * x; }

// A call under '?:' runs under its condition in both sweeps; not when a
// call of the statement writes through its arguments (the condition could
// read what it wrote).
double keep(double x, double *o) {
  o[0] = x;
  return 2 * x;
}
// expected-note@+1 {{in the reverse derivative of 'with_call_in_cond' requested here}}
#pragma frechet gradient
double with_call_in_cond(double x) {
  double o[1] = {0};
  return keep(x, o) + (o[0] > 0 ? sq(x) : x); // expected-error {{reverse mode cannot differentiate a differentiated call inside '?:', '&&' or '||' in a statement with a call that writes through its arguments yet}}
}

// The error is at the mode, and there is no derivative to note.
#pragma frechet gradient // expected-error {{'gradient' needs a function that returns a floating-point value; use 'reverse' for 'with_void'}}
void with_void(double x, double *out) { out[0] = x; }

#pragma frechet gradient // expected-error {{'gradient' needs a function that returns a floating-point value; use 'reverse' for 'with_int'}}
int with_int(double x) { return int(x * 2); }

// A write in a condition is fine unless the reverse sweep reads the old
// value (here k, in x = x * k's reverse): there is no statement to mirror
// (test/reverse/writes-in-expressions.cpp has the working kinds).
// expected-note@+1 {{in the reverse derivative of 'with_condition_write' requested here}}
#pragma frechet gradient
double with_condition_write(double x, int k) {
  while ((k = k / 2) > 0) // expected-error {{reverse mode cannot differentiate a write in a condition to a variable whose old value the reverse sweep reads yet}}
    x = x * k;
  return x;
}

// An assignment to a '?:' runs as an if/else (test/reverse/
// conditional-lvalue.cpp), after the condition: not if the condition or the
// right side has side effects, which C++17 orders the other way.
// expected-note@+1 {{in the reverse derivative of 'with_conditional_target' requested here}}
#pragma frechet gradient
double with_conditional_target(double x, int k) {
  double a = x, b = 2 * x;
  (k++ > 0 ? a : b) += x; // expected-error {{reverse mode cannot differentiate an assignment to '?:' whose condition or right side has side effects yet}}
  return a * b;
}

// An assignment evaluated only on one side of '?:', '&&' or '||' cannot run
// as a statement of its own before the expression.
// expected-note@+1 {{in the reverse derivative of 'with_guarded_assignment' requested here}}
#pragma frechet gradient
double with_guarded_assignment(double x) {
  double b = 0;
  double y = x > 0 ? (b = x * x) : x; // expected-error {{reverse mode cannot differentiate an assignment inside '?:', '&&' or '||' yet}}
  return y + b;
}

// expected-note@+1 {{in the reverse derivative of 'with_static' requested here}}
#pragma frechet gradient
double with_static(double x) {
  static double c = 2; // expected-error {{reverse mode cannot differentiate a static or extern local variable yet}}
  return x * c;
}

// expected-note@+1 {{in the reverse derivative of 'with_2d_init' requested here}}
#pragma frechet gradient
double with_2d_init(double x) {
  double m[2][2] = {{x, 1}, {2, x}}; // expected-error {{reverse mode cannot differentiate an initializer of a multi-dimensional array yet}}
  return m[0][0] * m[1][1];
}

// expected-note@+1 {{in the reverse derivative of 'with_rule_discarded' requested here}}
#pragma frechet gradient
double with_rule_discarded(double x) {
  std::sin(x); // expected-error {{reverse mode cannot differentiate a call to a rule whose result is discarded yet}}
  return x;
}

// A pointer into one of two arrays chosen by a '?:' whose condition has a
// side effect (without one it works, as do swapped buffers:
// test/reverse/pointer-choice.cpp).
// expected-note@+1 {{in the reverse derivative of 'two_arrays' requested here}}
#pragma frechet gradient
double two_arrays(const double *w, int k) {
  double s[1] = {w[0]};
  double y[1];
  y[0] = 2 * w[0];
  const double *p = k++ > 0 ? y : s; // expected-error {{reverse mode cannot differentiate a pointer assigned from this expression (assign an array, a pointer, either plus an offset, or a choice between them) yet}}
  return p[0] * w[0] * k;
}

// A pointer into a row of a 2-D array or into a 1-D array.
// expected-note@+1 {{in the reverse derivative of 'row_or_array' requested here}}
#pragma frechet gradient
double row_or_array(const double *w) {
  double m[2][2] = {{w[0], 1}, {2, w[0]}};
  double v[2] = {w[0], 3};
  double *p = v; // expected-error {{reverse mode cannot differentiate a pointer that points into different arrays (use one pointer per array) yet}}
  if (w[0] > 1)
    p = m[1];
  return p[0] * p[1];
}

// A helper with a reference to a temporary: the error is in the helper,
// with notes back to the pragma.
double helperSwitch(double x, int k) {
  double y = x;
  const double &r = y * k; // expected-error {{reverse mode cannot differentiate a local reference bound to a temporary (declare a variable instead) yet}}
  return y * r;
}
// expected-note@+1 {{in the reverse derivative of 'useHelperSwitch' requested here}}
#pragma frechet reverse
double useHelperSwitch(double x) {
  // expected-note@+1 {{'helperSwitch' is differentiated because it is called here}}
  return helperSwitch(x, 1) * x;
}

// A call in a condition runs as the plain function (only its value
// matters), unless it writes through its arguments: that write would need
// its reverse sweep (test/reverse/condition-calls.cpp has the working kind).
double halveAndGet(double *p) {
  p[0] = p[0] / 2;
  return p[0];
}
// expected-note@+1 {{in the reverse derivative of 'writingCallInCondition' requested here}}
#pragma frechet reverse
double writingCallInCondition(double x) {
  double a[1] = {x};
  if (halveAndGet(a) > 1) // expected-error {{reverse mode cannot differentiate a call writing through its arguments in a condition yet}}
    return a[0] * x;
  return x;
}

// Positive controls: forward mode differentiates a switch and a local
// reference (reverse mode a switch: test/reverse/switch.cpp), and 'reverse' accepts a void function.
#pragma frechet forward
double ok_switch(double x, int k) {
  switch (k) {
  case 0:
    return x;
  default:
    return x * x;
  }
}
#pragma frechet forward
double ok_ref(double x) {
  double y = x * 2;
  double &r = y;
  r = r * x;
  return y;
}
#pragma frechet reverse
void ok_void(double x, double *out) { out[0] = x * x; }
double use(double x) {
  double o = 0, d_o = 1, d_x = 0;
  ok_void_vjp(x, &o, d_x, &d_o);
  return ok_switch_jvp(x, 1, 1.0).tangent + ok_ref_jvp(x, 1.0).tangent + d_x;
}
