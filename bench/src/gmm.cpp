//===- bench/src/gmm.cpp - the GMM problem --------------------------------===//
#include "harness.h"
#include "kernels.h"

#include <benchmark/benchmark.h>

#include <random>

namespace bench {

namespace {

struct GmmData {
  int d, K, n;
  std::vector<double> alphas, means, icf, x, v_alphas, v_means, v_icf;
  std::vector<double> g_alphas, g_means, g_icf; // outputs
  GmmInput in() const {
    return {d,
            K,
            n,
            alphas.data(),
            means.data(),
            icf.data(),
            x.data(),
            1.0 /*gamma*/,
            0 /*m*/};
  }
};

std::shared_ptr<GmmData> generate(int d, int K, int n) {
  auto D = std::make_shared<GmmData>();
  D->d = d;
  D->K = K;
  D->n = n;
  const int icf_sz = d * (d + 1) / 2;
  std::mt19937 rng(1000u * d + K);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> unif(0.0, 1.0);
  for (int k = 0; k < K; ++k)
    D->alphas.push_back(normal(rng));
  for (int i = 0; i < K * d; ++i)
    D->means.push_back(unif(rng));
  for (int k = 0; k < K; ++k) {
    for (int j = 0; j < d; ++j)
      D->icf.push_back(0.2 * (unif(rng) - 0.5)); // log-diagonal
    for (int j = d; j < icf_sz; ++j)
      D->icf.push_back(0.2 * normal(rng)); // strictly lower
  }
  for (int i = 0; i < n * d; ++i)
    D->x.push_back(unif(rng));
  for (int k = 0; k < K; ++k)
    D->v_alphas.push_back(normal(rng));
  for (int i = 0; i < K * d; ++i)
    D->v_means.push_back(normal(rng));
  for (int i = 0; i < K * icf_sz; ++i)
    D->v_icf.push_back(normal(rng));
  D->g_alphas.resize(K);
  D->g_means.resize(K * d);
  D->g_icf.resize(K * icf_sz);
  return D;
}

std::vector<double> concat(const std::vector<double> &a,
                           const std::vector<double> &b,
                           const std::vector<double> &c) {
  std::vector<double> r(a);
  r.insert(r.end(), b.begin(), b.end());
  r.insert(r.end(), c.begin(), c.end());
  return r;
}

Case make(int d, int K, int n, bool smallest) {
  Case C;
  auto D = generate(d, K, n);
  C.data = D;
  const GmmInput in = D->in();
  const int icf_sz = d * (d + 1) / 2;
  const size_t P = size_t(K) * (1 + d + icf_sz);

  // The hand-written gradient is the reference.
  std::vector<double> ga(K), gm(K * d), gi(K * icf_sz);
  const double f = gmm_primal(in);
  const double fh = gmm_hand_grad(in, ga.data(), gm.data(), gi.data());
  const std::vector<double> gh = concat(ga, gm, gi);
  check(C, "hand", "objective vs primal", relative_error(fh, f), 1e-12);
  if (smallest) {
    gmm_fd_grad(in, 1e-5, ga.data(), gm.data(), gi.data());
    check(C, "finite-diff", "gradient vs hand-written",
          relative_error(concat(ga, gm, gi).data(), gh.data(), P),
          fd_tolerance);
  }
  if (!gmm_reverse_unavailable) {
    const double fr = gmm_frechet_grad(in, ga.data(), gm.data(), gi.data());
    check_tape_empty(C, "frechet-reverse");
    check(C, "frechet-reverse", "objective vs primal", relative_error(fr, f),
          1e-12);
    check(C, "frechet-reverse", "gradient vs hand-written",
          relative_error(concat(ga, gm, gi).data(), gh.data(), P),
          exact_tolerance);
  }
  if (!gmm_reverse_scoped_unavailable) {
    const double fr =
        gmm_frechet_grad_scoped(in, ga.data(), gm.data(), gi.data());
    check_tape_empty(C, "frechet-reverse-scoped");
    check(C, "frechet-reverse-scoped", "objective vs primal",
          relative_error(fr, f), 1e-12);
    check(C, "frechet-reverse-scoped", "gradient vs hand-written",
          relative_error(concat(ga, gm, gi).data(), gh.data(), P),
          exact_tolerance);
  }
  if (!gmm_forward_unavailable) {
    double value;
    const double jvp = gmm_frechet_jvp(
        in, D->v_alphas.data(), D->v_means.data(), D->v_icf.data(), &value);
    const std::vector<double> v = concat(D->v_alphas, D->v_means, D->v_icf);
    double dot = 0;
    for (size_t i = 0; i < P; ++i)
      dot += gh[i] * v[i];
    check(C, "frechet-forward", "objective vs primal", relative_error(value, f),
          1e-12);
    check(C, "frechet-forward", "JVP vs hand-written gradient . direction",
          relative_error(jvp, dot), exact_tolerance);
  }

  GmmData *p = D.get();
  C.variants.push_back(
      {"primal", [p] { benchmark::DoNotOptimize(gmm_primal(p->in())); }});
  Variant rev{"frechet-reverse", [p] {
                benchmark::DoNotOptimize(
                    gmm_frechet_grad(p->in(), p->g_alphas.data(),
                                     p->g_means.data(), p->g_icf.data()));
                benchmark::ClobberMemory();
              }};
  rev.tape = true;
  rev.unavailable = unavailable_reason(gmm_reverse_unavailable);
  C.variants.push_back(rev);
  // The objective with the per-data-point arrays declared in the loop: the
  // gradient reverses each data point right after it.
  Variant scoped{
      "frechet-reverse-scoped", [p] {
        benchmark::DoNotOptimize(gmm_frechet_grad_scoped(
            p->in(), p->g_alphas.data(), p->g_means.data(), p->g_icf.data()));
        benchmark::ClobberMemory();
      }};
  scoped.tape = true;
  scoped.unavailable = unavailable_reason(gmm_reverse_scoped_unavailable);
  C.variants.push_back(scoped);
  Variant fwd{"frechet-forward", [p] {
                double value;
                benchmark::DoNotOptimize(gmm_frechet_jvp(
                    p->in(), p->v_alphas.data(), p->v_means.data(),
                    p->v_icf.data(), &value));
                benchmark::DoNotOptimize(value);
              }};
  fwd.unavailable = unavailable_reason(gmm_forward_unavailable);
  C.variants.push_back(fwd);
  C.variants.push_back(
      {"hand", [p] {
         benchmark::DoNotOptimize(gmm_hand_grad(
             p->in(), p->g_alphas.data(), p->g_means.data(), p->g_icf.data()));
         benchmark::ClobberMemory();
       }});
  if (smallest)
    C.variants.push_back({"finite-diff", [p] {
                            gmm_fd_grad(p->in(), 1e-5, p->g_alphas.data(),
                                        p->g_means.data(), p->g_icf.data());
                            benchmark::ClobberMemory();
                          }});
  return C;
}

} // namespace

std::vector<CaseSpec> gmm_cases() {
  const int n = 1000;
  const int sizes[][2] = {{2, 5}, {10, 25}, {20, 50}, {64, 100}};
  std::vector<CaseSpec> cases;
  bool first = true;
  for (auto &s : sizes) {
    int d = s[0], K = s[1];
    cases.push_back({"gmm",
                     "d=" + std::to_string(d) + " K=" + std::to_string(K) +
                         " n=" + std::to_string(n),
                     first, [d, K, n, first] { return make(d, K, n, first); }});
    first = false;
  }
  return cases;
}

} // namespace bench
