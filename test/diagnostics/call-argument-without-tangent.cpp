// A rule takes a tangent for every floating-point parameter; when an argument
// for a pointer parameter has no tangent (it does not depend on x), there is
// nothing to pass: an error at the argument, with a note at the pragma.
// Reported once per call.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
#include <frechet/frechet.h>

double dot2(const double *a, double s); // defined elsewhere
namespace frechet::rules {
inline frechet::jvp_result<double> dot2_jvp(const double *a, double s,
                                            const double *da, double ds) {
  return {(a[0] + a[1]) * s, (da[0] + da[1]) * s + (a[0] + a[1]) * ds};
}
} // namespace frechet::rules

// expected-note@+1 {{in the forward derivative of 'f' requested here}}
#pragma frechet forward
double f(double x) {
  const double c[2] = {1, 2};
  double y = dot2(c, x); // expected-error {{argument 1 of the call to 'dot2' has no tangent to pass to its derivative}}
  return y;
}

// The call is the returned expression: still one error, not two.
// expected-note@+1 {{in the forward derivative of 'g' requested here}}
#pragma frechet forward
double g(double x) {
  const double c[2] = {1, 2};
  return dot2(c, x); // expected-error {{argument 1 of the call to 'dot2' has no tangent to pass to its derivative}}
}

// Positive control: a differentiated array has a tangent; a scalar without
// one gets a zero tangent.
#pragma frechet forward
double ok(const double *x) { return dot2(x, 3.0); }
double use(const double *x, const double *dx) { return ok_jvp(x, dx).tangent; }
