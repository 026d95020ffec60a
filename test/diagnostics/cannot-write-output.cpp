// -fplugin-arg-frechet-out=<file> that cannot be written is an error naming
// the file and the reason.
//
// RUN: not %frechetxx -fsyntax-only -fplugin-arg-frechet-out=%t.missing-dir/gen.cpp %s 2>&1 | FileCheck %s
// RUN: %frechetxx -fsyntax-only -fplugin-arg-frechet-out=%t.gen.cpp %s
// RUN: FileCheck %s --check-prefix=GEN --input-file %t.gen.cpp
#include <frechet/frechet.h>

// CHECK: error: cannot write the generated code to '{{.*}}.missing-dir/gen.cpp': {{.+}}

// GEN: f_jvp(double x, double d_x)

#pragma frechet forward
double f(double x) { return x * x; }
