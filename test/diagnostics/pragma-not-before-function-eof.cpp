// A pragma on the last line of the file is a warning, not a crash. (The
// lookahead reads the main file's end-of-file token and puts it back, and
// the preprocessor then lexes from a lexer that has already been freed;
// without any #include it crashes every time, so this file has none.)
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify %s
// RUN: %frechetxx -fsyntax-only %s 2>&1 | FileCheck %s
// CHECK-NOT: Stack dump
// CHECK: pragma-not-before-function-eof.cpp:[[@LINE+7]]:1: warning: '#pragma frechet' is not followed by a function definition; it is ignored
// CHECK: note: the pragma applies to the next function definition, but the end of the file comes first
// CHECK-NOT: Stack dump
double f(double x) { return x * x; }

// expected-warning@+2 {{'#pragma frechet' is not followed by a function definition; it is ignored}}
// expected-note@+1 {{the pragma applies to the next function definition, but the end of the file comes first}}
#pragma frechet forward
