//===- bench/src/main.cpp - frechet-bench ---------------------------------===//
//
//   frechet-bench [--filter REGEX] [--csv FILE] [--smoke] [--reps N]
//                 [--min-time SECONDS] [--allow-unavailable] [--list]
//
// For each problem and size: generate the data, check every derivative
// variant against the hand-written derivative, then time the variants
// together: N rounds, each running every variant once (a batch of calls
// lasting at least --min-time) in a rotated order, so that the variants of
// one case see the same machine conditions; the median round is reported.
// --smoke runs the smallest size of every problem, checks it and runs each
// variant once.
//
// Exit status: 0 all checks passed; 1 a check failed (a wrong derivative:
// that variant is not timed, the others are); 2 bad arguments; 3 a Frechet
// variant is unavailable because the plugin could not compile it (unless
// --allow-unavailable).
//
//===----------------------------------------------------------------------===//
#include "harness.h"

#include <frechet/tape.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>

#ifndef FRECHET_BENCH_KERNEL_FLAGS
#define FRECHET_BENCH_KERNEL_FLAGS "?"
#endif

namespace bench {

double relative_error(const double *a, const double *b, std::size_t n) {
  double num = 0, den = 0;
  for (std::size_t i = 0; i < n; ++i) {
    num += (a[i] - b[i]) * (a[i] - b[i]);
    den += b[i] * b[i];
  }
  if (std::isnan(num))
    return HUGE_VAL;
  return den > 0 ? std::sqrt(num / den) : std::sqrt(num);
}

double relative_error(double a, double b) { return relative_error(&a, &b, 1); }

static std::string sci(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1e", x);
  return buf;
}

void check(Case &C, const std::string &variant, const std::string &what,
           double error, double tolerance) {
  std::string line = variant + ": " + what + ": relative error " + sci(error);
  if (error <= tolerance) {
    C.checks.push_back(line + " <= " + sci(tolerance));
  } else {
    C.failures.push_back(line + " > " + sci(tolerance));
    if (std::find(C.wrong.begin(), C.wrong.end(), variant) == C.wrong.end())
      C.wrong.push_back(variant);
  }
}

void check_tape_empty(Case &C, const std::string &variant) {
  std::size_t n = frechet::default_tape().size();
  if (n == 0) {
    C.checks.push_back(variant + ": tape empty after the call");
  } else {
    C.failures.push_back(variant + ": " + std::to_string(n) +
                         " tape slots left after the call");
    C.wrong.push_back(variant);
  }
}

std::string unavailable_reason(const char *stub) {
  if (!stub)
    return "";
  return std::string("the Frechet plugin failed to compile this kernel (") +
         stub + ")";
}

} // namespace bench

using namespace bench;

namespace {

struct Options {
  std::string filter, csv;
  bool smoke = false, list = false, allow_unavailable = false;
  int reps = 5;
  double min_time = 0.05;
};

[[noreturn]] void usage(int status) {
  std::fprintf(status ? stderr : stdout,
               "usage: frechet-bench [--filter REGEX] [--csv FILE] [--smoke] "
               "[--reps N]\n"
               "                     [--min-time SECONDS] "
               "[--allow-unavailable] [--list]\n"
               "  --filter REGEX  run the measurements whose "
               "'problem/size/variant' matches\n"
               "                  (primal and hand of a selected case always "
               "run: ratios need them)\n"
               "  --csv FILE      also write one row per measurement to FILE\n"
               "  --smoke         smallest size of each problem, checks, each "
               "variant once\n"
               "  --reps N        timing rounds per case (default 5); the "
               "median is reported\n"
               "  --min-time S    shortest batch of calls per variant and "
               "round (default 0.05)\n"
               "  --allow-unavailable  exit 0 even if a Frechet variant could "
               "not be built\n"
               "  --list          list the problems, sizes and variants\n");
  std::exit(status);
}

Options parse(int argc, char **argv) {
  Options O;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      auto eq = a.find('=');
      if (eq != std::string::npos)
        return a.substr(eq + 1);
      if (i + 1 >= argc)
        usage(2);
      return argv[++i];
    };
    auto is = [&](const char *name) {
      return a == name || a.rfind(std::string(name) + "=", 0) == 0;
    };
    if (is("--filter"))
      O.filter = value();
    else if (is("--csv"))
      O.csv = value();
    else if (is("--reps"))
      O.reps = std::atoi(value().c_str());
    else if (is("--min-time"))
      O.min_time = std::atof(value().c_str());
    else if (a == "--smoke")
      O.smoke = true;
    else if (a == "--list")
      O.list = true;
    else if (a == "--allow-unavailable")
      O.allow_unavailable = true;
    else if (a == "--help" || a == "-h")
      usage(0);
    else {
      std::fprintf(stderr, "frechet-bench: unknown argument '%s'\n", argv[i]);
      usage(2);
    }
  }
  if (O.reps < 1 || !(O.min_time >= 0))
    usage(2);
  return O;
}

