// A call that may change a pointer into differentiated memory (std::swap of
// two buffers, a helper taking 'double *&'): neither mode would know where
// the pointer points afterwards, so both report it at the argument and say
// how to write it (assignments: test/reverse/pointer-choice.cpp). Before,
// both modes differentiated such code silently wrong.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
#include <frechet/frechet.h>

#include <cmath>
#include <utility>

// expected-note@+2 {{in the reverse derivative of 'swapped' requested here}}
// expected-note@+2 {{in the forward derivative of 'swapped' requested here}}
#pragma frechet gradient
#pragma frechet forward
double swapped(const double *x) {
  double a[4], b[4];
  for (int i = 0; i < 4; ++i)
    a[i] = x[i];
  double *cur = a, *next = b;
  for (int t = 0; t < 3; ++t) {
    for (int i = 0; i < 4; ++i)
      next[i] = std::sin(cur[i]) + cur[(i + 1) % 4];
    std::swap(cur, next); // expected-error 2 {{cannot differentiate a call that may change the pointer 'cur' into differentiated memory; change it by assignment instead (a swap: 'auto *t = cur; cur = q; q = t;')}}
  }
  return cur[0];
}

void advance(double *&p) { p += 1; }
// expected-note@+1 {{in the forward derivative of 'advanced' requested here}}
#pragma frechet forward
double advanced(const double *x) {
  double a[4] = {x[0], x[1], x[2], x[3]};
  double *p = a;
  advance(p); // expected-error {{cannot differentiate a call that may change the pointer 'p' into differentiated memory; change it by assignment instead (a swap: 'auto *t = p; p = q; q = t;')}}
  return p[0] * p[1];
}

// Positive control: a pointer to memory without derivatives may move.
void skip(const int *&p) { ++p; }
#pragma frechet forward
double fine(double x, const int *k) {
  skip(k);
  return x * k[0];
}
double use(const double *x, const int *k) {
  return fine_jvp(x[0], k, 1.0).tangent;
}
