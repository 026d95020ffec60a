// Every unsupported input at once, compiled normally: the plugin reports
// errors in the user's code, never crashes, and never emits derivative code
// that does not compile (an error located in a '<frechet: derivatives of f>'
// buffer is a bug of the plugin, not of the user).
//
// RUN: not %frechetxx -fsyntax-only -fno-crash-diagnostics -ferror-limit=0 -Wno-vla-cxx-extension %s 2>&1 | FileCheck %s
// CHECK-NOT: <frechet: derivatives
// CHECK-NOT: Stack dump
// CHECK-NOT: PLEASE submit
// CHECK: errors generated.
#include <frechet/frechet.h>
#include <vector>

// The pragma's own errors.
#pragma frechet
double p1(double x) { return x; }
#pragma frechet backward
double p2(double x) { return x; }
#pragma frechet reverse wrt(x)
double p3(double x) { return x; }
#pragma frechet forward wrt(x
double p4(double x) { return x; }
#pragma frechet forward wrt(x) wrt(x) name(a, b)
double p5(double x) { return x; }
#pragma frechet forward wrt(x, x)
double p6(double x) { return x; }
#pragma frechet forward name(
double p7(double x) { return x; }
#pragma frechet __frechet_emit 0
double p8(double x) { return x; }

// Not before a definition.
#pragma frechet forward
double n1(double x);
#pragma frechet forward
struct N2 {
#pragma frechet forward
  double m(double x) { return x * k; }
  double k;
};
double n3(double x) {
#pragma frechet forward
  if (x > 0) {
    x = -x;
  }
#pragma frechet forward
  return x;
}
struct N4 {
  explicit N4(double x);
  double v;
};
#pragma frechet forward
N4::N4(double x) : v(x) {}
#pragma frechet forward
double n5(double x) try { return x; } catch (...) { return 0; }

// The function and its parameters.
struct P {
  double a;
  double m(double x) const;
};
#pragma frechet forward wrt(q, n, p)
double f1(double x, int n, P p) { return x * n * p.a; }
#pragma frechet forward
int f2(int n) { return n; }
#pragma frechet forward
double P::m(double x) const { return a * x; }
#pragma frechet forward
double f3(double x, ...) { return x; }
#pragma frechet forward
double &f4(double &x) { return x; }
#pragma frechet forward
template <class T> T f5(T x) { return x; }
double f6_jvp(double, double);
#pragma frechet forward
double f6(double x) { return x; }
#pragma frechet forward name(f6)
double f7(double x) { return x; }

// Stores.
double G;
#pragma frechet forward wrt(x)
double s1(double x, double *out, P *st) {
  static double acc = 0;
  acc += x;
  G = x;
  out[0] = x;
  st->a = x;
  return x;
}
#pragma frechet forward wrt(x)
double s2(const double *x, const double *c, bool b) {
  const double *p = b ? x : c;
  return p[0];
}

// Statements and expressions.
#pragma frechet forward
double e1(double x) {
  if (x > 0)
    goto done;
  x = -x;
done:
  return x;
}
#pragma frechet forward
double e2(double x) {
  try {
    x = x * 2;
  } catch (...) {
  }
  return x;
}
#pragma frechet forward
double e3(double x, int n) {
  asm("nop");
  double buf[n];
  buf[0] = x;
  return buf[0];
}
#pragma frechet forward
double e4(double x) {
  auto sq = [](double v) { return v * v; };
  const double w[2] = {1, 2};
  for (double v : w)
    x += v;
  return sq(x);
}
#pragma frechet forward
double e5(double x) {
  double y = ({ x * 2; }) + (x ?: 1.0);
  return y;
}
#pragma frechet forward
double e6(double x) {
  double y = __real__ x + double{x};
  if (double z = y * 2)
    y += z;
  return y;
}
#pragma frechet forward
double e7(double x) {
  enum { A = 1 };
  struct L {
    int k;
  };
  L l{A};
  return x * l.k;
}
#pragma frechet forward
double e8(double x) {
  double arr[2] = {x, 2 * x};
  auto [u, w] = arr;
  return u * w;
}

// Calls.
double no_body(double);
template <typename T> T tsq(T v) { return v * v; }
double later(double);
struct Acc {
  double sum = 0;
  Acc &operator+=(const double &v) {
    sum += v;
    return *this;
  }
};
double dot2(const double *a, double s);
namespace frechet::rules {
inline frechet::jvp_result<double> dot2_jvp(const double *a, double s,
                                            const double *da, double ds) {
  return {a[0] * s, da[0] * s + a[0] * ds};
}
} // namespace frechet::rules
double step(double v) { return v + 1; }
#pragma frechet forward
double c1(double x, double (*fn)(double), double *px, int i) {
  double s = no_body(x) + tsq(x) + later(x) + fn(x);
  std::vector<double> v;
  v.push_back(x);
  v.push_back(x * 2);
  Acc a;
  a += x;
  const double c[1] = {1};
  s += dot2(c, x);
  double t = 0;
  if ((t = x) > 1)
    s += t;
  s += (px[i++] = x);
  for (int k = 0; k < 3; s = step(s))
    ++k;
  return s + v[0] + a.sum;
}
#pragma frechet forward
double c2(double x) { return later(x); }
#pragma frechet forward
double c3(double x) { return tsq(x); }
double later(double x) { return x; }

// Helpers that fail, shared by two annotated functions.
double inner(double v) {
  if (v > 1)
    goto out;
  v = v * v;
out:
  return v;
}
#pragma frechet forward
double h1(double x) { return inner(x) + 1; }
#pragma frechet forward
double h2(double x) { return inner(x) * 2; }

// Correct code whose derivative must compile.
#pragma frechet forward
double ok1(double x, const std::vector<double> &v) { return v[0] * x; }

// Several pragmas on one function with the same 'wrt' but different names.
#pragma frechet forward
#pragma frechet forward wrt(x) name(ok2_dx)
double ok2(double x) { return x * x; }

// A pragma on the last line.
#pragma frechet forward
