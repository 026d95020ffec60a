"""Seeded generator of random C++ functions on Eigen matrices.

generate(seed_text) builds a Program (cxx.py) like gen.generate, but the
entry function f takes Eigen parameters (`const Eigen::MatrixXd &`,
`const Eigen::VectorXd &`, `const Eigen::Matrix3d &`, `Eigen::Vector3d`,
by value, and a written `Eigen::MatrixXd &`) with scalars and an int n, and
returns a double, a matrix, or nothing. Bodies mix the scalar statements of
gen.FnGen with matrix locals (dynamic and fixed size, `auto` products),
overwritten and compound-assigned matrices, coefficient and block writes,
and expressions built from sums, products, transposes, scalings, blocks,
`.array()` functions, `cwiseProduct`/`cwiseQuotient`, reductions (`trace`,
`sum`, `mean`, `dot`, `norm`, `squaredNorm`, `determinant`), `inverse()`,
`frechet::solve`, `solve_spd`, `logdet`, `logdet_spd`, `logabsdet`, and
calls of matrix helpers (some annotated themselves).

Everything stays within docs/matrices.md: blocks only of variables,
no matrix built by a constructor or comma initializer from differentiated
values, pow exponents constant. Shapes are concrete at generation time (each
expression has a type 'm<rows>x<cols>'), so products, solves and blocks
always fit. Matrices that are inverted, solved with or whose log-determinant
is taken are made well conditioned by construction: tanh(E) + (r + 1) I is
strictly diagonally dominant with a positive diagonal (det > 0, condition
number below 2r + 1), and tanh(E) tanh(E)^T + r I is symmetric positive
definite with eigenvalues in [r, r + r^2]. Logarithms, square roots and
quotients get positive arguments (x^2 + 1), exponentials bounded ones.
"""

import random

from cxx import (Assign, Bin, Call, Coef, CommaInit, Decl, ExprStmt,
                 Function, If, Jump, Lit, MatParam, Meth, Param, Program, Ref,
                 Un)
from gen import LITERALS, NMAX, FnGen, Helper, IntVar, gen_helper


def mty(shape):
    return "m%dx%d" % shape


class MatVar:
    """A matrix variable: shape (rows, cols); cls its C++ type; writable:
    whether coefficients, blocks and the whole may be assigned; block: may
    be the receiver of a block or coefficient (not an auto expression)."""

    def __init__(self, name, shape, cls, writable, block=True, readonly_param=False):
        self.name, self.shape, self.cls = name, shape, cls
        self.writable, self.block = writable, block
        self.readonly_param = readonly_param


def cls_for(rng, shape, fixed_ok=True):
    """A plain Eigen type for a variable of this shape."""
    r, c = shape
    if fixed_ok and shape == (3, 3) and rng.random() < 0.4:
        return "Eigen::Matrix3d"
    if fixed_ok and shape == (3, 1) and rng.random() < 0.4:
        return "Eigen::Vector3d"
    if c == 1 and rng.random() < 0.6:
        return "Eigen::VectorXd"
    return "Eigen::MatrixXd"


VECTORS = ("Eigen::VectorXd", "Eigen::Vector3d")
BLOCKS = ("transpose", "row", "col", "block", "head", "tail", "segment",
          "diagonal", "topRows", "bottomRows", "leftCols", "rightCols")


def aliases(e, name):
    """Whether e reads a transpose or a block of variable `name`: Eigen
    does not evaluate those before assigning to `name`, so the assignment
    would read what it is overwriting."""
    if isinstance(e, Meth) and not e.fn and e.name in BLOCKS and \
            mentions(e.recv, name):
        return True
    return any(aliases(k, name) for k in e.children())


def mentions(e, name):
    if isinstance(e, (Ref, Coef)) and getattr(e, "name", getattr(
            e, "mat", None)) == name:
        return True
    return any(mentions(k, name) for k in e.children())


