// A call to a member function or overloaded operator that takes a
// differentiated argument: an error at the call, with a note at the pragma.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
#include <frechet/frechet.h>
#include <vector>

// By const reference, into a container.
// expected-note@+1 2 {{in the forward derivative of 'push' requested here}}
#pragma frechet forward
double push(double x) {
  std::vector<double> v;
  v.push_back(x * 2); // expected-error {{cannot differentiate a call to member function or operator 'push_back' with a differentiated argument}}
  v.push_back(x); // expected-error {{cannot differentiate a call to member function or operator 'push_back' with a differentiated argument}}
  return v[0] + v[1];
}

// By pointer.
// expected-note@+1 {{in the forward derivative of 'assign' requested here}}
#pragma frechet forward
double assign(double *x) {
  std::vector<double> v;
  v.assign(x, x + 2); // expected-error {{cannot differentiate a call to member function or operator 'assign' with a differentiated argument}}
  return x[0] * v.size();
}

// An overloaded call operator.
struct Scale {
  double k;
  double operator()(double a) const { return k * a; }
};
// expected-note@+1 {{in the forward derivative of 'scaled' requested here}}
#pragma frechet forward
double scaled(double x) {
  Scale s{2};
  return s(x) + 1; // expected-error {{cannot differentiate a call to member function or operator 'operator()' with a differentiated argument}}
}

// An overloaded binary operator.
struct Acc {
  double sum = 0;
  Acc &operator+=(const double &v) {
    sum += v;
    return *this;
  }
};
// expected-note@+1 {{in the forward derivative of 'accumulate' requested here}}
#pragma frechet forward
double accumulate(double x) {
  Acc a;
  a += x; // expected-error {{cannot differentiate a call to member function or operator 'operator+=' with a differentiated argument}}
  return a.sum;
}

// Positive control: member calls whose arguments do not depend on x.
#pragma frechet forward
double ok(double x) {
  std::vector<double> v(3, 1.0);
  v.push_back(2.0);
  return v[3] * x + v.size();
}
double use(double x) { return ok_jvp(x, 1.0).tangent; }
