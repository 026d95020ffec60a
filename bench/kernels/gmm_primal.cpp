// GMM: the primal objective and central finite differences of it.
#include "kernels.h"

#include <cmath>
#include <vector>

namespace gmm_primal_tu {
#include "gmm_objective.inc"
} // namespace gmm_primal_tu

namespace bench {

double gmm_primal(const GmmInput &in) {
  return gmm_primal_tu::gmm_objective(in.d, in.K, in.n, in.alphas, in.means,
                                      in.icf, in.x, in.gamma, in.m);
}

// Two evaluations per parameter: g_i = (f(p + h e_i) - f(p - h e_i)) / 2h.
void gmm_fd_grad(const GmmInput &in, double h, double *g_alphas,
                 double *g_means, double *g_icf) {
  const int icf_sz = in.d * (in.d + 1) / 2;
  std::vector<double> a(in.alphas, in.alphas + in.K);
  std::vector<double> mu(in.means, in.means + in.K * in.d);
  std::vector<double> icf(in.icf, in.icf + in.K * icf_sz);
  auto f = [&] {
    return gmm_primal_tu::gmm_objective(in.d, in.K, in.n, a.data(), mu.data(),
                                        icf.data(), in.x, in.gamma, in.m);
  };
  auto differentiate = [&](std::vector<double> &v, double *g) {
    for (size_t i = 0; i < v.size(); ++i) {
      double saved = v[i];
      v[i] = saved + h;
      double fp = f();
      v[i] = saved - h;
      double fm = f();
      v[i] = saved;
      g[i] = (fp - fm) / (2 * h);
    }
  };
  differentiate(a, g_alphas);
  differentiate(mu, g_means);
  differentiate(icf, g_icf);
}

} // namespace bench
