// Local references in reverse mode: each is read as the object it names
// (a variable, an array element, a row of a 2-D array, a dereferenced
// pointer, another reference), so writes through it are taped and undone
// like writes to that object; so is a pointer to a scalar variable. Gradients are checked against forward mode
// (which keeps the references) and central differences.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>
#include <vector>

#include "Inputs/reverse_check.h"

// A reference to a local, and a reference to that reference.
#pragma frechet reverse
#pragma frechet forward
double chain(double x) {
  double y = x * 2;
  double &r = y;
  r = r * x;
  double &s = r;
  s = std::sin(s) + r * x;
  return y;
}
// CHECK-LABEL: inline double chain_fwd(double x, frechet::tape &_tape) {
// CHECK-NEXT:    double y{};
// CHECK-NEXT:    double _ret{};
// CHECK-NEXT:    y = x * 2;
// CHECK-NEXT:    _tape.push(y);
// CHECK-NEXT:    y = y * x;
// CHECK-NEXT:    _tape.push(y);
// CHECK-NEXT:    y = std::sin(y) + y * x;
// CHECK-LABEL: inline void chain_rev(
// CHECK:         frechet::rules::sin_vjp(y, [[R:_r[_0-9]*]], d_y);
// CHECK-NEXT:    d_y += [[R]] * x;

// An element chosen through an index array: repeated indices make the
// reverse sweep read values that later iterations overwrite.
#pragma frechet reverse
#pragma frechet forward
void scatter(const double *x, const int *idx, int n, double *out) {
  for (int i = 0; i < n; ++i) {
    double &o = out[idx[i]];
    o = std::sin(o * x[i]) + x[i];
  }
}
// CHECK-LABEL: inline void scatter_fwd({{.*}}) {
// CHECK:         [[B:_b[_0-9]*]][i - _s] = out[idx[i]];
// CHECK-NEXT:    out[idx[i]] = std::sin(out[idx[i]] * x[i]) + x[i];

// A row of a local two-dimensional array.
#pragma frechet reverse
#pragma frechet forward
double rows(const double *x) {
  double m[3][3];
  for (int i = 0; i < 3; ++i) {
    double(&row)[3] = m[i];
    for (int j = 0; j < 3; ++j)
      row[j] = x[j] * x[i];
    for (int j = 0; j < 3; ++j)
      row[j] = row[j] + row[(j + 2) % 3] * x[j];
  }
  double s = 0;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j)
      s += m[i][j] * m[j][i];
  return s;
}
// CHECK-LABEL: inline double rows_fwd({{.*}}) {
// CHECK:         m[i][j] = x[j] * x[i];
// CHECK:         m[i][j_1] = m[i][j_1] + m[i][(j_1 + 2) % 3] * x[j_1];

// A const reference to each element.
#pragma frechet reverse
#pragma frechet forward
double cubes(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    const double &xi = x[i];
    s += xi * xi * xi;
  }
  return s;
}

// A dereferenced pointer (printed in parentheses: r++ is not *p++), and a
// reference passed on to a function that writes it.
void scaleBy(double &v, double a) { v = v * a * a; }
#pragma frechet reverse
#pragma frechet forward
void bump(double *p, int k, double a) {
  double &r = *(p + k);
  r = r * a;
  r++;
  double &q = p[0];
  scaleBy(q, r);
}
// CHECK-LABEL: inline void bump_fwd({{.*}}) {
// CHECK:         (*(p + k)) = (*(p + k)) * a;
// CHECK:         (*(p + k))++;
// CHECK:         const double _a = (*(p + k));
// CHECK-NEXT:    scaleBy_fwd(p[0], _a, _tape);

// A pointer to a scalar variable, only read and written through: read as
// (&s).
void addSquare(double *o, double v) { *o += v * v; }
#pragma frechet reverse
#pragma frechet forward
double viaPointer(double x) {
  double s = x;
  double *p = &s;
  *p = *p * x;
  addSquare(p, x);
  p[0] = std::sin(p[0]);
  return s * x;
}
// CHECK-LABEL: inline double viaPointer_fwd({{.*}}) {
// CHECK:         *(&s) = *(&s) * x;
// CHECK:         addSquare_fwd((&s), x, _tape);
// CHECK:         (&s)[0] = std::sin((&s)[0]);

int main() {
  rtest::check_vjp(
      "viaPointer", {0.9}, {-1.1}, {0.5},
      [](const std::vector<double> &in) {
        return std::vector<double>{viaPointer(in[0])};
      },
      [](const std::vector<double> &in, const std::vector<double> &t) {
        return std::vector<double>{viaPointer_jvp(in[0], t[0]).tangent};
      },
      [](const std::vector<double> &in, const std::vector<double> &cot,
         std::vector<double> &adj, std::vector<double> &out) {
        out[0] = viaPointer_vjp(in[0], cot[0], adj[0]);
      });

  rtest::check_vjp(
      "chain", {0.7}, {1.3}, {0.25},
      [](const std::vector<double> &in) {
        return std::vector<double>{chain(in[0])};
      },
      [](const std::vector<double> &in, const std::vector<double> &t) {
        return std::vector<double>{chain_jvp(in[0], t[0]).tangent};
      },
      [](const std::vector<double> &in, const std::vector<double> &cot,
         std::vector<double> &adj, std::vector<double> &out) {
        out[0] = chain_vjp(in[0], cot[0], adj[0]);
      });

  // in = x[0..5] then out[0..2]; the outputs are out[0..2].
  const int idx[6] = {0, 2, 0, 1, 2, 0};
  auto scatterIn = std::vector<double>{0.3, -0.7, 1.1, 0.4, 0.9, -0.2,
                                       0.5, 1.5, -1.0};
  rtest::check_vjp(
      "scatter", scatterIn, {0.6, -1.2, 0.8}, std::vector<double>(9, 0.1),
      [&](const std::vector<double> &in) {
        std::vector<double> out(in.begin() + 6, in.end());
        scatter(in.data(), idx, 6, out.data());
        return out;
      },
      [&](const std::vector<double> &in, const std::vector<double> &t) {
        std::vector<double> out(in.begin() + 6, in.end());
        std::vector<double> dout(t.begin() + 6, t.end());
        scatter_jvp(in.data(), idx, 6, out.data(), t.data(), dout.data());
        return dout;
      },
      [&](const std::vector<double> &in, const std::vector<double> &cot,
          std::vector<double> &adj, std::vector<double> &out) {
        std::vector<double> o(in.begin() + 6, in.end());
        std::vector<double> dout(cot);
        scatter_vjp(in.data(), idx, 6, o.data(), adj.data(), dout.data());
        for (int k = 0; k < 3; ++k) {
          adj[6 + k] += dout[k]; // now the adjoint of out on entry
          out[k] = o[k];
        }
      });

  std::vector<double> three = {0.4, -1.1, 0.8};
  rtest::check_vjp(
      "rows", three, {1.0}, {0.0, 0.5, -0.5},
      [](const std::vector<double> &in) {
        return std::vector<double>{rows(in.data())};
      },
      [](const std::vector<double> &in, const std::vector<double> &t) {
        return std::vector<double>{rows_jvp(in.data(), t.data()).tangent};
      },
      [](const std::vector<double> &in, const std::vector<double> &cot,
         std::vector<double> &adj, std::vector<double> &out) {
        out[0] = rows_vjp(in.data(), cot[0], adj.data());
      });
  rtest::check_vjp(
      "cubes", three, {-0.5}, {0.0, 0.0, 0.0},
      [](const std::vector<double> &in) {
        return std::vector<double>{cubes(in.data(), 3)};
      },
      [](const std::vector<double> &in, const std::vector<double> &t) {
        return std::vector<double>{cubes_jvp(in.data(), 3, t.data()).tangent};
      },
      [](const std::vector<double> &in, const std::vector<double> &cot,
         std::vector<double> &adj, std::vector<double> &out) {
        out[0] = cubes_vjp(in.data(), 3, cot[0], adj.data());
      });

  // in = p[0..2], a; outputs p[0..2].
  rtest::check_vjp(
      "bump", {0.3, -0.8, 1.2, 0.7}, {1.0, -2.0, 0.5}, {0, 0, 0, 0},
      [](const std::vector<double> &in) {
        std::vector<double> p(in.begin(), in.begin() + 3);
        bump(p.data(), 2, in[3]);
        return p;
      },
      [](const std::vector<double> &in, const std::vector<double> &t) {
        std::vector<double> p(in.begin(), in.begin() + 3);
        std::vector<double> dp(t.begin(), t.begin() + 3);
        bump_jvp(p.data(), 2, in[3], dp.data(), t[3]);
        return dp;
      },
      [](const std::vector<double> &in, const std::vector<double> &cot,
         std::vector<double> &adj, std::vector<double> &out) {
        std::vector<double> p(in.begin(), in.begin() + 3);
        std::vector<double> dp(cot);
        bump_vjp(p.data(), 2, in[3], dp.data(), adj[3]);
        for (int k = 0; k < 3; ++k) {
          adj[k] += dp[k];
          out[k] = p[k];
        }
      });
  return frechet::check_exit_code();
}
// EXEC-NOT: FAIL
// EXEC: {{[1-9][0-9]*}} passed, 0 failed
