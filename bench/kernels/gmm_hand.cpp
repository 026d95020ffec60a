// GMM: a hand-written gradient, derived from the definition.
//
// With z = x_i - mu_k, y = Q_k z, beta_ik = alpha_k + sum_j q_kj - |y|^2/2
// and w_ik = softmax_k(beta_i.):
//   d/d alpha_k = sum_i w_ik - n softmax(alpha)_k
//   d/d mu_k    = sum_i w_ik Q_k^T y
//   d/d q_kj    = sum_i w_ik (1 - y_j e^{q_kj} z_j) + gamma^2 e^{2 q_kj} - m
//   d/d L_k,rc  = -sum_i w_ik y_r z_c + gamma^2 L_k,rc          (r > c)
#include "kernels.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace bench {

double gmm_hand_grad(const GmmInput &in, double *g_alphas, double *g_means,
                     double *g_icf) {
  const int d = in.d, K = in.K, n = in.n;
  const int icf_sz = d * (d + 1) / 2;
  std::fill(g_alphas, g_alphas + K, 0.0);
  std::fill(g_means, g_means + K * d, 0.0);
  std::fill(g_icf, g_icf + K * icf_sz, 0.0);

  std::vector<double> qdiags(K * d), sum_qs(K), Z(K * d), Y(K * d), E(K), WY(d);
  for (int k = 0; k < K; ++k) {
    double s = 0;
    for (int j = 0; j < d; ++j) {
      s += in.icf[k * icf_sz + j];
      qdiags[k * d + j] = std::exp(in.icf[k * icf_sz + j]);
    }
    sum_qs[k] = s;
  }

  double slse = 0;
  for (int i = 0; i < n; ++i) {
    const double *xi = in.x + i * d;
    double mx = -HUGE_VAL;
    for (int k = 0; k < K; ++k) {
      const double *__restrict mu = in.means + k * d;
      const double *__restrict qd = &qdiags[k * d];
      const double *__restrict l = in.icf + k * icf_sz + d;
      double *__restrict z = &Z[k * d];
      double *__restrict y = &Y[k * d];
      for (int j = 0; j < d; ++j) {
        z[j] = xi[j] - mu[j];
        y[j] = qd[j] * z[j];
      }
      int idx = 0;
      for (int c = 0; c < d; ++c) {
        const double zc = z[c];
        for (int r = c + 1; r < d; ++r)
          y[r] += l[idx + r - c - 1] * zc;
        idx += d - c - 1;
      }
      double sq = 0;
      for (int j = 0; j < d; ++j)
        sq += y[j] * y[j];
      E[k] = in.alphas[k] + sum_qs[k] - 0.5 * sq; // beta_ik for now
      mx = std::max(mx, E[k]);
    }
    double s = 0;
    for (int k = 0; k < K; ++k) {
      E[k] = std::exp(E[k] - mx);
      s += E[k];
    }
    slse += std::log(s) + mx;
    const double inv_s = 1.0 / s;
    for (int k = 0; k < K; ++k) {
      const double w = E[k] * inv_s;
      const double *__restrict qd = &qdiags[k * d];
      const double *__restrict l = in.icf + k * icf_sz + d;
      const double *__restrict z = &Z[k * d];
      const double *__restrict y = &Y[k * d];
      double *__restrict wy = &WY[0];
      double *__restrict gq = g_icf + k * icf_sz;
      double *__restrict gl = gq + d;
      double *__restrict gmu = g_means + k * d;
      g_alphas[k] += w;
      for (int j = 0; j < d; ++j) {
        wy[j] = w * y[j];
        gq[j] += w - wy[j] * qd[j] * z[j];
        gmu[j] += wy[j] * qd[j];
      }
      // gl[rc] -= w y_r z_c and gmu_c += sum_r L_rc w y_r, column by column.
      int idx = 0;
      for (int c = 0; c < d; ++c) {
        const double zc = z[c];
        double acc = 0;
        for (int r = c + 1; r < d; ++r) {
          gl[idx + r - c - 1] -= wy[r] * zc;
          acc += l[idx + r - c - 1] * wy[r];
        }
        idx += d - c - 1;
        gmu[c] += acc;
      }
    }
  }

  // - n logsumexp(alpha)
  double amax = *std::max_element(in.alphas, in.alphas + K), as = 0;
  for (int k = 0; k < K; ++k)
    as += std::exp(in.alphas[k] - amax);
  const double lse_alphas = std::log(as) + amax;
  for (int k = 0; k < K; ++k)
    g_alphas[k] -= n * std::exp(in.alphas[k] - lse_alphas);

  // The Wishart prior.
  const double gamma = in.gamma, g2 = gamma * gamma;
  const int nw = d + in.m + 1;
  double lgd = 0.25 * d * (d - 1) * std::log(3.14159265358979323846);
  for (int j = 1; j <= d; ++j)
    lgd += std::lgamma(0.5 * nw + 0.5 * (1 - j));
  const double C = nw * d * (std::log(gamma) - 0.5 * std::log(2.0)) - lgd;
  double prior = 0;
  for (int k = 0; k < K; ++k) {
    const double *qd = &qdiags[k * d];
    const double *l = in.icf + k * icf_sz + d;
    double *gq = g_icf + k * icf_sz, *gl = gq + d;
    double frob = 0;
    for (int j = 0; j < d; ++j) {
      frob += qd[j] * qd[j];
      gq[j] += g2 * qd[j] * qd[j] - in.m;
    }
    for (int j = 0; j < icf_sz - d; ++j) {
      frob += l[j] * l[j];
      gl[j] += g2 * l[j];
    }
    prior += 0.5 * g2 * frob - in.m * sum_qs[k];
  }
  prior -= K * C;

  const double log_2pi = 1.83787706640934548356;
  return -0.5 * n * d * log_2pi + slse - n * lse_alphas + prior;
}

} // namespace bench
