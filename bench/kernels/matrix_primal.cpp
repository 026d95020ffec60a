// Matrix kernels (Eigen): the primal objectives and central finite
// differences of them.
#include "kernels.h"

#include <frechet/matrix_functions.h>

#include <Eigen/Dense>

#include <vector>

namespace matrix_primal_tu {
#include "matrix_objective.inc"
} // namespace matrix_primal_tu

namespace bench {

namespace {
using namespace matrix_primal_tu;

// Central differences of f() with respect to every entry of p:
// g_i = (f(p + h e_i) - f(p - h e_i)) / 2h, two evaluations per entry.
template <typename F>
void central_differences(std::vector<double> &p, double h, F f, double *g) {
  for (size_t i = 0; i < p.size(); ++i) {
    const double saved = p[i];
    p[i] = saved + h;
    const double fp = f();
    p[i] = saved - h;
    const double fm = f();
    p[i] = saved;
    g[i] = (fp - fm) / (2 * h);
  }
}
} // namespace

double logdet_primal(int n, const double *A) {
  return logdet_objective(matrix_arg(0, A, n, n));
}

void logdet_fd_grad(int n, const double *A, double h, double *gA) {
  std::vector<double> a(A, A + n * n);
  central_differences(a, h, [&] { return logdet_primal(n, a.data()); }, gA);
}

double solve_primal(int n, const double *A, const double *b) {
  return solve_objective(matrix_arg(0, A, n, n), vector_arg(0, b, n));
}

void solve_fd_grad(int n, const double *A, const double *b, double h,
                   double *gA, double *gb) {
  std::vector<double> a(A, A + n * n), bb(b, b + n);
  auto f = [&] { return solve_primal(n, a.data(), bb.data()); };
  central_differences(a, h, f, gA);
  central_differences(bb, h, f, gb);
}

double chain_primal(int n, const double *const *A) {
  return chain_objective(matrix_arg(0, A[0], n, n), matrix_arg(1, A[1], n, n),
                         matrix_arg(2, A[2], n, n), matrix_arg(3, A[3], n, n),
                         matrix_arg(4, A[4], n, n));
}

void chain_fd_grad(int n, const double *const *A, double h,
                   double *const *gA) {
  std::vector<double> a[chain_length];
  for (int k = 0; k < chain_length; ++k)
    a[k].assign(A[k], A[k] + n * n);
  auto f = [&] {
    const double *p[chain_length] = {a[0].data(), a[1].data(), a[2].data(),
                                     a[3].data(), a[4].data()};
    return chain_primal(n, p);
  };
  for (int k = 0; k < chain_length; ++k)
    central_differences(a[k], h, f, gA[k]);
}

double mlp_primal(const MlpInput &in) {
  return mlp_objective(
      matrix_arg(0, in.X, in.d, in.m), matrix_arg(1, in.Y, in.o, in.m),
      matrix_arg(2, in.W1, in.h, in.d), vector_arg(0, in.b1, in.h),
      matrix_arg(3, in.W2, in.o, in.h));
}

} // namespace bench
