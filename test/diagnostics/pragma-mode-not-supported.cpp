// The reserved modes (hessian, jacobian) are recognised, and rejected at
// the mode word; their clauses are still checked first.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
// RUN: not %frechetxx -fsyntax-only %s 2>&1 | FileCheck %s
#include <frechet/frechet.h>

// reverse and gradient are available: no diagnostic.
#pragma frechet reverse
double f1(double x) { return x * x; }

#pragma frechet gradient wrt(x, y)
double f2(double x, double y) { return x * y; }

// expected-error@+2 {{differentiation mode 'hessian' is not supported yet; available modes are forward, reverse and gradient}}
// CHECK: pragma-mode-not-supported.cpp:[[@LINE+1]]:19: error: differentiation mode 'hessian' is not supported yet; available modes are forward, reverse and gradient
#pragma   frechet hessian name(f3_hess)
double f3(double x) { return x * x * x; }

// expected-error@+2 {{differentiation mode 'jacobian' is not supported yet; available modes are forward, reverse and gradient}}
// CHECK: pragma-mode-not-supported.cpp:[[@LINE+1]]:17: error: differentiation mode 'jacobian' is not supported yet; available modes are forward, reverse and gradient
#pragma frechet jacobian wrt(x) name(f4_jac)
void f4(double x, double *out) { out[0] = x; }

// No derivative was generated for hessian and jacobian: these names are free.
int f1_jvp, f2_jvp, f3_hess, f4_jac;
double useReverse(double x) {
  double d = 0, dy = 0;
  return f1_vjp(x, 1.0, d) + f2_grad(x, x, d, dy);
}

// Positive control: forward next to them.
#pragma frechet forward
double ok(double x, double y) { return f1(x) + f2(x, y) + f3(y); }
double use(double x) { return ok_jvp(x, 2.0, 1.0, 0.0).tangent; }
// CHECK-NOT: error:
