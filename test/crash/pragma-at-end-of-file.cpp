// The last line of a file is a pragma (no newline after it): a located
// warning, nothing to read ahead.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify -Xclang -verify-ignore-unexpected=note %s
#include <frechet/frechet.h>

double f(double x) { return x; }

#pragma frechet forward // expected-warning {{'#pragma frechet' is not followed by a function definition; it is ignored}}