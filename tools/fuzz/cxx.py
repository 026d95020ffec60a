"""A small C++ syntax tree for generated programs.

Programs are built from these nodes so that the reducer can remove
statements and simplify expressions structurally, then rendered to C++.
Nodes are immutable in spirit: the reducer rebuilds the tree along a path
(see reduce.py) instead of mutating shared nodes.
"""

# ---------------------------------------------------------------- expressions
# Types of expressions: 'd' (double), 'i' (int), 'b' (bool), and for Eigen
# matrix expressions 'm<rows>x<cols>' (genmat.py), e.g. 'm3x1'.

PREC = {
    "?:": 1, "||": 2, "&&": 3, "==": 6, "!=": 6, "<": 7, ">": 7, "<=": 7,
    ">=": 7, "+": 8, "-": 8, "*": 9, "/": 9, "%": 9,
}
UNARY_PREC = 10
POSTFIX_PREC = 11


class Expr:
    ty = "d"
    prec = POSTFIX_PREC
    # The reducer may replace this node by a literal or a child of the same
    # type; index and bound expressions are 'fixed' (they keep accesses in
    # bounds and loops finite).
    fixed = False

    def children(self):
        return []

    def with_children(self, kids):
        return self

    def render(self):
        raise NotImplementedError

    def has_call(self):
        return any(k.has_call() for k in self.children())

    def has_helper_call(self):
        return any(k.has_helper_call() for k in self.children())


def paren(e, prec, right=False):
    """Renders e, parenthesized when it binds looser than prec."""
    s = e.render()
    if e.prec < prec or (right and e.prec == prec):
        return "(" + s + ")"
    return s


class Lit(Expr):
    def __init__(self, text, ty="d"):
        self.text, self.ty = text, ty
        self.prec = UNARY_PREC if text.startswith("-") else POSTFIX_PREC

    def render(self):
        return self.text


class Ref(Expr):
    def __init__(self, name, ty="d"):
        self.name, self.ty = name, ty

    def render(self):
        return self.name


class Index(Expr):
    """a[i] or a[i][j]; the indices are fixed int expressions."""

    def __init__(self, array, idx):
        self.array, self.idx = array, list(idx)

    def children(self):
        return []  # indices are never reduced

    def render(self):
        return self.array + "".join("[" + i.render() + "]" for i in self.idx)


class Un(Expr):
    prec = UNARY_PREC

    def __init__(self, op, e, ty=None):
        self.op, self.e = op, e
        self.ty = ty or e.ty

    def children(self):
        return [self.e]

    def with_children(self, kids):
        return Un(self.op, kids[0], self.ty)

    def render(self):
        inner = paren(self.e, UNARY_PREC)
        if inner.startswith(self.op):  # - -x
            inner = "(" + inner + ")"
        return self.op + inner


class Bin(Expr):
    def __init__(self, op, l, r, ty=None):
        self.op, self.l, self.r = op, l, r
        self.prec = PREC[op]
        if ty is None:
            if op in ("<", ">", "<=", ">=", "==", "!=", "&&", "||"):
                ty = "b"
            elif l.ty == "d" or r.ty == "d":
                ty = "d"
            else:
                ty = "i"
        self.ty = ty

    def children(self):
        return [self.l, self.r]

    def with_children(self, kids):
        return Bin(self.op, kids[0], kids[1], self.ty)

    def render(self):
        return (paren(self.l, self.prec) + " " + self.op + " " +
                paren(self.r, self.prec, right=True))


class Call(Expr):
    """A call; helper=True for generated functions (not <cmath> rules)."""

    def __init__(self, fn, args, ty="d", helper=False):
        self.fn, self.args, self.ty, self.helper = fn, list(args), ty, helper

    def children(self):
        return list(self.args)

    def with_children(self, kids):
        return Call(self.fn, kids, self.ty, self.helper)

    def has_call(self):
        return True

    def has_helper_call(self):
        return self.helper or any(a.has_helper_call() for a in self.args)

    def render(self):
        return self.fn + "(" + ", ".join(a.render() for a in self.args) + ")"


