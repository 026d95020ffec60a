#!/usr/bin/env python3
"""Writes a C++ file with very large annotated functions, for
test/crash/huge-function.test: a body of N statements (locals, branches,
loops, calls), an expression and a block nesting 150 and 60 deep, and a
function of 200 parameters with a pragma listing them all. main() checks
each gradient against forward mode."""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
out = ["#include <frechet/frechet.h>", "#include <cmath>", ""]

out += ["double step(double a, double b) { return std::tanh(a) * b + 0.5; }",
        "", "#pragma frechet gradient", "#pragma frechet forward",
        "double huge(const double *x, int m) {", "  double s = x[0];"]
for k in range(n):
    t = "t%d" % k
    kind = k % 5
    if kind == 0:
        out.append("  double %s = std::sin(s) * x[%d] + 0.5;" % (t, k % 8))
    elif kind == 1:
        out.append("  double %s = step(s, x[%d]);" % (t, k % 8))
    elif kind == 2:
        out.append("  double %s = s * 0.999;" % t)
        out.append("  if (%s > 0.1)\n    s += %s * 0.001;\n  else\n"
                   "    s -= %s * 0.002;" % (t, t, t))
        continue
    elif kind == 3:
        out.append("  double %s = 0;" % t)
        out.append("  for (int i = 0; i < m; ++i)\n"
                   "    %s += x[i] * s * 1e-3;" % t)
    else:
        out.append("  double %s = std::exp(-s * s) + x[%d];" % (t, (k * 3) % 8))
    out.append("  s = std::tanh(s + %s * 0.01);" % t)
out += ["  return s;", "}", ""]

depth = 150
expr = "x"
for k in range(depth):
    expr = "(%s * 0.99 + %s)" % (expr, "x" if k % 2 else "0.01")
out += ["#pragma frechet gradient", "#pragma frechet forward",
        "double deep(double x) {", "  double y = %s;" % expr]
for k in range(60):
    out.append("  " * (k + 1) + "if (y > %d) {" % (-k - 100))
out.append("  " * 61 + "y = y * x;")
for k in reversed(range(60)):
    out.append("  " * (k + 1) + "}")
out += ["  return y;", "}", ""]

m = 200
params = ", ".join("double p%d" % i for i in range(m))
wrt = ", ".join("p%d" % i for i in range(m))
body = " + ".join("p%d * p%d" % (i, (i + 1) % m) for i in range(m))
out += ["#pragma frechet gradient wrt(%s)" % wrt,
        "#pragma frechet forward wrt(%s)" % wrt,
        "double wide(%s) {" % params, "  return %s;" % body, "}", ""]

args = ", ".join("p[%d]" % i for i in range(m))
out += ["int main() {",
        "  double x[8] = {0.3, -0.2, 0.5, 0.1, -0.7, 0.9, 0.25, -0.4};",
        "  double g[8] = {};",
        "  double v = huge_grad(x, 8, g);",
        "  frechet::check_close(\"huge value\", v, huge(x, 8), 0);",
        "  frechet::check_close(\"huge tape\", "
        "double(frechet::default_tape().size()), 0, 0);",
        "  for (int i = 0; i < 8; ++i) {",
        "    double e[8] = {};",
        "    e[i] = 1;",
        "    frechet::check_close(\"huge vs jvp\", g[i], "
        "huge_jvp(x, 8, e).tangent, 1e-11);",
        "  }",
        "  double dx = 0;",
        "  deep_grad(0.7, dx);",
        "  frechet::check_close(\"deep vs jvp\", dx, "
        "deep_jvp(0.7, 1).tangent, 1e-12);",
        "  double p[%d], dp[%d] = {};" % (m, m),
        "  for (int i = 0; i < %d; ++i)" % m,
        "    p[i] = 0.01 * i;",
        "  wide_grad(%s, %s);" % (args, ", ".join(
            "dp[%d]" % i for i in range(m))),
        "  frechet::check_close(\"wide d/dp7\", dp[7], p[6] + p[8], 1e-14);",
        "  return frechet::check_exit_code();",
        "}"]
print("\n".join(out))
