//===- MatrixSupportTest.cpp - tests for frechet/matrix_support.h ---------===//
//
// The zero-is-empty helpers, the discard() sentinel, and matrices and byte
// blocks on the tape: blocks larger than a chunk, blocks that end exactly at
// a chunk's end, mixed with scalar values, and an exact peak_bytes().
//
//===----------------------------------------------------------------------===//
#include "MatrixTestUtil.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <thread>

using namespace mtest;
using frechet::tape;

namespace {

TEST(MatrixSupport, AddToEmptyTakesTheShape) {
  const MatrixXd X = random(3, 2);
  MatrixXd M;
  frechet::add_to(M, X);
  EXPECT_TRUE(same(M, X));
  frechet::add_to(M, X);
  EXPECT_TRUE(same(M, MatrixXd(2 * X)));

  Eigen::VectorXd V;
  frechet::add_to(V, MatrixXd(X.col(0)));
  EXPECT_EQ(V.size(), 3);
  EXPECT_EQ(V, X.col(0));
  frechet::add_to(V, X.col(1));
  EXPECT_EQ(V, X.col(0) + X.col(1));

  Eigen::RowVectorXd R;
  frechet::add_to(R, X.col(0).transpose());
  EXPECT_EQ(R, X.col(0).transpose());
}

TEST(MatrixSupport, AddToAnRvalueMovesIntoAnEmptyAccumulator) {
  const MatrixXd X = random(3, 2);
  MatrixXd Moved = X, M;
  const double *Storage = Moved.data();
  frechet::add_to(M, std::move(Moved));
  EXPECT_EQ(M.data(), Storage); // taken, not copied
  EXPECT_TRUE(same(M, X));
  // Into a non-empty accumulator it adds, like an lvalue.
  MatrixXd Again = X;
  frechet::add_to(M, std::move(Again));
  EXPECT_TRUE(same(M, MatrixXd(2 * X)));
  EXPECT_EQ(Again.data() != nullptr, true);
  // An empty rvalue adds nothing; the sentinel takes nothing.
  frechet::add_to(M, MatrixXd());
  EXPECT_TRUE(same(M, MatrixXd(2 * X)));
  MatrixXd ForNobody = X;
  frechet::add_to(frechet::discard(), std::move(ForNobody));
  EXPECT_EQ(frechet::discard().size(), 0);
  EXPECT_EQ(ForNobody.size(), X.size());
}

TEST(MatrixSupport, AddToExpressionsAndFixedSizes) {
  const MatrixXd A = random(2, 3), B = random(3, 3);
  MatrixXd M;
  frechet::add_to(M, A * B + A);
  EXPECT_LE((M - (A * B + A)).norm(), 1e-15);

  Eigen::Matrix<double, 2, 3> F = Eigen::Matrix<double, 2, 3>::Ones();
  frechet::add_to(F, A);
  EXPECT_EQ(F, (A.array() + 1).matrix());

  Eigen::Matrix3d G = Eigen::Matrix3d::Identity();
  frechet::add_to(G, B.transpose());
  EXPECT_EQ(G, (Eigen::Matrix3d::Identity() + B.transpose()));

  Eigen::Vector3d V = Eigen::Vector3d::Zero();
  frechet::add_to(V, B.col(2));
  frechet::add_to(V, Eigen::Vector3d(1, 2, 3).array());
  EXPECT_EQ(V, B.col(2) + Eigen::Vector3d(1, 2, 3));

  // An empty contribution is zero: nothing changes, nothing is resized.
  frechet::add_to(G, MatrixXd());
  EXPECT_EQ(G, (Eigen::Matrix3d::Identity() + B.transpose()));
  MatrixXd E;
  frechet::add_to(E, MatrixXd());
  EXPECT_EQ(E.size(), 0);
}

TEST(MatrixSupport, AddToScalarShapes) {
  MatrixXd M;
  frechet::add_to(M, 2.5);
  ASSERT_EQ(M.rows(), 1);
  ASSERT_EQ(M.cols(), 1);
  frechet::add_to(M, 1.0);
  EXPECT_EQ(M(0, 0), 3.5);
  MatrixXd Big = MatrixXd::Zero(2, 2);
  EXPECT_THROW(frechet::add_to(Big, 1.0), std::invalid_argument);

  double D = 1;
  const Eigen::Vector3d U(1, 2, 3), W(4, 5, 6);
  frechet::add_to(D, U.transpose() * W); // a 1x1 expression
  EXPECT_EQ(D, 33);
  frechet::add_to(D, MatrixXd());
  EXPECT_EQ(D, 33);
  frechet::add_to(D, 2);
  EXPECT_EQ(D, 35);
  EXPECT_THROW(frechet::add_to(D, U), std::invalid_argument);
}

TEST(MatrixSupport, ZeroIsEmpty) {
  EXPECT_TRUE(frechet::is_zero(MatrixXd()));
  EXPECT_TRUE(frechet::is_zero(Eigen::VectorXd()));
  EXPECT_FALSE(frechet::is_zero(MatrixXd(MatrixXd::Zero(2, 2))));
  EXPECT_FALSE(frechet::is_zero(Eigen::Matrix3d(Eigen::Matrix3d::Zero())));

  MatrixXd M = random(3, 4);
  frechet::clear(M);
  EXPECT_EQ(M.rows(), 0);
  EXPECT_EQ(M.cols(), 0);
  Eigen::VectorXd V = Eigen::VectorXd::Ones(4);
  frechet::clear(V);
  EXPECT_EQ(V.size(), 0);
  Eigen::RowVectorXd R = Eigen::RowVectorXd::Ones(4);
  frechet::clear(R);
  EXPECT_EQ(R.size(), 0);
  Eigen::Matrix<double, Eigen::Dynamic, 3> Tall(5, 3);
  frechet::clear(Tall);
  EXPECT_EQ(Tall.size(), 0);
  EXPECT_EQ(Tall.cols(), 3);
  Eigen::Matrix3d F = Eigen::Matrix3d::Ones();
  frechet::clear(F);
  EXPECT_EQ(F, Eigen::Matrix3d::Zero());

  EXPECT_EQ(frechet::zero_like<MatrixXd>().size(), 0);
  EXPECT_EQ(frechet::zero_like<Eigen::VectorXd>().size(), 0);
  EXPECT_EQ(frechet::zero_like<Eigen::Matrix3d>(), Eigen::Matrix3d::Zero());
  EXPECT_EQ(frechet::zero_like<Eigen::Vector3d>(), Eigen::Vector3d::Zero());
  EXPECT_EQ(frechet::zero_like<double>(), 0.0);

  double S = 2.5;
  EXPECT_FALSE(frechet::is_zero(S));
  frechet::clear(S);
  EXPECT_TRUE(frechet::is_zero(S));
}

TEST(MatrixSupport, DiscardIsUnwantedAndStaysEmpty) {
  MatrixXd &S = frechet::discard();
  EXPECT_FALSE(frechet::wanted(S));
  MatrixXd Other;
  Eigen::Matrix3d Fixed;
  double D = 0;
  EXPECT_TRUE(frechet::wanted(Other));
  EXPECT_TRUE(frechet::wanted(Fixed));
  EXPECT_TRUE(frechet::wanted(D));
  frechet::add_to(S, random(2, 2));
  frechet::add_to(S, 1.0);
  EXPECT_EQ(S.size(), 0);
  EXPECT_EQ(&frechet::discard(), &S); // the same sentinel every time
  // One sentinel per thread.
  const MatrixXd *Theirs = nullptr;
  std::thread([&] { Theirs = &frechet::discard(); }).join();
  EXPECT_NE(Theirs, &S);
}

TEST(MatrixTape, BlocksOfEverySize) {
  tape T;
  std::vector<std::vector<unsigned char>> Blocks;
  const std::size_t Chunk = tape::chunk_slots * sizeof(tape::slot);
  for (std::size_t N :
       {std::size_t(0), std::size_t(1), std::size_t(7), std::size_t(8),
        std::size_t(9), Chunk - 4, Chunk, Chunk + 3, 3 * Chunk + 17}) {
    std::vector<unsigned char> B(N);
    for (std::size_t I = 0; I < N; ++I)
      B[I] = static_cast<unsigned char>(I * 31 + N);
    Blocks.push_back(B);
    T.push_bytes(B.data(), N);
    T.push(double(N)); // a scalar between blocks
  }
  for (std::size_t K = Blocks.size(); K-- > 0;) {
    const std::vector<unsigned char> &B = Blocks[K];
    ASSERT_EQ(T.pop<double>(), double(B.size()));
    std::vector<unsigned char> Got(B.size(), 0);
    T.pop_bytes(Got.data(), Got.size());
    ASSERT_EQ(Got, B) << "block of " << B.size() << " bytes";
  }
  EXPECT_TRUE(T.empty());
}

TEST(MatrixTape, BlockEndingAtAChunkEndThenScalars) {
  tape T;
  // Fill all but 3 slots of the first chunk, then a block of exactly 3
  // slots: the next push must start a new chunk, and popping must step back.
  for (std::size_t I = 0; I + 3 < tape::chunk_slots; ++I)
    T.push(std::uint64_t(I));
  const double Three[3] = {1.5, 2.5, 3.5};
  T.push_bytes(Three, sizeof Three);
  T.push(7.25L); // two slots: a new chunk
  T.push(9);
  EXPECT_EQ(T.pop<int>(), 9);
  EXPECT_EQ(T.pop<long double>(), 7.25L);
  double Back[3] = {};
  T.pop_bytes(Back, sizeof Back);
  EXPECT_EQ(Back[0], 1.5);
  EXPECT_EQ(Back[2], 3.5);
  EXPECT_EQ(T.pop<std::uint64_t>(), tape::chunk_slots - 4);
  EXPECT_EQ(T.size(), tape::chunk_slots - 4);
}

TEST(MatrixTape, RandomInterleavingOfBlocksAndScalars) {
  tape T;
  std::mt19937 Gen(7);
  struct Entry {
    int Kind; // 0 double, 1 long double, 2 block
    std::vector<std::uint32_t> Data;
    double Value;
  };
  std::vector<Entry> Stack;
  for (int Step = 0; Step < 4000; ++Step) {
    bool Push = Stack.empty() || Gen() % 5 < 3;
    if (Push) {
      Entry E{int(Gen() % 3), {}, double(Step)};
      if (E.Kind == 0)
        T.push(E.Value);
      else if (E.Kind == 1)
        T.push(static_cast<long double>(E.Value));
      else {
        std::size_t N =
            Gen() % 4 == 0 ? Gen() % (tape::chunk_slots * 3) : Gen() % 100;
        E.Data.resize(N);
        for (std::uint32_t &W : E.Data)
          W = std::uint32_t(Gen());
        T.push_bytes(E.Data.data(), N * sizeof(std::uint32_t));
      }
      Stack.push_back(std::move(E));
    } else {
      Entry E = std::move(Stack.back());
      Stack.pop_back();
      if (E.Kind == 0)
        ASSERT_EQ(T.pop<double>(), E.Value);
      else if (E.Kind == 1)
        ASSERT_EQ(T.pop<long double>(), static_cast<long double>(E.Value));
      else {
        std::vector<std::uint32_t> Got(E.Data.size());
        T.pop_bytes(Got.data(), Got.size() * sizeof(std::uint32_t));
        ASSERT_EQ(Got, E.Data) << "step " << Step;
      }
    }
  }
  while (!Stack.empty()) {
    Entry E = std::move(Stack.back());
    Stack.pop_back();
    if (E.Kind == 0)
      ASSERT_EQ(T.pop<double>(), E.Value);
    else if (E.Kind == 1)
      ASSERT_EQ(T.pop<long double>(), static_cast<long double>(E.Value));
    else {
      std::vector<std::uint32_t> Got(E.Data.size());
      T.pop_bytes(Got.data(), Got.size() * sizeof(std::uint32_t));
      ASSERT_EQ(Got, E.Data);
    }
  }
  EXPECT_TRUE(T.empty());
}

TEST(MatrixTape, MatricesRoundTrip) {
  tape T;
  const MatrixXd Big = random(400, 400); // 1.28 MB: more than two chunks
  const MatrixXd Small = random(3, 5);
  const Eigen::Matrix3d Fixed = Eigen::Matrix3d::Random();
  const Eigen::VectorXd V = Eigen::VectorXd::Random(6);
  const Eigen::RowVectorXd R = Eigen::RowVectorXd::Random(4);
  const Eigen::Matrix<double, 2, 3, Eigen::RowMajor> RowMajor =
      Eigen::Matrix<double, 2, 3, Eigen::RowMajor>::Random();
  T.push(1.0);
  frechet::push_matrix(T, Big);
  T.push(2);
  frechet::push_matrix(T, Small.transpose()); // an expression
  frechet::push_matrix(T, Fixed);
  T.push(3.0L);
  frechet::push_matrix(T, V);
  frechet::push_matrix(T, R);
  frechet::push_matrix(T, RowMajor);
  frechet::push_matrix(T, MatrixXd());
  frechet::push_matrix(T, Small.block(1, 1, 2, 3));

  MatrixXd M;
  frechet::pop_matrix(T, M);
  EXPECT_TRUE(same(M, Small.block(1, 1, 2, 3)));
  M = random(2, 2); // popping an empty matrix empties the destination
  frechet::pop_matrix(T, M);
  EXPECT_EQ(M.size(), 0);
  Eigen::Matrix<double, 2, 3, Eigen::RowMajor> RM;
  frechet::pop_matrix(T, RM);
  EXPECT_EQ(RM, RowMajor);
  Eigen::RowVectorXd R2;
  frechet::pop_matrix(T, R2);
  EXPECT_EQ(R2, R);
  Eigen::VectorXd V2;
  frechet::pop_matrix(T, V2);
  EXPECT_EQ(V2, V);
  EXPECT_EQ(T.pop<long double>(), 3.0L);
  // A fixed-size destination of the wrong size throws and pops nothing.
  Eigen::Matrix2d Wrong;
  EXPECT_THROW(frechet::pop_matrix(T, Wrong), std::length_error);
  Eigen::Matrix3d F2;
  frechet::pop_matrix(T, F2);
  EXPECT_EQ(F2, Fixed);
  frechet::pop_matrix(T, M);
  EXPECT_TRUE(same(M, Small.transpose()));
  EXPECT_EQ(T.pop<int>(), 2);
  frechet::pop_matrix(T, M);
  EXPECT_TRUE(same(M, Big));
  EXPECT_EQ(T.pop<double>(), 1.0);
  EXPECT_TRUE(T.empty());
}

TEST(MatrixTape, PeakBytesCountsMatrices) {
  tape T;
  const MatrixXd Big = random(400, 400);
  for (int Round = 0; Round < 2; ++Round) {
    T.reset_peak();
    T.push(1.0);
    frechet::push_matrix(T, Big); // 160000 slots, then rows and cols
    T.push(2.0);
    MatrixXd M;
    EXPECT_EQ(T.pop<double>(), 2.0);
    frechet::pop_matrix(T, M);
    EXPECT_EQ(T.pop<double>(), 1.0);
    EXPECT_TRUE(same(M, Big));
    EXPECT_TRUE(T.empty());
    EXPECT_EQ(T.peak_bytes(), (1 + 400 * 400 + 2 + 1) * sizeof(tape::slot));
  }
}

TEST(MatrixSupport, CommaItemFollowsTheCommaInitializer) {
  // Item k of `M << a, b, ...` is where Eigen put it, for matrices and
  // vectors of both storage orders.
  Eigen::Matrix<double, 2, 3> M;
  M << 0, 1, 2, 3, 4, 5;
  Eigen::Matrix<double, 3, 2, Eigen::RowMajor> R;
  R << 0, 1, 2, 3, 4, 5;
  Eigen::Vector4d V;
  V << 0, 1, 2, 3;
  for (int K = 0; K < 6; ++K) {
    EXPECT_EQ(frechet::comma_item(M, K), K);
    EXPECT_EQ(frechet::comma_item(R, K), K);
  }
  for (int K = 0; K < 4; ++K)
    EXPECT_EQ(frechet::comma_item(V, K), K);
}

TEST(MatrixSupport, CommaLayoutFollowsTheCommaInitializer) {
  // Blocks, vectors and scalars mixed; rows of blocks of different heights.
  Eigen::MatrixXd A = Eigen::MatrixXd::Random(2, 3);
  Eigen::VectorXd v = Eigen::VectorXd::Random(2);
  Eigen::RowVectorXd r = Eigen::RowVectorXd::Random(3);
  Eigen::MatrixXd B = Eigen::MatrixXd::Random(1, 2);
  const double x = 0.25, y = -1.5;
  Eigen::MatrixXd M(4, 4);
  M << A, v, r, x, B, y, y;
  const frechet::comma_layout<7> L(
      M,
      {frechet::comma_size(A), frechet::comma_size(v), frechet::comma_size(r),
       frechet::comma_size(x), frechet::comma_size(B), frechet::comma_size(y),
       frechet::comma_size(y)});
  EXPECT_EQ(Eigen::MatrixXd(L.block(M, 0)), A);
  EXPECT_EQ(Eigen::MatrixXd(L.block(M, 1)), Eigen::MatrixXd(v));
  EXPECT_EQ(Eigen::MatrixXd(L.block(M, 2)), Eigen::MatrixXd(r));
  EXPECT_EQ(L.coeff(M, 3), x);
  EXPECT_EQ(Eigen::MatrixXd(L.block(M, 4)), B);
  EXPECT_EQ(L.coeff(M, 5), y);
  EXPECT_EQ(M(3, 3), y);
  EXPECT_EQ(L.coeff(M, 6), y);
  // The items cover M: the blocks' sizes add up to its size.
  Eigen::Index covered = 0;
  for (std::size_t K = 0; K < 7; ++K)
    covered += L.block(M, K).size();
  EXPECT_EQ(covered, M.size());
}

} // namespace
