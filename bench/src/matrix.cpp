//===- bench/src/matrix.cpp - the matrix kernels (Eigen) ------------------===//
//
// logdet, solve, chain and mlp (docs/performance.md, "Matrix kernels"). Each
// problem keeps the inputs it differentiates packed in one vector p (the
// gradient g has the same layout), so one check routine serves all four:
// hand objective vs primal, and at the smallest size the hand-written
// gradient against central differences in a random direction v,
//   (f(p + h v) - f(p - h v)) / 2h  vs  g . v,
// and, where a finite-diff variant exists, the full central-difference
// gradient against g. The Frechet variants are checked like GMM's: the
// gradient against the hand-written one, the JVP against the hand-written
// gradient . v, the objective values against the primal, and the tape
// empty after each reverse call.
//
//===----------------------------------------------------------------------===//
#include "harness.h"
#include "kernels.h"

#include <benchmark/benchmark.h>

#include <random>

namespace bench {

namespace {

struct MatrixProblem {
  std::vector<double> p, v, g; // differentiated inputs, direction, gradient
  std::vector<double> data;    // inputs not differentiated (mlp: X, Y)
  double h_check = 1e-5;       // step of the directional check
  double h_fd = 1e-5;          // step of the finite-diff variant
  // The kernels, on packed inputs (q: p or a perturbed copy of it).
  std::function<double(const double *q)> primal;
  std::function<double(double *g)> hand;         // gradient at p
  std::function<void(double *g)> fd;             // empty: no finite-diff
  std::function<double(double *g)> frechet_grad; // gradient at p
  std::function<double(double *value)> frechet_jvp; // JVP at p along v
};

Case make(std::shared_ptr<MatrixProblem> D, bool smallest) {
  Case C;
  C.data = D;
  const size_t P = D->p.size();
  const double f = D->primal(D->p.data());
  std::vector<double> gh(P);
  const double fh = D->hand(gh.data());
  check(C, "hand", "objective vs primal", relative_error(fh, f), 1e-12);
  if (smallest) {
    std::vector<double> plus(D->p), minus(D->p);
    for (size_t i = 0; i < P; ++i) {
      plus[i] += D->h_check * D->v[i];
      minus[i] -= D->h_check * D->v[i];
    }
    const double fd_dir =
        (D->primal(plus.data()) - D->primal(minus.data())) / (2 * D->h_check);
    double dot = 0;
    for (size_t i = 0; i < P; ++i)
      dot += gh[i] * D->v[i];
    check(C, "hand",
          "gradient . direction vs central differences in that direction",
          relative_error(dot, fd_dir), fd_tolerance);
    if (D->fd) {
      std::vector<double> gfd(P);
      D->fd(gfd.data());
      check(C, "finite-diff", "gradient vs hand-written",
            relative_error(gfd.data(), gh.data(), P), fd_tolerance);
    }
  }

  double dot_hand = 0; // the hand-written gradient . v
  for (size_t i = 0; i < P; ++i)
    dot_hand += gh[i] * D->v[i];
  if (!matrix_reverse_unavailable) {
    std::vector<double> gr(P);
    const double fr = D->frechet_grad(gr.data());
    check_tape_empty(C, "frechet-reverse");
    check(C, "frechet-reverse", "objective vs primal", relative_error(fr, f),
          1e-12);
    check(C, "frechet-reverse", "gradient vs hand-written",
          relative_error(gr.data(), gh.data(), P), exact_tolerance);
  }
  if (!matrix_forward_unavailable) {
    double value;
    const double jvp = D->frechet_jvp(&value);
    check(C, "frechet-forward", "objective vs primal", relative_error(value, f),
          1e-12);
    check(C, "frechet-forward", "JVP vs hand-written gradient . direction",
          relative_error(jvp, dot_hand), exact_tolerance);
  }

  MatrixProblem *q = D.get();
  C.variants.push_back({"primal", [q] {
                          benchmark::DoNotOptimize(q->primal(q->p.data()));
                        }});
  Variant rev{"frechet-reverse", [q] {
                benchmark::DoNotOptimize(q->frechet_grad(q->g.data()));
                benchmark::ClobberMemory();
              }};
  rev.tape = true;
  rev.unavailable = unavailable_reason(matrix_reverse_unavailable);
  C.variants.push_back(rev);
  Variant fwd{"frechet-forward", [q] {
                double value;
                benchmark::DoNotOptimize(q->frechet_jvp(&value));
                benchmark::DoNotOptimize(value);
              }};
  fwd.unavailable = unavailable_reason(matrix_forward_unavailable);
  C.variants.push_back(fwd);
  C.variants.push_back({"hand", [q] {
                          benchmark::DoNotOptimize(q->hand(q->g.data()));
                          benchmark::ClobberMemory();
                        }});
  if (smallest && D->fd)
    C.variants.push_back({"finite-diff", [q] {
                            q->fd(q->g.data());
                            benchmark::ClobberMemory();
                          }});
  return C;
}

std::vector<double> normal_vector(std::mt19937 &rng, size_t n,
                                  double scale = 1.0) {
  std::normal_distribution<double> normal(0.0, scale);
  std::vector<double> v(n);
  for (double &x : v)
    x = normal(rng);
  return v;
}

// A = B + n I with B ~ N(0, 1): well conditioned, det A > 0.
std::vector<double> shifted_matrix(std::mt19937 &rng, int n) {
  std::vector<double> A = normal_vector(rng, size_t(n) * n);
  for (int i = 0; i < n; ++i)
    A[size_t(i) * n + i] += n;
  return A;
}

std::shared_ptr<MatrixProblem> logdet(int n) {
  auto D = std::make_shared<MatrixProblem>();
  std::mt19937 rng(1000u + n);
  D->p = shifted_matrix(rng, n);
  D->v = normal_vector(rng, D->p.size());
  D->g.resize(D->p.size());
  // f is about n log n; a larger step keeps the rounding error of the
  // differences (eps f / h) well below the small gradient entries.
  D->h_check = D->h_fd = 1e-3;
  MatrixProblem *q = D.get();
  D->primal = [n](const double *p) { return logdet_primal(n, p); };
  D->hand = [q, n](double *g) { return logdet_hand_grad(n, q->p.data(), g); };
  D->fd = [q, n](double *g) { logdet_fd_grad(n, q->p.data(), q->h_fd, g); };
  D->frechet_grad = [q, n](double *g) {
    return logdet_frechet_grad(n, q->p.data(), g);
  };
  D->frechet_jvp = [q, n](double *value) {
    return logdet_frechet_jvp(n, q->p.data(), q->v.data(), value);
  };
  return D;
}

std::shared_ptr<MatrixProblem> solve(int n) {
  auto D = std::make_shared<MatrixProblem>();
  std::mt19937 rng(2000u + n);
  const size_t nn = size_t(n) * n;
  D->p = shifted_matrix(rng, n); // A, then b
  const std::vector<double> b = normal_vector(rng, n);
  D->p.insert(D->p.end(), b.begin(), b.end());
  D->v = normal_vector(rng, D->p.size());
  D->g.resize(D->p.size());
  MatrixProblem *q = D.get();
  D->primal = [n, nn](const double *p) { return solve_primal(n, p, p + nn); };
  D->hand = [q, n, nn](double *g) {
    return solve_hand_grad(n, q->p.data(), q->p.data() + nn, g, g + nn);
  };
  D->fd = [q, n, nn](double *g) {
    solve_fd_grad(n, q->p.data(), q->p.data() + nn, q->h_fd, g, g + nn);
  };
  D->frechet_grad = [q, n, nn](double *g) {
    return solve_frechet_grad(n, q->p.data(), q->p.data() + nn, g, g + nn);
  };
  D->frechet_jvp = [q, n, nn](double *value) {
    return solve_frechet_jvp(n, q->p.data(), q->p.data() + nn, q->v.data(),
                             q->v.data() + nn, value);
  };
  return D;
}

std::shared_ptr<MatrixProblem> chain(int n) {
  auto D = std::make_shared<MatrixProblem>();
  std::mt19937 rng(3000u + n);
  const size_t nn = size_t(n) * n;
  // A_k = I + G / sqrt(n), G ~ N(0, 1): the product stays of order 1.
  D->p = normal_vector(rng, chain_length * nn, 1.0 / std::sqrt(double(n)));
  for (int k = 0; k < chain_length; ++k)
    for (int i = 0; i < n; ++i)
      D->p[k * nn + size_t(i) * n + i] += 1.0;
  D->v = normal_vector(rng, D->p.size());
  D->g.resize(D->p.size());
  auto split = [n, nn](const double *p, const double **A) {
    for (int k = 0; k < chain_length; ++k)
      A[k] = p + k * nn;
  };
  MatrixProblem *q = D.get();
  D->primal = [n, split](const double *p) {
    const double *A[chain_length];
    split(p, A);
    return chain_primal(n, A);
  };
  D->hand = [q, n, nn, split](double *g) {
    const double *A[chain_length];
    double *gA[chain_length];
    split(q->p.data(), A);
    for (int k = 0; k < chain_length; ++k)
      gA[k] = g + k * nn;
    return chain_hand_grad(n, A, gA);
  };
  D->fd = [q, n, nn, split](double *g) {
    const double *A[chain_length];
    double *gA[chain_length];
    split(q->p.data(), A);
    for (int k = 0; k < chain_length; ++k)
      gA[k] = g + k * nn;
    chain_fd_grad(n, A, q->h_fd, gA);
  };
  D->frechet_grad = [q, n, nn, split](double *g) {
    const double *A[chain_length];
    double *gA[chain_length];
    split(q->p.data(), A);
    for (int k = 0; k < chain_length; ++k)
      gA[k] = g + k * nn;
    return chain_frechet_grad(n, A, gA);
  };
  D->frechet_jvp = [q, n, split](double *value) {
    const double *A[chain_length], *vA[chain_length];
    split(q->p.data(), A);
    split(q->v.data(), vA);
    return chain_frechet_jvp(n, A, vA, value);
  };
  return D;
}

// No finite-diff variant: (h d + h + o h) = 9600 parameters would take two
// evaluations each, about 10 s per gradient.
std::shared_ptr<MatrixProblem> mlp(int d, int m, int h, int o) {
  auto D = std::make_shared<MatrixProblem>();
  std::mt19937 rng(4000u + d + m + h + o);
  const size_t w1 = size_t(h) * d, w2 = size_t(o) * h, xs = size_t(d) * m;
  // p = W1 (h x d), b1 (h), W2 (o x h); data = X (d x m), Y (o x m).
  D->p = normal_vector(rng, w1, 1.0 / std::sqrt(double(d)));
  const std::vector<double> b1 = normal_vector(rng, h, 0.1);
  const std::vector<double> W2 = normal_vector(rng, w2, 1.0 / std::sqrt(double(h)));
  D->p.insert(D->p.end(), b1.begin(), b1.end());
  D->p.insert(D->p.end(), W2.begin(), W2.end());
  D->data = normal_vector(rng, xs + size_t(o) * m);
  D->v = normal_vector(rng, D->p.size());
  D->g.resize(D->p.size());
  MatrixProblem *q = D.get();
  auto input = [q, d, m, h, o, w1, xs](const double *p) {
    return MlpInput{d, m, h, o, q->data.data(), q->data.data() + xs,
                    p, p + w1, p + w1 + h};
  };
  D->primal = [input](const double *p) { return mlp_primal(input(p)); };
  D->hand = [q, input, w1, h](double *g) {
    return mlp_hand_grad(input(q->p.data()), g, g + w1, g + w1 + h);
  };
  D->frechet_grad = [q, input, w1, h](double *g) {
    return mlp_frechet_grad(input(q->p.data()), g, g + w1, g + w1 + h);
  };
  D->frechet_jvp = [q, input, w1, h](double *value) {
    const double *v = q->v.data();
    return mlp_frechet_jvp(input(q->p.data()), v, v + w1, v + w1 + h, value);
  };
  return D;
}

} // namespace

std::vector<CaseSpec> matrix_cases() {
  std::vector<CaseSpec> cases;
  const std::vector<std::string> with_fd = {"primal", "frechet-reverse",
                                            "frechet-forward", "hand",
                                            "finite-diff"},
                                 without_fd = {"primal", "frechet-reverse",
                                               "frechet-forward", "hand"};
  auto add = [&](const std::string &problem, const std::vector<int> &sizes,
                 std::shared_ptr<MatrixProblem> (*build)(int)) {
    bool first = true;
    for (int n : sizes) {
      cases.push_back({problem, "n=" + std::to_string(n), first,
                       [n, first, build] { return make(build(n), first); },
                       first ? with_fd : without_fd});
      first = false;
    }
  };
  add("logdet", {50, 200, 400}, logdet);
  add("solve", {50, 200, 400}, solve);
  add("chain", {50, 200}, chain);
  const int d = 64, m = 256, h = 128, o = 10;
  cases.push_back({"mlp",
                   "d=" + std::to_string(d) + " m=" + std::to_string(m) +
                       " h=" + std::to_string(h) + " o=" + std::to_string(o),
                   true, [=] { return make(mlp(d, m, h, o), true); },
                   without_fd});
  return cases;
}

} // namespace bench