class Cond(Expr):
    prec = PREC["?:"]

    def __init__(self, c, a, b):
        self.c, self.a, self.b = c, a, b
        self.ty = a.ty

    def children(self):
        return [self.c, self.a, self.b]

    def with_children(self, kids):
        return Cond(*kids)

    def render(self):
        return (paren(self.c, self.prec + 1) + " ? " + paren(self.a, self.prec)
                + " : " + paren(self.b, self.prec))


class AssignExpr(Expr):
    """(t = e) or (t op= e) inside a larger expression; the reducer treats
    it as a leaf."""
    prec = POSTFIX_PREC

    def __init__(self, lhs, op, rhs):
        self.lhs, self.op, self.rhs = lhs, op, rhs

    def render(self):
        return "(%s %s %s)" % (self.lhs.render(), self.op, self.rhs.render())


class Cast(Expr):
    prec = UNARY_PREC

    def __init__(self, to, e):
        self.to, self.e = to, e
        self.ty = {"int": "i", "double": "d"}[to]

    def children(self):
        return [self.e]

    def with_children(self, kids):
        return Cast(self.to, kids[0])

    def render(self):
        return "(" + self.to + ")" + paren(self.e, UNARY_PREC)


class Raw(Expr):
    """Text the reducer leaves alone (array arguments, pointer offsets)."""

    def __init__(self, text, ty="p"):
        self.text, self.ty = text, ty

    def render(self):
        return self.text


class Meth(Expr):
    """An Eigen member call recv.name(args) (args: fixed text, e.g. block
    offsets), or with fn set, a template: fn.format(*rendered kids)."""

    def __init__(self, recv, name, args=(), ty="d", fn=None, kids=None):
        self.recv, self.name, self.args, self.ty = recv, name, list(args), ty
        self.fn, self.kids = fn, kids

    def children(self):
        return list(self.kids) if self.fn else [self.recv]

    def with_children(self, kids):
        if self.fn:
            return Meth(None, self.name, self.args, self.ty, self.fn, kids)
        return Meth(kids[0], self.name, self.args, self.ty)

    def has_call(self):
        return True

    def render(self):
        if self.fn:
            return self.fn.format(*[paren(k, POSTFIX_PREC)
                                    for k in self.kids])
        return "%s.%s(%s)" % (paren(self.recv, POSTFIX_PREC), self.name,
                              ", ".join(a if isinstance(a, str) else a.render()
                                        for a in self.args))


class Coef(Expr):
    """A coefficient of a matrix variable: m(i, j), v(i) or v[i]; the
    indices are fixed int expressions."""

    def __init__(self, mat, idx, bracket=False):
        self.mat, self.idx, self.bracket = mat, list(idx), bracket

    def render(self):
        if self.bracket:
            return "%s[%s]" % (self.mat, self.idx[0].render())
        return "%s(%s)" % (self.mat, ", ".join(i.render() for i in self.idx))


# ----------------------------------------------------------------- statements


class Stmt:
    # The reducer never deletes an essential statement (a loop counter's
    # increment, the final return).
    essential = False

    def blocks(self):
        """The statement lists nested in this statement."""
        return []

    def with_blocks(self, blocks):
        return self

    def exprs(self):
        """Expressions the reducer may simplify."""
        return []

    def with_exprs(self, exprs):
        return self

    def lines(self, ind):
        raise NotImplementedError


def block_lines(stmts, ind):
    out = []
    for s in stmts:
        out += s.lines(ind)
    return out


class CommaInit(Stmt):
    """m << a, b, ...; (Eigen's comma initializer; the items' shapes tile
    m, so the reducer leaves them alone)."""

    def __init__(self, target, items):
        self.target, self.items = target, items

    def lines(self, ind):
        return [ind + "%s << %s;" % (self.target.render(), ", ".join(
            i.render() for i in self.items))]


