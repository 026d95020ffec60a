"""Seeded generator of random C++ functions that Frechet differentiates.

generate(seed_text) builds a Program (see cxx.py): up to three helper
functions and an entry function `f` annotated with
`#pragma frechet forward`, `reverse` and (for a double result) `gradient`.
Everything generated stays within what both modes accept
(docs/reverse-mode.md, "What reverse mode cannot do yet"): no calls in
conditions, no assignments inside expressions,
loop increments that only step a counted index, local references only to
elements whose indices do not change while the reference is in scope,
pointers to scalar variables (`double *p = &v;`, used as `(*p)`) that are
never moved, pointers into 1-D arrays (`double *q = a + 2;`, local arrays
included).

Programs are valid C++ without undefined behaviour: every array index is in
bounds by construction (tracked integer ranges), every loop has an integer
trip bound, logarithms and square roots get positive arguments and
exponentials bounded ones. Floating-point overflow is possible; the oracles
skip points whose values are not finite.
"""

import contextlib
import random

from cxx import (Assign, AssignExpr, Bin, Call, Cast, Cond, Decl, ExprStmt, For, Function,
                 If, IncDec, Index, Jump, Lit, Param, Program, Raw, Ref,
                 Switch, Un, While)

LITERALS = ["0.5", "1.5", "2.0", "0.25", "3.0", "0.75", "1.25", "-0.5",
            "-1.5", "0.125", "4.0"]
# Local names that collide with names generated code uses.
CLASHING = ["d_s0", "d_v0", "_t0", "_t1", "_tape", "_ret", "d_ret", "_r0",
            "_k", "_n", "_s", "_live", "d_x0", "_s0", "_r", "t0", "t1", "t2",
            "_a", "_e", "_en", "_i"]
NMAX = 4  # the entry's int parameter n takes the values 0..NMAX


class IntVar:
    """An int with a known range [lo, hi]; below: the name of a length it
    stays under (helper loops 'j < m')."""

    def __init__(self, name, lo, hi, below=None, mutable=False):
        self.name, self.lo, self.hi = name, lo, hi
        self.below, self.mutable = below, mutable


class Arr:
    """A double array: dims (list of ints) or length None for helper
    arrays, which are only indexed by loops bounded by `bound`."""

    def __init__(self, name, dims, writable, bound=None):
        self.name, self.dims, self.writable = name, dims, writable
        self.bound = bound


class Scope:
    def __init__(self):
        self.dvars = []  # (name, assignable)
        self.ivars = []
        self.arrays = []
        self.mats = []  # genmat.MatVar, in matrix programs


class Helper:
    """A generated helper as seen by its callers."""

    def __init__(self, name, kind, ret):
        self.name, self.kind, self.ret = name, kind, ret


