// The oracles of the random-program tester (tools/fuzz/frechet_fuzz.py),
// shared by every generated batch and by the reproducers it saves.
//
// A program is seen through four adaptors over flattened vectors: its
// inputs `in` (every differentiable parameter's value, arrays element by
// element, arrays and references that f writes included with their initial
// values), its outputs `out` (f's result, then the final values of what f
// writes) and an int n:
//   primal(in, n, out)             a plain call of f
//   jvp(in, tin, n, out, tout)     f_jvp with tangents tin
//   vjp(in, cot, n, out, adj)      f_vjp with cotangents cot; adj holds the
//                                  starting adjoints of the inputs f only
//                                  reads (accumulated onto) and receives all
//                                  adjoints
//   grad(in, n, out, adj)          f_grad (null for void functions)
// At random points it checks, and prints one line per program:
//   values   generated code returns and writes exactly f's values;
//   tape     the tape is empty after every reverse-mode call, and every
//            matrix it kept for its reverse sweep was taken back;
//   adjoint  <cot, J tin> == <J^T cot, tin> to 1e-10 relative;
//   accum    adjoints of read-only inputs accumulate, of written ones not;
//   grad     f_grad equals f_vjp with seed 1 and zero cotangents;
//   fd       J tin agrees with central differences to 1e-6 relative where
//            the differences at three step sizes agree (f is smooth there;
//            a branch that flips or a kink within the step is skipped);
//   shape    matrix results, tangents and (non-empty) adjoints have their
//            variable's shape (Eigen matrices are flattened column-major by
//            the adaptors, with load / store below, so that the dot
//            products above are Frobenius inner products).
#ifndef FRECHET_FUZZ_ORACLES_H
#define FRECHET_FUZZ_ORACLES_H

#include <frechet/frechet.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace fuzz {

using PrimalFn = void (*)(const double *in, int n, double *out);
using JvpFn = void (*)(const double *in, const double *tin, int n, double *out,
                       double *tout);
using VjpFn = void (*)(const double *in, const double *cot, int n, double *out,
                       double *adj);
using GradFn = void (*)(const double *in, int n, double *out, double *adj);

struct Program {
  const char *name;
  int nin, nout;
  int nmax;          ///< n takes the values 0..nmax
  const char *inout; ///< per input: '1' if f writes it (its adjoint is set)
  PrimalFn primal;
  JvpFn jvp;
  VjpFn vjp;
  GradFn grad;
  /// Relative tolerance of the values of f_jvp, f_vjp and f_grad
  /// (value-jvp, value-vjp, value-grad); 0: exact. Matrix programs use
  /// 1e-12: the sweeps evaluate a product nested in an expression on its
  /// own, which Eigen may not do in f (docs/matrices.md, "Floating point").
  double value_tol = 0;
};

/// A wrong shape seen by the adaptors (store, store_adjoint), reported by
/// check_point as check=shape.
inline char *shape_error() {
  static char buf[256];
  return buf;
}

/// A matrix (Eigen, dynamic or fixed size) of r x c from p, column-major.
template <class M> M load(const double *p, long r, long c) {
  M m;
  m.resize(r, c);
  for (long k = 0; k < r * c; ++k)
    m.data()[k] = p ? p[k] : 0.0;
  return m;
}

/// Stores m into p; a shape other than r x c is recorded as a failure.
template <class M>
void store(const M &m, long r, long c, double *p, const char *what) {
  if (m.rows() != r || m.cols() != c) {
    if (!*shape_error())
      std::snprintf(shape_error(), 256, "%s is %ldx%ld, expected %ldx%ld", what,
                    long(m.rows()), long(m.cols()), r, c);
    for (long k = 0; k < r * c; ++k)
      p[k] = 0;
    return;
  }
  for (long k = 0; k < r * c; ++k)
    p[k] = m.data()[k];
}

/// An adjoint left empty is zero.
template <class M>
void store_adjoint(const M &m, long r, long c, double *p, const char *what) {
  if (m.size() == 0) {
    for (long k = 0; k < r * c; ++k)
      p[k] = 0;
    return;
  }
  store(m, r, c, p, what);
}

