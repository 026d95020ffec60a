// Newer C++ and GNU extensions in annotated functions, compiled as C++20
// (C++23's 'if consteval' as an extension): each ends in a located error,
// or compiles when it is supported.
//
// RUN: %frechetxx -std=c++20 -Wno-c++23-extensions -fsyntax-only -Xclang -verify -Xclang -verify-ignore-unexpected=note %s
// RUN: not %frechetxx -std=c++20 -Wno-c++23-extensions -fsyntax-only %s 2>&1 | FileCheck %s
// CHECK-NOT: <frechet: derivatives
// CHECK-NOT: Stack dump
#include <frechet/frechet.h>

#include <coroutine>

// 'if consteval' has no condition: reverse mode crashed on it, forward mode
// printed 'if ()'.
#pragma frechet gradient
#pragma frechet forward
double ifConsteval(double x) {
  if consteval { // expected-error 2 {{cannot differentiate 'if consteval' yet}}
    return x;
  } else {
    return x * x;
  }
}

#pragma frechet gradient
#pragma frechet forward
double ifNotConsteval(double x) {
  if !consteval { // expected-error 2 {{cannot differentiate 'if consteval' yet}}
    return x;
  }
  return x * x;
}

// Supported: 'if constexpr' in an ordinary function.
#pragma frechet gradient
#pragma frechet forward
double ifConstexpr(double x) {
  if constexpr (sizeof(double) == 8)
    return x * 2;
  else
    return x * x;
}

// A coroutine returns a class.
struct Task {
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_never initial_suspend() { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_value(double) {}
    void unhandled_exception() {}
  };
};
#pragma frechet forward
#pragma frechet reverse
Task coro(double x) { // expected-error 2 {{cannot differentiate 'coro' yet: its return type is neither a number nor an Eigen matrix}}
  co_return x * x;
}

// A lambda with a template parameter list; a local class with designated
// initializers.
#pragma frechet gradient
double lambdaTemplate(double x) {
  // expected-error@+2 {{reverse mode cannot differentiate a local variable of class type yet}}
  // expected-error@+1 {{cannot differentiate a lambda expression yet}}
  auto f = []<class T>(T y) { return y; };
  return f(x);
}
#pragma frechet forward
double designated(double x) {
  struct P { // expected-error {{cannot differentiate a local class or enum yet}}
    double a, b;
  } p{.a = 2, .b = 3};
  return p.a * x;
}

// The three-way comparison (its result is a class; only the decision is
// used).
#pragma frechet gradient
#pragma frechet forward
double spaceship(double x) { return (x <=> 1.0) < 0 ? x : x * x; }

double use(double x) {
  double d = 0;
  return ifConstexpr_grad(x, d) + ifConstexpr_jvp(x, 1).tangent +
         spaceship_grad(x, d) +
         spaceship_jvp(x, 1).tangent;
}
