// Reverse mode with arrays and pointers: array inputs, output arrays of a
// void function (their adjoint holds the cotangent of the outputs on entry
// and the adjoint of their initial values on return), an in-place update
// a[i] = a[i] * a[i], reference outputs, local arrays with initializers,
// pointer locals (p = a + 1, p[i], *p, ++p) and 2-D local arrays. Each
// derivative is checked as a vector-Jacobian product against forward mode
// and central differences, f_vjp must leave behind the outputs of a plain
// call, and the tape must be empty.
//
// RUN: %frechetxx %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <cmath>

#include "Inputs/reverse_check.h"

using Vec = std::vector<double>;

// Output array: the entry point's sweeps leave the outputs as f wrote them
// (nothing is taped: the reverse sweep never reads them); the reverse sweep
// clears the output's adjoint (the initial values do not reach the outputs).
#pragma frechet reverse
#pragma frechet forward
void polar(double r, double theta, double *xy) {
  xy[0] = r * std::cos(theta);
  xy[1] = r * std::sin(theta);
}
// CHECK-LABEL: inline void polar_fwd(double r, double theta, double *xy, frechet::tape &_tape) {
// CHECK-NEXT:    xy[0] = r * std::cos(theta);
// CHECK-NEXT:    xy[1] = r * std::sin(theta);
// CHECK-LABEL: inline void polar_rev(double r, double theta, double *xy, double &d_r, double &d_theta, double *d_xy, frechet::tape &_tape) {
// CHECK-NOT:     _tape.pop
// CHECK:         frechet::rules::sin_vjp(theta, r * d_xy[1], d_theta);
// CHECK-NEXT:    d_xy[1] = 0;
// CHECK-LABEL: void polar_vjp(double r, double theta, double *xy, double &d_r, double &d_theta, double *d_xy) {

// In-place update: the adjoint of a[i] becomes 2 a[i] times its cotangent.
#pragma frechet reverse
#pragma frechet forward
void square(double *a, int n) {
  for (int i = 0; i < n; ++i)
    a[i] = a[i] * a[i];
}
// CHECK-LABEL: inline void square_rev(double *a, int n, double *d_a, frechet::tape &_tape) {
// CHECK:           a[i] = _b[i - _s];
// CHECK-NEXT:      const double [[R:_r[_0-9]*]] = d_a[i];
// CHECK-NEXT:      d_a[i] = 0;
// CHECK-NEXT:      d_a[i] += [[R]] * a[i];
// CHECK-NEXT:      d_a[i] += a[i] * [[R]];

// An output array updated with += (its adjoint passes through unchanged),
// and a reference output.
#pragma frechet reverse
#pragma frechet forward
void addto(const double x[], double out[], int n, double &acc) {
  for (int i = 0; i < n; ++i) {
    out[i] += x[i] * x[i];
    acc = acc * x[i];
  }
}
// CHECK-LABEL: void addto_vjp(const double x[], double out[], int n, double &acc, double *d_x, double *d_out, double &d_acc) {

// References in and out, an array parameter with a size, and a result.
#pragma frechet reverse
#pragma frechet forward
double refin(const double &x, double &y, double z[3]) {
  y = y * x + z[1];
  z[0] = z[2] * y;
  return y * z[0];
}
// CHECK-LABEL: double refin_vjp(const double &x, double &y, double z[3], double d_ret, double &d_x, double &d_y, double *d_z) {