def constant(e):
    """Whether matrix expression e is Identity / Ones / Constant, maybe
    scaled or negated (no matrix variable in it)."""
    if isinstance(e, Meth) and e.fn and e.name == "":
        return True
    if isinstance(e, Un):
        return constant(e.e)
    if isinstance(e, Bin) and e.op in ("*", "/", "+", "-"):
        ms = [k for k in (e.l, e.r) if k.ty.startswith("m")]
        return all(constant(k) for k in ms)
    return False


def ident(shape):
    return "Eigen::MatrixXd::Identity(%d, %d)" % shape


class MatGen(FnGen):
    """FnGen with matrix statements and expressions."""

    def __init__(self, rng, helpers, ret, budget, max_depth, dims,
                 ret_shape=None):
        FnGen.__init__(self, rng, helpers, ret, budget, max_depth)
        self.dims = dims
        self.ret_shape = ret_shape
        self.nohelp = 0

    # ------------------------------------------------------------ shapes
    def shapes(self):
        out = [(a, b) for a in self.dims for b in self.dims]
        return out + [(a, 1) for a in self.dims if 1 not in self.dims]

    def mats(self, pred=lambda v: True):
        return [v for v in self.all("mats") if pred(v)]

    def some_shape(self):
        """A shape, preferring those of variables."""
        r = self.rng
        vs = self.mats()
        if vs and r.random() < 0.75:
            return r.choice(vs).shape
        return r.choice(self.shapes())

    # ------------------------------------------------------- expressions
    def scalar_factor(self):
        r = self.rng
        if r.random() < 0.5:
            return Lit(r.choice(["0.5", "0.25", "1.5", "-0.5", "2.0"]))
        return self.expr(1, helpers=False)

    def block_of(self, shape):
        """A block of a variable with this shape, or None."""
        r = self.rng
        rr, cc = shape
        opts = []
        for v in self.mats(lambda v: v.block):
            R, C = v.shape
            n = v.name
            if cc == 1 and C == 1 and R > rr and v.cls in VECTORS:
                i = r.randint(0, R - rr)
                opts += [Meth(Ref(n, mty(v.shape)), "head", [str(rr)],
                              mty(shape)),
                         Meth(Ref(n, mty(v.shape)), "tail", [str(rr)],
                              mty(shape)),
                         Meth(Ref(n, mty(v.shape)), "segment",
                              [str(i), str(rr)], mty(shape))]
            if cc == 1 and R == rr and C > 1:
                opts.append(Meth(Ref(n, mty(v.shape)), "col",
                                 [self.index(C)], mty(shape)))
            if cc == 1 and C == rr and R > 1:
                opts.append(Meth(Meth(Ref(n, mty(v.shape)), "row",
                                      [self.index(R)], mty((1, C))),
                                 "transpose", [], mty(shape)))
            if cc == 1 and R == C == rr and R > 1:
                opts.append(Meth(Ref(n, mty(v.shape)), "diagonal", [],
                                 mty(shape)))
            if R >= rr and C >= cc and (R, C) != (rr, cc):
                i, j = r.randint(0, R - rr), r.randint(0, C - cc)
                opts.append(Meth(Ref(n, mty(v.shape)), "block",
                                 [str(i), str(j), str(rr), str(cc)],
                                 mty(shape)))
                if C == cc:
                    opts.append(Meth(Ref(n, mty(v.shape)), r.choice(
                        ["topRows", "bottomRows"]), [str(rr)], mty(shape)))
                if R == rr:
                    opts.append(Meth(Ref(n, mty(v.shape)), r.choice(
                        ["leftCols", "rightCols"]), [str(cc)], mty(shape)))
        return r.choice(opts) if opts else None

    def mleaf(self, shape):
        r = self.rng
        t = mty(shape)
        same = self.mats(lambda v: v.shape == shape)
        if shape[0] * shape[1] <= 6 and r.random() < 0.08:
            # Eigen 3.4's initializer lists, from scalar expressions:
            # MatrixXd{{a, b}, {c, d}}.
            rows = ["{{" + ", ".join("{%d}" % (i * shape[1] + j)
                                     for j in range(shape[1])) + "}}"
                    for i in range(shape[0])]
            return Meth(None, "", [], t,
                        fn="Eigen::MatrixXd{{" + ", ".join(rows) + "}}",
                        kids=[self.expr(1, helpers=False)
                              for _ in range(shape[0] * shape[1])])
        k = r.random()
        if same and k < 0.6:
            return Ref(r.choice(same).name, t)
        tr = self.mats(lambda v: v.shape == (shape[1], shape[0]))
        if tr and k < 0.75:
            return Meth(Ref(r.choice(tr).name, mty(tr[0].shape)),
                        "transpose", [], t)
        if k < 0.9:
            b = self.block_of(shape)
            if b is not None:
                return b
        if same:
            return Ref(r.choice(same).name, t)
        k = r.random()
        if k < 0.3 and shape[0] == shape[1]:
            return Meth(None, "", [], t, fn=ident(shape), kids=[])
        if k < 0.4:
            return Meth(None, "", [], t, fn="Eigen::MatrixXd::Ones(%d, %d)"
                        % shape, kids=[])
        # Constant's value may vary.
        return Meth(None, "", [], t, fn="Eigen::MatrixXd::Constant(%d, %d, "
                    % shape + "{0})", kids=[self.expr(1, helpers=False)])

    def wc(self, e, r):
        """tanh(e) + (r + 1) I: strictly diagonally dominant, det > 0."""
        return Meth(None, "", [], mty((r, r)),
                    fn="({0}.array().tanh().matrix() + %d.0 * %s)" % (
                        r + 1, ident((r, r))), kids=[e])

    def spd(self, e, r):
        """tanh(e) tanh(e)^T + r I: SPD, eigenvalues in [r, r + r^2]."""
        return Meth(None, "", [], mty((r, r)),
                    fn="({0}.array().tanh().matrix() * "
                    "{0}.array().tanh().matrix().transpose() + %d.0 * %s)" % (
                        r, ident((r, r))), kids=[e])

    def mexpr(self, shape, depth):
        """A matrix expression of this shape."""
        r = self.rng
        rr, cc = shape
        t = mty(shape)
        if depth <= 0 or r.random() < 0.3:
            return self.mleaf(shape)
        k = r.random()
        d = depth - 1
        if k < 0.2:
            return Bin(r.choice(["+", "-", "+"]), self.mexpr(shape, d),
                       self.mexpr(shape, d), t)
        if k < 0.24:
            return Un("-", self.mexpr(shape, d), t)
        if k < 0.34:
            m = self.mexpr(shape, d)
            kk = r.random()
            if kk < 0.4:
                return Bin("*", self.scalar_factor(), m, t)
            if kk < 0.7:
                return Bin("*", m, self.scalar_factor(), t)
            return Bin("/", m, r.choice([
                Lit(r.choice(["2.0", "3.0", "-4.0"])),
                Bin("+", Lit("1.5"), self.square(self.leaf()))]), t)
        if k < 0.5:
            inner = r.choice(self.dims + [1])
            a, b = self.mexpr((rr, inner), d), self.mexpr((inner, cc), d)
            if constant(a) or constant(b):
                # Eigen 3.4 does not compile s * (Constant(...) * B).
                return self.mleaf(shape)
            # Scaled, so that chains of products stay moderate.
            p = Bin("*", a, b, t)
            return Bin("*", Lit("0.5"), p, t) if r.random() < 0.3 else p
        if k < 0.56:
            return Meth(self.mexpr((cc, rr), d), "transpose", [], t)
        if k < 0.64:
            a, b = self.mexpr(shape, d), self.mexpr(shape, d)
            if r.random() < 0.6:
                return Meth(None, "cwiseProduct", [], t,
                            fn="{0}.cwiseProduct({1})", kids=[a, b])
            return Meth(None, "cwiseQuotient", [], t,
                        fn="{0}.cwiseQuotient(({1}.array().square() + 1.0)"
                        ".matrix())", kids=[a, b])
        if k < 0.76:
            return self.array_fn(self.mexpr(shape, d), t)
        if k < 0.8:
            b = self.block_of(shape)
            if b is not None:
                return b
        if k < 0.86:
            m = self.mexpr((rr, rr), d)
            rhs = self.mexpr(shape, d)
            if r.random() < 0.65:
                return Call("frechet::solve", [self.wc(m, rr), rhs], t)
            return Call("frechet::solve_spd", [self.spd(m, rr), rhs], t)
        if k < 0.9 and rr == cc:
            return Meth(self.wc(self.mexpr(shape, d), rr), "inverse", [], t)
        if k < 0.95:
            e = self.mhelper_call(shape, d)
            if e is not None:
                return e
        return self.mleaf(shape)

    def array_fn(self, e, t):
        r = self.rng
        f = r.choice(["tanh", "sin", "cos", "square", "abs", "exp", "log",
                      "sqrt", "inverse", "pow", "log1p", "expm1", "cube",
                      "times"])
        if f in ("exp", "expm1"):
            fn = "{0}.array().tanh()." + f + "().matrix()"
        elif f in ("log", "sqrt", "inverse", "log1p"):
            fn = "({0}.array().square() + 1.0)." + f + "().matrix()"
        elif f == "pow":
            fn = "({0}.array().square() + 0.5).pow(%s).matrix()" % r.choice(
                ["1.5", "0.5", "-0.5", "2.0"])
        elif f == "cube":
            fn = "{0}.array().tanh().cube().matrix()"
        elif f == "times":
            fn = "({0}.array() * {0}.array().cos()).matrix()"
        else:
            fn = "{0}.array()." + f + "().matrix()"
        return Meth(None, f, [], t, fn=fn, kids=[e])

    def mscalar(self, depth):
        """A double computed from matrices."""
        r = self.rng
        shape = self.some_shape()
        rr, cc = shape
        d = max(depth - 2, 0)
        k = r.random()
        if k < 0.12:
            vs = self.mats(lambda v: v.block and v.shape == shape)
            if vs:
                v = r.choice(vs)
                return self.coef(v)
        m = self.mexpr(shape, d)
        if k < 0.3:
            return Meth(m, r.choice(["sum", "sum", "mean"]), [], "d")
        if k < 0.4:
            return Meth(m, r.choice(["squaredNorm", "norm"]), [], "d")
        if k < 0.5 and rr == cc:
            return Meth(m, "trace", [], "d")
        if k < 0.58:
            # dot() takes vectors at compile time: vector variables.
            vs = self.mats(lambda v: v.cls in VECTORS)
            if vs:
                v = r.choice(vs)
                w = r.choice([u for u in vs if u.shape == v.shape])
                return Meth(None, "dot", [], "d", fn="{0}.dot({1})",
                            kids=[Ref(v.name, mty(v.shape)),
                                  Ref(w.name, mty(w.shape))])
        if k < 0.63:
            # A 1x1 product used as a scalar.
            x = self.mexpr((rr, 1), d)
            y = self.mexpr((cc, 1), d)
            return Meth(None, "value", [], "d",
                        fn="({0}.transpose() * {1} * {2}).value()",
                        kids=[x, m, y])
        if k < 0.68:
            # A coefficient of an expression.
            return Meth(None, "coef", [], "d", fn="{0}(%d, %d)" % (
                r.randrange(rr), r.randrange(cc)), kids=[m])
        sq = self.mexpr((rr, rr), d)
        if k < 0.76:
            return Meth(self.wc(sq, rr), "determinant", [], "d")
        if k < 0.84:
            return Call("frechet::" + r.choice(["logdet", "logabsdet"]),
                        [self.wc(sq, rr)], "d")
        if k < 0.9:
            return Call("frechet::logdet_spd", [self.spd(sq, rr)], "d")
        if k < 0.95:
            h = self.mscalar_helper_call(d)
            if h is not None:
                return h
        return Meth(m, "sum", [], "d")

    def expr(self, depth, calls=True, helpers=None):
        # Matrix operations are differentiated calls, which reverse mode
        # does not take inside ?: (where helpers is False) or conditions.
        if calls and helpers is not False and depth > 0 and \
                self.rng.random() < 0.3:
            return self.mscalar(depth)
        return FnGen.expr(self, depth, calls, helpers)

    def leaf(self):
        r = self.rng
        if r.random() < 0.15:
            vs = self.mats(lambda v: v.block)
            if vs:
                v = r.choice(vs)
                rr, cc = v.shape
                return self.coef(v)
        return FnGen.leaf(self)

    def coef(self, v):
        """A coefficient of variable v: v(i, j), or v(i) / v[i] of a
        vector type."""
        rr, cc = v.shape
        if v.cls in VECTORS:
            return Coef(v.name, [self.index(rr)],
                        bracket=self.rng.random() < 0.3)
        return Coef(v.name, [self.index(rr), self.index(cc)])

    # ----------------------------------------------------------- helpers
    def mhelper_call(self, shape, depth):
        r = self.rng
        hs = [h for h in self.helpers if h.kind == "mmap" and
              h.ret_shape == shape]
        if not hs or self.nohelp:
            return None
        h = r.choice(hs)
        return Call(h.name, [self.mexpr(h.arg_shape, depth),
                             self.expr(1, helpers=False)], mty(shape),
                    helper=True)

    def mscalar_helper_call(self, depth):
        r = self.rng
        hs = [h for h in self.helpers if h.kind == "mscal"]
        if not hs or self.nohelp:
            return None
        h = r.choice(hs)
        return Call(h.name, [self.mexpr(h.arg_shape, depth),
                             self.mexpr((h.arg_shape[0], 1), depth)], "d",
                    helper=True)

    # -------------------------------------------------------- statements
    def stmt(self, depth):
        r = self.rng
        x = r.random()
        if x < 0.5:
            self.budget -= 1
            kinds = [("mdecl", 3), ("massign", 2.5), ("mcompound", 2),
                     ("mcoef", 2.5), ("mblock", 1), ("mvcall", 0.7),
                     ("mcomma", 1.5)]
            total = sum(w for _, w in kinds)
            y = r.random() * total
            for kind, w in kinds:
                y -= w
                if y <= 0:
                    break
            out = getattr(self, "s_" + kind)(depth)
            if out is not None:
                return out
            return self.s_mdecl(depth)
        return FnGen.stmt(self, depth)

    def s_mdecl(self, depth):
        r = self.rng
        name = self.fresh("M")
        ro = self.mats(lambda v: v.readonly_param)
        if ro and r.random() < 0.1:
            # An auto product of parameters that f never writes (the
            # generated code evaluates it; the primal keeps the expression).
            a = r.choice(ro)
            bs = [v for v in ro if v.shape[0] == a.shape[1]]
            if bs:
                b = r.choice(bs)
                shape = (a.shape[0], b.shape[1])
                e = Bin("*", Ref(a.name, mty(a.shape)),
                        Ref(b.name, mty(b.shape)), mty(shape))
                self.scopes[-1].mats.append(MatVar(name, shape, "auto",
                                                   False, block=False))
                return [Decl("auto", name, e)]
        shape = r.choice(self.shapes()) if r.random() < 0.4 else \
            self.some_shape()
        cls = cls_for(r, shape)
        e = self.mexpr(shape, 2)
        self.scopes[-1].mats.append(MatVar(name, shape, cls, True))
        return [Decl(cls, name, e)]

    def writable(self):
        return self.mats(lambda v: v.writable)

    def s_massign(self, depth):
        r = self.rng
        ws = self.writable()
        if not ws:
            return None
        v = r.choice(ws)
        e = self.mexpr(v.shape, 2)
        if aliases(e, v.name):
            return None
        return [Assign(Ref(v.name, mty(v.shape)), "=", e)]

    def s_mcomma(self, depth):
        """M << A, B; side by side or one above the other, a single row
        or column sometimes given as scalars."""
        r = self.rng
        ws = self.writable()
        if not ws:
            return None
        v = r.choice(ws)
        rr, cc = v.shape
        if cc > 1 and (rr == 1 or r.random() < 0.5):
            c1 = r.randint(1, cc - 1)
            shapes = [(rr, c1), (rr, cc - c1)]
        elif rr > 1:
            r1 = r.randint(1, rr - 1)
            shapes = [(r1, cc), (rr - r1, cc)]
        else:
            return None
        items = []
        for shape in shapes:
            if shape == (1, 1) or (shape[0] == 1 and r.random() < 0.3):
                items += [self.expr(2) for _ in range(shape[1])]
            else:
                e = self.mexpr(shape, 2)
                if aliases(e, v.name):
                    return None
                items.append(e)
        return [CommaInit(Ref(v.name, mty(v.shape)), items)]

    def s_mcompound(self, depth):
        r = self.rng
        ws = self.writable()
        if not ws:
            return None
        v = r.choice(ws)
        t = Ref(v.name, mty(v.shape))
        k = r.random()
        if k < 0.5:
            e = self.mexpr(v.shape, 2)
            if aliases(e, v.name):
                return None
            return [Assign(t, r.choice(["+=", "-="]), e)]
        if k < 0.75:
            return [Assign(t, "*=", r.choice([
                Lit("0.5"), Bin("+", Lit("0.5"), Call("std::tanh", [
                    self.expr(2)]))]))]
        if k < 0.85:
            return [Assign(t, "/=", Bin("+", Lit("1.5"),
                                        self.square(self.leaf())))]
        c = v.shape[1]
        if c > 1 and v.cls in ("Eigen::MatrixXd", "Eigen::Matrix3d"):
            m = self.mexpr((c, c), 2)
            if constant(m):
                # Eigen 3.4 does not compile M *= s * Constant(...)
                # (programs mat6:6, matfinal6:71).
                return None
            return [Assign(t, "*=", Bin("*", Lit("0.5"), m, mty((c, c))))]
        return None

    def s_mcoef(self, depth):
        r = self.rng
        ws = self.writable()
        if not ws:
            return None
        t = self.coef(r.choice(ws))
        op = r.choice(["=", "=", "+=", "-=", "*="])
        rhs = self.expr(3) if op != "*=" else Bin(
            "+", Lit("0.5"), Call("std::sin", [self.expr(2)]))
        return [Assign(t, op, rhs)]

    def s_mblock(self, depth):
        r = self.rng
        ws = self.writable()
        if not ws:
            return None
        v = r.choice(ws)
        R, C = v.shape
        vt = mty(v.shape)
        k = r.random()
        if C == 1 and R > 1 and v.cls in VECTORS:
            n = r.randint(1, R - 1)
            lhs = Meth(Ref(v.name, vt), r.choice(["head", "tail"]), [str(n)],
                       mty((n, 1)))
            rhs = self.mexpr((n, 1), 2)
        elif k < 0.35 and C > 1:
            lhs = Meth(Ref(v.name, vt), "row", [self.index(R)], mty((1, C)))
            rhs = Meth(self.mexpr((C, 1), 2), "transpose", [], mty((1, C)))
        elif k < 0.7 and R > 1:
            lhs = Meth(Ref(v.name, vt), "col", [self.index(C)], mty((R, 1)))
            rhs = self.mexpr((R, 1), 2)
        elif R == C and R > 1 and k < 0.8:
            lhs = Meth(Ref(v.name, vt), "diagonal", [], mty((R, 1)))
            rhs = self.mexpr((R, 1), 2)
        else:
            rr, cc = r.randint(1, R), r.randint(1, C)
            lhs = Meth(Ref(v.name, vt), "block", [
                str(r.randint(0, R - rr)), str(r.randint(0, C - cc)),
                str(rr), str(cc)], mty((rr, cc)))
            rhs = self.mexpr((rr, cc), 2)
        if mentions(rhs, v.name):
            return None
        return [Assign(lhs, r.choice(["=", "=", "+=", "-="]), rhs)]

    def s_mvcall(self, depth):
        r = self.rng
        hs = [h for h in self.helpers if h.kind == "mref"]
        ws = self.mats(lambda v: v.writable and v.cls == "Eigen::MatrixXd")
        if not hs or not ws:
            return None
        h = r.choice(hs)
        outs = [v for v in ws if v.shape == h.ret_shape]
        if not outs:
            return None
        o = r.choice(outs)
        arg = self.mexpr(h.arg_shape, 2)
        if mentions(arg, o.name):  # X would alias Y
            return None
        return [ExprStmt(Call(h.name, [arg, Ref(o.name, mty(o.shape))], "v",
                              helper=True))]

    def s_return(self, depth):
        if self.ret_shape is not None:
            return [If(self.cond(), [Jump("return", self.mexpr(
                self.ret_shape, 2))])]
        return FnGen.s_return(self, depth)


