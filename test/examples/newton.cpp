// The Newton's-method example builds without warnings, converges, and its
// generated derivative matches the analytic one.
//
// RUN: %frechetxx %examples/newton.cpp -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC

// CHECK:      frechet::jvp_result<double> kepler_jvp(double E, double e, double M, double d_E) {
// CHECK-NEXT:   auto _t0 = frechet::rules::sin_jvp(E, d_E);
// CHECK-NEXT:   return {E - e * _t0.value - M, d_E - e * _t0.tangent};
// CHECK-NEXT: }

// EXEC: e = 0.0167: E = {{[0-9.]+}} after {{[1-6]}} Newton steps
// EXEC: ok residual
// EXEC: ok r'(E)
// EXEC: e = 0.9000: E = {{[0-9.]+}} after {{[0-9]}} Newton steps
// EXEC: 8 passed, 0 failed
