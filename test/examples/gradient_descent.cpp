// The gradient-descent example builds without warnings, its generated
// gradient matches the analytic one, and the descent converges to the
// minimum (1, ..., 1) of the Rosenbrock function.
//
// RUN: %frechetxx %examples/gradient_descent.cpp -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC

// The accumulator f is not taped; a and b, which the reverse sweep reads,
// are saved before each overwrite; the loop runs backwards.
// CHECK-LABEL: inline double rosenbrock_fwd(const double *x, int n, frechet::tape &_tape) {
// CHECK:         for (i = [[S:_s[_0-9]*]]; i + 1 < n; ++i) {
// CHECK-NEXT:      ++[[N:_n[_0-9]*]];
// CHECK-NEXT:      _tape.push(a);
// CHECK-NEXT:      a = x[i + 1] - x[i] * x[i];
// CHECK-NEXT:      _tape.push(b);
// CHECK-NEXT:      b = 1 - x[i];
// CHECK-NEXT:      f += 100 * a * a + b * b;
// CHECK-NEXT:    }
// CHECK-LABEL: inline void rosenbrock_rev(const double *x, int n, double d_ret, double *d_x, frechet::tape &_tape) {
// CHECK:         for (int [[K:_k[_0-9]*]] = {{_n[_0-9]*}} - 1; [[K]] >= 0; --[[K]]) {
// The loop only adds to f, which the result is: rosenbrock_grad reverses
// each iteration right after it runs, so the tape never holds more than one.
// CHECK-LABEL: double rosenbrock_grad(const double *x, int n, double *d_x) {
// CHECK-NEXT:    frechet::tape &_tape = frechet::default_tape();
// CHECK-NEXT:    const double d_ret = 1.0;
// CHECK:         // Iterations only add to 'f': each is reversed right after it runs.
// CHECK-NEXT:    [[S2:_s[_0-9]*]] = 0;
// CHECK-NEXT:    d_f = d_ret;
// CHECK-NEXT:    for (i = [[S2]]; i + 1 < n; ++i) {
// CHECK-NEXT:      _tape.push(a);
// CHECK-NEXT:      a = x[i + 1] - x[i] * x[i];
// CHECK-NEXT:      _tape.push(b);
// CHECK-NEXT:      b = 1 - x[i];
// CHECK-NEXT:      f += 100 * a * a + b * b;
// CHECK:           a = _tape.pop<double>();
// CHECK:           d_a = 0;
// CHECK-NEXT:    }
// CHECK-NEXT:    d_f = 0;
// CHECK-NEXT:    _ret = f;
// CHECK-NEXT:    goto _exit;
// CHECK-NEXT:  _exit:
// CHECK-NOT:     for (
// CHECK:         return _ret;
// CHECK-NEXT:  }

// EXEC: ok df/dx0 at the start
// EXEC: ok df/dx5 at the start
// EXEC: step     0: f = 1.040600e+03
// EXEC: converged after {{[0-9]+}} steps: x = {{(0\.9999999|1\.0000000)[0-9]+}} {{(0\.9999999|1\.0000000)[0-9]+}} {{(0\.9999999|1\.0000000)[0-9]+}} {{(0\.9999999|1\.0000000)[0-9]+}} {{(0\.9999999|1\.0000000)[0-9]+}} {{(0\.9999999|1\.0000000)[0-9]+}}{{$}}
// EXEC: ok converged
// EXEC: ok x5 at the minimum
// EXEC: ok f at the minimum
// EXEC: ok tape empty
// EXEC: 15 passed, 0 failed
