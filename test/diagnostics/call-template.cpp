// A differentiated call to a specialization of a user function template: an
// error at the call naming the rule to write, with a note at the pragma.
// Reported once per call.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
#include <frechet/frechet.h>

template <typename T> T sq(T v) { return v * v; }
template <typename T, int N> T power(T v) {
  T r = 1;
  for (int i = 0; i < N; ++i)
    r *= v;
  return r;
}

// expected-note@+1 {{in the forward derivative of 'f' requested here}}
#pragma frechet forward
double f(double x) {
  return sq(x) * 3; // expected-error {{cannot differentiate the call to function template specialization 'sq'; provide a derivative rule 'frechet::rules::sq_jvp'}}
}

// expected-note@+1 {{in the forward derivative of 'g' requested here}}
#pragma frechet forward
double g(double x) {
  double y = power<double, 3>(x); // expected-error {{cannot differentiate the call to function template specialization 'power'; provide a derivative rule 'frechet::rules::power_jvp'}}
  return y;
}

// The call is the returned expression: still one error, not two.
// expected-note@+1 {{in the forward derivative of 'h' requested here}}
#pragma frechet forward
double h(double x) {
  return sq(x); // expected-error {{cannot differentiate the call to function template specialization 'sq'; provide a derivative rule 'frechet::rules::sq_jvp'}}
}

// Positive control: arguments that do not depend on x, and a rule.
namespace frechet::rules {
template <typename T> frechet::jvp_result<T> cube_jvp(T v, T dv) {
  return {v * v * v, 3 * v * v * dv};
}
} // namespace frechet::rules
template <typename T> T cube(T v) { return v * v * v; }
#pragma frechet forward
double ok(double x) { return sq(2.0) * x + cube(x); }
double use(double x) { return ok_jvp(x, 1.0).tangent; }
