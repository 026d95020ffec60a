// '#pragma frechet' followed by garbage: numbers, strings, punctuation,
// keywords, unbalanced parentheses, the handler's internal keyword, names
// that collide. Each is a located error at the offending token; the
// functions after them still compile.
//
// RUN: %frechetxx -fsyntax-only -ferror-limit=0 -Xclang -verify -Xclang -verify-ignore-unexpected=note %s
// RUN: not %frechetxx -fsyntax-only -ferror-limit=0 %s 2>&1 | FileCheck %s
// CHECK-NOT: <frechet: derivatives
#include <frechet/frechet.h>

#pragma frechet 123 // expected-error {{expected a differentiation mode after '#pragma frechet'}}
double g1(double x) { return x; }
#pragma frechet "forward" // expected-error {{expected a differentiation mode after '#pragma frechet'}}
double g2(double x) { return x; }
#pragma frechet ( // expected-error {{expected a differentiation mode after '#pragma frechet'}}
double g3(double x) { return x; }
#pragma frechet forward @ // expected-error {{unexpected '@' in '#pragma frechet'}}
double g4(double x) { return x; }
#pragma frechet forward wrt(x) ; // expected-error {{unexpected ';' in '#pragma frechet'}}
double g5(double x) { return x; }
#pragma frechet forward wrt((x)) // expected-error {{expected a parameter name in 'wrt(...)'}}
double g6(double x) { return x; }
#pragma frechet forward wrt(x)) // expected-error {{unexpected ')' in '#pragma frechet'}}
double g7(double x) { return x; }
#pragma frechet forward wrt(x y) // expected-error {{unexpected 'y' in '#pragma frechet'}}
double g8(double x, double y) { return x * y; }
#pragma frechet forward wrt x // expected-error {{expected '(' after 'wrt'}}
double g9(double x) { return x; }
#pragma frechet forward name(a, b) // expected-error {{unexpected ',' in '#pragma frechet'}}
double g10(double x) { return x; }
#pragma frechet forward name(1x) // expected-error {{expected an identifier in 'name(...)'}}
double g11(double x) { return x; }
#pragma frechet forward name(while) // expected-error {{expected an identifier in 'name(...)'}}
double g12(double x) { return x; }
#pragma frechet forward wrt(x) name(g13_d) wrt(x) // expected-error {{duplicate 'wrt' clause in '#pragma frechet'}}
double g13(double x) { return x; }
#pragma frechet forward wrt(x, x) // expected-error {{parameter 'x' is listed twice in 'wrt(...)'}}
double g14(double x) { return x; }
#pragma frechet forward wrt(n) // expected-error {{parameter 'n' has type int, which cannot be differentiated}}
double g15(double x, int n) { return x * n; }
#pragma frechet reverse wrt(nonexistent) // expected-error {{'nonexistent' in 'wrt(...)' is not a parameter of 'g16'}}
double g16(double x) { return x; }
#pragma frechet forward name(g17) // expected-error {{cannot name the derivative 'g17': that name is already declared}}
double g17(double x) { return x; }
#pragma frechet forward name(g1) // expected-error {{cannot name the derivative 'g1': that name is already declared}}
double g18(double x) { return x; }
#pragma frechet FORWARD // expected-error {{unknown differentiation mode 'FORWARD'}}
double g19(double x) { return x; }
#pragma frechet hessian // expected-error {{differentiation mode 'hessian' is not supported yet}}
double g20(double x) { return x; }
#pragma frechet forward wrt(x) unknown(y) // expected-error {{unknown clause 'unknown' in '#pragma frechet'}}
double g21(double x) { return x; }
#pragma frechet __frechet_emit 1 // expected-error {{unknown differentiation mode '__frechet_emit'}}
#pragma frechet __frechet_emit 99999999999999999999999 // expected-error {{unknown differentiation mode '__frechet_emit'}}
#pragma frechet __frechet_emit -1 // expected-error {{unknown differentiation mode '__frechet_emit'}}
#pragma frechet __frechet_emit // expected-error {{unknown differentiation mode '__frechet_emit'}}
#pragma frechet forward __frechet_emit 2 // expected-error {{unknown clause '__frechet_emit' in '#pragma frechet'}}
double g22(double x) { return x; }
#define MODE forward
#pragma frechet MODE // expected-error {{unknown differentiation mode 'MODE'}}
double g23(double x) { return x; }
#pragma frechet forward wrt(x) name(g24_\
d)
double g24(double x) { return x; }
#pragma frechet forward wrt(x) /* a comment */ name(g25_d) // another
double g25(double x) { return x; }

// The internal keyword inside an annotated function's body.
#pragma frechet forward
double g26(double x) {
#pragma frechet __frechet_emit 100 // expected-error {{unknown differentiation mode '__frechet_emit'}}
  return x;
}

double use(double x) {
  return g24_d(x, 1).tangent + g25_d(x, 1).tangent + g26_jvp(x, 1).tangent;
}
