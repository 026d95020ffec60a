//===- TapeTest.cpp - tests for frechet/tape.h ----------------------------===//
//
// The tape is a LIFO of mixed-size values across chunk boundaries, reuses
// its chunks, and reports its peak size.
//
//===----------------------------------------------------------------------===//
#include "frechet/tape.h"

#include <gtest/gtest.h>

#include <random>

using frechet::tape;

TEST(Tape, LifoOfMixedTypes) {
  tape T;
  T.push(1.5);
  T.push(7);
  T.push(true);
  T.push(2.5f);
  T.push(3.25L);
  EXPECT_EQ(T.pop<long double>(), 3.25L);
  EXPECT_EQ(T.pop<float>(), 2.5f);
  EXPECT_EQ(T.pop<bool>(), true);
  EXPECT_EQ(T.pop<int>(), 7);
  EXPECT_EQ(T.pop<double>(), 1.5);
  EXPECT_TRUE(T.empty());
}

TEST(Tape, CrossesChunksBothWays) {
  tape T;
  std::mt19937 Gen(42);
  std::vector<int> Kinds;
  const std::size_t N = 3 * tape::chunk_slots + 123;
  for (std::size_t I = 0; I < N; ++I) {
    int K = int(Gen() % 3);
    Kinds.push_back(K);
    if (K == 0)
      T.push(double(I));
    else if (K == 1)
      T.push(static_cast<long double>(I) + 0.5L);
    else
      T.push(int(I));
  }
  for (std::size_t I = N; I-- > 0;) {
    if (Kinds[I] == 0)
      ASSERT_EQ(T.pop<double>(), double(I));
    else if (Kinds[I] == 1)
      ASSERT_EQ(T.pop<long double>(), (long double)(I) + 0.5L);
    else
      ASSERT_EQ(T.pop<int>(), int(I));
  }
  EXPECT_TRUE(T.empty());
}

TEST(Tape, PeakCountsSlots) {
  tape T;
  for (int I = 0; I < 1000; ++I)
    T.push(double(I));
  for (int I = 0; I < 1000; ++I)
    T.pop<double>();
  EXPECT_EQ(T.peak_bytes(), 1000 * sizeof(double));
  T.reset_peak();
  T.push(1.0);
  T.pop<double>();
  EXPECT_EQ(T.peak_bytes(), sizeof(double));
}

TEST(Tape, ArraysRoundTrip) {
  tape T;
  double A[4] = {1, 2, 3, 4}, B[4] = {};
  T.push_array(A, 4);
  T.pop_array(B, 4);
  for (int I = 0; I < 4; ++I)
    EXPECT_EQ(A[I], B[I]);
}

TEST(Tape, DefaultTapeIsPerThreadAndReused) {
  frechet::tape &A = frechet::default_tape();
  frechet::tape &B = frechet::default_tape();
  EXPECT_EQ(&A, &B);
}
