// Statements and constructs that forward mode cannot differentiate yet: an
// error at the construct, with a note at the pragma. Each function shows one.
//
// RUN: %frechetxx -Wno-vla-cxx-extension -fsyntax-only -Xclang -verify %s
#include <frechet/frechet.h>

// expected-note@+1 {{in the forward derivative of 'with_goto' requested here}}
#pragma frechet forward
double with_goto(double x) {
  if (x > 0)
    goto done; // expected-error {{cannot differentiate 'goto' yet}}
  x = -x;
done:
  return x;
}

// expected-note@+1 {{in the forward derivative of 'with_try' requested here}}
#pragma frechet forward
double with_try(double x) {
  try { // expected-error {{cannot differentiate a try block yet}}
    x = x * 2;
  } catch (...) {
    x = 0;
  }
  return x;
}

// expected-note@+1 {{in the forward derivative of 'with_asm' requested here}}
#pragma frechet forward
double with_asm(double x) {
  asm("nop"); // expected-error {{cannot differentiate inline assembly yet}}
  return x * x;
}

// expected-note@+1 {{in the forward derivative of 'with_lambda' requested here}}
#pragma frechet forward
double with_lambda(double x) {
  auto sq = [](double v) { return v * v; }; // expected-error {{cannot differentiate a lambda expression yet}}
  return sq(x);
}

// expected-note@+1 {{in the forward derivative of 'with_range_for' requested here}}
#pragma frechet forward
double with_range_for(const double *x) {
  const double w[3] = {1, 2, 3};
  double s = 0;
  for (double v : w) // expected-error {{cannot differentiate a range-based for loop (use an index loop) yet}}
    s += v * x[0];
  return s;
}

// expected-note@+1 {{in the forward derivative of 'with_vla' requested here}}
#pragma frechet forward
double with_vla(double x, int n) {
  double buf[n]; // expected-error {{cannot differentiate a variable-length array yet}}
  buf[0] = x;
  return buf[0];
}

// expected-note@+1 {{in the forward derivative of 'with_stmt_expr' requested here}}
#pragma frechet forward
double with_stmt_expr(double x) {
  double y = ({ x * 2; }); // expected-error {{cannot differentiate a statement expression yet}}
  return y;
}

// expected-note@+1 {{in the forward derivative of 'with_elvis' requested here}}
#pragma frechet forward
double with_elvis(double x) {
  double y = x ?: 1.0; // expected-error {{cannot differentiate the GNU '?:' operator yet}}
  return y;
}

// expected-note@+1 {{in the forward derivative of 'with_cond_var' requested here}}
#pragma frechet forward
double with_cond_var(double x) {
  if (double y = x * 2) // expected-error {{cannot differentiate a differentiated condition variable yet}}
    return y;
  return 0;
}

// A structured binding of a differentiated array.
// expected-note@+1 {{in the forward derivative of 'with_binding' requested here}}
#pragma frechet forward
double with_binding(double x) {
  double a[2] = {x, 2 * x};
  auto [p, q] = a; // expected-error {{cannot differentiate a structured binding yet}}
  return p * q;
}

// A local class: the message says what it is in C++ words.
// expected-note@+1 {{in the forward derivative of 'with_local_struct' requested here}}
#pragma frechet forward
double with_local_struct(double x) {
  struct Local { // expected-error-re {{cannot differentiate a local {{(struct|class)}}{{.*}} yet}}
    int k;
  };
  Local l{2};
  return x * l.k;
}

// Positive control: goto and the rest are fine in functions without the
// pragma, and a pragma'd function may call none of them.
double helper(double x) {
  auto id = [](double v) { return v; };
  return id(x);
}
#pragma frechet forward
double ok(double x) {
  double s = 0;
  for (int i = 0; i < 3; ++i)
    s += x * i;
  return s;
}
double use(double x) { return ok_jvp(x, 1.0).tangent + helper(x); }