const char *const variant_names[] = {"primal", "frechet-reverse",
                                     "frechet-forward", "hand", "finite-diff"};

double now() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

std::string format_time(double s) {
  char buf[32];
  if (s < 1e-6)
    std::snprintf(buf, sizeof buf, "%.1f ns", s * 1e9);
  else if (s < 1e-3)
    std::snprintf(buf, sizeof buf, "%.2f us", s * 1e6);
  else if (s < 1)
    std::snprintf(buf, sizeof buf, "%.2f ms", s * 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.3f s", s);
  return buf;
}

std::string format_bytes(std::size_t b) {
  char buf[32];
  if (b < 1024)
    std::snprintf(buf, sizeof buf, "%zu B", b);
  else if (b < (1u << 20))
    std::snprintf(buf, sizeof buf, "%.1f KiB", b / 1024.0);
  else if (b < (1u << 30))
    std::snprintf(buf, sizeof buf, "%.1f MiB", b / 1048576.0);
  else
    std::snprintf(buf, sizeof buf, "%.2f GiB", b / 1073741824.0);
  return buf;
}

struct Result {
  std::string problem, size, variant, status; // status: ok / why not
  double median = 0, min = 0, max = 0;
  int reps = 0;
  bool has_tape = false;
  std::size_t tape_peak = 0;
  double ratio_primal = NAN, ratio_hand = NAN;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// Times the runnable variants of one case together (see the file comment).
void measure(const Options &O, const std::string &problem,
             const std::string &size, std::vector<Variant *> &vs,
             std::vector<Result> &out) {
  const std::size_t m = vs.size();
  std::vector<std::vector<double>> times(m);
  std::vector<long> batch(m, 1);
  std::vector<std::size_t> peak(m, 0);
  for (std::size_t j = 0; j < m; ++j) {
    // Warm up (and size the batch); the tape keeps its chunks, so later
    // calls do not allocate. Then one call for the tape's peak.
    double t0 = now();
    vs[j]->run();
    double t1 = now() - t0;
    if (O.smoke) {
      times[j].push_back(t1);
    } else if (t1 < O.min_time) {
      batch[j] = std::min<long>(
          1000000, long(std::ceil(O.min_time / std::max(t1, 1e-9))));
    }
    if (vs[j]->tape) {
      frechet::default_tape().reset_peak();
      vs[j]->run();
      peak[j] = frechet::default_tape().peak_bytes();
    }
  }
  const int rounds = O.smoke ? 0 : O.reps;
  for (int r = 0; r < rounds; ++r)
    for (std::size_t k = 0; k < m; ++k) {
      std::size_t j = (k + r) % m;
      double t0 = now();
      for (long i = 0; i < batch[j]; ++i)
        vs[j]->run();
      times[j].push_back((now() - t0) / batch[j]);
    }
  for (std::size_t j = 0; j < m; ++j) {
    Result R;
    R.problem = problem;
    R.size = size;
    R.variant = vs[j]->name;
    R.status = "ok";
    R.median = median(times[j]);
    R.min = *std::min_element(times[j].begin(), times[j].end());
    R.max = *std::max_element(times[j].begin(), times[j].end());
    R.reps = int(times[j].size());
    R.has_tape = vs[j]->tape;
    R.tape_peak = peak[j];
    out.push_back(R);
  }
}

void print_table(const std::vector<Result> &rs) {
  std::printf("\n%-6s %-22s %-22s %12s %9s %9s %12s\n", "prob", "size",
              "variant", "time", "x primal", "x hand", "tape peak");
  std::string last;
  for (const Result &R : rs) {
    std::string key = R.problem + "/" + R.size;
    if (key != last && !last.empty())
      std::printf("\n");
    last = key;
    if (R.status != "ok") {
      std::printf("%-6s %-22s %-22s %s\n", R.problem.c_str(), R.size.c_str(),
                  R.variant.c_str(), ("unavailable: " + R.status).c_str());
      continue;
    }
    auto ratio = [](double x) {
      char buf[16];
      if (std::isnan(x))
        return std::string("-");
      std::snprintf(buf, sizeof buf, "%.2f", x);
      return std::string(buf);
    };
    std::printf("%-6s %-22s %-22s %12s %9s %9s %12s\n", R.problem.c_str(),
                R.size.c_str(), R.variant.c_str(),
                format_time(R.median).c_str(), ratio(R.ratio_primal).c_str(),
                ratio(R.ratio_hand).c_str(),
                R.has_tape ? format_bytes(R.tape_peak).c_str() : "-");
  }
}

bool write_csv(const std::string &path, const std::vector<Result> &rs) {
  std::ofstream f(path);
  if (!f)
    return false;
  f << "problem,size,variant,seconds,ratio_to_primal,ratio_to_hand,"
       "tape_peak_bytes,reps,seconds_min,seconds_max,status\n";
  auto num = [](double x) {
    if (std::isnan(x))
      return std::string();
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", x);
    return std::string(buf);
  };
  for (const Result &R : rs) {
    bool ok = R.status == "ok";
    std::string status = R.status;
    std::replace(status.begin(), status.end(), ',', ';');
    std::replace(status.begin(), status.end(), '"', '\'');
    f << R.problem << "," << R.size << "," << R.variant << ","
      << (ok ? num(R.median) : "") << "," << (ok ? num(R.ratio_primal) : "")
      << "," << (ok ? num(R.ratio_hand) : "") << ","
      << (ok && R.has_tape ? std::to_string(R.tape_peak) : "") << ","
      << (ok ? std::to_string(R.reps) : "") << "," << (ok ? num(R.min) : "")
      << "," << (ok ? num(R.max) : "") << "," << status << "\n";
  }
  return bool(f);
}

std::string cpu_model() {
  std::ifstream f("/proc/cpuinfo");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("model name", 0) == 0) {
      auto c = line.find(':');
      return c == std::string::npos ? line : line.substr(c + 2);
    }
  return "unknown CPU";
}

} // namespace

