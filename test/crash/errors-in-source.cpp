// Functions with errors of their own (Clang keeps placeholders for the
// broken expressions): the plugin generates nothing from them, so the only
// errors are Clang's, in the user's code. Before, the placeholders were
// printed into the generated code ('<recovery-expr>()'), which then failed
// to compile in the '<frechet: derivatives of f>' buffer.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify -Xclang -verify-ignore-unexpected=note %s
// RUN: not %frechetxx -fsyntax-only %s 2>&1 | FileCheck %s
// CHECK-NOT: <frechet: derivatives
#include <frechet/frechet.h>

// The annotated function itself.
#pragma frechet gradient
#pragma frechet forward
double atomic(double x) {
  return __atomic_load_n(&x, __ATOMIC_RELAXED); // expected-error {{address argument to atomic operation must be a pointer to integer or pointer}}
}

// A function it calls (forward and reverse mode).
double broken(double x) {
  return x * undeclared; // expected-error {{use of undeclared identifier 'undeclared'}}
}
#pragma frechet gradient
#pragma frechet forward
double callsBroken(double x) { return broken(x) * 2; }

double broken2(double x) {
  double y = x;
  y += nosuch(x); // expected-error {{use of undeclared identifier 'nosuch'}}
  return y;
}
#pragma frechet reverse
#pragma frechet forward
void callsBroken2(double x, double *o) { o[0] = broken2(x); }

// A rule whose declaration has errors is no rule (a call to it would not
// compile): the call is reported as having none. Found by the libFuzzer
// target frechet-fuzz-tu.
double g(const double *a);
namespace frechet::rules {
inline frechet::jvp_result<double> g_jvp(const double *a, undeclared_t *da) { // expected-error {{unknown type name 'undeclared_t'}}
  return {a[0], da[0]};
}
} // namespace frechet::rules
#pragma frechet forward
double callsBrokenRule(const double *a, double s) {
  return g(a) * s; // expected-error {{cannot differentiate the call to 'g': it has no definition before this point and no derivative rule 'frechet::rules::g_jvp'}}
}
