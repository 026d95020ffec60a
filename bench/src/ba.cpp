//===- bench/src/ba.cpp - the bundle adjustment problem -------------------===//
#include "harness.h"
#include "kernels.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace bench {

namespace {

struct BaData {
  int n;
  std::vector<double> cams, X, w, feats, err, J;
  BaInput in() const {
    return {n, cams.data(), X.data(), w.data(), feats.data()};
  }
};

// n observations, each with its own random camera looking at a point in
// front of it. Observation 0 has rotation 0 (Rodrigues' small-angle branch).
std::shared_ptr<BaData> generate(int n) {
  auto D = std::make_shared<BaData>();
  D->n = n;
  std::mt19937 rng(7u + n);
  auto unif = [&](double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  };
  for (int i = 0; i < n; ++i) {
    double cam[11];
    for (int j = 0; j < 3; ++j)
      cam[j] = i == 0 ? 0.0 : unif(-0.3, 0.3); // rotation
    for (int j = 3; j < 6; ++j)
      cam[j] = unif(-1, 1);  // centre
    cam[6] = unif(400, 600); // focal length
    cam[7] = unif(-5, 5);    // principal point
    cam[8] = unif(-5, 5);
    cam[9] = unif(-0.1, 0.1);    // k1
    cam[10] = unif(-0.01, 0.01); // k2
    D->cams.insert(D->cams.end(), cam, cam + 11);
    // |rotation| < 0.52, so a point 3..6 ahead of the centre stays in front.
    D->X.push_back(cam[3] + unif(-1, 1));
    D->X.push_back(cam[4] + unif(-1, 1));
    D->X.push_back(cam[5] + unif(3, 6));
    D->w.push_back(unif(0.5, 1.5));
    D->feats.push_back(unif(-200, 200));
    D->feats.push_back(unif(-200, 200));
  }
  D->err.resize(2 * n);
  D->J.resize(size_t(2) * ba_ncols * n);
  return D;
}

// The largest relative error of one observation's 2 x 15 block.
double worst_block_error(const std::vector<double> &A,
                         const std::vector<double> &B, int n) {
  double worst = 0;
  for (int i = 0; i < n; ++i)
    worst = std::max(worst, relative_error(&A[size_t(2) * ba_ncols * i],
                                           &B[size_t(2) * ba_ncols * i],
                                           2 * ba_ncols));
  return worst;
}

Case make(int n, bool smallest) {
  Case C;
  auto D = generate(n);
  C.data = D;
  const BaInput in = D->in();
  const size_t JN = size_t(2) * ba_ncols * n;

  std::vector<double> Jh(JN), J(JN);
  ba_hand_jacobian(in, Jh.data());
  {
    // Column 14 (d err / d w) is proj - feat = err / w.
    std::vector<double> err(2 * n), col(2 * n), ref(2 * n);
    ba_primal(in, err.data());
    for (int i = 0; i < n; ++i)
      for (int r = 0; r < 2; ++r) {
        col[2 * i + r] = Jh[size_t(2) * ba_ncols * i + r * ba_ncols + 14];
        ref[2 * i + r] = err[2 * i + r] / D->w[i];
      }
    check(C, "hand", "d err/d w vs primal residual / w",
          relative_error(col.data(), ref.data(), 2 * n), 1e-12);
  }
  if (smallest) {
    ba_fd_jacobian(in, 1e-6, J.data());
    check(C, "finite-diff", "Jacobian vs hand-written (worst observation)",
          worst_block_error(J, Jh, n), fd_tolerance);
  }
  if (!ba_forward_unavailable) {
    ba_frechet_forward_jacobian(in, J.data());
    check(C, "frechet-forward", "Jacobian vs hand-written (worst observation)",
          worst_block_error(J, Jh, n), exact_tolerance);
  }
  if (!ba_reverse_unavailable) {
    ba_frechet_reverse_jacobian(in, J.data());
    check_tape_empty(C, "frechet-reverse");
    check(C, "frechet-reverse", "Jacobian vs hand-written (worst observation)",
          worst_block_error(J, Jh, n), exact_tolerance);
  }

  BaData *p = D.get();
  C.variants.push_back({"primal", [p] {
                          ba_primal(p->in(), p->err.data());
                          benchmark::ClobberMemory();
                        }});
  Variant rev{"frechet-reverse", [p] {
                ba_frechet_reverse_jacobian(p->in(), p->J.data());
                benchmark::ClobberMemory();
              }};
  rev.tape = true;
  rev.unavailable = unavailable_reason(ba_reverse_unavailable);
  C.variants.push_back(rev);
  Variant fwd{"frechet-forward", [p] {
                ba_frechet_forward_jacobian(p->in(), p->J.data());
                benchmark::ClobberMemory();
              }};
  fwd.unavailable = unavailable_reason(ba_forward_unavailable);
  C.variants.push_back(fwd);
  C.variants.push_back({"hand", [p] {
                          ba_hand_jacobian(p->in(), p->J.data());
                          benchmark::ClobberMemory();
                        }});
  C.variants.push_back({"finite-diff", [p] {
                          ba_fd_jacobian(p->in(), 1e-6, p->J.data());
                          benchmark::ClobberMemory();
                        }});
  return C;
}

} // namespace

std::vector<CaseSpec> ba_cases() {
  std::vector<CaseSpec> cases;
  bool first = true;
  for (int n : {1000, 10000}) {
    cases.push_back({"ba", "n=" + std::to_string(n), first,
                     [n, first] { return make(n, first); }});
    first = false;
  }
  return cases;
}

} // namespace bench
