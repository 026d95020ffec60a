// The derivative's name must be free in the function's scope. The error is
// at the token that chose the name (the mode for the default name, the
// identifier in 'name(...)'), with a note at what already has it.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
// RUN: not %frechetxx -fsyntax-only %s 2>&1 | FileCheck %s
#include <frechet/frechet.h>

// The user already declared f_jvp.
double f_jvp(double x, double dx); // expected-note {{'f_jvp' declared here}}
// expected-error@+3 {{cannot name the derivative 'f_jvp': that name is already declared}}
// CHECK: derivative-name-taken.cpp:[[@LINE+2]]:17: error: cannot name the derivative 'f_jvp': that name is already declared
// CHECK: derivative-name-taken.cpp:[[@LINE-3]]:8: note: 'f_jvp' declared here
#pragma frechet forward
double f(double x) { return x * x; }

// name(g) where g exists.
double g(double x) { return x; } // expected-note {{'g' declared here}}
// expected-error@+3 {{cannot name the derivative 'g': that name is already declared}}
// CHECK: derivative-name-taken.cpp:[[@LINE+2]]:30: error: cannot name the derivative 'g': that name is already declared
// CHECK: derivative-name-taken.cpp:[[@LINE-3]]:8: note: 'g' declared here
#pragma frechet forward name(g)
double f2(double x) { return g(x) * x; }

// Any kind of declaration takes the name, in the function's own namespace.
namespace ns {
int h_jvp = 0; // expected-note {{'h_jvp' declared here}}
// expected-error@+1 {{cannot name the derivative 'h_jvp': that name is already declared}}
#pragma frechet forward
double h(double x) { return x + h_jvp; }
} // namespace ns

// A name in another namespace does not clash.
namespace other {
int k_jvp = 0;
}
#pragma frechet forward
double k(double x) { return x * other::k_jvp; }
double use_k(double x) { return k_jvp(x, 1.0).tangent; }

// The name of an earlier derivative is taken too.
#pragma frechet forward name(d1)
double p(double x) { return x * x; }
// expected-error@+4 {{cannot name the derivative 'd1': that name is already declared}}
// expected-note@+3 {{choose another name with 'name(...)'}}
// CHECK: derivative-name-taken.cpp:[[@LINE+2]]:30: error: cannot name the derivative 'd1': that name is already declared
// CHECK: derivative-name-taken.cpp:[[@LINE+1]]:30: note: choose another name with 'name(...)'
#pragma frechet forward name(d1)
double q(double x) { return x * x * x; }
double use_d1(double x) { return d1(x, 1.0).tangent; }

// Positive control: the same function under a free name.
#pragma frechet forward name(f_tangent)
double f3(double x) { return f(x) + f2(x); }
double use(double x) { return f_tangent(x, 1.0).tangent; }
// CHECK-NOT: error:
