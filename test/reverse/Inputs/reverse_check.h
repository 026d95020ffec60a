// Helpers shared by the reverse-mode tests: finite differences over one
// component of an array, and the check that a reverse sweep left the tape
// empty. Each helper reports through frechet::check_close, so it is counted
// in the final `N passed, M failed` line.
#ifndef FRECHET_TEST_REVERSE_CHECK_H
#define FRECHET_TEST_REVERSE_CHECK_H

#include <frechet/frechet.h>

#include <cstddef>
#include <cstdio>
#include <vector>

namespace rtest {

/// Checks that the reverse sweep popped all that the forward sweep pushed.
inline void check_tape_empty(const char *what) {
  frechet::check_close(what, double(frechet::default_tape().size()), 0.0, 0.0);
}

/// The central difference of f(a) with respect to a[i], where f reads the
/// array a (a copy of it is changed and restored).
template <class F>
double fd_component(F f, double *a, int i, double h = 1e-6) {
  double keep = a[i];
  a[i] = keep + h;
  double up = static_cast<double>(f(a));
  a[i] = keep - h;
  double down = static_cast<double>(f(a));
  a[i] = keep;
  return (up - down) / (2 * h);
}

/// Formats "<prefix>[<i>]" into a static buffer for a check's name.
inline const char *name(const char *prefix, int i) {
  static char buf[8][128];
  static int next = 0;
  char *b = buf[next++ % 8];
  std::snprintf(b, sizeof buf[0], "%s[%d]", prefix, i);
  return b;
}

/// Same with two indices.
inline const char *name(const char *prefix, int i, int j) {
  static char buf[8][128];
  static int next = 0;
  char *b = buf[next++ % 8];
  std::snprintf(b, sizeof buf[0], "%s[%d][%d]", prefix, i, j);
  return b;
}

/// Checks the adjoint array \p grad of an array input \p x of length n,
/// which a reverse sweep computed with the cotangent \p seed: component i
/// against \p seed times the forward-mode tangent in direction e_i
/// (jvp(e_i), relative 1e-12) and against \p seed times the central
/// difference of f along x[i] (relative 1e-6). \p offset is what the adjoint
/// held before the call (accumulation).
template <class Jvp, class F>
void check_array_gradient(const char *what, const double *grad, double *x,
                          int n, Jvp jvp, F f, double seed = 1.0,
                          double offset = 0.0) {
  for (int i = 0; i < n; ++i) {
    double e[64] = {};
    e[i] = 1.0;
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s[%d] vs jvp", what, i);
    frechet::check_close(buf, grad[i], offset + seed * double(jvp(e)), 1e-12);
    std::snprintf(buf, sizeof buf, "%s[%d] vs fd", what, i);
    frechet::check_close(buf, grad[i], offset + seed * fd_component(f, x, i),
                         1e-6);
  }
}

/// Runs grad(g), which returns f(x) and adds the gradient with respect to
/// the array x (length n <= 16) to g (zeroed first), then checks that the
/// tape is empty, the value against f(x) (exactly), and g against forward
/// mode and central differences (check_array_gradient).
template <class Grad, class Jvp, class F>
void check_array_grad(const char *what, double *x, int n, Grad grad, Jvp jvp,
                      F f) {
  double g[16] = {};
  double v = grad(g);
  char buf[160];
  std::snprintf(buf, sizeof buf, "%s tape", what);
  check_tape_empty(buf);
  std::snprintf(buf, sizeof buf, "%s value", what);
  frechet::check_close(buf, v, f(x), 0);
  check_array_gradient(what, g, x, n, jvp, f);
}

/// Checks a reverse-mode derivative of a function with several inputs and
/// outputs (a result, arrays or references it writes), all flattened into
/// vectors:
///   primal(in) -> out                        (a plain call)
///   jvp(in, tin) -> tout                     (forward mode, tangents)
///   vjp(in, cot, adj, out)                   (reverse mode: cot are the
///       cotangents of out, adj the adjoints of in, accumulated onto; out
///       receives the outputs the reverse-mode entry point left behind)
/// adj[i] must be start[i] + sum_k cot[k] d out[k] / d in[i], checked against
/// forward mode (1e-12) and central differences (1e-6); the outputs must
/// equal the plain call's (the entry point performs f's side effects); the
/// tape must be empty.
template <class Primal, class Jvp, class Vjp>
void check_vjp(const char *what, const std::vector<double> &in,
               const std::vector<double> &cot, const std::vector<double> &start,
               Primal primal, Jvp jvp, Vjp vjp) {
  char buf[160];
  std::vector<double> want_out = primal(in);
  std::vector<double> adj = start, out(want_out.size());
  vjp(in, cot, adj, out);
  std::snprintf(buf, sizeof buf, "%s tape", what);
  check_tape_empty(buf);
  for (std::size_t k = 0; k < out.size(); ++k) {
    std::snprintf(buf, sizeof buf, "%s output %zu", what, k);
    frechet::check_close(buf, out[k], want_out[k], 1e-15);
  }
  for (std::size_t i = 0; i < in.size(); ++i) {
    std::vector<double> tin(in.size(), 0.0);
    tin[i] = 1;
    std::vector<double> tout = jvp(in, tin);
    double dot = 0;
    for (std::size_t k = 0; k < cot.size(); ++k)
      dot += cot[k] * tout[k];
    std::snprintf(buf, sizeof buf, "%s adjoint %zu vs jvp", what, i);
    frechet::check_close(buf, adj[i], start[i] + dot, 1e-12);
    const double h = 1e-6;
    std::vector<double> up = in, down = in;
    up[i] += h;
    down[i] -= h;
    std::vector<double> fu = primal(up), fd = primal(down);
    double fdot = 0;
    for (std::size_t k = 0; k < cot.size(); ++k)
      fdot += cot[k] * (fu[k] - fd[k]) / (2 * h);
    std::snprintf(buf, sizeof buf, "%s adjoint %zu vs fd", what, i);
    frechet::check_close(buf, adj[i], start[i] + fdot, 1e-6);
  }
}

/// Checks the derivative of a scalar function of one scalar: grad(x, dx)
/// returns f(x) and adds f'(x) to dx (which starts at \p start, so that
/// accumulation is checked), compared with forward mode jvp(x) = f'(x)
/// (relative 1e-12) and central differences (1e-6); the value with f(x)
/// (relative \p value_tol: the sweeps may contract a multiply-add
/// differently); the tape must be empty.
template <class Grad, class Jvp, class F>
void check_scalar_gradient(const char *what, double x, Grad grad, Jvp jvp,
                           F f, double start = 0.25,
                           double value_tol = 1e-15) {
  double dx = start;
  double v = grad(x, dx);
  char buf[160];
  std::snprintf(buf, sizeof buf, "%s tape", what);
  check_tape_empty(buf);
  std::snprintf(buf, sizeof buf, "%s value", what);
  frechet::check_close(buf, v, f(x), value_tol);
  std::snprintf(buf, sizeof buf, "%s vs jvp", what);
  frechet::check_close(buf, dx, start + jvp(x), 1e-12);
  const double h = 1e-6;
  std::snprintf(buf, sizeof buf, "%s vs fd", what);
  frechet::check_close(buf, dx, start + (f(x + h) - f(x - h)) / (2 * h),
                       1e-6);
}

} // namespace rtest

#endif
