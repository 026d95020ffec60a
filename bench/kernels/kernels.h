//===- bench/kernels/kernels.h - what the benchmark kernels export --------===//
//
// The kernels are compiled by clang++-19 -O3 (the Frechet ones with the
// plugin loaded) into object files linked into frechet-bench; the harness,
// built with the project's compiler, calls them through these plain
// functions. Every loop over the data is inside the kernels, so each call
// measures generated code, not call overhead.
//
// Each Frechet translation unit defines a `*_unavailable` string: null when
// it was compiled with the plugin, otherwise why not (its functions then
// abort, and the harness reports the variant as unavailable). See
// bench/cmake/compile_kernel.cmake.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_BENCH_KERNELS_H
#define FRECHET_BENCH_KERNELS_H

namespace bench {

//===-- GMM ---------------------------------------------------------------===//
// Parameters: alphas (K), means (K*d), icf (K*(d + d(d-1)/2)); data x (n*d).
// The gradient functions overwrite g_alphas, g_means, g_icf and return the
// objective.

struct GmmInput {
  int d, K, n;
  const double *alphas, *means, *icf, *x;
  double gamma; // Wishart prior: gamma and m
  int m;
};

double gmm_primal(const GmmInput &in);
double gmm_hand_grad(const GmmInput &in, double *g_alphas, double *g_means,
                     double *g_icf);
void gmm_fd_grad(const GmmInput &in, double h, double *g_alphas,
                 double *g_means, double *g_icf);

extern const char *const gmm_reverse_unavailable;
double gmm_frechet_grad(const GmmInput &in, double *g_alphas, double *g_means,
                        double *g_icf);

extern const char *const gmm_reverse_scoped_unavailable;
/// The same with the work arrays of one data point declared in the loop over
/// data points (gmm_objective.inc, GMM_SCRATCH_IN_LOOP).
double gmm_frechet_grad_scoped(const GmmInput &in, double *g_alphas,
                               double *g_means, double *g_icf);

extern const char *const gmm_forward_unavailable;
/// The directional derivative in direction (v_alphas, v_means, v_icf);
/// *value receives the objective.
double gmm_frechet_jvp(const GmmInput &in, const double *v_alphas,
                       const double *v_means, const double *v_icf,
                       double *value);

//===-- Bundle adjustment -------------------------------------------------===//
// n observations, each with its own camera (11), point (3), weight (1) and
// feature (2). Residuals: err (n*2). Jacobians: J (n*30), per observation
// the 2 x 15 matrix row-major, columns cam[0..10], X[0..2], w.

constexpr int ba_ncols = 15;

struct BaInput {
  int n;
  const double *cams, *X, *w, *feats;
};

void ba_primal(const BaInput &in, double *err);
void ba_hand_jacobian(const BaInput &in, double *J);
void ba_fd_jacobian(const BaInput &in, double h, double *J);

extern const char *const ba_forward_unavailable;
/// 15 JVPs per observation, one per column.
void ba_frechet_forward_jacobian(const BaInput &in, double *J);

extern const char *const ba_reverse_unavailable;
/// 2 VJPs per observation, one per row.
void ba_frechet_reverse_jacobian(const BaInput &in, double *J);

//===-- LSTM --------------------------------------------------------------===//
// l layers, b hidden = input size, c characters.
//   main_params  2*l*4*b  per layer: weight (4b), bias (4b)
//   extra_params 3*b      input weight, output weight, output bias
//   state        2*l*b    per layer: hidden (b), cell (b) (not changed)
//   sequence     c*b
// The gradient is with respect to main_params and extra_params.

struct LstmInput {
  int l, c, b;
  const double *main_params, *extra_params, *state, *sequence;
};

double lstm_primal(const LstmInput &in);
double lstm_hand_grad(const LstmInput &in, double *g_main, double *g_extra);
void lstm_fd_grad(const LstmInput &in, double h, double *g_main,
                  double *g_extra);

extern const char *const lstm_reverse_unavailable;
double lstm_frechet_grad(const LstmInput &in, double *g_main, double *g_extra);

extern const char *const lstm_forward_unavailable;
double lstm_frechet_jvp(const LstmInput &in, const double *v_main,
                        const double *v_extra, double *value);

//===-- Matrix kernels (Eigen) --------------------------------------------===//
// Dense column-major matrices; the objectives are in matrix_objective.inc
// (the primal and the Frechet variants) and matrix_hand.cpp. The gradient
// functions overwrite their outputs and return the objective; the JVP
// functions return the directional derivative in the direction v (packed
// like the inputs) and store the objective in *value.

/// log |det A| (A: n x n); gradient A^{-T}.
double logdet_primal(int n, const double *A);
double logdet_hand_grad(int n, const double *A, double *gA);
void logdet_fd_grad(int n, const double *A, double h, double *gA);

/// 0.5 |A^{-1} b|^2 (A: n x n, b: n); gradients with respect to A and b.
double solve_primal(int n, const double *A, const double *b);
double solve_hand_grad(int n, const double *A, const double *b, double *gA,
                       double *gb);
void solve_fd_grad(int n, const double *A, const double *b, double h,
                   double *gA, double *gb);

/// tr(A[0] A[1] A[2] A[3] A[4]) (each n x n); gradients gA[k] of each factor.
constexpr int chain_length = 5;
double chain_primal(int n, const double *const *A);
double chain_hand_grad(int n, const double *const *A, double *const *gA);
void chain_fd_grad(int n, const double *const *A, double h, double *const *gA);

/// 0.5 |W2 tanh(W1 X + b1 1^T) - Y|_F^2; X: d x m, Y: o x m, W1: h x d,
/// b1: h, W2: o x h. The gradient is with respect to W1, b1 and W2.
struct MlpInput {
  int d, m, h, o;
  const double *X, *Y, *W1, *b1, *W2;
};

double mlp_primal(const MlpInput &in);
double mlp_hand_grad(const MlpInput &in, double *gW1, double *gb1,
                     double *gW2);

/// `#pragma frechet gradient` on the four objectives (matrix_reverse.cpp).
extern const char *const matrix_reverse_unavailable;
double logdet_frechet_grad(int n, const double *A, double *gA);
double solve_frechet_grad(int n, const double *A, const double *b, double *gA,
                          double *gb);
double chain_frechet_grad(int n, const double *const *A, double *const *gA);
double mlp_frechet_grad(const MlpInput &in, double *gW1, double *gb1,
                        double *gW2);

/// `#pragma frechet forward` on the four objectives (matrix_forward.cpp).
extern const char *const matrix_forward_unavailable;
double logdet_frechet_jvp(int n, const double *A, const double *vA,
                          double *value);
double solve_frechet_jvp(int n, const double *A, const double *b,
                         const double *vA, const double *vb, double *value);
double chain_frechet_jvp(int n, const double *const *A, const double *const *vA,
                         double *value);
double mlp_frechet_jvp(const MlpInput &in, const double *vW1, const double *vb1,
                       const double *vW2, double *value);

} // namespace bench

#endif // FRECHET_BENCH_KERNELS_H