int main(int argc, char **argv) {
  const Options O = parse(argc, argv);
  std::regex filter;
  try {
    filter = std::regex(O.filter.empty() ? ".*" : O.filter);
  } catch (const std::regex_error &e) {
    std::fprintf(stderr, "frechet-bench: bad --filter: %s\n", e.what());
    return 2;
  }
  auto matches = [&](const std::string &s) {
    return std::regex_search(s, filter);
  };

  std::vector<CaseSpec> specs;
  for (auto *f : {gmm_cases, ba_cases, lstm_cases, matrix_cases})
    for (CaseSpec &S : f())
      specs.push_back(std::move(S));

  if (O.list) {
    for (const CaseSpec &S : specs)
      for (const char *v : variant_names) {
        bool has;
        if (!S.variants.empty())
          has = std::find(S.variants.begin(), S.variants.end(), v) !=
                S.variants.end();
        else
          has = S.smallest || std::strcmp(v, "finite-diff") != 0 ||
                S.problem == "ba";
        if (has)
          std::printf("%s/%s/%s\n", S.problem.c_str(), S.size.c_str(), v);
      }
    return 0;
  }

  std::printf("frechet-bench: %s, %u hardware threads; kernels: clang++-19 "
              "%s\n",
              cpu_model().c_str(), std::thread::hardware_concurrency(),
              FRECHET_BENCH_KERNEL_FLAGS);
  if (O.smoke)
    std::printf("smoke run: smallest size of each problem, every variant "
                "once\n");
  else
    std::printf("%d rounds per case, batches of >= %g s, median reported\n",
                O.reps, O.min_time);
  std::fflush(stdout);

  std::vector<Result> results;
  int failed_checks = 0, unavailable = 0;
  for (const CaseSpec &S : specs) {
    if (O.smoke && !S.smallest)
      continue;
    const std::string prefix = S.problem + "/" + S.size + "/";
    bool any = false;
    for (const char *v : variant_names)
      any = any || matches(prefix + v);
    if (!any)
      continue;

    std::printf("\n== %s %s\n", S.problem.c_str(), S.size.c_str());
    std::fflush(stdout);
    Case C = S.make();
    for (const std::string &c : C.checks)
      std::printf("   check ok   %s\n", c.c_str());
    for (const std::string &c : C.failures)
      std::printf("   CHECK FAILED %s\n", c.c_str());
    failed_checks += int(C.failures.size());

    // A selected case always runs primal and hand (the ratios need them).
    const std::size_t case_first = results.size();
    std::vector<Variant *> run;
    for (Variant &V : C.variants) {
      bool wanted =
          matches(prefix + V.name) || V.name == "primal" || V.name == "hand";
      if (!wanted)
        continue;
      std::string why = V.unavailable;
      if (why.empty() &&
          std::find(C.wrong.begin(), C.wrong.end(), V.name) != C.wrong.end())
        why = "wrong result (a check failed)";
      if (!why.empty()) {
        if (!V.unavailable.empty())
          ++unavailable;
        std::printf("   %s: not run: %s\n", V.name.c_str(), why.c_str());
        Result R;
        R.problem = S.problem;
        R.size = S.size;
        R.variant = V.name;
        R.status = why;
        results.push_back(R);
        continue;
      }
      run.push_back(&V);
    }
    std::fflush(stdout);
    std::size_t first = results.size();
    measure(O, S.problem, S.size, run, results);
    double primal = NAN, hand = NAN;
    for (std::size_t i = first; i < results.size(); ++i) {
      if (results[i].variant == "primal")
        primal = results[i].median;
      if (results[i].variant == "hand")
        hand = results[i].median;
    }
    for (std::size_t i = first; i < results.size(); ++i) {
      results[i].ratio_primal = results[i].median / primal;
      results[i].ratio_hand = results[i].median / hand;
      std::printf("   %-16s %12s\n", results[i].variant.c_str(),
                  format_time(results[i].median).c_str());
    }
    std::fflush(stdout);
    // The table lists a case's variants in a fixed order.
    auto rank = [](const Result &R) {
      for (int i = 0; i < 5; ++i)
        if (R.variant == variant_names[i])
          return i;
      return 5;
    };
    std::stable_sort(
        results.begin() + case_first, results.end(),
        [&](const Result &a, const Result &b) { return rank(a) < rank(b); });
  }

  print_table(results);
  if (!O.csv.empty()) {
    if (!write_csv(O.csv, results)) {
      std::fprintf(stderr, "frechet-bench: cannot write %s\n", O.csv.c_str());
      return 2;
    }
    std::printf("\nwrote %s\n", O.csv.c_str());
  }
  if (failed_checks) {
    std::printf("\nFAILED: %d check(s) failed: a derivative does not match "
                "the hand-written one (see CHECK FAILED above)\n",
                failed_checks);
    return 1;
  }
  if (unavailable && !O.allow_unavailable) {
    std::printf("\nFAILED: %d Frechet variant(s) unavailable: the plugin "
                "could not compile them (see 'not run' above)\n",
                unavailable);
    return 3;
  }
  return 0;
}
