//===- CheckTest.cpp - tests for frechet/check.h --------------------------===//
//
// Checks the derivative-checking helpers: the error measure, the exact line
// check_close prints, its treatment of NaN and infinities, and the
// process-wide counters. The counters are shared with every other test in
// the binary, so tests compare differences, and the "nothing failed" exit
// code is checked in a fresh process.
//
//===----------------------------------------------------------------------===//
#include "frechet/check.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>

namespace {

const double NaN = std::numeric_limits<double>::quiet_NaN();
const double Inf = std::numeric_limits<double>::infinity();

// Runs check_close with stdout captured; returns what it printed.
std::string capturedCheck(const char *what, double got, double want, double tol,
                          bool &passed) {
  testing::internal::CaptureStdout();
  passed = frechet::check_close(what, got, want, tol);
  return testing::internal::GetCapturedStdout();
}

// Parses the `N passed, M failed` line of check_exit_code.
bool parseSummary(const std::string &line, int &passed, int &failed) {
  char end = 0;
  return std::sscanf(line.c_str(), "%d passed, %d failed%c", &passed, &failed,
                     &end) == 3 &&
         end == '\n';
}

TEST(Check, RelativeErrorIsRelativeForLargeValues) {
  EXPECT_DOUBLE_EQ(frechet::relative_error(101, 100), 0.01);
  EXPECT_DOUBLE_EQ(frechet::relative_error(-3, -2), 0.5);
  EXPECT_DOUBLE_EQ(frechet::relative_error(2e10, 1e10), 1.0);
}

TEST(Check, RelativeErrorIsAbsoluteNearZero) {
  EXPECT_DOUBLE_EQ(frechet::relative_error(1e-3, 0), 1e-3);
  EXPECT_DOUBLE_EQ(frechet::relative_error(0.5, 0.25), 0.25);
  EXPECT_DOUBLE_EQ(frechet::relative_error(0, -1), 1.0);
  EXPECT_EQ(frechet::relative_error(7.25, 7.25), 0.0);
}

TEST(Check, CentralDifference) {
  auto cube = [](double x) { return x * x * x; };
  // Exact for a cubic up to the h^2 term: 3x^2 + h^2.
  EXPECT_NEAR(frechet::central_difference(cube, 2.0), 12.0, 1e-6);
  EXPECT_NEAR(frechet::central_difference(cube, 2.0, 0.5), 12.25, 1e-12);
  // A float-valued callable works too.
  auto f = [](double x) { return static_cast<float>(3 * x); };
  EXPECT_NEAR(frechet::central_difference(f, 1.0, 0.25), 3.0, 1e-6);
}

TEST(Check, PassPrintsOkLine) {
  int before = frechet::check_failures();
  bool passed = false;
  std::string out =
      capturedCheck("d/dx sin", 0.1234567891, 0.1234567892, 1e-6, passed);
  EXPECT_TRUE(passed);
  // Ten significant digits of both numbers.
  EXPECT_EQ(out, "ok d/dx sin: 0.1234567891 (expected 0.1234567892)\n");
  EXPECT_EQ(frechet::check_failures(), before);
}

TEST(Check, FailPrintsErrorAndCounts) {
  int before = frechet::check_failures();
  bool passed = true;
  std::string out = capturedCheck("dy", 1.25, 1.0, 1e-6, passed);
  EXPECT_FALSE(passed);
  EXPECT_EQ(out, "FAIL dy: 1.25 (expected 1, relative error 0.25 > 1e-06)\n");
  EXPECT_EQ(frechet::check_failures(), before + 1);
}

TEST(Check, ToleranceIsInclusive) {
  bool passed = false;
  capturedCheck("edge", 1.5, 1.0, 0.5, passed);
  EXPECT_TRUE(passed);
  capturedCheck("past edge", 1.5, 1.0, 0.4999, passed);
  EXPECT_FALSE(passed);
}

TEST(Check, NaNFailsUnlessBothAreNaN) {
  int before = frechet::check_failures();
  bool passed = true;
  std::string out = capturedCheck("got nan", NaN, 1.0, 1e-6, passed);
  EXPECT_FALSE(passed);
  EXPECT_EQ(out.rfind("FAIL got nan: nan (expected 1, ", 0), 0u) << out;
  capturedCheck("want nan", 1.0, NaN, 1e-6, passed);
  EXPECT_FALSE(passed);
  // A huge tolerance must not let NaN through.
  capturedCheck("nan, loose", NaN, 0.0, 1e300, passed);
  EXPECT_FALSE(passed);
  EXPECT_EQ(frechet::check_failures(), before + 3);

  out = capturedCheck("both nan", NaN, NaN, 1e-6, passed);
  EXPECT_TRUE(passed);
  EXPECT_EQ(out, "ok both nan: nan (expected nan)\n");
  EXPECT_EQ(frechet::check_failures(), before + 3);
}

TEST(Check, Infinities) {
  bool passed = false;
  capturedCheck("inf", Inf, Inf, 1e-6, passed);
  EXPECT_TRUE(passed);
  capturedCheck("-inf", -Inf, -Inf, 1e-6, passed);
  EXPECT_TRUE(passed);
  capturedCheck("inf vs -inf", Inf, -Inf, 1e-6, passed);
  EXPECT_FALSE(passed);
  capturedCheck("inf vs finite", Inf, 1.0, 1e-6, passed);
  EXPECT_FALSE(passed);
  capturedCheck("finite vs inf", 1e308, Inf, 1e-6, passed);
  EXPECT_FALSE(passed);
}

TEST(Check, ExitCodeReportsCounts) {
  testing::internal::CaptureStdout();
  frechet::check_exit_code();
  std::string first = testing::internal::GetCapturedStdout();
  int passed0 = -1, failed0 = -1;
  ASSERT_TRUE(parseSummary(first, passed0, failed0)) << first;
  EXPECT_EQ(failed0, frechet::check_failures());

  bool ok = false;
  capturedCheck("one more pass", 2.0, 2.0, 0.0, ok);
  capturedCheck("one more pass", 3.0, 3.0, 0.0, ok);
  capturedCheck("one more fail", 3.0, 2.0, 0.0, ok);

  testing::internal::CaptureStdout();
  int code = frechet::check_exit_code();
  std::string second = testing::internal::GetCapturedStdout();
  int passed1 = -1, failed1 = -1;
  ASSERT_TRUE(parseSummary(second, passed1, failed1)) << second;
  EXPECT_EQ(passed1, passed0 + 2);
  EXPECT_EQ(failed1, failed0 + 1);
  EXPECT_EQ(failed1, frechet::check_failures());
  EXPECT_EQ(code, 1);
}

#if GTEST_HAS_DEATH_TEST
// The counters start at 0 only in a fresh process; the "threadsafe" style
// re-executes the test binary for the child instead of forking this one.
void useFreshProcessForDeathTests() {
#ifdef GTEST_FLAG_SET
  GTEST_FLAG_SET(death_test_style, "threadsafe");
#else
  testing::FLAGS_gtest_death_test_style = "threadsafe";
#endif
}

// The child's deliberate FAIL line would only confuse whoever reads the log.
void quietStdout() { (void)std::freopen("/dev/null", "w", stdout); }

TEST(CheckDeathTest, ExitCodeIsZeroWhenAllPassed) {
  useFreshProcessForDeathTests();
  EXPECT_EXIT(
      {
        quietStdout();
        frechet::check_close("fine", 1.0, 1.0, 1e-9);
        std::fprintf(stderr, "failures=%d\n", frechet::check_failures());
        std::exit(frechet::check_exit_code());
      },
      testing::ExitedWithCode(0), "failures=0");
}

TEST(CheckDeathTest, ExitCodeIsOneAfterAFailure) {
  useFreshProcessForDeathTests();
  EXPECT_EXIT(
      {
        quietStdout();
        frechet::check_close("fine", 1.0, 1.0, 1e-9);
        frechet::check_close("broken", 2.0, 1.0, 1e-9);
        std::fprintf(stderr, "failures=%d\n", frechet::check_failures());
        std::exit(frechet::check_exit_code());
      },
      testing::ExitedWithCode(1), "failures=1");
}
#endif

} // namespace