class FnGen:
    """Generates the body of one function."""

    def __init__(self, rng, helpers, ret, budget, max_depth):
        self.rng = rng
        self.helpers = helpers
        self.ret = ret
        self.budget = budget
        self.max_depth = max_depth
        self.scopes = [Scope()]
        self.breakable = []  # 'loop' / 'switch', innermost last
        self.names = set()
        self.counter = 0
        # Indices of a reference's element: none that a statement changes.
        self.stable_only = False
        # Draws calls into conditions (the entry's only); its own generator,
        # so programs without one stay what they were.
        self.rng_cond = None

    # ------------------------------------------------------------- scopes
    def push(self):
        self.scopes.append(Scope())

    def pop(self):
        self.scopes.pop()

    def all(self, attr):
        out = []
        for s in self.scopes:
            out += getattr(s, attr)
        return out

    def fresh(self, prefix):
        if self.rng.random() < 0.04:
            for cand in self.rng.sample(CLASHING, len(CLASHING)):
                if cand not in self.names:
                    self.names.add(cand)
                    return cand
        while True:
            name = "%s%d" % (prefix, self.counter)
            self.counter += 1
            if name not in self.names:
                self.names.add(name)
                return name

    @contextlib.contextmanager
    def drawing_from(self, rng):
        """Draws from rng instead of the program's generator for a while:
        what a feature adds then leaves the program's other draws, and so
        the programs without it, as they were."""
        saved, self.rng = self.rng, rng
        try:
            yield
        finally:
            self.rng = saved

    def chance(self, p):
        return self.rng.random() < p

    # ------------------------------------------------------------ indices
    def index(self, n, bound=None):
        """An in-bounds index into a dimension of length n (an int), or for
        a helper array, a loop variable bounded by `bound`."""
        r = self.rng
        if n is None:
            cands = [v for v in self.all("ivars") if v.below == bound and
                     not (self.stable_only and v.mutable)]
            return Ref(r.choice(cands).name, "i") if cands else None
        cands = [Lit(str(r.randrange(n)), "i")]
        for v in self.all("ivars"):
            if v.lo < 0 or v.below is not None or \
                    (self.stable_only and v.mutable):
                continue
            if v.hi < n:
                cands.append(Ref(v.name, "i"))
                cands.append(Ref(v.name, "i"))
                cands.append(Bin("-", Lit(str(n - 1), "i"), Ref(v.name, "i")))
            else:
                cands.append(Bin("%", Ref(v.name, "i"), Lit(str(n), "i")))
            cands.append(Bin("%", Bin("+", Ref(v.name, "i"),
                                      Lit(str(r.randrange(1, 4)), "i")),
                             Lit(str(n), "i")))
        return r.choice(cands)

    def element(self, arrays):
        """A random in-bounds element of one of `arrays`, or None."""
        r = self.rng
        for a in r.sample(arrays, len(arrays)):
            if a.dims is None:
                i = self.index(None, a.bound)
                if i is not None:
                    return Index(a.name, [i])
                continue
            return Index(a.name, [self.index(n) for n in a.dims])
        return None

    # -------------------------------------------------------- expressions
    def leaf(self):
        r = self.rng
        k = r.random()
        if k < 0.4:
            dv = self.all("dvars")
            if dv:
                return Ref(r.choice(dv)[0])
        if k < 0.75:
            e = self.element(self.all("arrays"))
            if e is not None:
                return e
        if k < 0.82:
            iv = [v for v in self.all("ivars") if v.lo >= 0]
            if iv:
                return Bin("*", Ref(r.choice(iv).name, "i"), Lit(r.choice(
                    ["0.5", "0.25", "1.5"])))
        dv = self.all("dvars")
        if dv and r.random() < 0.5:
            return Ref(r.choice(dv)[0])
        return Lit(r.choice(LITERALS))

    def square(self, e):
        return Bin("*", e, e)

    def math(self, depth, helpers):
        """A <cmath> call on a safe domain; helpers: whether its arguments
        may call helpers."""
        r = self.rng
        e = self.expr(depth - 1, True, helpers)
        std = "std::" if r.random() < 0.8 else ""
        pick = r.randrange(30)
        positive = lambda: r.choice([  # noqa: E731
            Bin("+", Lit(r.choice(["1.0", "1.5", "0.5"])), self.square(e)),
            Bin("+", Lit("2.0"), Call(std + "sin", [e])),
            Bin("+", Lit("0.25"), Call(std + "fabs", [e])),
            Call(std + "exp", [Call(std + "tanh", [e])])])
        bounded = lambda: r.choice([  # noqa: E731
            Call(std + "sin", [e]), Call(std + "tanh", [e]),
            Call(std + "cos", [e]), Call(std + "atan", [e])])
        one = ["sin", "cos", "tanh", "atan", "asinh", "erf", "erfc", "fabs",
               "floor", "ceil", "round", "trunc", "cbrt"]
        if pick < 10:
            return Call(std + r.choice(one), [e])
        if pick < 12:
            return Call(std + r.choice(["exp", "exp2", "expm1", "sinh",
                                        "cosh"]), [bounded()])
        if pick < 15:
            return Call(std + r.choice(["log", "log2", "log10", "sqrt",
                                        "log1p"]), [positive()])
        if pick < 16:
            return Call(std + r.choice(["asin", "acos", "atanh"]),
                        [Bin("*", Lit("0.5"), bounded())])
        if pick < 17:
            return Call(std + "tan", [Bin("*", Lit("0.5"), bounded())])
        if pick < 18:
            return Call(std + "acosh", [Bin("+", Lit("1.5"), self.square(e))])
        if pick < 20:
            return Call(std + "pow", [positive(), Lit(r.choice(
                ["0.5", "1.5", "2.0", "-0.5", "3.0"]))])
        if pick < 21:
            return Call(std + "pow", [e, Lit(r.choice(["2.0", "3.0"]))])
        if pick < 22:
            return Call(std + "pow", [Lit("1.5"), bounded()])
        f = self.expr(depth - 1, True, helpers)
        if pick < 24:
            return Call(std + r.choice(["fmin", "fmax", "hypot"]), [e, f])
        if pick < 25:
            return Call("std::" + r.choice(["min", "max"]), [e, f])
        if pick < 27:
            return Call(std + "atan2", [e, r.choice([f, positive()])])
        if pick < 28:
            return Call(std + "fma", [e, f, self.expr(depth - 1, True,
                                                      helpers)])
        if pick < 29:
            return Call(std + "pow", [positive(), bounded()])
        return Call(std + "sqrt", [Bin("+", self.square(e), self.square(f))
                                   if r.random() < 0.3 else positive()])

    def helper_call(self, depth):
        r = self.rng
        cands = [h for h in self.helpers if h.ret == "double"]
        if not cands:
            return None
        h = r.choice(cands)
        if h.kind == "scalar2":
            return Call(h.name, [self.expr(depth - 1, True),
                                 self.expr(depth - 1, True)], helper=True)
        if h.kind == "recursive":
            return Call(h.name, [self.expr(depth - 1, True),
                                 Lit(str(r.randrange(4)), "i")], helper=True)
        if h.kind == "reduce":
            arr = self.array_arg(writable=False)
            if arr is None:
                return None
            text, cap = arr
            return Call(h.name, [Raw(text), self.length_arg(cap),
                                 self.expr(depth - 1, True)], helper=True)
        return None

    def array_arg(self, writable):
        """An array argument (text) and how many elements it has from there."""
        r = self.rng
        arrs = [a for a in self.all("arrays") if a.dims is not None and
                len(a.dims) == 1 and (a.writable or not writable)]
        if not arrs:
            return None
        a = r.choice(arrs)
        n = a.dims[0]
        off = r.randrange(n) if n > 1 and r.random() < 0.25 else 0
        return (a.name if off == 0 else "%s + %d" % (a.name, off)), n - off

    def length_arg(self, cap):
        """A length argument m <= cap: a constant, or n when n <= cap."""
        r = self.rng
        if cap >= NMAX and self.has_n() and r.random() < 0.4:
            return Ref("n", "i")
        return Lit(str(r.randint(0, cap)), "i")

    def has_n(self):
        return any(v.name == "n" for v in self.all("ivars"))

    def expr(self, depth, calls=True, helpers=None):
        """A double expression. calls=False: no calls at all (conditions);
        helpers: whether helper calls are allowed (default: calls)."""
        r = self.rng
        if helpers is None:
            helpers = calls
        if depth <= 0 or r.random() < 0.25:
            return self.leaf()
        k = r.random()
        if k < 0.45:
            op = r.choice(["+", "-", "*", "*", "+", "-"])
            return Bin(op, self.expr(depth - 1, calls, helpers),
                       self.expr(depth - 1, calls, helpers))
        if k < 0.52:
            den = r.choice([
                Bin("+", Lit("1.5"), self.square(self.leaf())),
                Lit(r.choice(["2.0", "3.0", "0.5", "-4.0"]))] +
                ([Bin("+", Lit("2.0"), Call("std::cos", [self.leaf()]))]
                 if calls else []))
            return Bin("/", self.expr(depth - 1, calls, helpers), den)
        if k < 0.56:
            return Un("-", self.expr(depth - 1, calls, helpers))
        if k < 0.80 and calls:
            return self.math(depth, helpers)
        if k < 0.86 and depth >= 2:
            c = self.cond(depth - 1)
            return Cond(c, self.expr(depth - 1, calls, helpers),
                        self.expr(depth - 1, calls, helpers))
        if k < 0.96 and helpers:
            e = self.helper_call(depth)
            if e is not None:
                return e
        return self.leaf()

    def cond(self, depth=2):
        """A condition without calls; depth bounds its operands."""
        r = self.rng
        k = r.random()
        if depth > 1 and k < 0.15:
            return Bin(r.choice(["&&", "||"]), self.cond(depth - 1),
                       self.cond(depth - 1))
        if depth > 1 and k < 0.18:
            return Un("!", self.cond(depth - 1), "b")
        iv = [v for v in self.all("ivars") if v.lo >= 0]
        if iv and k < 0.3:
            v = r.choice(iv)
            if r.random() < 0.5:
                return Bin("==", Bin("%", Ref(v.name, "i"), Lit("2", "i")),
                           Lit("0", "i"))
            return Bin(r.choice([">", "<", ">=", "<="]), Ref(v.name, "i"),
                       Lit(str(r.randint(0, 3)), "i"))
        op = r.choice([">", "<", ">=", "<="])
        rhs = self.expr(depth - 1, calls=False) if r.random() < 0.5 else \
            Lit(r.choice(LITERALS))
        lhs = self.expr(depth, calls=False)
        if self.rng_cond is not None and self.rng_cond.random() < 0.2:
            # A call (a helper's or a math function's) in the condition:
            # reverse mode runs it as the plain function there.
            with self.drawing_from(self.rng_cond):
                call = self.helper_call(1) if self.rng.random() < 0.6 else None
                lhs = Bin("+", lhs,
                          call if call is not None else self.math(1, True))
        return Bin(op, lhs, rhs)

    def int_expr(self):
        """A data-dependent int with a known range: (expr, lo, hi)."""
        r = self.rng
        k = r.random()
        if k < 0.5:
            hi = r.randint(1, 4)
            e = Cast("int", Call("std::fmin", [
                Call("std::fabs", [self.expr(2, calls=False)]),
                Lit("%d.0" % hi)]))
            return e, 0, hi
        if k < 0.75:
            a, b = r.randint(0, 3), r.randint(0, 3)
            return Cond(self.cond(1), Lit(str(a), "i"), Lit(str(b), "i")), \
                min(a, b), max(a, b)
        iv = [v for v in self.all("ivars") if v.lo >= 0 and v.below is None]
        if iv:
            v = r.choice(iv)
            c = r.randint(0, 2)
            return Bin("+", Ref(v.name, "i"), Lit(str(c), "i")), v.lo + c, \
                v.hi + c
        return Lit(str(r.randint(0, 3)), "i"), 0, 3

    # --------------------------------------------------------- statements
    def assignable(self):
        return [n for n, ok in self.all("dvars") if ok]

    def block(self, depth, n=None):
        r = self.rng
        if n is None:
            n = r.randint(1, 4)
        self.push()
        out = []
        for _ in range(n):
            if self.budget <= 0:
                break
            out += self.stmt(depth)
        self.pop()
        return out

    def stmt(self, depth):
        """One or two statements (a while loop comes with its counter)."""
        r = self.rng
        self.budget -= 1
        choices = [("decl", 3), ("assign", 4), ("elem", 3), ("arr", 0.8),
                   ("int", 1.0), ("intupd", 0.4), ("incdec", 0.3),
                   ("ref", 0.6), ("ptr", 0.5)]
        if depth < self.max_depth:
            choices += [("if", 2), ("for", 2), ("while", 0.6), ("do", 0.3),
                        ("switch", 0.5), ("cvloop", 0.3), ("powloop", 0.3)]
        if self.breakable:
            choices += [("jump", 0.8)]
        choices += [("return", 0.4)]
        if any(h.ret == "void" for h in self.helpers):
            choices += [("vcall", 1.2)]
        total = sum(w for _, w in choices)
        x = r.random() * total
        for kind, w in choices:
            x -= w
            if x <= 0:
                break
        out = getattr(self, "s_" + kind)(depth)
        if out is None:
            return self.s_decl(depth)
        return out

    def s_decl(self, depth):
        name = self.fresh("v")
        s = Decl("double", name, self.expr(3))
        self.scopes[-1].dvars.append((name, True))
        return [s]

    def s_ref(self, depth):
        """double &r = v; or a reference to an array element (const
        sometimes), used like the variables."""
        r = self.rng
        if r.random() < 0.35:
            targets = self.assignable()
            if not targets:
                return None
            target = Ref(r.choice(targets))
            if r.random() < 0.4 and not target.name.startswith("("):
                # double *p = &v; used as (*p).
                name = self.fresh("p")
                self.scopes[-1].dvars.append(("(*%s)" % name, True))
                return [Decl("double *", name, Un("&", target, "p"))]
        else:
            self.stable_only = True
            target = self.element([a for a in self.all("arrays")
                                   if a.writable])
            self.stable_only = False
            if target is None:
                return None
        name = self.fresh("r")
        const = r.random() < 0.2
        self.scopes[-1].dvars.append((name, not const))
        return [Decl("const double &" if const else "double &", name, target)]

    def s_ptr(self, depth):
        """double *q = a + k; into a 1-D array (a local one too), used as
        an array of the remaining length."""
        r = self.rng
        arrs = [a for a in self.all("arrays")
                if a.dims is not None and len(a.dims) == 1 and a.dims[0] > 1]
        if not arrs:
            return None
        a = r.choice(arrs)
        off = r.randrange(a.dims[0])
        name = self.fresh("q")
        self.scopes[-1].arrays.append(Arr(name, [a.dims[0] - off], a.writable))
        ty = "double *" if a.writable else "const double *"
        init = Ref(a.name, "p") if off == 0 else Bin(
            "+", Ref(a.name, "p"), Lit(str(off), "i"), "p")
        return [Decl(ty, name, init)]

    def s_assign(self, depth):
        r = self.rng
        targets = self.assignable()
        if not targets:
            return None
        t = Ref(r.choice(targets))
        if r.random() < 0.12:
            # An assignment inside the right side: a chain (t = u = e) or
            # a product or sum with a constant (the constant keeps the
            # other operand from reading u, which would be unsequenced).
            u = Ref(r.choice(targets))
            inner = AssignExpr(u, r.choice(["=", "=", "+=", "-="]),
                               self.expr(3))
            k = r.random()
            rhs = inner if k < 0.4 else Bin(
                r.choice(["*", "+"]), Lit(r.choice(["0.5", "1.5", "-2.0"])),
                inner)
            return [Assign(t, r.choice(["=", "+=", "-="]), rhs)]
        op = r.choice(["=", "=", "+=", "-=", "*=", "/="])
        if op == "/=":
            return [Assign(t, op, Bin("+", Lit("1.5"),
                                      self.square(self.leaf())))]
        if op == "*=":
            return [Assign(t, op, r.choice([
                self.expr(2), Bin("+", Lit("0.5"), Call("std::tanh", [
                    self.expr(2)])) if r.random() < 0.5 else Lit("0.5")]))]
        return [Assign(t, op, self.expr(3))]

    def s_elem(self, depth):
        r = self.rng
        e = self.element([a for a in self.all("arrays") if a.writable])
        if e is None:
            return None
        op = r.choice(["=", "=", "+=", "-=", "*="])
        rhs = self.expr(3) if op != "*=" else Bin(
            "+", Lit("0.5"), Call("std::sin", [self.expr(2)]))
        return [Assign(e, op, rhs)]

    def s_arr(self, depth):
        r = self.rng
        name = self.fresh("a")
        if r.random() < 0.2:
            # Reverse mode takes no initializer on a 2-D array: a loop
            # fills it (the reducer keeps the loop).
            dims = [r.randint(2, 3), r.randint(2, 3)]
            i, j = self.fresh("i"), self.fresh("j")
            self.push()
            self.scopes[-1].ivars += [IntVar(i, 0, dims[0] - 1),
                                      IntVar(j, 0, dims[1] - 1)]
            val = self.expr(2, helpers=False)
            self.pop()
            fill = For(i, Lit("0", "i"), Bin("<", Ref(i, "i"),
                                             Lit(str(dims[0]), "i")),
                       "++" + i,
                       [For(j, Lit("0", "i"), Bin("<", Ref(j, "i"),
                                                  Lit(str(dims[1]), "i")),
                            "++" + j,
                            [Assign(Index(name, [Ref(i, "i"), Ref(j, "i")]),
                                    "=", val)])])
            fill.essential = True
            self.scopes[-1].arrays.append(Arr(name, dims, writable=True))
            return [Decl("double", name, dims=dims, init_list=False), fill]
        else:
            n = r.randint(2, 5)
            dims = [n]
            init = None if r.random() < 0.3 else [
                r.choice(LITERALS) for _ in range(r.randint(0, n))]
            s = Decl("double", name, dims=dims, init_list=init)
        self.scopes[-1].arrays.append(Arr(name, dims, writable=True))
        return [s]

    def s_int(self, depth):
        e, lo, hi = self.int_expr()
        name = self.fresh("k")
        self.scopes[-1].ivars.append(IntVar(name, lo, hi, mutable=True))
        return [Decl("int", name, e)]

    def s_intupd(self, depth):
        r = self.rng
        iv = [v for v in self.all("ivars") if v.mutable]
        if not iv:
            return None
        v = r.choice(iv)
        # Keeps v within its declared range.
        m = v.hi + 1
        if v.lo != 0 or m < 2:
            return None
        e, _, _ = self.int_expr()
        return [Assign(Ref(v.name, "i"), "=",
                       Bin("%", Bin("+", Ref(v.name, "i"), e), Lit(str(m),
                                                                    "i")))]

    def s_incdec(self, depth):
        r = self.rng
        targets = self.assignable()
        if not targets:
            return None
        return [IncDec(Ref(r.choice(targets)), r.choice(["++", "--"]),
                       prefix=r.random() < 0.5)]

    def s_if(self, depth):
        r = self.rng
        c = self.cond()
        then = self.block(depth + 1)
        els = self.block(depth + 1) if r.random() < 0.5 else None
        return [If(c, then, els)]

    def bound(self):
        """A loop bound: (expr, max value)."""
        r = self.rng
        cands = [(Lit(str(c), "i"), c) for c in (r.randint(1, 5),)]
        if self.has_n():
            cands += [(Ref("n", "i"), NMAX),
                      (Bin("+", Ref("n", "i"), Lit("1", "i")), NMAX + 1)]
        for v in self.all("ivars"):
            if v.lo >= 0 and v.below is None and v.hi <= 6:
                cands.append((Bin("+", Ref(v.name, "i"), Lit("1", "i")),
                              v.hi + 1))
        return r.choice(cands)

    def loop_body(self, depth, ivar):
        self.push()
        self.scopes[-1].ivars.append(ivar)
        self.breakable.append("loop")
        body = self.block(depth + 1)
        self.breakable.pop()
        self.pop()
        return body

    def s_for(self, depth):
        r = self.rng
        name = self.fresh("i")
        bnd, hi = self.bound()
        data = r.random() < 0.25
        extra = (lambda c: Bin("&&", c, self.cond(0))) if data else \
            (lambda c: c)
        k = r.random()
        if k < 0.6:
            step = r.choice(["++%s" % name, "%s++" % name, "%s += 2" % name])
            init = Lit("0", "i")
            c = extra(Bin("<", Ref(name, "i"), bnd))
        else:
            step = r.choice(["--%s" % name, "%s -= 2" % name])
            init = Bin("-", bnd, Lit("1", "i"))
            c = extra(Bin(">=", Ref(name, "i"), Lit("0", "i")))
        body = self.loop_body(depth, IntVar(name, 0, max(hi - 1, 0)))
        return [For(name, init, c, step, body)]

    def s_while(self, depth, do=False):
        r = self.rng
        name = self.fresh("w")
        bnd, hi = self.bound()
        c = Bin("<", Ref(name, "i"), bnd)
        if r.random() < 0.6:
            c = Bin("&&", c, self.cond(0))
        body = self.loop_body(depth, IntVar(name, 1, max(hi, 1)))
        body = [IncDec(Ref(name, "i"), "++", essential=True)] + body
        return [Decl("int", name, Lit("0", "i")), While(c, body, do=do)]

    def s_cvloop(self, depth):
        """A loop with a condition variable that counts down to 0:
        while (int c = w < B ? B - w : 0) { ++w; ... } or the same in a for
        with an index."""
        r = self.rng
        bnd, hi = self.bound()
        c = self.fresh("c")
        if r.random() < 0.5:
            w = self.fresh("w")
            test = Raw("int %s = %s < %s ? %s - %s : 0" % (
                c, w, bnd.render(), bnd.render(), w), "b")
            body = self.loop_body(depth, IntVar(c, 1, max(hi, 1)))
            body = [IncDec(Ref(w, "i"), "++", essential=True)] + body
            return [Decl("int", w, Lit("0", "i")), While(test, body)]
        i = self.fresh("i")
        test = Raw("int %s = %s < %s ? %s - %s : 0" % (
            c, i, bnd.render(), bnd.render(), i), "b")
        self.push()
        self.scopes[-1].ivars.append(IntVar(i, 0, max(hi - 1, 0)))
        body = self.loop_body(depth, IntVar(c, 1, max(hi, 1)))
        self.pop()
        return [For(i, Lit("0", "i"), test, "++" + i, body)]

    def s_powloop(self, depth):
        """for (int i = 1; i < B; i *= 2): an increment the reverse sweep
        undoes, run before each continue and skipped by a break or return."""
        bnd, hi = self.bound()
        i = self.fresh("i")
        body = self.loop_body(depth, IntVar(i, 1, max(hi - 1, 1)))
        return [For(i, Lit("1", "i"), Bin("<", Ref(i, "i"), bnd),
                    "%s *= 2" % i, body)]

    def s_do(self, depth):
        return self.s_while(depth, do=True)

    def s_switch(self, depth):
        r = self.rng
        iv = [v for v in self.all("ivars") if v.lo >= 0]
        pre = []
        if iv and r.random() < 0.7:
            v = r.choice(iv)
            sel = Ref(v.name, "i") if v.hi <= 4 else Bin(
                "%", Ref(v.name, "i"), Lit("4", "i"))
        else:
            # A call in a switch condition is not supported by reverse
            # mode: the selector is computed first.
            e, lo, hi = self.int_expr()
            k = self.fresh("k")
            self.scopes[-1].ivars.append(IntVar(k, lo, hi, mutable=True))
            pre = [Decl("int", k, e)]
            sel = Ref(k, "i")
        labels = sorted(r.sample(range(5), r.randint(1, 3)))
        cases = []
        self.breakable.append("switch")
        for lab in labels + ([None] if r.random() < 0.6 else []):
            body = self.block(depth + 1, r.randint(1, 2))
            cases.append((lab, body, r.random() < 0.8))
        self.breakable.pop()
        return pre + [Switch(sel, cases)]

    def s_jump(self, depth):
        r = self.rng
        inner = self.breakable[-1]
        if inner == "switch" and "loop" not in self.breakable:
            return None
        kinds = ["break", "continue"] if inner == "loop" else ["continue"]
        return [If(self.cond(), [Jump(r.choice(kinds))])]

    def sum_loop(self):
        """A loop that adds one term per iteration to a sum declared before
        it, with the iteration's own array (initialized), sometimes a scratch
        scalar declared outside and assigned first, sometimes a map helper
        writing the array, and random statements: the reverse-mode entry may
        reverse each iteration right after it (docs/reverse-mode.md), which
        the random statements (writes to parameters, jumps) or a sum that
        reads itself rule out. Returns (statements, the sum's name)."""
        r = self.rng
        acc = self.fresh("u")
        out = [Decl("double", acc, self.expr(1))]
        scratch = None
        if r.random() < 0.5:
            scratch = self.fresh("w")
            out.append(Decl("double", scratch, Lit("0.5")))
            if r.random() < 0.2:  # also mentioned outside: not fused
                self.scopes[-1].dvars.append((scratch, True))
        i = self.fresh("i")
        bnd, hi = self.bound()
        self.push()
        self.scopes[-1].ivars.append(IntVar(i, 0, max(hi - 1, 0)))
        self.breakable.append("loop")
        inner = []
        if scratch:
            inner.append(Assign(Ref(scratch), "=", self.expr(2)))
            self.scopes[-1].dvars.append((scratch, True))
        a = self.fresh("a")
        n = r.randint(2, 4)
        if r.random() < 0.35:
            # A work array declared before the loop and filled first in
            # every iteration: the reverse sweep gives each iteration its
            # own stretch of tape (docs/reverse-mode.md).
            j = self.fresh("j")
            self.push()
            self.scopes[-1].ivars.append(IntVar(j, 0, n - 1))
            val = self.expr(2, helpers=False)
            self.pop()
            out.append(Decl("double", a, dims=[n], init_list=False))
            fill = For(j, Lit("0", "i"), Bin("<", Ref(j, "i"),
                                             Lit(str(n), "i")),
                       "++" + j, [Assign(Index(a, [Ref(j, "i")]), "=", val)])
            fill.essential = True
            inner.append(fill)
        else:
            inner.append(Decl("double", a, dims=[n], init_list=[
                self.expr(2).render() for _ in range(n)]))
        self.scopes[-1].arrays.append(Arr(a, [n], writable=True))
        maps = [h for h in self.helpers if h.kind == "map"]
        if maps and r.random() < 0.5:
            src = self.array_arg(writable=False)
            m = self.length_arg(min(src[1], n)) if src else None
            if src:
                inner.append(ExprStmt(Call(
                    r.choice(maps).name, [Raw(src[0]), Raw(a), m,
                                          self.expr(2)], "v", helper=True)))
        if r.random() < 0.5:
            inner += self.block(1, r.randint(1, 2))
        if r.random() < 0.15:  # the sum reads itself: not fused
            self.scopes[-1].dvars.append((acc, False))
        inner.append(Assign(Ref(acc), r.choice(["+=", "+=", "-="]),
                            self.expr(3), essential=True))
        self.breakable.pop()
        self.pop()
        out.append(For(i, Lit("0", "i"), Bin("<", Ref(i, "i"), bnd),
                       "++" + i, inner))
        return out, acc

    def ping_pong(self):
        """Two local buffers stepped and swapped by pointers (`double *t =
        cur; cur = next; next = t;`): pointers into one of several arrays.
        Afterwards cur is an array the rest of the function reads."""
        r = self.rng
        m = r.randint(2, 4)
        a, b = self.fresh("a"), self.fresh("b")
        cur, nxt, tmp = self.fresh("p"), self.fresh("p"), self.fresh("p")
        out = [Decl("double", a, dims=[m], init_list=[
            self.expr(2).render() for _ in range(m)]),
               Decl("double", b, dims=[m], init_list=False),
               Decl("double *", cur, Ref(a, "p")),
               Decl("double *", nxt, Ref(b, "p"))]
        t, j = self.fresh("t"), self.fresh("j")
        self.push()
        self.scopes[-1].arrays.append(Arr(cur, [m], writable=False))
        self.scopes[-1].ivars.append(IntVar(j, 0, m - 1))
        val = self.expr(3)
        self.pop()
        step = For(j, Lit("0", "i"), Bin("<", Ref(j, "i"), Lit(str(m), "i")),
                   "++" + j, [Assign(Index(nxt, [Ref(j, "i")]), "=", val,
                                     essential=True)])
        swap = [Decl("double *", tmp, Ref(cur, "p")),
                Assign(Ref(cur, "p"), "=", Ref(nxt, "p"), essential=True),
                Assign(Ref(nxt, "p"), "=", Ref(tmp, "p"), essential=True)]
        if r.random() < 0.3:
            # Toggled instead: cur = cur == a ? b : a; (next follows).
            swap = [Assign(Ref(cur, "p"), "=", Cond(
                Bin("==", Ref(cur, "p"), Ref(a, "p"), "b"), Ref(b, "p"),
                Ref(a, "p")), essential=True),
                    Assign(Ref(nxt, "p"), "=", Cond(
                        Bin("==", Ref(cur, "p"), Ref(a, "p"), "b"),
                        Ref(b, "p"), Ref(a, "p")), essential=True)]
        out.append(For(t, Lit("0", "i"), Bin("<", Ref(t, "i"),
                                             Lit(str(r.randint(1, 3)), "i")),
                       "++" + t, [step] + swap))
        self.scopes[-1].arrays.append(Arr(cur, [m], writable=False))
        return out

    def s_return(self, depth):
        if self.ret == "void":
            return [If(self.cond(), [Jump("return")])]
        return [If(self.cond(), [Jump("return", self.expr(3))])]

    def s_vcall(self, depth):
        r = self.rng
        h = r.choice([h for h in self.helpers if h.ret == "void"])
        if h.kind == "map":
            src = self.array_arg(writable=False)
            dst = self.array_arg(writable=True)
            if src is None or dst is None:
                return None
            m = self.length_arg(min(src[1], dst[1]))
            return [ExprStmt(Call(h.name, [Raw(src[0]), Raw(dst[0]), m,
                                           self.expr(2)], "v", helper=True))]
        if h.kind == "refout":
            targets = self.assignable()
            tgt = None
            if targets and r.random() < 0.8:
                tgt = Ref(r.choice(targets))
            else:
                tgt = self.element([a for a in self.all("arrays")
                                    if a.writable])
            if tgt is None:
                return None
            return [ExprStmt(Call(h.name, [self.expr(2), tgt], "v",
                                  helper=True))]
        return None


