// LSTM: the primal objective and central finite differences of it.
#include "kernels.h"

#include <cmath>
#include <vector>

namespace lstm_primal_tu {
#include "lstm_objective.inc"
} // namespace lstm_primal_tu

namespace bench {

double lstm_primal(const LstmInput &in) {
  return lstm_primal_tu::lstm_objective(in.l, in.c, in.b, in.main_params,
                                        in.extra_params, in.state, in.sequence);
}

// Two evaluations per parameter: g_i = (f(p + h e_i) - f(p - h e_i)) / 2h.
void lstm_fd_grad(const LstmInput &in, double h, double *g_main,
                  double *g_extra) {
  std::vector<double> mp(in.main_params, in.main_params + 8 * in.l * in.b);
  std::vector<double> ep(in.extra_params, in.extra_params + 3 * in.b);
  auto f = [&] {
    return lstm_primal_tu::lstm_objective(in.l, in.c, in.b, mp.data(),
                                          ep.data(), in.state, in.sequence);
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
  differentiate(mp, g_main);
  differentiate(ep, g_extra);
}

} // namespace bench
