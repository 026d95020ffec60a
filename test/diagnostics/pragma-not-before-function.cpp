// A pragma that is not followed by a function definition is a warning at
// the pragma, with a note at what comes first instead; the code after it is
// compiled as if the pragma were not there.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
// RUN: %frechetxx -fsyntax-only %s 2>&1 | FileCheck %s
#include <frechet/frechet.h>

// A declaration without a body.
// expected-warning@+3 {{'#pragma frechet' is not followed by a function definition; it is ignored}}
// CHECK: pragma-not-before-function.cpp:[[@LINE+2]]:1: warning: '#pragma frechet' is not followed by a function definition; it is ignored
// CHECK: pragma-not-before-function.cpp:[[@LINE+2]]:{{[0-9]+}}: note: the pragma applies to the next function definition, but a declaration without a body comes first
#pragma frechet forward
double decl(double x); // expected-note {{the pragma applies to the next function definition, but a declaration without a body comes first}}
double decl(double x) { return x * x; }
int decl_jvp; // no derivative was generated

// A deleted function has no body either.
// expected-warning@+1 {{'#pragma frechet' is not followed by a function definition; it is ignored}}
#pragma frechet forward
double gone(double x) = delete; // expected-note {{but a declaration without a body comes first}}

// A variable.
// expected-warning@+1 {{'#pragma frechet' is not followed by a function definition; it is ignored}}
#pragma frechet forward
double scale = 2.0; // expected-note {{the pragma applies to the next function definition, but}}

// A struct.
// expected-warning@+3 {{'#pragma frechet' is not followed by a function definition; it is ignored}}
// CHECK: pragma-not-before-function.cpp:[[@LINE+2]]:1: warning: '#pragma frechet' is not followed by a function definition; it is ignored
// CHECK: pragma-not-before-function.cpp:[[@LINE+2]]:{{[0-9]+}}: note: the pragma applies to the next function definition, but a class, enum or namespace comes first
#pragma frechet forward
struct S { // expected-note {{the pragma applies to the next function definition, but a class, enum or namespace comes first}}
  double v;
  double get() const { return v; }
};
int get_jvp; // no derivative was generated

// An enum.
// expected-warning@+1 {{'#pragma frechet' is not followed by a function definition; it is ignored}}
#pragma frechet forward
enum Color { Red, Green }; // expected-note {{but a class, enum or namespace comes first}}

// The end of a namespace.
namespace ns {
double in_ns(double x) { return x; }
// expected-warning@+1 {{'#pragma frechet' is not followed by a function definition; it is ignored}}
#pragma frechet forward
} // expected-note {{the pragma applies to the next function definition, but the end of the enclosing scope comes first}}

// Inside a function body: before the closing brace, before a statement, and
// before a statement that looks like a definition (a condition, then a
// block).
double body(double x) {
  double y = x * 2;
// expected-warning@+1 {{'#pragma frechet' is not followed by a function definition; it is ignored}}
#pragma frechet forward
  y = y + 1;  // expected-note-re {{the pragma applies to the next function definition, but {{.*}}statement{{.*}} comes first}}
// expected-warning@+1 {{'#pragma frechet' is not followed by a function definition; it is ignored}}
#pragma frechet forward
  if (y > 0) { // expected-note-re {{the pragma applies to the next function definition, but {{.*}}statement{{.*}} comes first}}
    y = -y;
  }
// expected-warning@+1 {{'#pragma frechet' is not followed by a function definition; it is ignored}}
#pragma frechet forward
  while (y < 0) { // expected-note-re {{the pragma applies to the next function definition, but {{.*}}statement{{.*}} comes first}}
    y += 1;
  }
  return y;
// expected-warning@+1 {{'#pragma frechet' is not followed by a function definition; it is ignored}}
#pragma frechet forward
} // expected-note {{the pragma applies to the next function definition, but the end of the enclosing scope comes first}}

// Positive control: a pragma right before a definition still works.
#pragma frechet forward
double ok(double x) { return decl(x) * scale + body(x); }
double use(double x) { return ok_jvp(x, 1.0).tangent; }

// The end of the file.
// expected-warning@+1 {{'#pragma frechet' is not followed by a function definition; it is ignored}}
#pragma frechet forward
// expected-note@-1 {{the pragma applies to the next function definition, but the end of the file comes first}}
