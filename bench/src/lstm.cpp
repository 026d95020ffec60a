//===- bench/src/lstm.cpp - the LSTM problem ------------------------------===//
#include "harness.h"
#include "kernels.h"

#include <benchmark/benchmark.h>

#include <random>

namespace bench {

namespace {

struct LstmData {
  int l, c, b;
  std::vector<double> main_params, extra_params, state, sequence;
  std::vector<double> v_main, v_extra, g_main, g_extra;
  LstmInput in() const {
    return {l,
            c,
            b,
            main_params.data(),
            extra_params.data(),
            state.data(),
            sequence.data()};
  }
};

// Inputs are 0/1 vectors (ADBench feeds the bits of a text's characters).
std::shared_ptr<LstmData> generate(int l, int c, int b) {
  auto D = std::make_shared<LstmData>();
  D->l = l;
  D->c = c;
  D->b = b;
  std::mt19937 rng(100u * l + c + b);
  std::uniform_real_distribution<double> unif(-0.5, 0.5);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::bernoulli_distribution bit(0.5);
  for (int i = 0; i < 8 * l * b; ++i)
    D->main_params.push_back(unif(rng));
  for (int i = 0; i < 3 * b; ++i)
    D->extra_params.push_back(unif(rng));
  for (int i = 0; i < 2 * l * b; ++i)
    D->state.push_back(unif(rng));
  for (int i = 0; i < c * b; ++i)
    D->sequence.push_back(bit(rng) ? 1.0 : 0.0);
  for (int i = 0; i < 8 * l * b; ++i)
    D->v_main.push_back(normal(rng));
  for (int i = 0; i < 3 * b; ++i)
    D->v_extra.push_back(normal(rng));
  D->g_main.resize(8 * l * b);
  D->g_extra.resize(3 * b);
  return D;
}

std::vector<double> concat(const std::vector<double> &a,
                           const std::vector<double> &b) {
  std::vector<double> r(a);
  r.insert(r.end(), b.begin(), b.end());
  return r;
}

Case make(int l, int c, int b, bool smallest) {
  Case C;
  auto D = generate(l, c, b);
  C.data = D;
  const LstmInput in = D->in();
  const size_t P = size_t(8) * l * b + 3 * b;

  std::vector<double> gm(8 * l * b), ge(3 * b);
  const double f = lstm_primal(in);
  const double fh = lstm_hand_grad(in, gm.data(), ge.data());
  const std::vector<double> gh = concat(gm, ge);
  check(C, "hand", "objective vs primal", relative_error(fh, f), 1e-12);
  if (smallest) {
    lstm_fd_grad(in, 1e-5, gm.data(), ge.data());
    check(C, "finite-diff", "gradient vs hand-written",
          relative_error(concat(gm, ge).data(), gh.data(), P), fd_tolerance);
  }
  if (!lstm_reverse_unavailable) {
    const double fr = lstm_frechet_grad(in, gm.data(), ge.data());
    check_tape_empty(C, "frechet-reverse");
    check(C, "frechet-reverse", "objective vs primal", relative_error(fr, f),
          1e-12);
    check(C, "frechet-reverse", "gradient vs hand-written",
          relative_error(concat(gm, ge).data(), gh.data(), P), exact_tolerance);
  }
  if (!lstm_forward_unavailable) {
    double value;
    const double jvp =
        lstm_frechet_jvp(in, D->v_main.data(), D->v_extra.data(), &value);
    const std::vector<double> v = concat(D->v_main, D->v_extra);
    double dot = 0;
    for (size_t i = 0; i < P; ++i)
      dot += gh[i] * v[i];
    check(C, "frechet-forward", "objective vs primal", relative_error(value, f),
          1e-12);
    check(C, "frechet-forward", "JVP vs hand-written gradient . direction",
          relative_error(jvp, dot), exact_tolerance);
  }

  LstmData *p = D.get();
  C.variants.push_back(
      {"primal", [p] { benchmark::DoNotOptimize(lstm_primal(p->in())); }});
  Variant rev{"frechet-reverse", [p] {
                benchmark::DoNotOptimize(lstm_frechet_grad(
                    p->in(), p->g_main.data(), p->g_extra.data()));
                benchmark::ClobberMemory();
              }};
  rev.tape = true;
  rev.unavailable = unavailable_reason(lstm_reverse_unavailable);
  C.variants.push_back(rev);
  Variant fwd{"frechet-forward", [p] {
                double value;
                benchmark::DoNotOptimize(lstm_frechet_jvp(
                    p->in(), p->v_main.data(), p->v_extra.data(), &value));
                benchmark::DoNotOptimize(value);
              }};
  fwd.unavailable = unavailable_reason(lstm_forward_unavailable);
  C.variants.push_back(fwd);
  C.variants.push_back({"hand", [p] {
                          benchmark::DoNotOptimize(lstm_hand_grad(
                              p->in(), p->g_main.data(), p->g_extra.data()));
                          benchmark::ClobberMemory();
                        }});
  if (smallest)
    C.variants.push_back({"finite-diff", [p] {
                            lstm_fd_grad(p->in(), 1e-5, p->g_main.data(),
                                         p->g_extra.data());
                            benchmark::ClobberMemory();
                          }});
  return C;
}

} // namespace

std::vector<CaseSpec> lstm_cases() {
  const int b = 14;
  const int sizes[][2] = {{2, 1024}, {4, 1024}, {2, 4096}, {4, 4096}};
  std::vector<CaseSpec> cases;
  bool first = true;
  for (auto &s : sizes) {
    int l = s[0], c = s[1];
    cases.push_back({"lstm",
                     "l=" + std::to_string(l) + " c=" + std::to_string(c) +
                         " b=" + std::to_string(b),
                     first, [l, c, b, first] { return make(l, c, b, first); }});
    first = false;
  }
  return cases;
}

} // namespace bench
