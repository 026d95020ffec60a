// Statements and expressions no mode differentiates yet, in forward and in
// reverse mode, at the top level and in a called helper: lambdas, function
// pointers, goto, exceptions, inline assembly, variable-length arrays,
// varargs, statement expressions, static and global stores. Each ends in a
// located error; nothing crashes and no generated code fails to compile.
//
// RUN: %frechetxx -fsyntax-only -Wno-vla-cxx-extension -ferror-limit=0 -Xclang -verify -Xclang -verify-ignore-unexpected=note %s
// RUN: not %frechetxx -fsyntax-only -Wno-vla-cxx-extension -ferror-limit=0 %s 2>&1 | FileCheck %s
// CHECK-NOT: <frechet: derivatives
#include <frechet/frechet.h>

#include <cstdarg>
#include <cstdio>
#include <stdexcept>

#pragma frechet gradient
#pragma frechet forward
double lambda(double x) {
  // expected-error@+2 {{reverse mode cannot differentiate a local variable of class type yet}}
  // expected-error@+1 2 {{cannot differentiate a lambda expression yet}}
  auto f = [&](double y) { return y * x; };
  return f(x);
}

#pragma frechet reverse
#pragma frechet forward
double lambdaCall(double x) {
  return [](double y) { return y * y; }(x); // expected-error 2 {{cannot differentiate a lambda expression yet}}
}

// A pragma before a variable holding a lambda is not before a function.
#pragma frechet reverse // expected-warning {{'#pragma frechet' is not followed by a function definition; it is ignored}}
auto lambdaVar = [](double x) { return x * x; };

double sq(double x) { return x * x; }
#pragma frechet gradient
#pragma frechet forward
double pointerCall(double x) {
  double (*p)(double) = sq;
  return p(x); // expected-error 2 {{cannot differentiate a call through a function pointer}}
}
#pragma frechet gradient
double pointerParam(double x, double (*p)(double)) {
  return p(x) * x; // expected-error {{cannot differentiate a call through a function pointer}}
}

#pragma frechet gradient
#pragma frechet forward
double withGoto(double x) {
  if (x > 0)
    goto end; // expected-error 2 {{cannot differentiate 'goto' yet}}
  x = -x;
end:
  return x;
}

// A throw expression is copied: the derivative throws where f throws.
#pragma frechet gradient
#pragma frechet forward
double withThrow(double x) {
  if (x < 0)
    throw std::runtime_error("negative");
  return x * x;
}

#pragma frechet gradient
#pragma frechet forward
double withTry(double x) {
  try { // expected-error 2 {{cannot differentiate a try block yet}}
    x = x * 2;
  } catch (...) {
    x = 0;
  }
  return x;
}

#pragma frechet gradient
double functionTry(double x) try { // expected-error {{'#pragma frechet' cannot differentiate a function-try-block}}
  return x;
} catch (...) {
  return 0;
}

#pragma frechet gradient
#pragma frechet forward
double withAsm(double x) {
  asm volatile("" ::: "memory"); // expected-error 2 {{cannot differentiate inline assembly yet}}
  return x;
}

#pragma frechet gradient
#pragma frechet forward
double withVla(double x, int n) {
  double a[n]; // expected-error 2 {{cannot differentiate a variable-length array yet}}
  a[0] = x;
  return a[0] * x;
}

#pragma frechet gradient
#pragma frechet forward
double variadic(double x, ...) { return x; } // expected-error 2 {{cannot differentiate 'variadic' yet: it is variadic}}

double vsum(int n, ...) { // expected-error 2 {{cannot differentiate 'vsum' yet: it is variadic}}
  va_list ap;
  va_start(ap, n);
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += va_arg(ap, double);
  va_end(ap);
  return s;
}
#pragma frechet gradient
#pragma frechet forward
double callsVariadic(double x) { return vsum(2, x, x); }

#pragma frechet gradient
#pragma frechet forward
double statementExpression(double x) {
  return ({ // expected-error 2 {{cannot differentiate a statement expression yet}}
    double t = x * x;
    t;
  });
}

double G;
#pragma frechet gradient
#pragma frechet forward
double storesGlobal(double x) {
  G = x; // expected-error 2 {{cannot differentiate a store of a differentiated value into global variable 'G'; its derivative would be lost}}
  return G * x;
}

#pragma frechet gradient
double storesStatic(double x) {
  static double k = 2; // expected-error {{reverse mode cannot differentiate a static or extern local variable yet}}
  k += 1;
  return x * k;
}

// Errors in a helper that an annotated function calls.
double helperWithGoto(double x) {
  if (x > 1)
    goto done; // expected-error 2 {{cannot differentiate 'goto' yet}}
  x = x * x;
done:
  return x;
}
#pragma frechet gradient
#pragma frechet forward
double callsHelperWithGoto(double x) { return helperWithGoto(x) * 2; }

// Supported: an opaque call that only reads a differentiated value, the GNU
// extension __builtin_expect on an integer, and withThrow.
#pragma frechet gradient
#pragma frechet forward
double callsPrintf(double x) {
  std::printf("%g\n", x);
  if (__builtin_expect(x > 0, 1))
    return x * x;
  return x;
}
double use(double x) {
  double d = 0;
  return callsPrintf_grad(x, d) + callsPrintf_jvp(x, 1).tangent +
         withThrow_grad(x, d) + withThrow_jvp(x, 1).tangent;
}