// Local arrays with initializers (partial, so the rest is zeroed).
#pragma frechet gradient
#pragma frechet forward
double localinit(double x, double y) {
  double w[3] = {x * y, x + y, 2.0};
  double v[4] = {x};
  w[2] = w[0] * w[1] + v[0];
  return w[0] * w[2] + w[1] + v[3];
}
// CHECK-LABEL: inline double localinit_fwd(double x, double y, frechet::tape &_tape) {
// CHECK:         w[0] = x * y;
// CHECK-NEXT:    w[1] = x + y;
// CHECK-NEXT:    w[2] = 2.0;
// CHECK-NEXT:    v[0] = x;
// CHECK:         _tape.push(w[2]);
// CHECK-NEXT:    w[2] = w[0] * w[1] + v[0];
// CHECK:       _exit:
// CHECK-NEXT:    _tape.push_array(&w[0], 3);
// CHECK-LABEL: inline void localinit_rev(double x, double y, double d_ret, double &d_x, double &d_y, frechet::tape &_tape) {
// CHECK:         double d_w[3]{};
// CHECK-NEXT:    double d_v[4]{};
// v is only read linearly: not taped.
// CHECK-NEXT:    _tape.pop_array(&w[0], 3);

// A const local array with an initializer (its adjoint is not const).
#pragma frechet gradient
#pragma frechet forward
double constinit(double x, double y) {
  const double c[3] = {x * y, x - y, 0.5};
  const double k = c[0] * c[2];
  return c[0] * c[1] + k * x;
}
// CHECK-LABEL: inline void constinit_rev(double x, double y, double d_ret, double &d_x, double &d_y, frechet::tape &_tape) {
// CHECK:         {{^  }}double d_c[3]{};

// In place, each element from its (already updated) left neighbour: a
// prefix product.
#pragma frechet reverse
#pragma frechet forward
void scan(double *a, int n) {
  for (int i = 1; i < n; ++i)
    a[i] = a[i - 1] * a[i];
}

// An int result and an output array written at a data-dependent position.
#pragma frechet reverse
#pragma frechet forward
int compact(const double *x, int n, double *out) {
  int c = 0;
  for (int i = 0; i < n; ++i) {
    if (x[i] > 0) {
      out[c] = x[i] * x[i];
      ++c;
    }
  }
  return c;
}
// CHECK-LABEL: int compact_vjp(const double *x, int n, double *out, double *d_x, double *d_out) {

// Pointer locals: p = a + 1 indexed with p[i], then p = a and *p. The adjoint
// of p[i] is at the same offset from d_a.
#pragma frechet gradient
#pragma frechet forward
double ptr(const double *a, int n) {
  const double *p = a + 1;
  double s = 0;
  for (int i = 0; i + 1 < n; ++i)
    s += p[i] * a[i];
  p = a;
  s = s * *p;
  return s;
}
// CHECK-LABEL: inline void ptr_rev(const double *a, int n, double d_ret, double *d_a, frechet::tape &_tape) {
// CHECK:         *(d_a + (p - a)) += s * [[R:_r[_0-9]*]];
// CHECK-NEXT:    p = _tape.pop<const double *>();
// CHECK:           (d_a + (p - a))[i] += d_s * a[i];
// CHECK-NEXT:      d_a[i] += p[i] * d_s;

// A pointer that walks the array with ++p.
#pragma frechet gradient
#pragma frechet forward
double walk(const double *a, int n) {
  const double *p = a;
  double s = 0;
  for (int i = 0; i < n; ++i) {
    s = s + *p * *p * s + *p;
    ++p;
  }
  return s;
}

// A pointer that walks an output array backwards.
#pragma frechet reverse
#pragma frechet forward
void scale(double *a, int n, double f) {
  double *q = a + n;
  while (q > a) {
    --q;
    *q = *q * f + *q;
  }
}

// A 2-D local array, overwritten in place from its other row.
#pragma frechet gradient
#pragma frechet forward
double twod(const double *x, double y) {
  double m[2][3];
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      m[i][j] = x[i] * y + x[j];
  double s = 0;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) {
      m[i][j] = m[i][j] * m[1 - i][j];
      s += m[i][j];
    }
  return s;
}
// CHECK-LABEL: inline double twod_fwd(const double *x, double y, frechet::tape &_tape) {
// The first loop nest saves nothing: the reverse sweep reads m only in the
// second, after its mirror. The second saves m[i][j] in a tape block.
// CHECK-NOT:       push
// CHECK:           for (j = {{_s[_0-9]*}}; j < 3; ++j) {
// CHECK-NEXT:        m[i][j] = x[i] * y + x[j];
// CHECK:           [[B:_b[_0-9]*]][j_1 - [[S:_s[_0-9]*]]] = m[i_1][j_1];
// CHECK-NEXT:      m[i_1][j_1] = m[i_1][j_1] * m[1 - i_1][j_1];
// CHECK:       _exit:
// CHECK-NEXT:    _tape.push_array(&m[0][0], 6);
// CHECK-LABEL: inline void twod_rev(const double *x, double y, double d_ret, double *d_x, double &d_y, frechet::tape &_tape) {
// CHECK:         double d_m[2][3]{};
// CHECK:             d_m[1 - [[I:i_?[0-9]*]]][[[J:j_?[0-9]*]]] += m[[[I]]][[[J]]] * {{_r[_0-9]*}};

int main() {
  // polar: inputs r, theta, and the initial xy (which nothing reads).
  rtest::check_vjp(
      "polar", {1.7, 0.6, 5.0, -3.0}, {0.8, -1.3}, {0.25, -0.5, 0.0, 0.0},
      [](const Vec &in) {
        double xy[2] = {in[2], in[3]};
        polar(in[0], in[1], xy);
        return Vec{xy[0], xy[1]};
      },
      [](const Vec &in, const Vec &t) {
        double xy[2] = {in[2], in[3]}, dxy[2] = {t[2], t[3]};
        polar_jvp(in[0], in[1], xy, t[0], t[1], dxy);
        return Vec{dxy[0], dxy[1]};
      },
      [](const Vec &in, const Vec &c, Vec &adj, Vec &out) {
        double xy[2] = {in[2], in[3]}, dxy[2] = {c[0], c[1]};
        polar_vjp(in[0], in[1], xy, adj[0], adj[1], dxy);
        adj[2] = dxy[0];
        adj[3] = dxy[1];
        out = {xy[0], xy[1]};
      });
  // Analytic: d_r = c . (cos, sin), d_theta = c . (-r sin, r cos).
  {
    double xy[2] = {0, 0}, dxy[2] = {0.8, -1.3}, dr = 0, dt = 0;
    polar_vjp(1.7, 0.6, xy, dr, dt, dxy);
    frechet::check_close("polar d_r analytic", dr,
                         0.8 * std::cos(0.6) - 1.3 * std::sin(0.6), 1e-15);
    frechet::check_close("polar d_theta analytic", dt,
                         -0.8 * 1.7 * std::sin(0.6) - 1.3 * 1.7 * std::cos(0.6),
                         1e-15);
    frechet::check_close("polar d_xy[0] cleared", dxy[0], 0, 0);
    frechet::check_close("polar d_xy[1] cleared", dxy[1], 0, 0);
  }

  // square in place.
  {
    const int n = 4;
    Vec a0 = {0.5, -1.5, 2.0, 0.75}, c = {1.0, -0.5, 0.25, 2.0};
    rtest::check_vjp(
        "square", a0, c, {0, 0, 0, 0},
        [](const Vec &in) {
          Vec a = in;
          square(a.data(), n);
          return a;
        },
        [](const Vec &in, const Vec &t) {
          Vec a = in, da = t;
          square_jvp(a.data(), n, da.data());
          return da;
        },
        [](const Vec &in, const Vec &c, Vec &adj, Vec &out) {
          Vec a = in, da = c;
          square_vjp(a.data(), n, da.data());
          adj = da;
          out = a;
        });
    double a[4] = {0.5, -1.5, 2.0, 0.75}, da[4] = {1.0, -0.5, 0.25, 2.0};
    square_vjp(a, n, da);
    for (int i = 0; i < n; ++i)
      frechet::check_close(rtest::name("square analytic", i), da[i],
                           2 * a0[i] * c[i], 1e-15);
  }

  // addto: x (accumulated), out and acc (cotangent in, adjoint out).
  {
    const int n = 3;
    rtest::check_vjp(
        "addto", {0.9, -1.1, 1.4, 0.3, 0.2, 0.1, 1.5}, {0.7, -0.2, 1.1, 0.6},
        {0.125, -0.25, 0.5, 0, 0, 0, 0},
        [](const Vec &in) {
          double x[3] = {in[0], in[1], in[2]}, out[3] = {in[3], in[4], in[5]};
          double acc = in[6];
          addto(x, out, n, acc);
          return Vec{out[0], out[1], out[2], acc};
        },
        [](const Vec &in, const Vec &t) {
          double x[3] = {in[0], in[1], in[2]}, out[3] = {in[3], in[4], in[5]};
          double acc = in[6];
          double dx[3] = {t[0], t[1], t[2]}, dout[3] = {t[3], t[4], t[5]};
          double dacc = t[6];
          addto_jvp(x, out, n, acc, dx, dout, dacc);
          return Vec{dout[0], dout[1], dout[2], dacc};
        },
        [](const Vec &in, const Vec &c, Vec &adj, Vec &outs) {
          double x[3] = {in[0], in[1], in[2]}, out[3] = {in[3], in[4], in[5]};
          double acc = in[6];
          double dout[3] = {c[0], c[1], c[2]}, dacc = c[3];
          addto_vjp(x, out, n, acc, adj.data(), dout, dacc);
          adj[3] = dout[0];
          adj[4] = dout[1];
          adj[5] = dout[2];
          adj[6] = dacc;
          outs = {out[0], out[1], out[2], acc};
        });
  }

  // refin: result, y and z written.
  rtest::check_vjp(
      "refin", {1.3, 0.7, -0.4, 0.9, 1.6}, {1.5, -0.5, 0.25, 2.0, -1.0},
      {0.5, 0, 0, 0, 0},
      [](const Vec &in) {
        double x = in[0], y = in[1], z[3] = {in[2], in[3], in[4]};
        double r = refin(x, y, z);
        return Vec{r, y, z[0], z[1], z[2]};
      },
      [](const Vec &in, const Vec &t) {
        double x = in[0], y = in[1], z[3] = {in[2], in[3], in[4]};
        double dx = t[0], dy = t[1], dz[3] = {t[2], t[3], t[4]};
        double dr = refin_jvp(x, y, z, dx, dy, dz).tangent;
        return Vec{dr, dy, dz[0], dz[1], dz[2]};
      },
      [](const Vec &in, const Vec &c, Vec &adj, Vec &out) {
        double x = in[0], y = in[1], z[3] = {in[2], in[3], in[4]};
        double dy = c[1], dz[3] = {c[2], c[3], c[4]};
        double r = refin_vjp(x, y, z, c[0], adj[0], dy, dz);
        adj[1] = dy;
        adj[2] = dz[0];
        adj[3] = dz[1];
        adj[4] = dz[2];
        out = {r, y, z[0], z[1], z[2]};
      });

  // localinit.
  rtest::check_vjp(
      "localinit", {0.8, -1.7}, {-2.0}, {0.5, 0.25},
      [](const Vec &in) { return Vec{localinit(in[0], in[1])}; },
      [](const Vec &in, const Vec &t) {
        return Vec{localinit_jvp(in[0], in[1], t[0], t[1]).tangent};
      },
      [](const Vec &in, const Vec &c, Vec &adj, Vec &out) {
        // The gradient, scaled by the cotangent afterwards.
        double dx = 0, dy = 0;
        out = {localinit_grad(in[0], in[1], dx, dy)};
        adj[0] += c[0] * dx;
        adj[1] += c[0] * dy;
      });
  {
    // w0 = xy, w1 = x + y, w2 = w0 w1 + x; f = w0 w2 + w1.
    double x = 0.8, y = -1.7, dx = 0, dy = 0;
    localinit_grad(x, y, dx, dy);
    double w0 = x * y, w1 = x + y, w2 = w0 * w1 + x;
    frechet::check_close("localinit analytic d/dx", dx,
                         y * w2 + w0 * (y * w1 + w0 + 1) + 1, 1e-14);
    frechet::check_close("localinit analytic d/dy", dy,
                         x * w2 + w0 * (x * w1 + w0) + 1, 1e-14);
  }

  // constinit.
  rtest::check_vjp(
      "constinit", {0.8, -1.7}, {1.0}, {0.0, 0.0},
      [](const Vec &in) { return Vec{constinit(in[0], in[1])}; },
      [](const Vec &in, const Vec &t) {
        return Vec{constinit_jvp(in[0], in[1], t[0], t[1]).tangent};
      },
      [](const Vec &in, const Vec &c, Vec &adj, Vec &out) {
        (void)c;
        out = {constinit_grad(in[0], in[1], adj[0], adj[1])};
      });

  // scan in place.
  rtest::check_vjp(
      "scan", {0.5, 1.5, -2.0, 0.75}, {1.0, 2.0, 3.0, 4.0}, {0, 0, 0, 0},
      [](const Vec &in) {
        Vec a = in;
        scan(a.data(), 4);
        return a;
      },
      [](const Vec &in, const Vec &t) {
        Vec a = in, da = t;
        scan_jvp(a.data(), 4, da.data());
        return da;
      },
      [](const Vec &in, const Vec &c, Vec &adj, Vec &out) {
        Vec a = in, da = c;
        scan_vjp(a.data(), 4, da.data());
        adj = da;
        out = a;
      });

  // compact: x (accumulated) and the initial out (all of it is inputs; the
  // entries not written pass their cotangent through). The count is checked
  // separately.
  rtest::check_vjp(
      "compact", {0.5, -1.0, 2.0, 3.0, 9.0, 8.0, 7.0, 6.0},
      {1.0, 2.0, 3.0, 4.0}, {0.25, 0.25, 0.25, 0.25, 0, 0, 0, 0},
      [](const Vec &in) {
        double out[4] = {in[4], in[5], in[6], in[7]};
        compact(in.data(), 4, out);
        return Vec{out[0], out[1], out[2], out[3]};
      },
      [](const Vec &in, const Vec &t) {
        double out[4] = {in[4], in[5], in[6], in[7]};
        double dout[4] = {t[4], t[5], t[6], t[7]};
        compact_jvp(in.data(), 4, out, t.data(), dout);
        return Vec{dout[0], dout[1], dout[2], dout[3]};
      },
      [](const Vec &in, const Vec &c, Vec &adj, Vec &outs) {
        double out[4] = {in[4], in[5], in[6], in[7]};
        double dout[4] = {c[0], c[1], c[2], c[3]};
        int k = compact_vjp(in.data(), 4, out, adj.data(), dout);
        frechet::check_close("compact count", k, 3, 0);
        for (int i = 0; i < 4; ++i)
          adj[4 + i] = dout[i];
        outs = {out[0], out[1], out[2], out[3]};
      });

  // Scalar functions of an array x of length n.
  auto arrayGrad = [](const char *what, Vec x0, auto grad, auto jvp,
                      auto f) {
    rtest::check_vjp(
        what, x0, {1.0}, Vec(x0.size(), 0.0),
        [&](const Vec &in) {
          Vec x = in;
          return Vec{f(x.data(), int(x.size()))};
        },
        [&](const Vec &in, const Vec &t) {
          Vec x = in;
          return Vec{jvp(x.data(), int(x.size()), t.data())};
        },
        [&](const Vec &in, const Vec &c, Vec &adj, Vec &out) {
          (void)c;
          Vec x = in;
          out = {grad(x.data(), int(x.size()), adj.data())};
        });
  };
  Vec x5 = {0.4, -0.9, 1.2, 0.65, -0.35};
  arrayGrad(
      "ptr", x5,
      [](const double *a, int n, double *g) { return ptr_grad(a, n, g); },
      [](const double *a, int n, const double *t) {
        return ptr_jvp(a, n, t).tangent;
      },
      [](const double *a, int n) { return ptr(a, n); });
  arrayGrad(
      "walk", x5,
      [](const double *a, int n, double *g) { return walk_grad(a, n, g); },
      [](const double *a, int n, const double *t) {
        return walk_jvp(a, n, t).tangent;
      },
      [](const double *a, int n) { return walk(a, n); });
  {
    // ptr = (sum a[i+1] a[i]) * a[0].
    double a[5] = {0.4, -0.9, 1.2, 0.65, -0.35}, g[5] = {};
    ptr_grad(a, 5, g);
    double s = 0;
    for (int i = 0; i < 4; ++i)
      s += a[i + 1] * a[i];
    frechet::check_close("ptr analytic d/da0", g[0], s + a[1] * a[0], 1e-15);
    frechet::check_close("ptr analytic d/da2", g[2], (a[1] + a[3]) * a[0],
                         1e-15);
  }

  // scale: a written in place through a pointer walking backwards, f by value.
  rtest::check_vjp(
      "scale", {0.5, -1.5, 2.0, 1.3}, {1.0, 2.0, -3.0}, {0, 0, 0, 0.75},
      [](const Vec &in) {
        double a[3] = {in[0], in[1], in[2]};
        scale(a, 3, in[3]);
        return Vec{a[0], a[1], a[2]};
      },
      [](const Vec &in, const Vec &t) {
        double a[3] = {in[0], in[1], in[2]}, da[3] = {t[0], t[1], t[2]};
        scale_jvp(a, 3, in[3], da, t[3]);
        return Vec{da[0], da[1], da[2]};
      },
      [](const Vec &in, const Vec &c, Vec &adj, Vec &out) {
        double a[3] = {in[0], in[1], in[2]}, da[3] = {c[0], c[1], c[2]};
        scale_vjp(a, 3, in[3], da, adj[3]);
        adj[0] = da[0];
        adj[1] = da[1];
        adj[2] = da[2];
        out = {a[0], a[1], a[2]};
      });

  // twod: x (length 3) and y.
  rtest::check_vjp(
      "twod", {0.3, -0.8, 1.1, 0.45}, {1.0}, {0.0, 0.0, 0.0, 0.0},
      [](const Vec &in) { return Vec{twod(in.data(), in[3])}; },
      [](const Vec &in, const Vec &t) {
        return Vec{twod_jvp(in.data(), in[3], t.data(), t[3]).tangent};
      },
      [](const Vec &in, const Vec &c, Vec &adj, Vec &out) {
        (void)c;
        out = {twod_grad(in.data(), in[3], adj.data(), adj[3])};
      });
  return frechet::check_exit_code();
}
// EXEC: ok polar output 0
// EXEC: ok polar output 1
// EXEC: ok polar adjoint 0 vs jvp
// EXEC: ok polar d_xy[1] cleared
// EXEC: ok square analytic[3]
// EXEC: ok addto output 3
// EXEC: ok addto adjoint 6 vs fd
// EXEC: ok refin output 2
// EXEC: ok refin adjoint 4 vs fd
// EXEC: ok localinit analytic d/dy
// EXEC: ok scan output 3
// EXEC: ok compact count
// EXEC: ok compact adjoint 7 vs fd
// EXEC: ok ptr analytic d/da2
// EXEC: ok scale output 2
// EXEC: ok scale adjoint 3 vs fd
// EXEC: ok twod adjoint 3 vs fd
// EXEC: 164 passed, 0 failed
