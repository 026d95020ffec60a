// The oracles of the random-program tester (tools/fuzz/fuzz_oracles.h) on
// hand-written adaptors with planted bugs: each check must fail where its
// bug is, and a correct program must pass.
//
// RUN: %frechetxx -ffp-contract=off -I%fuzzdir %s -o %t
// RUN: not %t 4 | FileCheck %s
#include <frechet/frechet.h>

#include <cmath>

#include "fuzz_oracles.h"

// f(x, y) = x sin(y), its derivative, and planted bugs.
static double f(const double *in) { return in[0] * std::sin(in[1]); }
static double df(const double *in, const double *t) {
  return t[0] * std::sin(in[1]) + in[0] * std::cos(in[1]) * t[1];
}
static void grad(const double *in, double c, double *adj) {
  adj[0] += c * std::sin(in[1]);
  adj[1] += c * in[0] * std::cos(in[1]);
}

static void primal(const double *in, int, double *out) { out[0] = f(in); }
static void jvp(const double *in, const double *t, int, double *out,
                double *tout) {
  out[0] = f(in);
  tout[0] = df(in, t);
}
static void vjp(const double *in, const double *cot, int, double *out,
                double *adj) {
  out[0] = f(in);
  grad(in, cot[0], adj);
}

// Both modes 1% off, consistently: only finite differences see it.
static void jvpScaled(const double *in, const double *t, int, double *out,
                      double *tout) {
  out[0] = f(in);
  tout[0] = 1.01 * df(in, t);
}
static void vjpScaled(const double *in, const double *cot, int, double *out,
                      double *adj) {
  out[0] = f(in);
  grad(in, 1.01 * cot[0], adj);
}
// Reverse mode forgets the second input's adjoint.
static void vjpPartial(const double *in, const double *cot, int, double *out,
                       double *adj) {
  out[0] = f(in);
  adj[0] += cot[0] * std::sin(in[1]);
}
// Forward mode returns a value one ulp off.
static void jvpValue(const double *in, const double *t, int n, double *out,
                     double *tout) {
  jvp(in, t, n, out, tout);
  out[0] = std::nextafter(out[0], 1e300);
}
// Reverse mode leaves a value on the tape.
static void vjpTape(const double *in, const double *cot, int n, double *out,
                    double *adj) {
  vjp(in, cot, n, out, adj);
  frechet::default_tape().push(1.0);
}
// Reverse mode sets adjoints instead of adding to them.
static void vjpAssign(const double *in, const double *cot, int, double *out,
                      double *adj) {
  out[0] = f(in);
  adj[0] = cot[0] * std::sin(in[1]);
  adj[1] = cot[0] * in[0] * std::cos(in[1]);
}

static const fuzz::Program programs[] = {
    {"correct", 2, 1, 0, "00", primal, jvp, vjp, nullptr},
    {"scaled", 2, 1, 0, "00", primal, jvpScaled, vjpScaled, nullptr},
    {"partial", 2, 1, 0, "00", primal, jvp, vjpPartial, nullptr},
    {"value", 2, 1, 0, "00", primal, jvpValue, vjp, nullptr},
    {"tape", 2, 1, 0, "00", primal, jvp, vjpTape, nullptr},
    {"assign", 2, 1, 0, "00", primal, jvp, vjpAssign, nullptr},
};

int main(int argc, char **argv) { return fuzz::run(programs, 6, argc, argv); }
// CHECK: PASS correct points=4
// CHECK: FAIL scaled check=fd
// CHECK: FAIL partial check=adjoint
// CHECK: FAIL value check=value-jvp
// CHECK: FAIL tape check=tape
// CHECK: FAIL assign check=accum
// CHECK: DONE 5 failed
