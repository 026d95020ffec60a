// An assignment to a '?:' (`(c ? a : b) op= e`) runs as an if/else around
// the assignments, its branch taped like an if's; nested '?:' nest the
// if/else. Gradients are checked against forward mode and central
// differences on every combination of branches. (A condition or right side
// with side effects is an error: test/reverse/unsupported.cpp.)
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>
#include <vector>

#include "Inputs/reverse_check.h"

#pragma frechet reverse
#pragma frechet forward
double pick(double x, double y) {
  double b = x, c = x * y;
  (b > c ? b : c) += std::sin(x);
  (x > 0 ? b : (y > 0 ? c : b)) = b * c;
  (y < 0.5 ? b : c) *= y;
  return b * c;
}
// CHECK-LABEL: inline double pick_fwd({{.*}}) {
// CHECK:         if (b > c) {
// CHECK-NEXT:      _tape.push(b);
// CHECK-NEXT:      b += std::sin(x);
// CHECK-NEXT:      _tape.push(true);
// CHECK-NEXT:    } else {
// CHECK-NEXT:      _tape.push(c);
// CHECK-NEXT:      c += std::sin(x);
// CHECK-NEXT:      _tape.push(false);
// CHECK-NEXT:    }
// CHECK:         if (x > 0) {
// CHECK:         } else {
// CHECK-NEXT:      if (y > 0) {
// CHECK-LABEL: inline void pick_rev({{.*}}) {
// CHECK-NOT:     b > c
// CHECK:         if (_tape.pop<bool>()) {

int main() {
  for (double x : {0.7, -0.4, 1.9}) {
    for (double y : {-0.3, 0.2, 1.4}) {
      std::vector<double> in = {x, y};
      rtest::check_vjp(
          rtest::name("pick at y", int(10 * y)), in, {1.25}, {0.5, -0.25},
          [](std::vector<double> a) {
            return std::vector<double>{pick(a[0], a[1])};
          },
          [](std::vector<double> a, std::vector<double> t) {
            return std::vector<double>{pick_jvp(a[0], a[1], t[0], t[1]).tangent};
          },
          [](std::vector<double> a, const std::vector<double> &c,
             std::vector<double> &adj, std::vector<double> &out) {
            out[0] = pick_vjp(a[0], a[1], c[0], adj[0], adj[1]);
          });
    }
  }
  return frechet::check_exit_code();
}
// EXEC: ok pick at y[-3] adjoint 0 vs jvp
// EXEC: ok pick at y[14] adjoint 1 vs fd
// EXEC: {{[0-9]+}} passed, 0 failed
