// Errors in the body of an annotated function end with a note at the
// '#pragma' that requested the derivative; with several pragmas, each
// request reports its own error and note.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
// RUN: not %frechetxx -fsyntax-only -fno-caret-diagnostics %s 2>&1 | FileCheck %s
#include <frechet/frechet.h>

// expected-note@+1 {{in the forward derivative of 'f' requested here}}
#pragma frechet forward
double f(double x) {
  asm("nop"); // expected-error {{cannot differentiate inline assembly yet}}
  return x;
}
// CHECK: note-requested-here.cpp:12:3: error: cannot differentiate inline assembly yet
// CHECK-NEXT: note-requested-here.cpp:10:1: note: in the forward derivative of 'f' requested here

// Two pragmas on one function.
// expected-note@+2 {{in the forward derivative of 'g' requested here}}
// expected-note@+2 {{in the forward derivative of 'g' requested here}}
#pragma frechet forward wrt(x)
#pragma frechet forward wrt(y) name(g_dy)
double g(double x, double y) {
  if (x > 100)
    goto skip; // expected-error 2 {{cannot differentiate 'goto' yet}}
  x = x * y;
skip:
  return x;
}
// CHECK: note-requested-here.cpp:25:5: error: cannot differentiate 'goto' yet
// CHECK-NEXT: note-requested-here.cpp:21:1: note: in the forward derivative of 'g' requested here
// CHECK-NEXT: note-requested-here.cpp:25:5: error: cannot differentiate 'goto' yet
// CHECK-NEXT: note-requested-here.cpp:22:1: note: in the forward derivative of 'g' requested here

// Inside a namespace, indented.
namespace ns {
  // expected-note@+1 {{in the forward derivative of 'h' requested here}}
  #pragma frechet forward
  double h(double x) {
    static double last = 0;
    last = x; // expected-error {{cannot differentiate a store of a differentiated value into static variable 'last'}}
    return last;
  }
} // namespace ns
// CHECK: note-requested-here.cpp:41:10: error: cannot differentiate a store of a differentiated value into static variable 'last'
// CHECK-NEXT: note-requested-here.cpp:38:3: note: in the forward derivative of 'h' requested here

// Positive control.
#pragma frechet forward wrt(x)
#pragma frechet forward wrt(y) name(ok_dy)
double ok(double x, double y) { return x * y; }
double use(double x) { return ok_jvp(x, 2.0, 1.0).tangent + ok_dy(x, 2.0, 1.0).tangent; }
// CHECK-NOT: error:
