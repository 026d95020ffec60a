// A parameter outside 'wrt(...)' that receives a differentiated value: an
// error at the store, with a note at the pragma.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
#include <frechet/frechet.h>

// expected-note@+1 {{in the forward derivative of 'f' requested here}}
#pragma frechet forward wrt(x)
void f(double x, double *out) {
  out[0] = x * x; // expected-error {{'out' receives a value that depends on the differentiation parameters, but it has no tangent; add it to 'wrt(...)'}}
}

// Through a reference, after an inactive store.
// expected-note@+1 {{in the forward derivative of 'g' requested here}}
#pragma frechet forward wrt(x)
void g(double x, double &out) {
  out = 1.0;
  out += x; // expected-error {{'out' receives a value that depends on the differentiation parameters, but it has no tangent; add it to 'wrt(...)'}}
}

// Through a local pointer to it.
// expected-note@+1 {{in the forward derivative of 'h' requested here}}
#pragma frechet forward wrt(x)
void h(double x, double *out) {
  double *p = out;
  *p = x; // expected-error {{'out' receives a value that depends on the differentiation parameters, but it has no tangent; add it to 'wrt(...)'}}
}

// Through a call that writes it.
void store(double *dst, double v) { *dst = v; }
// expected-note@+1 {{in the forward derivative of 'k' requested here}}
#pragma frechet forward wrt(x)
void k(double x, double *out) {
  store(out, 2 * x); // expected-error {{'out' receives a value that depends on the differentiation parameters, but it has no tangent; add it to 'wrt(...)'}}
}

// No derivative definitions were generated; f_jvp and friends are only
// declared (so that callers compile), and calling one is a link error, not a
// compile error.
void use_decls(double x, double *o) { f_jvp(x, o, 1.0); }

// Positive control: with 'out' in 'wrt', and an output written only with
// values that do not depend on x.
#pragma frechet forward wrt(x, out)
void ok(double x, double *out) { out[0] = x * x; }
#pragma frechet forward wrt(x)
double ok2(double x, double *out) {
  out[0] = 2.0;
  return x * out[0];
}
void use(double x, double *o, double *d) {
  ok_jvp(x, o, 1.0, d);
  ok2_jvp(x, o, 1.0);
}
