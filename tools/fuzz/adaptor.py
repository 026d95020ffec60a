"""C++ adaptors between a generated program and fuzz_oracles.h.

For the entry function f of a program, adaptors() writes fz_primal, fz_jvp,
fz_vjp and fz_grad, which unpack the flattened input vector into f's
parameters, call f / f_jvp / f_vjp / f_grad with the calling conventions of
docs/user-guide.md and docs/reverse-mode.md, and pack the results:

  inputs  every differentiable parameter in order (arrays element by
          element; arrays and references f writes with their initial values)
  outputs f's result (when it is a double), then the final values of the
          arrays and references f writes

Eigen matrices (MatParam, a matrix result) are flattened column-major, so
that the oracles' dot products are Frobenius inner products. A dynamic
matrix adjoint that starts at zero is passed empty (f_vjp and f_grad must
resize it; one left empty is zero), a fixed-size one is zero; results, and
adjoints that are not empty, must have the parameter's shape (check
`shape`).
"""

MATRIX_VALUE_TOL = "1e-12"
MATRIX_PRELUDE = "#include <frechet/matrix.h>\n"
PRELUDE = """#include <frechet/frechet.h>

#include <algorithm>
#include <cmath>

#include "fuzz_oracles.h"
"""


def layout(f):
    """(inputs, outputs): lists of (param, offset) and the sizes."""
    ins, outs = [], []
    ni = 0
    no = 1 if f.ret == "double" else 0
    if f.ret_shape is not None:
        no = f.ret_shape[0] * f.ret_shape[1]
    for p in f.params:
        size = p.length if p.kind in ("in", "out", "min", "mout") else 1
        if p.kind == "int":
            continue
        ins.append((p, ni, size))
        ni += size
        if p.kind in ("out", "ref", "mout"):
            outs.append((p, no, size))
            no += size
    return ins, outs, ni, no


