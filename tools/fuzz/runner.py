"""Compiles and runs batches of generated programs and classifies failures.

A batch is one translation unit with many programs (compiling is the
expensive part, so it is shared). When a batch does not compile, it is
split in halves until the programs that fail are found; when its binary
crashes or hangs, the program that was running (its BEGIN line was the
last) is the culprit and the rest of the batch is run again after it.
"""

import os
import re
import subprocess
import tempfile

import adaptor

# Failure kinds, from the compiler and from fuzz_oracles.h.
COMPILE_KINDS = ("plugin-crash", "generated-code-error", "rejected",
                 "invalid-program", "compile-timeout")
RUN_KINDS = ("crash", "timeout", "nondeterministic", "value-jvp", "value-vjp",
             "value-grad", "tape", "adjoint", "accum", "grad", "fd")


class Config:
    def __init__(self, frechetxx, clangxx, fuzz_dir, workdir, opt="-O1",
                 compile_timeout=300, run_timeout=60, points=4, point_seed=0,
                 keep=False, cxxflags=()):
        self.frechetxx, self.clangxx = frechetxx, clangxx
        self.fuzz_dir, self.workdir = fuzz_dir, workdir
        self.opt = opt
        self.compile_timeout, self.run_timeout = compile_timeout, run_timeout
        self.points, self.point_seed = points, point_seed
        self.keep = keep
        self.cxxflags = list(cxxflags)  # e.g. sanitizers

    def compile_cmd(self, src, exe):
        return ([self.frechetxx, "-std=c++17", self.opt, "-ffp-contract=off",
                 "-w", "-fno-crash-diagnostics", "-I" + self.fuzz_dir] +
                self.cxxflags + [src, "-o", exe])


class Failure:
    """prog: the failing program, or a list of programs that fail only
    together (then it is not reduced)."""

    def __init__(self, prog, kind, detail, opt="-O0"):
        self.prog, self.kind, self.detail = prog, kind, detail
        self.opt = opt  # the optimization level it was found with

    def programs(self):
        return self.prog if isinstance(self.prog, list) else [self.prog]

    def signature(self):
        """What must stay the same while a reproducer is reduced."""
        if self.kind == "rejected":
            return (self.kind, first_error_message(self.detail))
        return (self.kind,)

    def __repr__(self):
        return "%s: %s" % (self.kind, self.detail.strip().splitlines()[0]
                           if self.detail.strip() else "")


ERROR_RE = re.compile(r"^(.*?):(\d+):(\d+): (error|fatal error): (.*)$", re.M)


def first_error_message(stderr):
    m = ERROR_RE.search(stderr)
    return m.group(5) if m else stderr.strip()[:200]


def classify_compile(rc, stderr):
    """The kind of a failed compilation of generated programs."""
    if rc is None:
        return "compile-timeout"
    if ("PLEASE submit a bug report" in stderr or "Stack dump" in stderr or
            "Assertion" in stderr or rc < 0 or rc > 1):
        return "plugin-crash"
    errors = ERROR_RE.findall(stderr)
    if any(e[0].startswith("<frechet") for e in errors):
        return "generated-code-error"
    # Errors of the plugin itself are about differentiation.
    if any(re.search(r"differentiat|derivative|frechet|tangent|wrt",
                     e[4]) for e in errors):
        return "rejected"
    return "invalid-program"


def run(cmd, timeout, cwd=None):
    """(returncode or None on timeout, stdout, stderr)."""
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout, cwd=cwd)
        return (p.returncode, p.stdout.decode("utf-8", "replace"),
                p.stderr.decode("utf-8", "replace"))
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode("utf-8", "replace") if e.stdout else ""
        err = e.stderr.decode("utf-8", "replace") if e.stderr else ""
        return None, out, err


class Stats:
    def __init__(self):
        self.programs = 0
        self.points = 0
        self.nonfinite = 0
        self.fd_skipped = 0
        self.compiles = 0

    def add(self, other):
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))