/// The starting adjoint of a matrix that f only reads: p's values, but a
/// dynamic matrix that starts at zero (or p null) is passed empty, as users
/// do (f_vjp resizes it); a fixed-size one is zero.
template <class M> void init_adjoint(M &m, const double *p, long r, long c) {
  bool zero = true;
  for (long k = 0; p && k < r * c; ++k)
    zero = zero && p[k] == 0;
  if (zero && M::SizeAtCompileTime < 0) {
    m.resize(M::RowsAtCompileTime < 0 ? 0 : M::RowsAtCompileTime,
             M::ColsAtCompileTime < 0 ? 0 : M::ColsAtCompileTime);
    return;
  }
  m = load<M>(zero ? nullptr : p, r, c);
}

/// splitmix64: a small reproducible generator.
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  double uniform(double lo, double hi) {
    return lo + (hi - lo) * double(next() >> 11) * 0x1.0p-53;
  }
  int below(int n) { return int(next() % std::uint64_t(n)); }
};

inline std::uint64_t hash(const char *s) {
  std::uint64_t h = 1469598103934665603ull;
  for (; *s; ++s)
    h = (h ^ std::uint64_t(static_cast<unsigned char>(*s))) * 1099511628211ull;
  return h;
}

using Vec = std::vector<double>;

inline bool same(double a, double b) {
  return a == b || (std::isnan(a) && std::isnan(b));
}

/// same() up to a relative tolerance (0: exactly).
inline bool same_value(double a, double b, double tol) {
  return same(a, b) ||
         (tol > 0 &&
          std::fabs(a - b) <= tol * std::fmax(std::fabs(a), std::fabs(b)));
}

inline bool finite(const Vec &v, double limit = 1e100) {
  for (double x : v)
    if (!std::isfinite(x) || std::fabs(x) > limit)
      return false;
  return true;
}

inline double max_abs(const Vec &v) {
  double m = 0;
  for (double x : v)
    m = std::fmax(m, std::fabs(x));
  return m;
}

/// The outcome of checking one program.
struct Outcome {
  int points = 0, nonfinite = 0, fd_skipped = 0;
  bool failed = false;
  char check[32] = "";
  char detail[512] = "";
};

inline bool fail(Outcome &o, const char *check, int point, int n,
                 const char *fmt, double a, double b, double c = 0) {
  o.failed = true;
  std::snprintf(o.check, sizeof o.check, "%s", check);
  char buf[400];
  std::snprintf(buf, sizeof buf, fmt, a, b, c);
  std::snprintf(o.detail, sizeof o.detail, "point=%d n=%d %s", point, n, buf);
  return false;
}

#ifdef FRECHET_MATRIX_SUPPORT_H
namespace detail {
// The matrices of type Matrix<double, R, C> kept by frechet::keep_matrix and
// not taken back; \p clear drops them.
template <int R, int C> std::size_t kept(bool clear) {
  auto &stack = frechet::detail::kept<Eigen::Matrix<double, R, C>>();
  std::size_t n = stack.size();
  if (clear)
    stack.clear();
  return n;
}
template <int R, int... C> std::size_t kept_row(bool clear) {
  return (kept<R, C>(clear) + ...);
}
template <int... D> std::size_t kept_all(bool clear) {
  return (kept_row<D, D...>(clear) + ...);
}
} // namespace detail
#endif

/// Matrices that reverse-mode code kept for its reverse sweep
/// (frechet::keep_matrix) and did not take back, summed over the per-thread
/// stacks of the plain types random programs have: Matrix<double, R, C> for
/// R and C dynamic or 1 to 4 (genmat.py's sizes). 0 unless
/// <frechet/matrix.h> is included before this header. \p clear drops them.
inline std::size_t kept_matrices(bool clear) {
#ifdef FRECHET_MATRIX_SUPPORT_H
  return detail::kept_all<Eigen::Dynamic, 1, 2, 3, 4>(clear);
#else
  (void)clear;
  return 0;
#endif
}

