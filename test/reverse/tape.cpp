// The tape of reverse mode: empty after every f_vjp / f_grad call (the
// reverse sweep pops all that the forward sweep pushed, whatever path the
// code took), repeated calls reuse it (same peak, no allocation at all on a
// second call, counted with a replaced global operator new), and loops of
// 100000 iterations work: the tape spans several chunks, with one-slot
// (double, int, bool, pointer) and two-slot (long double) values crossing
// chunk boundaries. Each thread has its own tape.
//
// RUN: %frechetxx -pthread %s -o %t -fplugin-arg-frechet-out=%t.gen.cpp 2>&1 | count 0
// RUN: FileCheck %s --input-file %t.gen.cpp
// RUN: %t | FileCheck %s --check-prefix=EXEC
#include <frechet/frechet.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <new>
#include <thread>

#include "Inputs/reverse_check.h"

// Every allocation of the program is counted.
static std::atomic<long> Allocations{0};
void *operator new(std::size_t n) {
  ++Allocations;
  if (void *p = std::malloc(n ? n : 1))
    return p;
  throw std::bad_alloc();
}
void operator delete(void *p) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }

// A long loop: s is overwritten and read (taped each iteration), the branch
// decision and the pointer are taped too, value by value (a while loop).
#pragma frechet gradient
#pragma frechet forward
double longloop(const double *x, int n, double w) {
  double s = 0;
  const double *p = x;
  int i = 0;
  while (i < n) {
    if (s > 0.1)
      s = std::sin(s) * w + p[i % 7];
    else
      s = s * w + p[i % 7] * p[(i + 3) % 7];
    ++i;
  }
  return s;
}
// CHECK-LABEL: inline double longloop_fwd(const double *x, int n, double w, frechet::tape &_tape) {
// CHECK:         while (i < n) {
// CHECK:             _tape.push(s);
// CHECK-NEXT:        s = std::sin(s) * w + p[i % 7];
// CHECK-NEXT:        _tape.push(true);
// CHECK-LABEL: inline void longloop_rev(const double *x, int n, double w, double d_ret, double *d_x, double &d_w, frechet::tape &_tape) {
// CHECK:         for (int [[K:_k[_0-9]*]] = 0; [[K]] < {{_n[_0-9]*}}; ++[[K]]) {
// CHECK:           if (_tape.pop<bool>()) {

// The same as a counted loop: the values and decisions go to tape blocks,
// a slot per iteration, each block larger than a chunk (so in a chunk of
// its own size).
#pragma frechet gradient
#pragma frechet forward
double longblocks(const double *x, int n, double w) {
  double s = 0;
  const double *p = x;
  for (int i = 0; i < n; ++i) {
    if (s > 0.1)
      s = std::sin(s) * w + p[i % 7];
    else
      s = s * w + p[i % 7] * p[(i + 3) % 7];
  }
  return s;
}
// CHECK-LABEL: inline double longblocks_fwd(const double *x, int n, double w, frechet::tape &_tape) {
// CHECK:         [[D:_b[_0-9]*]] = _tape.push_block<bool>([[N:_n[_0-9]*]]);
// CHECK-NEXT:    [[B1:_b[_0-9]*]] = _tape.push_block<double>([[N]]);
// CHECK-NEXT:    [[B2:_b[_0-9]*]] = _tape.push_block<double>([[N]]);
// CHECK-NEXT:    for (i = [[S:_s[_0-9]*]]; i < n; ++i) {
// CHECK-NEXT:      if (s > 0.1) {
// CHECK-NEXT:        [[B1]][i - [[S]]] = s;
// CHECK-NEXT:        s = std::sin(s) * w + p[i % 7];
// CHECK-NEXT:        [[D]][i - [[S]]] = true;
// CHECK-NEXT:      } else {
// CHECK-NEXT:        [[B2]][i - [[S]]] = s;
// CHECK-LABEL: inline void longblocks_rev(const double *x, int n, double w, double d_ret, double *d_x, double &d_w, frechet::tape &_tape) {
// CHECK:         [[B2]] = _tape.pop_block<double>([[N]]);
// CHECK-NEXT:    [[B1]] = _tape.pop_block<double>([[N]]);
// CHECK-NEXT:    [[D]] = _tape.pop_block<bool>([[N]]);
// CHECK-NEXT:    for (int [[K:_k[_0-9]*]] = [[N]] - 1; [[K]] >= 0; --[[K]]) {
// CHECK-NEXT:      i = [[S]] + [[K]];
// CHECK-NEXT:      if ([[D]][i - [[S]]]) {
// CHECK-NEXT:        s = [[B1]][i - [[S]]];

