// Without <frechet/frechet.h> the generated code would not compile: the
// pragma is an error, reported once per pragma at '#pragma', and the
// functions are compiled without derivatives. (This test is about the
// missing header, so it does not include it.)
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
// RUN: not %frechetxx -fsyntax-only %s 2>&1 | FileCheck %s
#include <cmath>

// expected-error@+2 {{the generated derivative needs the Frechet runtime; add '#include <frechet/frechet.h>' before this function}}
// CHECK: missing-runtime.cpp:[[@LINE+1]]:1: error: the generated derivative needs the Frechet runtime; add '#include <frechet/frechet.h>' before this function
#pragma frechet forward
double f(double x) { return std::sin(x) * x; }

// expected-error@+2 {{the generated derivative needs the Frechet runtime; add '#include <frechet/frechet.h>' before this function}}
// CHECK: missing-runtime.cpp:[[@LINE+1]]:1: error: the generated derivative needs the Frechet runtime
#pragma frechet forward wrt(out) name(g_d)
void g(double x, double *out) { out[0] = x; }

// The functions are there, their derivatives are not.
double use(double x) {
  double y;
  g(x, &y);
  return f(y);
}
int f_jvp, g_d;

// Positive control: once the header is included, the pragma works.
#include <frechet/frechet.h>
#pragma frechet forward
double ok(double x) { return use(x) * x; }
double use_ok(double x) { return ok_jvp(x, 1.0).tangent; }
// CHECK-NOT: error:
