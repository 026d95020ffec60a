// The oracles of the random-program tester (tools/fuzz/fuzz_oracles.h) on
// Eigen programs: hand-differentiated functions of matrices behind adaptors
// in the shape tools/fuzz/adaptor.py writes for genmat.py's programs
// (column-major packing, empty starting adjoints of dynamic matrices, a
// matrix result's cotangent as d_ret, a written matrix), with planted bugs.
// Each check must fail where its bug is, and the correct programs must pass.
//
// RUN: %frechetxx -ffp-contract=off -I%fuzzdir %s -o %t
// RUN: not %t 4 | FileCheck %s
#include <frechet/matrix.h>

#include <frechet/frechet.h>

#include <algorithm>
#include <cmath>

#include "fuzz_oracles.h"

using Eigen::MatrixXd;
using Eigen::Vector3d;
using Eigen::VectorXd;

// The bugs planted in the derivatives below, one per instance.
enum Bug {
  Correct,
  LostAdjoint,  // d_A not updated
  Transposed,   // d_A gets the transpose of its (square) contribution
  Assigned,     // d_A set instead of added to
  LeftEmpty,    // an empty d_A is not resized: only non-empty ones are added
  VjpOff,       // f_vjp's value 1e-11 relative off (one ulp passes)
  JvpUlp,       // f_jvp's value one ulp off: within value_tol, passes
  ValueOff,     // f_jvp's value 1e-11 relative off
  Tape,         // a matrix pushed on the tape and never popped
  Kept,         // a matrix kept for the reverse sweep and never taken back
  GradOnly,     // f_grad drops d_y, f_vjp does not
  Scaled,       // tangents and adjoints 1% off in both modes, consistently
  ResultShape,  // f_vjp returns the result transposed
  TangentShape, // f_jvp returns the tangent transposed
  AdjointShape, // d_B (3x4) gets its contribution transposed (4x3)
  NotCleared,   // the adjoint of overwritten W is added to, not replaced
};

// q(A, x, y) = xᵀ A y, A 3x3 (not symmetric), x dynamic, y fixed size, with
// the derivatives generated code would have (f_jvp, f_vjp, f_grad).
template <Bug B> struct Quad {
  static double f(const MatrixXd &A, const VectorXd &x, const Vector3d &y) {
    return x.dot(A * y);
  }
  static frechet::jvp_result<double>
  f_jvp(const MatrixXd &A, const VectorXd &x, const Vector3d &y,
        const MatrixXd &d_A, const VectorXd &d_x, const Vector3d &d_y) {
    return {f(A, x, y), d_x.dot(A * y) + x.dot(d_A * y) + x.dot(A * d_y)};
  }
  static double f_vjp(const MatrixXd &A, const VectorXd &x, const Vector3d &y,
                      double d_ret, MatrixXd &d_A, VectorXd &d_x,
                      Vector3d &d_y) {
    frechet::tape &t = frechet::default_tape();
    if (B == Tape)
      frechet::push_matrix(t, A);
    if (B == Kept) {
      MatrixXd copy = A;
      frechet::keep_matrix(t, copy);
    }
    MatrixXd contribution = d_ret * x * y.transpose();
    if (B == Transposed)
      contribution.transposeInPlace();
    if (B == Assigned)
      d_A = contribution;
    else if (B == LeftEmpty) {
      if (d_A.size() != 0)
        d_A += contribution;
    } else if (B != LostAdjoint)
      frechet::add_to(d_A, contribution);
    frechet::add_to(d_x, d_ret * A * y);
    d_y += d_ret * A.transpose() * x;
    double value = f(A, x, y);
    return B == VjpOff ? value * (1 + 1e-11) : value;
  }
  static double f_grad(const MatrixXd &A, const VectorXd &x,
                       const Vector3d &y, MatrixXd &d_A, VectorXd &d_x,
                       Vector3d &d_y) {
    Vector3d dropped = d_y;
    return f_vjp(A, x, y, 1.0, d_A, d_x, B == GradOnly ? dropped : d_y);
  }
};

// p(A, B, s, W) = s A B, and W <- s W + A B; A 2x3, B 3x4, W 2x4.
template <Bug Bg> struct Prod {
  static MatrixXd f(const MatrixXd &A, const MatrixXd &B, double s,
                    MatrixXd &W) {
    MatrixXd R = A * B;
    W = s * W + R;
    return s * R;
  }
  static frechet::jvp_result<MatrixXd>
  f_jvp(const MatrixXd &A, const MatrixXd &B, double s, MatrixXd &W,
        const MatrixXd &d_A, const MatrixXd &d_B, double d_s, MatrixXd &d_W) {
    MatrixXd R = A * B;
    MatrixXd d_R = d_A * B + A * d_B;
    d_W = d_s * W + s * d_W + d_R;
    W = s * W + R;
    frechet::jvp_result<MatrixXd> r{s * R, d_s * R + s * d_R};
    if (Bg == Scaled) {
      d_W *= 1.01;
      r.tangent *= 1.01;
    }
    if (Bg == JvpUlp)
      r.value(1, 2) = std::nextafter(r.value(1, 2), 1e300);
    if (Bg == ValueOff)
      r.value(1, 2) *= 1 + 1e-11;
    if (Bg == TangentShape)
      r.tangent.transposeInPlace();
    return r;
  }
  static MatrixXd f_vjp(const MatrixXd &A, const MatrixXd &B, double s,
                        MatrixXd &W, const MatrixXd &d_ret, MatrixXd &d_A,
                        MatrixXd &d_B, double &d_s, MatrixXd &d_W) {
    MatrixXd W0 = W;
    MatrixXd R = A * B;
    W = s * W + R;
    MatrixXd value = s * R;
    double k = Bg == Scaled ? 1.01 : 1.0;
    MatrixXd D = k * d_ret, DW = k * d_W;
    MatrixXd d_R = s * D + DW;
    d_s += D.cwiseProduct(R).sum() + DW.cwiseProduct(W0).sum();
    if (Bg == NotCleared)
      d_W += s * DW;
    else
      d_W = s * DW;
    frechet::add_to(d_A, d_R * B.transpose());
    MatrixXd contribution = A.transpose() * d_R;
    if (Bg == AdjointShape)
      contribution.transposeInPlace();
    frechet::add_to(d_B, contribution);
    if (Bg == ResultShape)
      value.transposeInPlace();
    return value;
  }
};

// The adaptors, as adaptor.py writes them (with Q:: and P:: before f).
template <class Q> void quad_primal(const double *in, int n, double *out) {
  (void)n;
  Eigen::MatrixXd A = fuzz::load<Eigen::MatrixXd>(in + 0, 3, 3);
  Eigen::VectorXd x = fuzz::load<Eigen::VectorXd>(in + 9, 3, 1);
  Eigen::Vector3d y = fuzz::load<Eigen::Vector3d>(in + 12, 3, 1);
  out[0] = Q::f(A, x, y);
}
template <class Q>
void quad_jvp(const double *in, const double *tin, int n, double *out,
              double *tout) {
  (void)n;
  Eigen::MatrixXd A = fuzz::load<Eigen::MatrixXd>(in + 0, 3, 3);
  Eigen::VectorXd x = fuzz::load<Eigen::VectorXd>(in + 9, 3, 1);
  Eigen::Vector3d y = fuzz::load<Eigen::Vector3d>(in + 12, 3, 1);
  Eigen::MatrixXd t_A = fuzz::load<Eigen::MatrixXd>(tin + 0, 3, 3);
  Eigen::VectorXd t_x = fuzz::load<Eigen::VectorXd>(tin + 9, 3, 1);
  Eigen::Vector3d t_y = fuzz::load<Eigen::Vector3d>(tin + 12, 3, 1);
  auto r = Q::f_jvp(A, x, y, t_A, t_x, t_y);
  out[0] = r.value;
  tout[0] = r.tangent;
}
template <class Q>
void quad_vjp(const double *in, const double *cot, int n, double *out,
              double *adj) {
  (void)n;
  Eigen::MatrixXd A = fuzz::load<Eigen::MatrixXd>(in + 0, 3, 3);
  Eigen::VectorXd x = fuzz::load<Eigen::VectorXd>(in + 9, 3, 1);
  Eigen::Vector3d y = fuzz::load<Eigen::Vector3d>(in + 12, 3, 1);
  Eigen::MatrixXd t_A;
  fuzz::init_adjoint(t_A, adj + 0, 3, 3);
  Eigen::VectorXd t_x;
  fuzz::init_adjoint(t_x, adj + 9, 3, 1);
  Eigen::Vector3d t_y;
  fuzz::init_adjoint(t_y, adj + 12, 3, 1);
  out[0] = Q::f_vjp(A, x, y, cot[0], t_A, t_x, t_y);
  fuzz::store_adjoint(t_A, 3, 3, adj + 0, "d_A");
  fuzz::store_adjoint(t_x, 3, 1, adj + 9, "d_x");
  fuzz::store_adjoint(t_y, 3, 1, adj + 12, "d_y");
}
template <class Q>
void quad_grad(const double *in, int n, double *out, double *adj) {
  (void)n;
  Eigen::MatrixXd A = fuzz::load<Eigen::MatrixXd>(in + 0, 3, 3);
  Eigen::VectorXd x = fuzz::load<Eigen::VectorXd>(in + 9, 3, 1);
  Eigen::Vector3d y = fuzz::load<Eigen::Vector3d>(in + 12, 3, 1);
  Eigen::MatrixXd t_A;
  fuzz::init_adjoint(t_A, adj + 0, 3, 3);
  Eigen::VectorXd t_x;
  fuzz::init_adjoint(t_x, adj + 9, 3, 1);
  Eigen::Vector3d t_y;
  fuzz::init_adjoint(t_y, adj + 12, 3, 1);
  out[0] = Q::f_grad(A, x, y, t_A, t_x, t_y);
  fuzz::store_adjoint(t_A, 3, 3, adj + 0, "d_A");
  fuzz::store_adjoint(t_x, 3, 1, adj + 9, "d_x");
  fuzz::store_adjoint(t_y, 3, 1, adj + 12, "d_y");
}

template <class P> void prod_primal(const double *in, int n, double *out) {
  (void)n;
  Eigen::MatrixXd A = fuzz::load<Eigen::MatrixXd>(in + 0, 2, 3);
  Eigen::MatrixXd B = fuzz::load<Eigen::MatrixXd>(in + 6, 3, 4);
  double s = in[18];
  Eigen::MatrixXd W = fuzz::load<Eigen::MatrixXd>(in + 19, 2, 4);
  fuzz::store(P::f(A, B, s, W), 2, 4, out, "f");
  fuzz::store(W, 2, 4, out + 8, "W");
}
template <class P>
void prod_jvp(const double *in, const double *tin, int n, double *out,
              double *tout) {
  (void)n;
  Eigen::MatrixXd A = fuzz::load<Eigen::MatrixXd>(in + 0, 2, 3);
  Eigen::MatrixXd B = fuzz::load<Eigen::MatrixXd>(in + 6, 3, 4);
  double s = in[18];
  Eigen::MatrixXd W = fuzz::load<Eigen::MatrixXd>(in + 19, 2, 4);
  Eigen::MatrixXd t_A = fuzz::load<Eigen::MatrixXd>(tin + 0, 2, 3);
  Eigen::MatrixXd t_B = fuzz::load<Eigen::MatrixXd>(tin + 6, 3, 4);
  double t_s = *(tin + 18);
  Eigen::MatrixXd t_W = fuzz::load<Eigen::MatrixXd>(tin + 19, 2, 4);
  auto r = P::f_jvp(A, B, s, W, t_A, t_B, t_s, t_W);
  fuzz::store(r.value, 2, 4, out, "f_jvp");
  fuzz::store(r.tangent, 2, 4, tout, "tangent");
  fuzz::store(W, 2, 4, out + 8, "W");
  fuzz::store(t_W, 2, 4, tout + 8, "t_W");
}
template <class P>
void prod_vjp(const double *in, const double *cot, int n, double *out,
              double *adj) {
  (void)n;
  Eigen::MatrixXd A = fuzz::load<Eigen::MatrixXd>(in + 0, 2, 3);
  Eigen::MatrixXd B = fuzz::load<Eigen::MatrixXd>(in + 6, 3, 4);
  double s = in[18];
  Eigen::MatrixXd W = fuzz::load<Eigen::MatrixXd>(in + 19, 2, 4);
  Eigen::MatrixXd t_A;
  fuzz::init_adjoint(t_A, adj + 0, 2, 3);
  Eigen::MatrixXd t_B;
  fuzz::init_adjoint(t_B, adj + 6, 3, 4);
  double t_s = *(adj + 18);
  Eigen::MatrixXd t_W = fuzz::load<Eigen::MatrixXd>(cot + 8, 2, 4);
  Eigen::MatrixXd d_ret = fuzz::load<Eigen::MatrixXd>(cot, 2, 4);
  fuzz::store(P::f_vjp(A, B, s, W, d_ret, t_A, t_B, t_s, t_W), 2, 4, out,
              "f_vjp");
  fuzz::store(W, 2, 4, out + 8, "W");
  fuzz::store_adjoint(t_A, 2, 3, adj + 0, "d_A");
  fuzz::store_adjoint(t_B, 3, 4, adj + 6, "d_B");
  adj[18] = t_s;
  fuzz::store_adjoint(t_W, 2, 4, adj + 19, "d_W");
}

