// LSTM: a hand-written gradient (backpropagation through time).
//
// Per layer and step, with input x, previous hidden h and cell c:
//   F = sig(x wF + bF), I = sig(h wI + bI), O = sig(x wO + bO),
//   G = tanh(h wG + bG), c' = c F + I G, h' = O tanh(c').
// The forward pass records x, h, c, F, I, O, G, tanh(c') for every layer
// and step; the backward pass runs the steps and layers in reverse,
// carrying the adjoints of each layer's hidden and cell state.
// The loss is -(1/count) sum_t sum_i y_i (p_i - lse(p)), so
// dloss/dp_i = -(1/count) (y_i - softmax(p)_i sum_j y_j).
#include "kernels.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace bench {

namespace {
inline double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
} // namespace

double lstm_hand_grad(const LstmInput &in, double *g_main, double *g_extra) {
  const int l = in.l, c = in.c, b = in.b, T = c - 1;
  const int rec = 8 * b; // x h c F I O G tanh(c')
  const double *win = in.extra_params, *wout = win + b, *bout = win + 2 * b;
  std::fill(g_main, g_main + 8 * l * b, 0.0);
  std::fill(g_extra, g_extra + 3 * b, 0.0);

  std::vector<double> s(in.state, in.state + 2 * l * b);
  std::vector<double> tape(size_t(T) * l * rec), prob(size_t(T) * b);
  std::vector<double> x2(b), ypred(b);
  double total = 0;
  for (int t = 0; t < T; ++t) {
    const double *xin = in.sequence + size_t(t) * b;
    for (int i = 0; i < b; ++i)
      x2[i] = xin[i] * win[i];
    const double *input = x2.data();
    for (int layer = 0; layer < l; ++layer) {
      const double *w = in.main_params + layer * 8 * b, *bias = w + 4 * b;
      double *h = &s[layer * 2 * b], *cc = h + b;
      double *r = &tape[(size_t(t) * l + layer) * rec];
      for (int i = 0; i < b; ++i) {
        const double x = input[i];
        const double F = sigmoid(x * w[i] + bias[i]);
        const double I = sigmoid(h[i] * w[b + i] + bias[b + i]);
        const double O = sigmoid(x * w[2 * b + i] + bias[2 * b + i]);
        const double G = std::tanh(h[i] * w[3 * b + i] + bias[3 * b + i]);
        r[i] = x;
        r[b + i] = h[i];
        r[2 * b + i] = cc[i];
        r[3 * b + i] = F;
        r[4 * b + i] = I;
        r[5 * b + i] = O;
        r[6 * b + i] = G;
        cc[i] = cc[i] * F + I * G;
        const double tc = std::tanh(cc[i]);
        r[7 * b + i] = tc;
        h[i] = O * tc;
      }
      input = h;
    }
    const double *htop = &s[(l - 1) * 2 * b];
    double mx = -HUGE_VAL;
    for (int i = 0; i < b; ++i) {
      ypred[i] = htop[i] * wout[i] + bout[i];
      mx = std::max(mx, ypred[i]);
    }
    double sum = 0;
    for (int i = 0; i < b; ++i)
      sum += std::exp(ypred[i] - mx);
    const double lse = std::log(sum) + mx;
    const double *ygold = in.sequence + size_t(t + 1) * b;
    for (int i = 0; i < b; ++i) {
      total += ygold[i] * (ypred[i] - lse);
      prob[size_t(t) * b + i] = std::exp(ypred[i] - lse);
    }
  }
  const double count = double(T) * b;

  std::vector<double> dh(l * b, 0.0), dc(l * b, 0.0);
  const double scale = -1.0 / count;
  double *gwin = g_extra, *gwout = g_extra + b, *gbout = g_extra + 2 * b;
  for (int t = T - 1; t >= 0; --t) {
    const double *ygold = in.sequence + size_t(t + 1) * b;
    double sg = 0;
    for (int i = 0; i < b; ++i)
      sg += ygold[i];
    const double *rtop = &tape[(size_t(t) * l + l - 1) * rec];
    for (int i = 0; i < b; ++i) {
      const double dy = scale * (ygold[i] - prob[size_t(t) * b + i] * sg);
      const double htop = rtop[5 * b + i] * rtop[7 * b + i];
      gwout[i] += dy * htop;
      gbout[i] += dy;
      dh[(l - 1) * b + i] += dy * wout[i];
    }
    for (int layer = l - 1; layer >= 0; --layer) {
      const double *w = in.main_params + layer * 8 * b;
      double *gw = g_main + layer * 8 * b, *gb = gw + 4 * b;
      const double *r = &tape[(size_t(t) * l + layer) * rec];
      for (int i = 0; i < b; ++i) {
        const double x = r[i], hp = r[b + i], cp = r[2 * b + i];
        const double F = r[3 * b + i], I = r[4 * b + i], O = r[5 * b + i];
        const double G = r[6 * b + i], tc = r[7 * b + i];
        const double dhi = dh[layer * b + i];
        const double dO = dhi * tc;
        const double dcn = dc[layer * b + i] + dhi * O * (1 - tc * tc);
        const double zF = dcn * cp * F * (1 - F);
        const double zI = dcn * G * I * (1 - I);
        const double zO = dO * O * (1 - O);
        const double zG = dcn * I * (1 - G * G);
        gw[i] += zF * x;
        gb[i] += zF;
        gw[b + i] += zI * hp;
        gb[b + i] += zI;
        gw[2 * b + i] += zO * x;
        gb[2 * b + i] += zO;
        gw[3 * b + i] += zG * hp;
        gb[3 * b + i] += zG;
        dh[layer * b + i] = zI * w[b + i] + zG * w[3 * b + i];
        dc[layer * b + i] = dcn * F;
        const double dx = zF * w[i] + zO * w[2 * b + i];
        if (layer > 0)
          dh[(layer - 1) * b + i] += dx;
        else
          gwin[i] += dx * in.sequence[size_t(t) * b + i];
      }
    }
  }
  return -total / count;
}

} // namespace bench