class Decl(Stmt):
    """double v = e; / int k = e; / double a[3] = {...}; / double m[2][2] = {};
    / double &r = a[i];"""

    def __init__(self, ty, name, init=None, dims=None, init_list=None):
        self.ty, self.name, self.init = ty, name, init
        self.dims, self.init_list = dims, init_list

    def exprs(self):
        # A reference or pointer keeps the object it names (a literal
        # cannot bind).
        return [self.init] if self.init is not None and self.ty != "int" \
            and not self.ty.endswith(("&", "*")) else []

    def with_exprs(self, e):
        return Decl(self.ty, self.name, e[0], self.dims, self.init_list)

    def lines(self, ind):
        if self.dims:
            d = "".join("[%d]" % n for n in self.dims)
            if self.init_list is False:  # filled by the next statement
                return [ind + "%s %s%s;" % (self.ty, self.name, d)]
            init = "{" + ", ".join(self.init_list) + "}" \
                if self.init_list is not None else "{}"
            return [ind + "%s %s%s = %s;" % (self.ty, self.name, d, init)]
        return [ind + "%s %s = %s;" % (self.ty, self.name, self.init.render())]


class Assign(Stmt):
    def __init__(self, lhs, op, rhs, essential=False):
        self.lhs, self.op, self.rhs, self.essential = lhs, op, rhs, essential

    def exprs(self):
        return [] if self.essential or self.rhs.ty in ("i", "b") \
            else [self.rhs]

    def with_exprs(self, e):
        return Assign(self.lhs, self.op, e[0], self.essential)

    def lines(self, ind):
        return [ind + "%s %s %s;" % (self.lhs.render(), self.op,
                                     self.rhs.render())]


class IncDec(Stmt):
    def __init__(self, target, op, prefix=True, essential=False):
        self.target, self.op, self.prefix = target, op, prefix
        self.essential = essential

    def lines(self, ind):
        t = self.target.render()
        return [ind + (self.op + t if self.prefix else t + self.op) + ";"]


class ExprStmt(Stmt):
    """A call of a void helper; its double arguments can be simplified."""

    def __init__(self, e):
        self.e = e

    def exprs(self):
        return [a for a in self.e.args if a.ty == "d"]

    def with_exprs(self, exprs):
        it = iter(exprs)
        args = [next(it) if a.ty == "d" else a for a in self.e.args]
        return ExprStmt(self.e.with_children(args))

    def lines(self, ind):
        return [ind + self.e.render() + ";"]


class If(Stmt):
    def __init__(self, cond, then, els=None):
        self.cond, self.then, self.els = cond, then, els

    def blocks(self):
        return [self.then] + ([self.els] if self.els is not None else [])

    def with_blocks(self, b):
        return If(self.cond, b[0], b[1] if len(b) > 1 else None)

    def lines(self, ind):
        out = [ind + "if (%s) {" % self.cond.render()]
        out += block_lines(self.then, ind + "  ")
        if self.els is not None:
            out.append(ind + "} else {")
            out += block_lines(self.els, ind + "  ")
        out.append(ind + "}")
        return out


class For(Stmt):
    """for (int i = init; cond; step) { body }"""

    def __init__(self, var, init, cond, step, body):
        self.var, self.init, self.cond, self.step, self.body = \
            var, init, cond, step, body

    def blocks(self):
        return [self.body]

    def with_blocks(self, b):
        return For(self.var, self.init, self.cond, self.step, b[0])

    def lines(self, ind):
        out = [ind + "for (int %s = %s; %s; %s) {" % (
            self.var, self.init.render(), self.cond.render(), self.step)]
        out += block_lines(self.body, ind + "  ")
        return out + [ind + "}"]


class While(Stmt):
    def __init__(self, cond, body, do=False):
        self.cond, self.body, self.do = cond, body, do

    def blocks(self):
        return [self.body]

    def with_blocks(self, b):
        return While(self.cond, b[0], self.do)

    def lines(self, ind):
        if self.do:
            return ([ind + "do {"] + block_lines(self.body, ind + "  ") +
                    [ind + "} while (%s);" % self.cond.render()])
        return ([ind + "while (%s) {" % self.cond.render()] +
                block_lines(self.body, ind + "  ") + [ind + "}"])


