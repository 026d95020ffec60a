// An unknown -fplugin-arg-frechet-... is an error without a source location.
//
// RUN: not %frechetxx -fsyntax-only -fplugin-arg-frechet-bogus %s 2>&1 | FileCheck %s
// RUN: not %frechetxx -fsyntax-only -fplugin-arg-frechet-dump -fplugin-arg-frechet-out %s 2>&1 | FileCheck %s --check-prefix=OUT
// RUN: %frechetxx -fsyntax-only -fplugin-arg-frechet-help %s 2>&1 | FileCheck %s --check-prefix=HELP
#include <frechet/frechet.h>

// CHECK: error: unknown argument 'bogus' for the frechet plugin; expected 'dump', 'out=<file>' or 'help'
// CHECK-NOT: error:

// 'out' needs '=<file>'.
// OUT: error: unknown argument 'out' for the frechet plugin; expected 'dump', 'out=<file>' or 'help'

// The help lists the arguments.
// HELP: frechet plugin arguments:
// HELP-DAG: -fplugin-arg-frechet-dump
// HELP-DAG: -fplugin-arg-frechet-out=<file>

#pragma frechet forward
double f(double x) { return x * x; }