// Two-slot values: a long double overwritten in a long while loop. (f_vjp:
// f_grad of a long double function is tested in cmath.cpp.)
#pragma frechet reverse
#pragma frechet forward
long double longwhile(long double x, int n) {
  long double s = x;
  int k = 0;
  while (k < n) {
    s = s * x / (1 + s * s) + x;
    ++k;
  }
  return s;
}
// CHECK-LABEL: inline void longwhile_rev(long double x, int n, long double d_ret, long double &d_x, frechet::tape &_tape) {
// CHECK:           s = _tape.pop<long double>();

// A small function for the simple cases.
#pragma frechet reverse
#pragma frechet forward
double small(double x, double y) {
  double t = x * y;
  t = t * t + x;
  return t / y;
}

int main() {
  rtest::check_tape_empty("tape empty before any call");

  // Small: f_vjp, then again with another seed; tape empty each time.
  {
    double dx = 0, dy = 0;
    small_vjp(1.5, 0.5, 1.0, dx, dy);
    rtest::check_tape_empty("small tape after call 1");
    small_vjp(1.5, 0.5, 2.0, dx, dy);
    rtest::check_tape_empty("small tape after call 2");
    frechet::check_close("small d/dx accumulated", dx,
                         3 * small_jvp(1.5, 0.5, 1, 0).tangent, 1e-12);
    frechet::check_close("small d/dy accumulated", dy,
                         3 * small_jvp(1.5, 0.5, 0, 1).tangent, 1e-12);
  }

  // 100000 iterations, then the same again: the second call allocates
  // nothing and reaches the same peak.
  const int n = 100000;
  double x[7] = {0.3, -0.2, 0.15, 0.4, -0.35, 0.1, 0.25};
  double w = 0.7;
  double g1[7] = {}, dw1 = 0;
  frechet::default_tape().reset_peak();
  double v1 = longloop_grad(x, n, w, g1, dw1);
  std::size_t peak1 = frechet::default_tape().peak_bytes();
  rtest::check_tape_empty("longloop tape after call 1");
  frechet::check_close("longloop value", v1, longloop(x, n, w), 0);
  // At least one double per iteration: more than one chunk.
  frechet::check_close("longloop peak spans chunks",
                       peak1 > frechet::tape::chunk_slots * 8 &&
                           peak1 >= std::size_t(n) * 8,
                       1, 0);

  double g2[7] = {}, dw2 = 0;
  frechet::default_tape().reset_peak();
  long before = Allocations;
  double v2 = longloop_grad(x, n, w, g2, dw2);
  long allocated = Allocations - before;
  std::size_t peak2 = frechet::default_tape().peak_bytes();
  rtest::check_tape_empty("longloop tape after call 2");
  frechet::check_close("longloop call 2 allocates nothing", double(allocated),
                       0, 0);
  frechet::check_close("longloop call 2 same peak", double(peak2),
                       double(peak1), 0);
  frechet::check_close("longloop call 2 same value", v2, v1, 0);
  frechet::check_close("longloop call 2 same d/dw", dw2, dw1, 0);
  for (int i = 0; i < 7; ++i)
    frechet::check_close(rtest::name("longloop call 2 same d/dx", i), g2[i],
                         g1[i], 0);

  // The gradient itself, against forward mode and differences.
  rtest::check_array_gradient(
      "longloop d/dx", g1, x, 7,
      [&](const double *e) { return longloop_jvp(x, n, w, e, 0.0).tangent; },
      [&](double *a) { return longloop(a, n, w); });
  double zero[7] = {};
  frechet::check_close("longloop d/dw vs jvp", dw1,
                       longloop_jvp(x, n, w, zero, 1.0).tangent, 1e-12);
  frechet::check_close(
      "longloop d/dw vs fd", dw1,
      frechet::central_difference(
          [&](double v) { return longloop(x, n, v); }, w),
      1e-6);

  // The blocks: the same gradient, and a second call allocates nothing.
  {
    double g3[7] = {}, dw3 = 0, g4[7] = {}, dw4 = 0;
    double v3 = longblocks_grad(x, n, w, g3, dw3);
    rtest::check_tape_empty("longblocks tape after call 1");
    long before = Allocations;
    double v4 = longblocks_grad(x, n, w, g4, dw4);
    rtest::check_tape_empty("longblocks tape after call 2");
    frechet::check_close("longblocks call 2 allocates nothing",
                         double(Allocations - before), 0, 0);
    frechet::check_close("longblocks value", v3, v1, 0);
    frechet::check_close("longblocks call 2 value", v4, v1, 0);
    frechet::check_close("longblocks d/dw", dw3, dw1, 1e-12);
    frechet::check_close("longblocks call 2 d/dw", dw4, dw1, 1e-12);
    for (int i = 0; i < 7; ++i)
      frechet::check_close(rtest::name("longblocks d/dx", i), g3[i], g1[i],
                           1e-12);
  }

  // Long doubles across chunk boundaries: run with several lengths so that
  // the two-slot values fall differently on the chunk ends.
  for (int m : {65535, 65536, 100000, 100001}) {
    long double dx = 0;
    long double v = longwhile_vjp(0.6L, m, 1.0L, dx);
    rtest::check_tape_empty("longwhile tape");
    frechet::check_close("longwhile value", double(v),
                         double(longwhile(0.6L, m)), 0);
    frechet::check_close("longwhile vs jvp", double(dx),
                         double(longwhile_jvp(0.6L, m, 1.0L).tangent), 1e-12);
    frechet::check_close(
        "longwhile vs fd", double(dx),
        frechet::central_difference(
            [&](double v) { return double(longwhile(v, m)); }, 0.6),
        1e-6);
  }

  // Each thread has its own tape: two threads differentiating at once give
  // the same result as one, and leave both tapes empty.
  {
    double ga[7] = {}, gb[7] = {}, dwa = 0, dwb = 0;
    std::size_t left_a = 1, left_b = 1;
    std::thread a([&] {
      longloop_grad(x, n, w, ga, dwa);
      left_a = frechet::default_tape().size();
    });
    std::thread b([&] {
      longloop_grad(x, n, w, gb, dwb);
      left_b = frechet::default_tape().size();
    });
    a.join();
    b.join();
    frechet::check_close("thread a tape", double(left_a), 0, 0);
    frechet::check_close("thread b tape", double(left_b), 0, 0);
    frechet::check_close("thread a d/dw", dwa, dw1, 0);
    frechet::check_close("thread b d/dw", dwb, dw1, 0);
  }
  return frechet::check_exit_code();
}
// EXEC: ok tape empty before any call
// EXEC: ok small tape after call 2
// EXEC: ok longloop peak spans chunks
// EXEC: ok longloop call 2 allocates nothing
// EXEC: ok longloop call 2 same peak
// EXEC: ok longloop d/dw vs fd
// EXEC: ok longblocks call 2 allocates nothing
// EXEC: ok longblocks d/dx[6]
// EXEC: ok longwhile vs fd
// EXEC: ok thread b d/dw
// EXEC: 70 passed, 0 failed