def adaptors(prog):
    f = prog.entry
    ins, outs, ni, no = layout(f)
    args = ", ".join(p.name for p in f.params)
    L = []

    def shape(p):
        return "%d, %d" % p.shape

    def unpack(src="in"):
        for p, off, size in ins:
            if p.kind in ("min", "mout"):
                L.append("  %s %s = fuzz::load<%s>(%s + %d, %s);" % (
                    p.cls, p.name, p.cls, src, off, shape(p)))
            elif p.kind in ("in", "out"):
                L.append("  double %s[%d];" % (p.name, size))
                L.append("  std::copy(%s + %d, %s + %d, %s);" % (
                    src, off, src, off + size, p.name))
            else:
                L.append("  double %s = %s[%d];" % (p.name, src, off))

    def pack_outputs(dst="out", prefix=""):
        for p, off, size in outs:
            if p.kind == "mout":
                L.append('  fuzz::store(%s%s, %s, %s + %d, "%s%s");' % (
                    prefix, p.name, shape(p), dst, off, prefix, p.name))
            elif p.kind == "out":
                L.append("  std::copy(%s%s, %s%s + %d, %s + %d);" % (
                    prefix, p.name, prefix, p.name, size, dst, off))
            else:
                L.append("  %s[%d] = %s%s;" % (dst, off, prefix, p.name))

    def tangents(kind):
        """Declares t_<p> from tin (jvp), adj/cot (vjp) or zeros (grad)."""
        for p, off, size in ins:
            name = "t_" + p.name
            if kind == "jvp":
                src = "tin + %d" % off
            elif p.kind in ("out", "ref", "mout"):
                oo = [o for q, o, _ in outs if q is p][0]
                src = "cot + %d" % oo if kind == "vjp" else None
            else:
                src = "adj + %d" % off
            if p.kind == "mout" or (p.kind == "min" and kind == "jvp"):
                L.append("  %s %s = fuzz::load<%s>(%s, %s);" % (
                    p.cls, name, p.cls, src or "nullptr", shape(p)))
            elif p.kind == "min":
                # Empty (dynamic) or zero (fixed size) when it starts at 0.
                L.append("  %s %s;" % (p.cls, name))
                L.append("  fuzz::init_adjoint(%s, %s, %s);" % (
                    name, src or "nullptr", shape(p)))
            elif p.kind in ("in", "out"):
                if src is None:
                    L.append("  double %s[%d] = {};" % (name, size))
                else:
                    L.append("  double %s[%d];" % (name, size))
                    L.append("  std::copy(%s, %s + %d, %s);" % (
                        src, src, size, name))
            else:
                L.append("  double %s = %s;" % (
                    name, "0.0" if src is None else "*(%s)" % src))

    def adjoints_out(dst):
        for p, off, size in ins:
            if p.kind in ("min", "mout"):
                L.append('  fuzz::store_adjoint(t_%s, %s, %s + %d, "d_%s");' %
                         (p.name, shape(p), dst, off, p.name))
            elif p.kind in ("in", "out"):
                L.append("  std::copy(t_%s, t_%s + %d, %s + %d);" % (
                    p.name, p.name, size, dst, off))
            else:
                L.append("  %s[%d] = t_%s;" % (dst, off, p.name))

    targs = ", ".join("t_" + p.name for p, _, _ in ins)
    uses_n = any(p.kind == "int" for p in f.params)

    def head(signature):
        L.append(signature)
        if not uses_n:
            L.append("  (void)n;")

    rs = f.ret_shape
    rshape = "%d, %d" % rs if rs else ""
    head("void fz_primal(const double *in, int n, double *out) {")
    unpack()
    call = "f(%s)" % args
    if rs:
        L.append('  fuzz::store(%s, %s, out, "f");' % (call, rshape))
    else:
        L.append("  out[0] = %s;" % call if f.ret == "double" else
                 "  %s;" % call)
    pack_outputs()
    L.append("}")

    head("void fz_jvp(const double *in, const double *tin, int n, "
         "double *out, double *tout) {")
    unpack()
    tangents("jvp")
    call = "f_jvp(%s, %s)" % (args, targs)
    if f.ret == "double":
        L.append("  auto r = %s;" % call)
        L.append("  out[0] = r.value;")
        L.append("  tout[0] = r.tangent;")
    elif rs:
        L.append("  auto r = %s;" % call)
        L.append('  fuzz::store(r.value, %s, out, "f_jvp");' % rshape)
        L.append('  fuzz::store(r.tangent, %s, tout, "tangent");' % rshape)
    else:
        L.append("  %s;" % call)
    pack_outputs()
    pack_outputs("tout", "t_")
    L.append("}")

    head("void fz_vjp(const double *in, const double *cot, int n, "
         "double *out, double *adj) {")
    unpack()
    tangents("vjp")
    if f.ret == "double":
        L.append("  out[0] = f_vjp(%s, cot[0], %s);" % (args, targs))
    elif rs:
        L.append("  %s d_ret = fuzz::load<%s>(cot, %s);" % (f.ret, f.ret,
                                                            rshape))
        L.append('  fuzz::store(f_vjp(%s, d_ret, %s), %s, out, "f_vjp");' % (
            args, targs, rshape))
    else:
        L.append("  f_vjp(%s, %s);" % (args, targs))
    pack_outputs()
    adjoints_out("adj")
    L.append("}")

    if f.ret == "double":
        head("void fz_grad(const double *in, int n, double *out, "
             "double *adj) {")
        unpack()
        tangents("grad")
        L.append("  out[0] = f_grad(%s, %s);" % (args, targs))
        pack_outputs()
        adjoints_out("adj")
        L.append("}")
    inout = "".join(("1" if p.kind in ("out", "ref", "mout") else "0") * size
                    for p, _, size in ins)
    entry = '{"%s", %d, %d, %d, "%s", %s::fz_primal, %s::fz_jvp, ' \
        '%s::fz_vjp, %s}' % (
            prog.ns, ni, no,
            prog.nmax if any(p.kind == "int" for p in f.params) else 0,
            inout, prog.ns, prog.ns, prog.ns,
            prog.ns + "::fz_grad" if f.ret == "double" else "nullptr")
    if prog.matrix:
        # The sweeps' values may differ from f's in the last bits where
        # Eigen evaluates a nested product differently (docs/matrices.md,
        # "Floating point"): checked to 1e-12 relative.
        entry = entry[:-1] + ", %s}" % MATRIX_VALUE_TOL
    return "\n".join(L) + "\n", entry


def translation_unit(progs, header_comment=""):
    """One .cpp with every program, its adaptors and a main()."""
    parts = [header_comment] + (
        [MATRIX_PRELUDE] if any(p.matrix for p in progs) else []) + [PRELUDE]
    entries = []
    for prog in progs:
        code, entry = adaptors(prog)
        body = prog.render()
        # The adaptors go inside the program's namespace.
        closing = "} // namespace %s\n" % prog.ns
        assert body.endswith(closing)
        parts.append(body[:-len(closing)] + code + closing)
        entries.append(entry)
    parts.append("static const fuzz::Program programs[] = {\n    " +
                 ",\n    ".join(entries) + "};\n")
    parts.append("int main(int argc, char **argv) {\n"
                 "  return fuzz::run(programs, %d, argc, argv);\n}\n"
                 % len(progs))
    return "\n".join(parts)
