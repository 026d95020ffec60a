// An error inside a function that is differentiated only because an
// annotated function calls it: one note per call on the way, innermost
// first, then a note at the pragma.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
// RUN: not %frechetxx -fsyntax-only -fno-caret-diagnostics %s 2>&1 | FileCheck %s
#include <frechet/frechet.h>

// Two levels deep.
double inner(double v) {
  if (v > 100)
    goto skip; // expected-error {{cannot differentiate 'goto' yet}}
  v = v * v;
skip:
  return v;
}
double middle(double v) {
  return inner(v) * 2; // expected-note {{'inner' is differentiated because it is called here}}
}
// expected-note@+1 {{in the forward derivative of 'outer' requested here}}
#pragma frechet forward
double outer(double x) {
  return middle(x) + 1; // expected-note {{'middle' is differentiated because it is called here}}
}
// CHECK: note-called-from.cpp:12:5: error: cannot differentiate 'goto' yet
// CHECK-NEXT: note-called-from.cpp:18:10: note: 'inner' is differentiated because it is called here
// CHECK-NEXT: note-called-from.cpp:23:10: note: 'middle' is differentiated because it is called here
// CHECK-NEXT: note-called-from.cpp:21:1: note: in the forward derivative of 'outer' requested here

// A call without a rule inside a helper: the chain, then the rule notes.
double unknown(double); // expected-note {{'unknown' declared here}}
double helper(double v) {
  return unknown(v) * 2; // expected-error {{cannot differentiate the call to 'unknown'}} \
                         // expected-note {{to differentiate calls to 'unknown'}}
}
// expected-note@+1 {{in the forward derivative of 'uses_helper' requested here}}
#pragma frechet forward
double uses_helper(double x) {
  double y = x * x;
  return helper(y); // expected-note {{'helper' is differentiated because it is called here}}
}

// A callee that cannot be differentiated at all.
double vsum(double v, ...) { // expected-error {{cannot differentiate 'vsum' yet: it is variadic}}
  return v;
}
// expected-note@+1 {{in the forward derivative of 'uses_vsum' requested here}}
#pragma frechet forward
double uses_vsum(double x) {
  return vsum(x, 1) * 2; // expected-note {{'vsum' is differentiated because it is called here}}
}

// A helper that already failed for one annotated function fails for the
// next one too, and the notes say so for that one as well (the derivative of
// 'second' must not silently treat the call as constant).
double shared(double v) {
  if (v > 100)
    goto out; // expected-error 1-2 {{cannot differentiate 'goto' yet}}
  v = v * v;
out:
  return v;
}
// expected-note@+1 {{in the forward derivative of 'first' requested here}}
#pragma frechet forward
double first(double x) {
  return shared(x) + 1; // expected-note {{'shared' is differentiated because it is called here}}
}
// expected-note@+1 {{in the forward derivative of 'second' requested here}}
#pragma frechet forward
double second(double x) {
  return shared(x) * 2; // expected-error {{cannot differentiate the call to 'shared': its derivative could not be generated (see the error above)}}
}

// Positive control: a helper that can be differentiated, two levels deep.
double sq(double v) { return v * v; }
double sq_plus(double v) { return sq(v) + v; }
#pragma frechet forward
double ok(double x) { return sq_plus(x) * 3; }
double use(double x) { return ok_jvp(x, 1.0).tangent; }
