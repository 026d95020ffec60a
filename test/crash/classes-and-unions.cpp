// Classes: member functions (annotated or called), virtual calls, static
// members, operators, constructors, class parameters, stores into members,
// unions. Each ends in a located error; nothing crashes and no generated
// code fails to compile.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify -Xclang -verify-ignore-unexpected=note %s
// RUN: not %frechetxx -fsyntax-only %s 2>&1 | FileCheck %s
// CHECK-NOT: <frechet: derivatives
#include <frechet/frechet.h>

struct S {
  double a;
  double m(double x) const { return a * x; }
  virtual double v(double x) { return x * a; }
  static double st(double x) { return x * 2; }
  double operator()(double x) const { return x + a; }
  S &operator+=(double x) {
    a += x;
    return *this;
  }
  virtual ~S() = default;
};

struct K {
  explicit K(double x);
  double v;
};
#pragma frechet forward
K::K(double x) : v(x) {} // expected-error {{'#pragma frechet' cannot differentiate a constructor}}

#pragma frechet reverse
double S_m(double x, S s) {
  // expected-error@+2 {{cannot differentiate a call to member function or operator 'm' with a differentiated argument}}
  // expected-error@+1 {{cannot differentiate a call to member function or operator 'operator()' with a differentiated argument}}
  return s.m(x) + s(x);
}

#pragma frechet forward
double callsOperator(double x, S s) {
  return s(x); // expected-error {{cannot differentiate a call to member function or operator 'operator()' with a differentiated argument}}
}

#pragma frechet gradient
double virtualCall(double x, S *s) {
  return s->v(x); // expected-error {{cannot differentiate a call to member function or operator 'v' with a differentiated argument}}
}

#pragma frechet gradient
#pragma frechet forward
double staticMember(double x) {
  return S::st(x); // expected-error@15 2 {{cannot differentiate 'st' yet: it is a member function}}
}

#pragma frechet reverse
double storeMember(double x, S &s) {
  s.a = x; // expected-error {{cannot differentiate a store of a differentiated value into a class member; use a local variable, an array or a pointer to floating point}}
  return x;
}

// A value that only goes into a class object through a member function is
// not an output: f's derivative is that of its result.
#pragma frechet forward
double compoundOperator(double x, S &s) {
  s += x;
  return x;
}

union U {
  double d;
  long l;
};
#pragma frechet gradient
double unionLocal(double x) {
  U u;
  u.d = x; // expected-error {{cannot differentiate a store of a differentiated value into a class member; use a local variable, an array or a pointer to floating point}}
  return u.d * x;
}
#pragma frechet forward
double unionStore(double x) {
  U u;
  u.d = x; // expected-error {{cannot differentiate a store of a differentiated value into a class member; use a local variable, an array or a pointer to floating point}}
  return u.d * x;
}
#pragma frechet gradient
#pragma frechet forward
double unionParam(U u, double x) { return u.d * x; }

// Supported: class objects that carry no differentiated values; the derivative
// with respect to x only.
#pragma frechet forward
double classParam(S s, double x) { return s.a * x; }
double use(double x) {
  double d = 0;
  U u{2.0};
  return unionParam_grad(u, x, d) + unionParam_jvp(u, x, 1).tangent +
         classParam_jvp(S{}, x, 1).tangent + compoundOperator_jvp(x, *new S, 1).tangent;
}
