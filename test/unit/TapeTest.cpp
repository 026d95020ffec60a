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

// Blocks between values, across chunk boundaries, of every size up to
// larger than a chunk: each comes back at the same place with its values,
// and values pushed around them come back too.
TEST(Tape, BlocksRoundTripAcrossChunks) {
  tape T;
  std::mt19937 Gen(7);
  const std::size_t Sizes[] = {0,
                               1,
                               3,
                               1000,
                               tape::chunk_slots - 5,
                               17,
                               70000,
                               2,
                               tape::chunk_slots,
                               40,
                               5,
                               200000,
                               9};
  std::vector<double *> Blocks;
  std::vector<int *> IntBlocks;
  for (int Round = 0; Round < 2; ++Round) { // the second reuses the chunks
    Blocks.clear();
    IntBlocks.clear();
    std::size_t K = 0;
    for (std::size_t N : Sizes) {
      T.push(double(K));
      double *B = T.push_block<double>(N);
      for (std::size_t I = 0; I < N; ++I)
        B[I] = double(K) + 1e-6 * double(I);
      Blocks.push_back(B);
      int *C = T.push_block<int>(N); // two ints per slot
      for (std::size_t I = 0; I < N; ++I)
        C[I] = int(K * 1000 + I % 1000);
      IntBlocks.push_back(C);
      T.push(int(Gen() % 100));
      ++K;
    }
    for (std::size_t J = K; J-- > 0;) {
      const std::size_t N = Sizes[J];
      T.pop<int>();
      int *C = T.pop_block<int>(N);
      EXPECT_EQ(C, IntBlocks[J]);
      for (std::size_t I = 0; I < N; ++I)
        ASSERT_EQ(C[I], int(J * 1000 + I % 1000)) << "block " << J;
      double *B = T.pop_block<double>(N);
      EXPECT_EQ(B, Blocks[J]);
      for (std::size_t I = 0; I < N; ++I)
        ASSERT_EQ(B[I], double(J) + 1e-6 * double(I)) << "block " << J;
      EXPECT_EQ(T.pop<double>(), double(J));
    }
    EXPECT_TRUE(T.empty());
  }
}

TEST(Tape, BlockPeakCountsItsSlots) {
  tape T;
  T.push_block<double>(100);
  T.push_block<float>(5); // 3 slots
  T.pop_block<float>(5);
  T.pop_block<double>(100);
  EXPECT_EQ(T.peak_bytes(), 103 * sizeof(double));
  EXPECT_TRUE(T.empty());
}

TEST(Tape, DefaultTapeIsPerThreadAndReused) {
  frechet::tape &A = frechet::default_tape();
  frechet::tape &B = frechet::default_tape();
  EXPECT_EQ(&A, &B);
}
