// A differentiated call to a function that has no body before this point and
// no rule: an error at the call, a note on how to write the rule, a note at
// the callee's declaration, and a note at the pragma. Reported once per call.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
// RUN: not %frechetxx -fsyntax-only -fno-caret-diagnostics %s 2>&1 | FileCheck %s
#include <frechet/frechet.h>

// Declared without a body.
double softplus(double x); // expected-note {{'softplus' declared here}}
// expected-note@+3 {{in the forward derivative of 'f' requested here}}
// CHECK: call-without-rule.cpp:[[@LINE+4]]:10: error: cannot differentiate the call to 'softplus': it has no definition before this point and no derivative rule 'frechet::rules::softplus_jvp'
// CHECK: call-without-rule.cpp:[[@LINE+3]]:10: note: to differentiate calls to 'softplus', define 'frechet::rules::softplus_jvp' (its arguments, then one tangent per floating-point parameter), or define 'softplus' before the function that calls it
#pragma frechet forward
double f(double x) {
  return softplus(x) * 2; // expected-error {{cannot differentiate the call to 'softplus': it has no definition before this point and no derivative rule 'frechet::rules::softplus_jvp'}} \
                          // expected-note {{to differentiate calls to 'softplus', define 'frechet::rules::softplus_jvp' (its arguments, then one tangent per floating-point parameter), or define 'softplus' before the function that calls it}}
}

// Defined only after the annotated function.
double later(double x); // expected-note {{'later' declared here}}
// expected-note@+1 {{in the forward derivative of 'g' requested here}}
#pragma frechet forward
double g(double x) {
  double y = later(x) + 1; // expected-error {{cannot differentiate the call to 'later': it has no definition before this point and no derivative rule 'frechet::rules::later_jvp'}} \
                           // expected-note {{to differentiate calls to 'later', define 'frechet::rules::later_jvp'}}
  return y;
}
double later(double x) { return x * x; }

// A callee that writes an output through a pointer.
void fill(double *out, double v); // expected-note {{'fill' declared here}}
// expected-note@+1 {{in the forward derivative of 'h' requested here}}
#pragma frechet forward
double h(double x) {
  double a[1];
  fill(a, x); // expected-error {{cannot differentiate the call to 'fill': it has no definition before this point and no derivative rule 'frechet::rules::fill_jvp'}} \
              // expected-note {{to differentiate calls to 'fill', define 'frechet::rules::fill_jvp'}}
  return a[0];
}

// A differentiated array passed to a callee that does not return a
// derivative: the values could escape into storage the plugin cannot see,
// so this is the same error, with the same notes.
void show(const double *p, int n); // expected-note {{'show' declared here}}
// expected-note@+1 {{in the forward derivative of 'viewer' requested here}}
#pragma frechet forward
double viewer(const double *x) {
  show(x, 2); // expected-error {{cannot differentiate the call to 'show': it has no definition before this point and no derivative rule 'frechet::rules::show_jvp'}} \
              // expected-note {{to differentiate calls to 'show', define 'frechet::rules::show_jvp'}}
  return x[0] * 2;
}

// The call is the returned expression: still one error, not two.
double later2(double x); // expected-note {{'later2' declared here}}
// expected-note@+1 {{in the forward derivative of 'k' requested here}}
#pragma frechet forward
double k(double x) {
  return later2(x); // expected-error {{cannot differentiate the call to 'later2': it has no definition before this point and no derivative rule 'frechet::rules::later2_jvp'}} \
                    // expected-note {{to differentiate calls to 'later2', define 'frechet::rules::later2_jvp'}}
}
double later2(double x) { return x + 1; }

// Positive control: a call whose arguments do not depend on x calls the
// original function; once defined, 'later' is differentiated from its body;
// and a rule makes 'softplus' differentiable.
namespace frechet::rules {
inline frechet::jvp_result<double> softplus_jvp(double x, double dx) {
  return {softplus(x), dx / (1 + std::exp(-x))};
}
} // namespace frechet::rules
#pragma frechet forward
double ok(double x) { return softplus(2.0) * x + later(x) + softplus(x); }
double use(double x) { return ok_jvp(x, 1.0).tangent; }
// CHECK-NOT: cannot differentiate the call to 'softplus'
