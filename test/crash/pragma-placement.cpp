// '#pragma frechet' in odd places: inside a function body, before a
// declaration without a body, before a class, a variable, a typedef, a
// namespace, in the middle of a declaration and of a parameter list, inside
// a class, several in a row, through a macro and _Pragma. Each is a located
// warning or error, or a derivative that works (in a namespace, in an
// extern "C" block, stacked pragmas, _Pragma, a function defined by a
// macro); see pragma-at-end-of-file.cpp for the last line of a file.
//
// RUN: %frechetxx -fsyntax-only -Xclang -verify -Xclang -verify-ignore-unexpected=note %s
// RUN: %frechetxx -DRUN %s -o %t && %t | FileCheck %s
// CHECK: 12 passed, 0 failed
#include <frechet/frechet.h>

#include <cmath>

// Supported placements. (A function defined with 'extern "C"' in front was
// ignored without a word before.)
extern "C" {
#pragma frechet forward
#pragma frechet gradient
double inExternC(double x) { return x * x; }
}
#pragma frechet forward
extern "C" double linkage(double x) { return x * 3; }

namespace outer {
#pragma frechet gradient
double inNamespace(double x) { return std::sin(x); }
namespace inner {
#pragma frechet gradient
inline double nested(double x) { return inNamespace(x) * x; }
} // namespace inner
} // namespace outer
namespace {
#pragma frechet forward
double anonymous(double x) { return x * x * x; }
} // namespace
inline namespace v1 {
#pragma frechet forward
double inlineNamespace(double x) { return 2 * x; }
} // namespace v1

#pragma frechet forward
#pragma frechet reverse
#pragma frechet gradient
#pragma frechet forward wrt(x) name(stacked_dx)
double stacked(double x, double y) { return x * y; }

#define GRADIENT _Pragma("frechet gradient")
GRADIENT
double viaPragmaOperator(double x) { return x * x; }

#define DEFINE_SQUARE(name)                                                    \
  double name(double x) { return x * x; }
#pragma frechet forward
DEFINE_SQUARE(fromMacro)

#pragma frechet forward
[[nodiscard]] static inline double withAttributes(double x) { return x + x; }

#pragma frechet forward
auto trailingReturn(double x) -> double { return x * 4; }

// Not before a function definition.
#pragma frechet forward // expected-warning {{'#pragma frechet' is not followed by a function definition; it is ignored}}
double declarationOnly(double x);

#pragma frechet forward // expected-warning {{'#pragma frechet' is not followed by a function definition; it is ignored}}
struct NotAFunction {
#ifndef RUN
#pragma frechet forward // expected-error {{'#pragma frechet' cannot differentiate a member function}}
  static double member(double x) { return x * x; }
#endif
#pragma frechet forward // expected-warning {{'#pragma frechet' is not followed by a function definition; it is ignored}}
};

#pragma frechet forward // expected-warning {{'#pragma frechet' is not followed by a function definition; it is ignored}}
typedef double Real;
#pragma frechet forward // expected-warning {{'#pragma frechet' is not followed by a function definition; it is ignored}}
double variable = 2;
#pragma frechet forward // expected-warning {{'#pragma frechet' is not followed by a function definition; it is ignored}}
enum Color { Red };
#pragma frechet forward // expected-warning {{'#pragma frechet' is not followed by a function definition; it is ignored}}
namespace later {
double f(double x) { return x; }
} // namespace later
#pragma frechet forward // expected-warning {{'#pragma frechet' is not followed by a function definition; it is ignored}}
static_assert(true, "");
#pragma frechet forward // expected-warning {{'#pragma frechet' is not followed by a function definition; it is ignored}}
double (*pointerVariable)(double) = nullptr;

double body(double x) {
#pragma frechet forward // expected-warning {{'#pragma frechet' is not followed by a function definition; it is ignored}}
  double y = x;
#pragma frechet reverse // expected-warning {{'#pragma frechet' is not followed by a function definition; it is ignored}}
  {
    y *= 2;
  }
#pragma frechet gradient // expected-warning {{'#pragma frechet' is not followed by a function definition; it is ignored}}
  return y;
}

double parameters(double x,
#pragma frechet forward // expected-warning {{'#pragma frechet' is not followed by a function definition; it is ignored}}
                  double y) {
  return x * y;
}

// In the middle of a declaration: the second pragma joins the first, which
// still applies to the function.
#pragma frechet forward
double
#pragma frechet reverse
middle(double x) { return x * x; }

// A pragma inside the body of an annotated function belongs to no function
// (it was taken as one more pragma for the function).
#pragma frechet forward
double withInnerPragma(double x) {
#pragma frechet reverse // expected-warning {{'#pragma frechet' is not followed by a function definition; it is ignored}}
  return x * 5;
}

#ifdef RUN
int main() {
  double d = 0;
  frechet::check_close("extern C", inExternC_jvp(3, 1).tangent, 6, 0);
  frechet::check_close("extern C grad", (inExternC_grad(3, d), d), 6, 0);
  frechet::check_close("linkage", linkage_jvp(3, 1).tangent, 3, 0);
  d = 0;
  outer::inner::nested_grad(0.5, d);
  frechet::check_close("namespace", d, std::cos(0.5) * 0.5 + std::sin(0.5),
                       1e-15);
  frechet::check_close("anonymous", anonymous_jvp(2, 1).tangent, 12, 0);
  frechet::check_close("inline namespace", inlineNamespace_jvp(2, 1).tangent,
                       2, 0);
  frechet::check_close("stacked", stacked_dx(2, 5, 1).tangent, 5, 0);
  d = 0;
  frechet::check_close("_Pragma", (viaPragmaOperator_grad(3, d), d), 6, 0);
  frechet::check_close("macro", fromMacro_jvp(3, 1).tangent, 6, 0);
  frechet::check_close("attributes", withAttributes_jvp(3, 1).tangent, 2, 0);
  frechet::check_close("trailing", trailingReturn_jvp(3, 1).tangent, 4, 0);
  double dm = 0;
  middle_vjp(3, 1, dm);
  frechet::check_close("middle", dm + middle_jvp(3, 1).tangent, 12, 0);
  return frechet::check_exit_code() + int(withInnerPragma_jvp(1, 1).tangent) -
         5 + int(body(1) + parameters(1, 1) + later::f(1)) - 4;
}
#endif