# ------------------------------------------------------------------ helpers


def mat_param(rng, kind, name, shape, by_value=False, fixed_ok=True):
    cls = cls_for(rng, shape, fixed_ok)
    if kind == "mout":
        cls = "Eigen::MatrixXd"
        ctype = cls + " &%s"
    elif by_value:
        ctype = cls + " %s"
    else:
        ctype = "const " + cls + " &%s"
    return MatParam(kind, name, shape, cls, ctype)


def gen_mat_helper(rng, idx, helpers, dims):
    name = "h%d" % idx
    kind = rng.choice(["mmap", "mmap", "mscal", "mref"])
    shapes = [(a, b) for a in dims for b in dims]
    arg_shape = rng.choice(shapes)
    by_value = rng.random() < 0.25
    ret_shape = rng.choice(shapes) if kind != "mscal" else None
    ret = {"mmap": "Eigen::MatrixXd", "mscal": "double", "mref": "void"}[kind]
    g = MatGen(rng, helpers, ret, budget=rng.randint(2, 5), max_depth=2,
               dims=dims, ret_shape=ret_shape if kind == "mmap" else None)
    x = mat_param(rng, "min", "X", arg_shape, by_value, fixed_ok=False)
    x.cls, x.ctype = "Eigen::MatrixXd", ("Eigen::MatrixXd %s" if by_value
                                         else "const Eigen::MatrixXd &%s")
    g.names.add("X")
    g.scopes[0].mats.append(MatVar("X", arg_shape, x.cls, by_value,
                                   readonly_param=not by_value))
    params = [x]
    if kind == "mmap":
        params.append(Param("scalar", "c"))
        g.scopes[0].dvars.append(("c", True))
    elif kind == "mscal":
        y = MatParam("min", "y", (arg_shape[0], 1), "Eigen::VectorXd",
                     "const Eigen::VectorXd &%s")
        params.append(y)
        g.scopes[0].mats.append(MatVar("y", y.shape, y.cls, False,
                                       readonly_param=True))
    else:
        params.append(MatParam("mout", "Y", ret_shape, "Eigen::MatrixXd",
                               "Eigen::MatrixXd &%s"))
        g.scopes[0].mats.append(MatVar("Y", ret_shape, "Eigen::MatrixXd",
                                       True))
    body = g.block(0, rng.randint(1, 3))
    if kind == "mmap":
        body.append(Jump("return", g.mexpr(ret_shape, 2), essential=True))
    elif kind == "mscal":
        body.append(Jump("return", g.expr(3), essential=True))
    else:
        body.append(Assign(Ref("Y", mty(ret_shape)), rng.choice(["=", "+="]),
                           g.mexpr(ret_shape, 2)))
    pragmas = []
    if rng.random() < 0.3:
        pragmas = rng.sample(["forward", "reverse"], rng.randint(1, 2))
    h = Helper(name, kind, ret)
    h.arg_shape, h.ret_shape = arg_shape, ret_shape
    return Function(name, ret, params, body, pragmas,
                    ret_shape if kind == "mmap" else None), h