# ------------------------------------------------------------------ helpers


def gen_helper(rng, idx, helpers):
    """A helper function hN of a random kind, calling earlier helpers."""
    name = "h%d" % idx
    kind = rng.choice(["scalar2", "scalar2", "reduce", "map", "refout",
                       "recursive"])
    g = FnGen(rng, helpers, "double", budget=rng.randint(2, 6), max_depth=2)
    if kind == "scalar2":
        params = [Param("scalar", "a"), Param("scalar", "b")]
        g.scopes[0].dvars += [("a", True), ("b", True)]
        body = g.block(0, rng.randint(1, 3))
        body.append(Jump("return", g.expr(3), essential=True))
        return Function(name, "double", params, body), Helper(name, kind,
                                                              "double")
    if kind == "recursive":
        params = [Param("scalar", "a"), Param("int", "d")]
        g.scopes[0].dvars.append(("a", True))
        body = [If(Bin("<=", Ref("d", "i"), Lit("0", "i")),
                   [Jump("return", g.expr(2, helpers=False))])]
        body += g.block(0, rng.randint(0, 2))
        # The argument goes through tanh: squaring it at every level made
        # values like 1e15, whose cancellations (`s - (s + x)`) the two
        # modes round differently (reported as failures, fuse9:1941).
        rec = Call(name, [Call("std::tanh", [g.expr(2, helpers=False)]),
                          Bin("-", Ref("d", "i"), Lit("1", "i"))],
                   helper=True)
        t = g.fresh("v")
        body.append(Decl("double", t, rec))
        g.scopes[0].dvars.append((t, True))
        body.append(Jump("return", g.expr(2, helpers=False), essential=True))
        return Function(name, "double", params, body), Helper(name, kind,
                                                              "double")
    if kind == "refout":
        params = [Param("scalar", "a"), Param("ref", "o")]
        g.ret = "void"
        g.scopes[0].dvars += [("a", True), ("o", True)]
        body = g.block(0, rng.randint(1, 3))
        body.append(Assign(Ref("o"), rng.choice(["=", "+=", "*="]),
                           g.expr(3)))
        return Function(name, "void", params, body), Helper(name, kind, "void")
    # Array helpers: v (and w) are indexed only by loops 'j < m'.
    ret = "double" if kind == "reduce" else "void"
    g.ret = ret
    params = [Param("in", "v")]
    g.scopes[0].arrays.append(Arr("v", None, False, bound="m"))
    if kind == "map":
        params.append(Param("out", "w"))
        g.scopes[0].arrays.append(Arr("w", None, True, bound="m"))
    params += [Param("int", "m"), Param("scalar", "c")]
    g.scopes[0].dvars.append(("c", True))
    body = []
    acc = None
    if kind == "reduce":
        acc = g.fresh("s")
        body.append(Decl("double", acc, g.expr(1, helpers=False)))
        g.scopes[0].dvars.append((acc, True))
    j = g.fresh("j")
    g.push()
    g.scopes[-1].ivars.append(IntVar(j, 0, 0, below="m"))
    g.breakable.append("loop")
    inner = g.block(1, rng.randint(1, 3))
    if kind == "map":
        inner.append(Assign(Index("w", [Ref(j, "i")]), rng.choice(
            ["=", "+="]), g.expr(3)))
    else:
        inner.append(Assign(Ref(acc), rng.choice(["+=", "=", "-="]),
                            g.expr(3)))
    g.breakable.pop()
    g.pop()
    body.append(For(j, Lit("0", "i"), Bin("<", Ref(j, "i"), Ref("m", "i")),
                    "++" + j, inner))
    if kind == "reduce":
        body.append(Jump("return", g.expr(2), essential=True))
    return Function(name, ret, params, body), Helper(name, kind, ret)