class Switch(Stmt):
    """switch (e) { case 0: { ... } break; ... default: { ... } }

    cases: list of (label or None for default, stmts, ends_with_break).
    """

    def __init__(self, e, cases):
        self.e, self.cases = e, cases

    def blocks(self):
        return [c[1] for c in self.cases]

    def with_blocks(self, b):
        return Switch(self.e, [(c[0], s, c[2])
                               for c, s in zip(self.cases, b)])

    def lines(self, ind):
        out = [ind + "switch (%s) {" % self.e.render()]
        for label, stmts, brk in self.cases:
            out.append(ind + ("case %d: {" % label if label is not None
                              else "default: {"))
            out += block_lines(stmts, ind + "  ")
            out.append(ind + "}" + (" break;" if brk else ""))
        return out + [ind + "}"]


class Jump(Stmt):
    """break; continue; return e; return;"""

    def __init__(self, kind, e=None, essential=False):
        self.kind, self.e, self.essential = kind, e, essential

    def exprs(self):
        return [self.e] if self.e is not None and self.e.ty not in ("i", "b") \
            else []

    def with_exprs(self, e):
        return Jump(self.kind, e[0], self.essential)

    def lines(self, ind):
        if self.e is not None:
            return [ind + "%s %s;" % (self.kind, self.e.render())]
        return [ind + self.kind + ";"]


# ------------------------------------------------------------------ functions


class Param:
    """kind: 'scalar' (double s), 'in' (const double *x), 'out' (double *y,
    read and written), 'ref' (double &r), 'int' (int n); length for arrays;
    inside helpers, arrays have no fixed length (length None)."""

    def __init__(self, kind, name, length=None):
        self.kind, self.name, self.length = kind, name, length

    def decl(self):
        if self.kind.startswith("m"):
            return self.ctype % self.name
        return {"scalar": "double %s", "in": "const double *%s",
                "out": "double *%s", "ref": "double &%s",
                "int": "int %s"}[self.kind] % self.name


class MatParam(Param):
    """An Eigen parameter: kind 'min' (read only) or 'mout' (written);
    shape (rows, cols); ctype the declaration with %s for the name, e.g.
    'const Eigen::MatrixXd &%s'; cls the plain type."""

    def __init__(self, kind, name, shape, cls, ctype):
        Param.__init__(self, kind, name, shape[0] * shape[1])
        self.shape, self.cls, self.ctype = shape, cls, ctype


class Function:
    """ret_shape: (rows, cols) of a matrix result (ret is its type)."""

    def __init__(self, name, ret, params, body, pragmas=(), ret_shape=None):
        self.name, self.ret, self.params, self.body = name, ret, params, body
        self.pragmas = list(pragmas)
        self.ret_shape = ret_shape

    def with_body(self, body):
        return Function(self.name, self.ret, self.params, body, self.pragmas,
                        self.ret_shape)

    def lines(self):
        out = ["#pragma frechet " + p for p in self.pragmas]
        out.append("%s %s(%s) {" % (self.ret, self.name,
                                    ", ".join(p.decl() for p in self.params)))
        out += block_lines(self.body, "  ")
        return out + ["}"]


class Program:
    """Helpers, then the annotated function `entry`; all in namespace ns."""

    """matrix: whether it uses Eigen (needs <frechet/matrix.h>)."""

    def __init__(self, ns, helpers, entry, seed_text, nmax, matrix=False):
        self.ns, self.helpers, self.entry = ns, helpers, entry
        self.seed_text, self.nmax, self.matrix = seed_text, nmax, matrix

    def functions(self):
        return self.helpers + [self.entry]

    def replace(self, helpers=None, entry=None):
        return Program(self.ns, self.helpers if helpers is None else helpers,
                       self.entry if entry is None else entry, self.seed_text,
                       self.nmax, self.matrix)

    def render(self):
        out = ["// random program %s" % self.seed_text,
               "namespace %s {" % self.ns]
        for f in self.functions():
            out += f.lines()
        out.append("} // namespace %s" % self.ns)
        return "\n".join(out) + "\n"

    def statement_count(self):
        def count(stmts):
            return sum(1 + sum(count(b) for b in s.blocks()) for s in stmts)
        return sum(count(f.body) for f in self.functions())
