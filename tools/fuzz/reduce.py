"""Delta reduction of a failing program.

Candidates are smaller variants of the program: a helper or a parameter
removed, a statement removed, a compound statement replaced by one of its
blocks, an expression replaced by a literal or by one of its operands, a
condition replaced by true or false. A candidate is kept when it is still
valid C++ (plain clang accepts it) and fails with the same signature
(failure kind, and for a rejection the same message). Greedy: passes over
all candidates until none is kept or the time budget is spent.
"""

import time

from cxx import Bin, For, If, Lit, While


# ------------------------------------------------------- statement locations


def stmt_locations(stmts, prefix=()):
    """Paths to every statement: tuples (i, b, j, b, ...) alternating a
    statement index and a block index inside that statement."""
    for i, s in enumerate(stmts):
        yield prefix + (i,)
        for b, blk in enumerate(s.blocks()):
            yield from stmt_locations(blk, prefix + (i, b))


def get_stmt(stmts, path):
    s = stmts[path[0]]
    if len(path) == 1:
        return s
    return get_stmt(s.blocks()[path[1]], path[2:])


def replace_stmt(stmts, path, new):
    """stmts with the statement at path replaced by the list `new`."""
    i = path[0]
    if len(path) == 1:
        return stmts[:i] + list(new) + stmts[i + 1:]
    s = stmts[i]
    blocks = list(s.blocks())
    blocks[path[1]] = replace_stmt(blocks[path[1]], path[2:], new)
    return stmts[:i] + [s.with_blocks(blocks)] + stmts[i + 1:]


# ------------------------------------------------------ expression locations


def expr_locations(e, prefix=()):
    yield prefix
    for k, c in enumerate(e.children()):
        yield from expr_locations(c, prefix + (k,))


def get_expr(e, path):
    for k in path:
        e = e.children()[k]
    return e


def replace_expr(e, path, new):
    if not path:
        return new
    kids = list(e.children())
    kids[path[0]] = replace_expr(kids[path[0]], path[1:], new)
    return e.with_children(kids)


def simpler_exprs(e):
    """Replacements for e, simplest first."""
    out = []
    if e.ty == "d":
        if not (isinstance(e, Lit) and e.text in ("1.0", "0.5")):
            out.append(Lit("1.0"))
            out.append(Lit("0.5"))
        out += [c for c in e.children() if c.ty == "d"]
    elif e.ty.startswith("m"):  # a matrix: an operand of the same shape
        out += [c for c in e.children() if c.ty == e.ty]
    elif e.ty == "b":
        out += [Lit("true", "b"), Lit("false", "b")]
        out += [c for c in e.children() if c.ty == "b"]
    return out


# ---------------------------------------------------------------- candidates


def candidates(prog):
    """Smaller variants of prog, bigger cuts first."""
    funcs = prog.functions()
    # Whole helpers.
    for k in range(len(prog.helpers)):
        yield prog.replace(helpers=prog.helpers[:k] + prog.helpers[k + 1:])
    # Parameters of the entry (the adaptors follow the signature).
    f = prog.entry
    for k in range(len(f.params)):
        if len(f.params) > 1:
            g = f.with_body(f.body)
            g.params = f.params[:k] + f.params[k + 1:]
            yield prog.replace(entry=g)
    # Statements.
    for fi, fn in enumerate(funcs):
        for path in list(stmt_locations(fn.body)):
            s = get_stmt(fn.body, path)
            news = []
            if not s.essential:
                news.append([])
            for blk in s.blocks():
                news.append(blk)
            if isinstance(s, If) and s.els is not None:
                news.append([If(s.cond, s.then)])
            for new in news:
                yield with_function(prog, fi, fn.with_body(
                    replace_stmt(fn.body, path, new)))
    # Expressions and conditions.
    for fi, fn in enumerate(funcs):
        for path in list(stmt_locations(fn.body)):
            s = get_stmt(fn.body, path)
            for new_s in simpler_statements(s):
                yield with_function(prog, fi, fn.with_body(
                    replace_stmt(fn.body, path, [new_s])))


def simpler_statements(s):
    """s with one expression simplified."""
    exprs = s.exprs()
    for k, e in enumerate(exprs):
        for path in list(expr_locations(e)):
            sub = get_expr(e, path)
            for new in simpler_exprs(sub):
                ne = list(exprs)
                ne[k] = replace_expr(e, path, new)
                yield s.with_exprs(ne)
    if isinstance(s, If):
        for path in list(expr_locations(s.cond)):
            for new in simpler_exprs(get_expr(s.cond, path)):
                yield If(replace_expr(s.cond, path, new), s.then, s.els)
    if isinstance(s, (While, For)) and isinstance(s.cond, Bin) and \
            s.cond.op == "&&":
        # Keep the bound, drop the data-dependent part.
        if isinstance(s, While):
            yield While(s.cond.l, s.body, s.do)
        else:
            yield For(s.var, s.init, s.cond.l, s.step, s.body)


def with_function(prog, fi, fn):
    if fi < len(prog.helpers):
        hs = list(prog.helpers)
        hs[fi] = fn
        return prog.replace(helpers=hs)
    return prog.replace(entry=fn)


# ------------------------------------------------------------------- driver


def reduce(prog, still_fails, budget_s=600, log=None):
    """The smallest variant of prog found for which still_fails(candidate)
    holds, within budget_s seconds."""
    deadline = time.time() + budget_s
    tests = kept = 0
    progress = True
    while progress and time.time() < deadline:
        progress = False
        start = 0
        while time.time() < deadline:
            cands = list(candidates(prog))
            found = False
            for k in range(start, len(cands)):
                if time.time() >= deadline:
                    break
                tests += 1
                if still_fails(cands[k]):
                    prog = cands[k]
                    kept += 1
                    found = progress = True
                    start = k
                    if log:
                        log("reduce: kept candidate %d, %d statements" % (
                            k, prog.statement_count()))
                    break
            if not found:
                break
    if log:
        log("reduce: %d tests, %d kept, %d statements left" % (
            tests, kept, prog.statement_count()))
    return prog
