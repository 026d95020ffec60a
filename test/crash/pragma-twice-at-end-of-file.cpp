// Several pragmas, an unknown one and a broken one at the end of a file.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify -Xclang -verify-ignore-unexpected=note %s
#include <frechet/frechet.h>

double f(double x) { return x; }

#pragma frechet forward // expected-warning {{'#pragma frechet' is not followed by a function definition; it is ignored}}
#pragma frechet reverse wrt(x) // expected-warning {{'#pragma frechet' is not followed by a function definition; it is ignored}}
#pragma frechet forward wrt( // expected-error {{expected ')' to close 'wrt('}}
#pragma frechet
// expected-error@-1 {{expected a differentiation mode after '#pragma frechet'}}
