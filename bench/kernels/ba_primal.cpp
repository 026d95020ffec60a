// Bundle adjustment: the primal residuals and a central finite-difference
// Jacobian.
#include "kernels.h"

#include <cmath>

namespace ba_primal_tu {
#include "ba_residual.inc"
} // namespace ba_primal_tu

namespace bench {

void ba_primal(const BaInput &in, double *err) {
  for (int i = 0; i < in.n; ++i)
    ba_primal_tu::ba_residual(in.cams + 11 * i, in.X + 3 * i, in.w + i,
                              in.feats + 2 * i, err + 2 * i);
}

// Two evaluations per parameter, step h (1 + |p|).
void ba_fd_jacobian(const BaInput &in, double h, double *J) {
  for (int i = 0; i < in.n; ++i) {
    double p[ba_ncols]; // cam, X, w
    for (int j = 0; j < 11; ++j)
      p[j] = in.cams[11 * i + j];
    for (int j = 0; j < 3; ++j)
      p[11 + j] = in.X[3 * i + j];
    p[14] = in.w[i];
    const double *feat = in.feats + 2 * i;
    double *Ji = J + 2 * ba_ncols * i;
    for (int j = 0; j < ba_ncols; ++j) {
      const double saved = p[j], step = h * (1 + std::fabs(saved));
      double ep[2], em[2];
      p[j] = saved + step;
      ba_primal_tu::ba_residual(p, p + 11, p + 14, feat, ep);
      p[j] = saved - step;
      ba_primal_tu::ba_residual(p, p + 11, p + 14, feat, em);
      p[j] = saved;
      Ji[j] = (ep[0] - em[0]) / (2 * step);
      Ji[ba_ncols + j] = (ep[1] - em[1]) / (2 * step);
    }
  }
}

} // namespace bench