def check_batch(progs, cfg, stats, tag="batch"):
    """Compiles and runs progs; returns the list of Failures."""
    fd, src = tempfile.mkstemp(prefix=tag + "-", suffix=".cpp",
                               dir=cfg.workdir)
    os.close(fd)
    exe = src[:-4]
    try:
        with open(src, "w") as f:
            f.write(adaptor.translation_unit(progs))
        rc, _, err = run(cfg.compile_cmd(src, exe), cfg.compile_timeout)
        stats.compiles += 1
        if rc != 0:
            if len(progs) == 1:
                return [Failure(progs[0], classify_compile(rc, err), err)]
            half = len(progs) // 2
            found = (check_batch(progs[:half], cfg, stats, tag) +
                     check_batch(progs[half:], cfg, stats, tag))
            if not any(f.kind in COMPILE_KINDS for f in found):
                if rc is None:
                    # Each half compiles in time: a loaded machine, or
                    # programs that are slow together. Once more, alone.
                    stats.compiles += 1
                    rc, _, err = run(cfg.compile_cmd(src, exe),
                                     cfg.compile_timeout)
                    if rc == 0:
                        return found
                # Each half compiles alone: the programs interact.
                found.append(Failure(progs, classify_compile(rc, err), err))
            return found
        return run_batch(progs, exe, cfg, stats)
    finally:
        if not cfg.keep:
            for p in (src, exe):
                if os.path.exists(p):
                    os.remove(p)


def run_batch(progs, exe, cfg, stats):
    failures = []
    first = 0
    by_name = {p.ns: (i, p) for i, p in enumerate(progs)}
    while first < len(progs):
        rc, out, err = run([exe, str(cfg.points), str(cfg.point_seed),
                            str(first)], cfg.run_timeout)
        last = None
        done = False
        finished = set()
        for line in out.splitlines():
            words = line.split()
            if not words:
                continue
            if words[0] == "BEGIN":
                last = words[1]
            elif words[0] == "PASS":
                last = None
                finished.add(words[1])
                stats.programs += 1
                kv = dict(w.split("=", 1) for w in words[2:])
                stats.points += int(kv["points"])
                stats.nonfinite += int(kv["nonfinite"])
                stats.fd_skipped += int(kv["fdskip"])
            elif words[0] == "FAIL":
                last = None
                finished.add(words[1])
                stats.programs += 1
                kind = words[2].split("=", 1)[1]
                failures.append(Failure(by_name[words[1]][1], kind,
                                        " ".join(words[3:])))
            elif words[0] == "DONE":
                done = True
        if done:
            break
        if last is None:  # died before its first line: blame the next one
            rest = [p.ns for p in progs[first:] if p.ns not in finished]
            if not rest:
                break
            last = rest[0]
        # The program that was running crashed or hung.
        idx, prog = by_name[last]
        stats.programs += 1
        kind = "timeout" if rc is None else "crash"
        failures.append(Failure(prog, kind, "exit status %s\n%s" % (
            rc, err[-2000:])))
        first = idx + 1
    return failures


def check_one(prog, cfg, tag="one"):
    """Failures of a single program (used by the reducer)."""
    return check_batch([prog], cfg, Stats(), tag)


def matrix_includes(cfg):
    """The runtime's and Eigen's include directories, as frechet++ has them."""
    inc = ["-I" + os.path.join(os.path.dirname(os.path.dirname(
        os.path.abspath(cfg.fuzz_dir))), "runtime", "include")]
    with open(cfg.frechetxx) as f:
        m = re.search(r"^eigen_include='(.*)'$", f.read(), re.M)
    if m:
        inc += ["-isystem", m.group(1)]
    return inc


def plain_compiles(prog, cfg):
    """Whether the program alone is valid C++ (plain clang, no plugin)."""
    fd, src = tempfile.mkstemp(prefix="valid-", suffix=".cpp",
                               dir=cfg.workdir)
    os.close(fd)
    try:
        with open(src, "w") as f:
            f.write(("#include <frechet/matrix.h>\n" if prog.matrix else "")
                    + "#include <algorithm>\n#include <cmath>\n" +
                    prog.render())
        rc, _, _ = run([cfg.clangxx, "-std=c++17", "-fsyntax-only"] +
                       (matrix_includes(cfg) if prog.matrix else []) + [
                        "-Wno-unknown-pragmas", "-Werror=uninitialized",
                        "-Werror=sometimes-uninitialized",
                        "-Werror=return-type", src], 120)
        return rc == 0
    finally:
        os.remove(src)
