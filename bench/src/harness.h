//===- bench/src/harness.h - cases, variants and checks -------------------===//
//
// A problem contributes one case per size. Making a case generates its data
// (from a fixed seed), checks the derivative variants against the
// hand-written derivative, and returns the variants to time. The harness
// (main.cpp) times the variants of one case together, interleaved.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_BENCH_HARNESS_H
#define FRECHET_BENCH_HARNESS_H

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace bench {

struct Variant {
  Variant(std::string name, std::function<void()> run)
      : name(std::move(name)), run(std::move(run)) {}
  std::string name;          ///< primal, frechet-reverse, hand, ...
  std::function<void()> run; ///< one evaluation, result kept alive
  bool tape = false;         ///< reports frechet::default_tape()'s peak
  std::string unavailable;   ///< why it cannot run (plugin build failure)
};

struct Case {
  std::vector<Variant> variants;
  std::vector<std::string> failures; ///< checks that failed
  std::vector<std::string> checks;   ///< checks that passed, with errors
  std::vector<std::string> wrong;    ///< variants that failed a check
  std::shared_ptr<void> data;        ///< keeps the inputs alive
};

struct CaseSpec {
  std::string problem, size;
  bool smallest; ///< the size --smoke runs
  std::function<Case()> make;
  /// The variants this case has, for --list; empty: primal, the two
  /// Frechet variants, hand, and finite-diff at the smallest size (BA: at
  /// every size).
  std::vector<std::string> variants = {};
};

std::vector<CaseSpec> gmm_cases();
std::vector<CaseSpec> ba_cases();
std::vector<CaseSpec> lstm_cases();
std::vector<CaseSpec> matrix_cases(); ///< logdet, solve, chain, mlp (Eigen)

/// ||a - b||_2 / ||b||_2 (the absolute error where b is 0).
double relative_error(const double *a, const double *b, std::size_t n);
double relative_error(double a, double b);

/// Records the check "variant: what" with its error in C.checks, or in
/// C.failures (and the variant in C.wrong) when error > tolerance.
void check(Case &C, const std::string &variant, const std::string &what,
           double error, double tolerance);

/// The message for a Frechet kernel compiled as a stub.
std::string unavailable_reason(const char *stub);

/// Tolerances: Frechet vs hand-written (the task's 1e-8), finite
/// differences vs hand-written (they validate the hand-written code).
constexpr double exact_tolerance = 1e-8;
constexpr double fd_tolerance = 1e-6;

/// After a reverse-mode call the tape must be empty (all pushes popped).
void check_tape_empty(Case &C, const std::string &variant);

} // namespace bench

#endif // FRECHET_BENCH_HARNESS_H
