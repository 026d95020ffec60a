// Templates: a pragma before a function template, calls to function
// templates and to members of class templates, a pragma inside a class
// template. Each ends in a located error; nothing crashes and no generated
// code fails to compile.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify -Xclang -verify-ignore-unexpected=note %s
// RUN: not %frechetxx -fsyntax-only %s 2>&1 | FileCheck %s
// CHECK-NOT: <frechet: derivatives
#include <frechet/frechet.h>

template <class T> T sq(T x) { return x * x; }

#pragma frechet forward
template <class T> T tf(T x) { return x * x; } // expected-error {{cannot differentiate 'tf' yet: it is a function template}}
template double tf<double>(double);

#pragma frechet reverse
template <class T> T tr(T x) { return x * x; } // expected-error {{cannot differentiate 'tr' yet: it is a function template}}

#pragma frechet gradient
double callsTemplate(double x) {
  return sq(x) + sq<double>(x); // expected-error 2 {{cannot differentiate the call to function template specialization 'sq'; provide a derivative rule 'frechet::rules::sq_jvp'}}
}

#pragma frechet forward
double callsTemplateF(double x) {
  return sq(x); // expected-error {{cannot differentiate the call to function template specialization 'sq'; provide a derivative rule 'frechet::rules::sq_jvp'}}
}

template <class T> struct Box {
  T v;
  T get(T x) const { return v * x; }
#pragma frechet forward // expected-error {{'#pragma frechet' cannot differentiate a member function}}
  T member(T x) { return x; }
};

#pragma frechet gradient
double callsMemberOfTemplate(double x) {
  Box<double> b{2.0}; // expected-error {{reverse mode cannot differentiate a local variable of class type yet}}
  return b.get(x);
}

// A generic lambda is a lambda.
#pragma frechet forward
double generic(double x) {
  auto f = [](auto y) { return y * y; }; // expected-error {{cannot differentiate a lambda expression yet}}
  return f(x);
}

// Supported: a template that only deals with integers is not called with a
// differentiated argument.
template <int N> int twice() { return 2 * N; }
#pragma frechet gradient
#pragma frechet forward
double intTemplate(double x) { return x * twice<3>(); }
double use(double x) {
  double d = 0;
  return intTemplate_grad(x, d) + intTemplate_jvp(x, 1).tangent;
}