# -------------------------------------------------------------------- entry


def gen_params(rng):
    params = []
    for i in range(rng.randint(0 if rng.random() < 0.3 else 1, 3)):
        params.append(Param("scalar", "s%d" % i))
    for i in range(rng.choice([0, 1, 1, 1, 2])):
        params.append(Param("in", "x%d" % i, rng.randint(2, 5)))
    if rng.random() < 0.45:
        params.append(Param("out", "y0", rng.randint(2, 4)))
    if rng.random() < 0.2:
        params.append(Param("ref", "r0"))
    if rng.random() < 0.6:
        params.append(Param("int", "n"))
    if not any(p.kind != "int" for p in params):
        params.append(Param("scalar", "s9"))
    rng.shuffle(params)
    return params


def generate(seed_text, ns="p0", size=1.0):
    """The program for seed_text (any string; same string, same program).
    size scales the number of statements."""
    rng = random.Random(seed_text)
    helpers, funcs = [], []
    for i in range(rng.choice([0, 1, 1, 2, 2, 3])):
        f, h = gen_helper(rng, i, helpers)
        funcs.append(f)
        helpers.append(h)
    params = gen_params(rng)
    outs = [p for p in params if p.kind in ("out", "ref")]
    ret = "void" if outs and rng.random() < 0.25 else "double"
    g = FnGen(rng, helpers, ret, budget=int(rng.randint(4, 16) * size),
              max_depth=3)
    g.rng_cond = random.Random(seed_text + "/cond")
    for p in params:
        g.names.add(p.name)
        if p.kind in ("scalar", "ref"):
            g.scopes[0].dvars.append((p.name, True))
        elif p.kind in ("in", "out"):
            g.scopes[0].arrays.append(Arr(p.name, [p.length], p.kind == "out"))
        elif p.kind == "int":
            g.scopes[0].ivars.append(IntVar("n", 0, NMAX))
    body = g.block(0, rng.randint(2, 6))
    # Swapped buffers, then a sum over a loop used linearly by the result:
    # drawn from generators of their own, so programs without them are
    # what they were.
    rng3 = random.Random(seed_text + "/swap")
    if rng3.random() < 0.25:
        with g.drawing_from(rng3):
            body += g.ping_pong()
    acc, rng2 = None, random.Random(seed_text + "/sum")
    if ret == "double" and rng2.random() < 0.4:
        with g.drawing_from(rng2):
            stmts, acc = g.sum_loop()
        body += stmts
    if ret == "double":
        e = g.expr(3)
        if acc:
            u = Ref(acc)
            k = rng2.randrange(5)
            if k == 0:
                e = u
            elif k == 1:
                e = Bin("+", e, Bin("*", u, Lit(rng2.choice(LITERALS))))
            elif k == 2:
                e = Bin("-", e, Bin("/", u, Lit("2.0")))
            elif k == 3:
                e = Bin("+", Un("-", u), e)
            else:
                e = Bin("*", e, u)  # nonlinear: not fused
        body.append(Jump("return", e, essential=True))
    pragmas = ["forward", "reverse"] + (["gradient"] if ret == "double"
                                        else [])
    rng.shuffle(pragmas)
    entry = Function("f", ret, params, body, pragmas)
    return Program(ns, funcs, entry, seed_text, NMAX)