/// Whether a reverse-mode call left the tape as it found it (\p before
/// slots, \p left more) and took back every matrix it kept (\p kept not);
/// what it left is dropped, so that the next program starts from an empty
/// tape.
inline bool tape_balanced(std::size_t before, double &left, double &kept) {
  frechet::tape &t = frechet::default_tape();
  left = double(t.size()) - double(before);
  while (t.size() > before)
    t.pop<frechet::tape::slot>();
  kept = double(kept_matrices(true));
  return left == 0 && kept == 0;
}

/// A shape error recorded by the adaptors, as a failure.
inline bool shape_ok(Outcome &o, int point, int n, const char *call) {
  if (!*shape_error())
    return true;
  o.failed = true;
  std::snprintf(o.check, sizeof o.check, "shape");
  std::snprintf(o.detail, sizeof o.detail, "point=%d n=%d %s: %s", point, n,
                call, shape_error());
  shape_error()[0] = 0;
  return false;
}

/// Checks one point; false (and o filled in) on a failure.
inline bool check_point(const Program &p, Rng &rng, int point, Outcome &o) {
  const int ni = p.nin, no = p.nout;
  int n = p.nmax > 0 ? rng.below(p.nmax + 1) : 0;
  Vec in(ni), tin(ni), cot(no);
  for (double &x : in)
    x = rng.uniform(-2, 2);
  for (double &x : tin)
    x = rng.uniform(-1, 1);
  for (double &x : cot)
    x = rng.uniform(-1, 1);

  Vec out(no), out2(no), tout(no), adj(ni, 0.0), adj2(ni);
  p.primal(in.data(), n, out.data());
  p.primal(in.data(), n, out2.data());
  if (!shape_ok(o, point, n, "f"))
    return false;
  for (int k = 0; k < no; ++k)
    if (!same(out[k], out2[k]))
      return fail(o, "nondeterministic", point, n, "out[%g]: %.17g vs %.17g", k,
                  out[k], out2[k]);

  // Values: generated code computes f's values exactly.
  p.jvp(in.data(), tin.data(), n, out2.data(), tout.data());
  if (!shape_ok(o, point, n, "f_jvp"))
    return false;
  for (int k = 0; k < no; ++k)
    if (!same_value(out[k], out2[k], p.value_tol))
      return fail(o, "value-jvp", point, n,
                  "out[%g]: f gives %.17g, f_jvp %.17g", k, out[k], out2[k]);
  double left = 0, kept = 0;
  std::size_t before = frechet::default_tape().size();
  p.vjp(in.data(), cot.data(), n, out2.data(), adj.data());
  if (!tape_balanced(before, left, kept))
    return fail(o, "tape", point, n,
                "%g slots and %g kept matrices left after f_vjp", left, kept);
  if (!shape_ok(o, point, n, "f_vjp"))
    return false;
  for (int k = 0; k < no; ++k)
    if (!same_value(out[k], out2[k], p.value_tol))
      return fail(o, "value-vjp", point, n,
                  "out[%g]: f gives %.17g, f_vjp %.17g", k, out[k], out2[k]);

  if (p.grad) {
    Vec seed(no, 0.0), ga(ni, 0.0), va(ni, 0.0);
    seed[0] = 1;
    p.grad(in.data(), n, out2.data(), ga.data());
    if (!tape_balanced(before, left, kept))
      return fail(o, "tape", point, n,
                  "%g slots and %g kept matrices left after f_grad", left,
                  kept);
    if (!shape_ok(o, point, n, "f_grad"))
      return false;
    for (int k = 0; k < no; ++k)
      if (!same_value(out[k], out2[k], p.value_tol))
        return fail(o, "value-grad", point, n,
                    "out[%g]: f gives %.17g, f_grad %.17g", k, out[k], out2[k]);
    p.vjp(in.data(), seed.data(), n, out2.data(), va.data());
    if (!tape_balanced(before, left, kept))
      return fail(o, "tape", point, n,
                  "%g slots and %g kept matrices left after f_vjp", left, kept);
    if (!shape_ok(o, point, n, "f_vjp"))
      return false;
    double scale = max_abs(va);
    for (int i = 0; i < ni; ++i)
      if (!same(ga[i], va[i]) && std::isfinite(scale) &&
          !(std::fabs(ga[i] - va[i]) <= 1e-13 * scale))
        return fail(o, "grad", point, n,
                    "adj[%g]: f_grad %.17g, f_vjp with seed 1 %.17g", i, ga[i],
                    va[i]);
  }

  o.points++;
  // Values beyond 1e12 come from runaway loops (x <- x^2 ...): rounding
  // then dominates both sides of the numeric checks below.
  if (!finite(out, 1e12) || !finite(tout, 1e12) || !finite(adj, 1e12)) {
    o.nonfinite++;
    return true;
  }

  // Adjoint identity <cot, J tin> = <J^T cot, tin>.
  double lhs = 0, rhs = 0, scale = 0;
  for (int k = 0; k < no; ++k) {
    lhs += cot[k] * tout[k];
    scale += std::fabs(cot[k] * tout[k]);
  }
  for (int i = 0; i < ni; ++i) {
    rhs += adj[i] * tin[i];
    scale += std::fabs(adj[i] * tin[i]);
  }
  // Plus a floor for derivatives that are 0 up to rounding, which one mode
  // may compute as 0 and the other as 1e-17 (x - x inside).
  double csum = 0;
  for (double c : cot)
    csum += std::fabs(c);
  if (!(std::fabs(lhs - rhs) <=
        1e-10 * scale + 1e-13 * csum * (1 + max_abs(out))))
    return fail(o, "adjoint", point, n,
                "<cot, J tin> = %.17g, <J^T cot, tin> = %.17g (scale %g)", lhs,
                rhs, scale);

  // Accumulation: a second call starting from the adjoints adds them again
  // for inputs f only reads, and sets them again for inputs f writes.
  adj2 = adj;
  p.vjp(in.data(), cot.data(), n, out2.data(), adj2.data());
  if (!tape_balanced(before, left, kept))
    return fail(o, "tape", point, n,
                "%g slots and %g kept matrices left after f_vjp", left, kept);
  if (!shape_ok(o, point, n, "f_vjp"))
    return false;
  double amax = max_abs(adj);
  for (int i = 0; i < ni; ++i) {
    double want = p.inout[i] == '1' ? adj[i] : 2 * adj[i];
    // With the same floor as above: the second call adds contributions
    // that may cancel to far less than their own size.
    if (!(std::fabs(adj2[i] - want) <=
          1e-12 * amax + 1e-13 * csum * (1 + max_abs(out))))
      return fail(o, "accum", point, n,
                  "adj[%g] after a second call: %.17g, expected %.17g", i,
                  adj2[i], want);
  }

  // Central differences along tin at h, h/2 and h/4.
  const double h0 = 1e-5;
  Vec fd[3], mid(no);
  Vec up(ni), down(ni), fu(no), fdn(no);
  for (int s = 0; s < 3; ++s) {
    double h = h0 / double(1 << s);
    for (int i = 0; i < ni; ++i) {
      up[i] = in[i] + h * tin[i];
      down[i] = in[i] - h * tin[i];
    }
    p.primal(up.data(), n, fu.data());
    p.primal(down.data(), n, fdn.data());
    fd[s].resize(no);
    for (int k = 0; k < no; ++k) {
      fd[s][k] = (fu[k] - fdn[k]) / (2 * h);
      mid[k] = (fu[k] + fdn[k]) / 2;
    }
    if (!finite(fd[s])) {
      o.fd_skipped++;
      return true;
    }
  }
  double fscale = std::fmax(max_abs(tout), max_abs(fd[2]));
  // Rounding in differences is about eps |f| / h, 1e-10 |f| at the
  // smallest step: a floor of 1e-8 |f|, tens of ulps (f moves by ulps where
  // tanh saturates). Relative to f's values, not absolute: an absolute 1e-9
  // made differences of an f of size 1e-18 look consistent whatever they
  // were.
  double floor = 1e-8 * max_abs(out);
  for (int s = 0; s < 2; ++s)
    for (int k = 0; k < no; ++k)
      if (!(std::fabs(fd[s][k] - fd[s + 1][k]) <= 1e-7 * fscale + floor)) {
        o.fd_skipped++; // not smooth (or too noisy) within the step
        return true;
      }
  // The point itself on another branch than all its neighbours (a decision
  // that rounding flips exactly there: (int)|x - (3 + x)| is 2 or 3): f
  // there is not the mean of f around it.
  for (int k = 0; k < no; ++k)
    if (!(std::fabs(out[k] - mid[k]) <=
          1e-7 * std::fmax(std::fabs(out[k]), fscale) + floor)) {
      o.fd_skipped++;
      return true;
    }
  for (int k = 0; k < no; ++k) {
    // Richardson's extrapolation of the two smallest steps.
    double est = (4 * fd[2][k] - fd[1][k]) / 3;
    if (std::fabs(tout[k] - est) <= 1e-6 * fscale + floor)
      continue;
    // f exactly flat along tin even for steps of 0.01 and 0.1, while J tin
    // is not 0: a small input is absorbed by a huge intermediate value
    // (x + 1e20 - 1e20). Not a point where differences say anything.
    bool flat = fd[0][k] == 0 && fd[1][k] == 0 && fd[2][k] == 0;
    for (double h : {1e-2, 1e-1}) {
      for (int i = 0; i < ni; ++i) {
        up[i] = in[i] + h * tin[i];
        down[i] = in[i] - h * tin[i];
      }
      p.primal(up.data(), n, fu.data());
      p.primal(down.data(), n, fdn.data());
      flat = flat && fu[k] == fdn[k];
    }
    // A staircase (round() of a fast-changing value) looks smooth at steps
    // of 1e-5 while J tin is 0: at a step of 1e-8, below the stairs' width,
    // its differences disagree with those at 1e-5. A smooth function's
    // agree to about 1e-6.
    double tiny = 1e-8;
    for (int i = 0; i < ni; ++i) {
      up[i] = in[i] + tiny * tin[i];
      down[i] = in[i] - tiny * tin[i];
    }
    p.primal(up.data(), n, fu.data());
    p.primal(down.data(), n, fdn.data());
    double fine = (fu[k] - fdn[k]) / (2 * tiny);
    bool stairs =
        !(std::fabs(fine - est) <=
          1e-4 * std::fmax(std::fabs(fine), std::fabs(est)) + 1e3 * floor);
    // Stairs narrower than 1e-8 (ceil(x^8) where x^8 ~ 1e11) are only told
    // from a slope by their steepness.
    bool steep = std::fabs(est) > 1e8 || std::fabs(tout[k]) > 1e8;
    if (flat || stairs || steep) {
      o.fd_skipped++;
      return true;
    }
    return fail(o, "fd", point, n,
                "out[%g]: J tin = %.17g, central differences %.17g", k, tout[k],
                est);
  }
  return true;
}

/// Checks \p p at \p points random points; prints one line.
inline bool check_program(const Program &p, std::uint64_t seed, int points) {
  std::printf("BEGIN %s\n", p.name);
  std::fflush(stdout);
  Rng rng{hash(p.name) ^ seed};
  Outcome o;
  for (int i = 0; i < points && !o.failed; ++i)
    check_point(p, rng, i, o);
  if (o.failed)
    std::printf("FAIL %s check=%s %s\n", p.name, o.check, o.detail);
  else
    std::printf("PASS %s points=%d nonfinite=%d fdskip=%d\n", p.name, o.points,
                o.nonfinite, o.fd_skipped);
  std::fflush(stdout);
  return !o.failed;
}

/// main() of a batch: [points] [seed] [first program index].
inline int run(const Program *ps, int count, int argc, char **argv) {
  int points = argc > 1 ? std::atoi(argv[1]) : 4;
  std::uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 0;
  int first = argc > 3 ? std::atoi(argv[3]) : 0;
  int failed = 0;
  for (int i = first; i < count; ++i)
    failed += !check_program(ps[i], seed, points);
  std::printf("DONE %d failed\n", failed);
  return failed ? 1 : 0;
}

} // namespace fuzz

#endif