# -------------------------------------------------------------------- entry


def generate(seed_text, ns="p0", size=1.0):
    """The matrix program for seed_text."""
    rng = random.Random("matrix:" + seed_text)
    n = rng.choice([2, 3, 3, 4])
    dims = sorted({n, rng.choice([1, 2, 3, 3])})
    helpers, funcs = [], []
    for i in range(rng.choice([0, 0, 1, 1, 2])):
        if rng.random() < 0.8:
            f, h = gen_mat_helper(rng, i, helpers, [d for d in dims if d > 1]
                                  or [2])
        else:
            f, h = gen_helper(rng, i, helpers)
        funcs.append(f)
        helpers.append(h)
    shapes = [(a, b) for a in dims for b in dims] + [(a, 1) for a in dims]
    params = []
    for i in range(rng.randint(1, 3)):
        sh = rng.choice(shapes)
        params.append(mat_param(rng, "min", "A%d" % i, sh,
                                by_value=rng.random() < 0.15))
    if rng.random() < 0.3:
        params.append(mat_param(rng, "min", "F%d" % len(params), (3, 3)
                                if rng.random() < 0.5 else (3, 1)))
        if 3 not in dims:
            dims = sorted(set(dims) | {3})
    if rng.random() < 0.2:
        params.append(mat_param(rng, "mout", "W0", rng.choice(shapes)))
    for i in range(rng.randint(0, 2)):
        params.append(Param("scalar", "s%d" % i))
    if rng.random() < 0.4:
        params.append(Param("int", "n"))
    rng.shuffle(params)
    outs = [p for p in params if p.kind == "mout"]
    k = rng.random()
    ret_shape = None
    if outs and k < 0.15:
        ret = "void"
    elif k < 0.7:
        ret = "double"
    else:
        ret_shape = rng.choice(shapes)
        ret = "Eigen::MatrixXd" if ret_shape[1] > 1 or rng.random() < 0.5 \
            else "Eigen::VectorXd"
        if ret_shape == (3, 3) and rng.random() < 0.3:
            ret = "Eigen::Matrix3d"
    g = MatGen(rng, helpers, ret, budget=int(rng.randint(3, 10) * size),
               max_depth=3, dims=dims, ret_shape=ret_shape)
    for p in params:
        g.names.add(p.name)
        if p.kind == "scalar":
            g.scopes[0].dvars.append((p.name, True))
        elif p.kind == "int":
            g.scopes[0].ivars.append(IntVar("n", 0, NMAX))
        else:
            by_value = not p.ctype.startswith("const")
            g.scopes[0].mats.append(MatVar(
                p.name, p.shape, p.cls, by_value,
                readonly_param=not by_value))
    body = g.block(0, rng.randint(2, 5))
    if ret == "double":
        body.append(Jump("return", g.expr(3), essential=True))
    elif ret_shape is not None:
        body.append(Jump("return", g.mexpr(ret_shape, 2), essential=True))
    pragmas = ["forward", "reverse"] + (["gradient"] if ret == "double"
                                        else [])
    rng.shuffle(pragmas)
    entry = Function("f", ret, params, body, pragmas, ret_shape)
    return Program(ns, funcs, entry, seed_text, NMAX, matrix=True)