// A program's entry: 15 inputs (A, x, y) and 1 output for q; 27 inputs (A,
// B, s, W) and 16 outputs (the result, W) for p, of which W is written.
#define QUAD(name, bug)                                                        \
  {name, 15, 1, 0, "000000000000000", quad_primal<Quad<bug>>,                  \
   quad_jvp<Quad<bug>>, quad_vjp<Quad<bug>>, quad_grad<Quad<bug>>, 1e-12}
#define PROD(name, bug)                                                        \
  {name, 27, 16, 0, "000000000000000000011111111", prod_primal<Prod<bug>>,     \
   prod_jvp<Prod<bug>>, prod_vjp<Prod<bug>>, nullptr, 1e-12}

static const fuzz::Program programs[] = {
    QUAD("quad-correct", Correct),
    QUAD("quad-lost-adjoint", LostAdjoint),
    QUAD("quad-transposed", Transposed),
    QUAD("quad-assigned", Assigned),
    QUAD("quad-left-empty", LeftEmpty),
    QUAD("quad-vjp-off", VjpOff),
    QUAD("quad-tape", Tape),
    QUAD("quad-kept", Kept),
    QUAD("quad-grad", GradOnly),
    PROD("prod-correct", Correct),
    PROD("prod-jvp-ulp", JvpUlp),
    PROD("prod-scaled", Scaled),
    PROD("prod-value", ValueOff),
    PROD("prod-result-shape", ResultShape),
    PROD("prod-tangent-shape", TangentShape),
    PROD("prod-adjoint-shape", AdjointShape),
    PROD("prod-not-cleared", NotCleared),
};

int main(int argc, char **argv) {
  return fuzz::run(programs, sizeof programs / sizeof programs[0], argc, argv);
}
// CHECK: PASS quad-correct points=4
// CHECK: FAIL quad-lost-adjoint check=adjoint
// CHECK: FAIL quad-transposed check=adjoint
// CHECK: FAIL quad-assigned check=accum
// CHECK: FAIL quad-left-empty check=adjoint
// CHECK: FAIL quad-vjp-off check=value-vjp
// CHECK: FAIL quad-tape check=tape point=0 n=0 11 slots and 0 kept matrices left after f_vjp
// CHECK: FAIL quad-kept check=tape point=0 n=0 0 slots and 1 kept matrices left after f_vjp
// CHECK: FAIL quad-grad check=grad
// CHECK: PASS prod-correct points=4
// CHECK: PASS prod-jvp-ulp points=4
// CHECK: FAIL prod-scaled check=fd
// CHECK: FAIL prod-value check=value-jvp
// CHECK: FAIL prod-result-shape check=shape point=0 n=0 f_vjp: f_vjp is 4x2, expected 2x4
// CHECK: FAIL prod-tangent-shape check=shape point=0 n=0 f_jvp: tangent is 4x2, expected 2x4
// CHECK: FAIL prod-adjoint-shape check=shape point=0 n=0 f_vjp: d_B is 4x3, expected 3x4
// CHECK: FAIL prod-not-cleared check=adjoint
// CHECK: DONE 14 failed
