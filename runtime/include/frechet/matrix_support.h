//===- frechet/matrix_support.h - conventions of generated matrix code ----===//
//
// Helpers that generated derivative code and the matrix rules share.
//
// Zero is empty. A tangent or adjoint of a dynamic-size Eigen type starts
// out empty (0x0, or length 0 for vectors) and means the zero matrix of the
// right shape: an inactive operand then costs neither memory nor flops, and
// nobody has to know the shape before the first contribution arrives.
// Fixed-size types cannot be empty and hold explicit zeros. add_to adds a
// contribution, resizing an empty accumulator to the contribution's shape;
// is_zero tests for empty; clear and zero_like make a zero.
//
// Unwanted adjoints. Generated code passes discard(), a per-thread sentinel
// matrix, for an adjoint that nobody reads (the operand is constant). Rules
// test wanted(d_x) and skip the work for that adjoint; add_to ignores the
// sentinel too, so it stays empty whatever is added to it.
//
// Matrices on the tape. push_matrix stores a matrix's coefficients (column
// major) and then its shape, so that pop_matrix, which reads the shape
// first, can size the destination; the coefficients go through
// tape::push_bytes, which fills whole slots and crosses chunk boundaries,
// so the tape stays one flat stack and a push allocates nothing once the
// chunks exist.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_MATRIX_SUPPORT_H
#define FRECHET_MATRIX_SUPPORT_H

#include "frechet/tape.h"

#include <Eigen/Core>

#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

namespace frechet {

/// The per-thread sentinel for adjoints nobody wants; always empty.
inline Eigen::MatrixXd &discard() {
  static thread_local Eigen::MatrixXd Sentinel;
  return Sentinel;
}

/// False only for the sentinel returned by discard().
template <class D> bool wanted(const D &d) {
  if constexpr (std::is_same_v<D, Eigen::MatrixXd>)
    return &d != &discard();
  else
    return true;
}

/// Whether a tangent or adjoint is (the empty representation of) zero.
template <class D> bool is_zero(const Eigen::PlainObjectBase<D> &m) {
  return m.size() == 0;
}

/// A block of an adjoint (`frechet::shaped(d_A, A).block(...)`, the target
/// of a block's compound assignment) is never the empty zero.
template <class D> bool is_zero(const Eigen::DenseBase<D> &) { return false; }

/// Scalars (a scalar seed or adjoint in generic code): zero is 0.
template <class T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
bool is_zero(T x) {
  return x == 0;
}

template <class T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
void clear(T &x) {
  x = 0;
}

/// Makes \p m zero: empty when its size is dynamic, explicit zeros if fixed.
template <class D> void clear(Eigen::PlainObjectBase<D> &m) {
  if constexpr (D::SizeAtCompileTime == Eigen::Dynamic)
    m.derived().resize(D::RowsAtCompileTime == Eigen::Dynamic
                           ? 0
                           : Eigen::Index(D::RowsAtCompileTime),
                       D::ColsAtCompileTime == Eigen::Dynamic
                           ? 0
                           : Eigen::Index(D::ColsAtCompileTime));
  else
    m.setZero();
}

/// The element that item \p k of a comma initializer (`m << a, b, ...`,
/// rows filled in turn) went to.
template <class D>
typename D::Scalar comma_item(const Eigen::DenseBase<D> &m, Eigen::Index k) {
  return m(k / m.cols(), k % m.cols());
}

/// The size of an item of a comma initializer: 1 x 1 for a scalar.
template <class T> std::array<Eigen::Index, 2> comma_size(const T &x) {
  if constexpr (std::is_arithmetic_v<T>)
    return {1, 1};
  else
    return {x.rows(), x.cols()};
}

/// Where the N items of `m << a, b, ...` went, found as Eigen's comma
/// initializer places them: left to right, and when a row of blocks is
/// full, down by the height of that row (the height of its first item).
template <std::size_t N> class comma_layout {
public:
  template <class D>
  comma_layout(const Eigen::DenseBase<D> &m,
               const std::array<std::array<Eigen::Index, 2>, N> &sizes) {
    Eigen::Index row = 0, col = 0, height = 0;
    for (std::size_t k = 0; k < N; ++k) {
      Eigen::Index r = sizes[k][0], c = sizes[k][1];
      if (k == 0) {
        height = r;
      } else if (col == m.cols() && (c != 0 || r != height)) {
        row += height;
        col = 0;
        height = r;
      }
      at_[k] = {row, col, r, c};
      col += c;
    }
  }
  /// Item k's block of \p m (in the reverse sweep, of the adjoint).
  template <class D>
  auto block(const Eigen::DenseBase<D> &m, std::size_t k) const {
    return m.block(at_[k][0], at_[k][1], at_[k][2], at_[k][3]);
  }
  /// The coefficient of \p m that scalar item k went to.
  template <class D>
  typename D::Scalar coeff(const Eigen::DenseBase<D> &m, std::size_t k) const {
    return m(at_[k][0], at_[k][1]);
  }

private:
  std::array<std::array<Eigen::Index, 4>, N> at_{};
};

/// A zero of type M: empty for dynamic sizes, M::Zero() for fixed sizes,
/// 0 for arithmetic types.
template <class M> M zero_like() {
  if constexpr (std::is_arithmetic_v<M>)
    return M(0);
  else if constexpr (M::SizeAtCompileTime == Eigen::Dynamic)
    return M();
  else
    return M::Zero();
}

namespace detail {
// x seen as the kind of object (matrix or array) that acc is.
template <class D, class E> decltype(auto) like_acc(const E &x) {
  if constexpr (std::is_base_of_v<Eigen::MatrixBase<D>, D>)
    return x.matrix();
  else
    return x.array();
}
} // namespace detail

/// acc += x, where an empty acc is zero (it becomes x, shape included) and
/// an empty x adds nothing; x is any matrix or array expression. x must not
/// alias acc (evaluate it first).
template <class D, class E>
void add_to(Eigen::PlainObjectBase<D> &acc, const Eigen::DenseBase<E> &x) {
  if (!wanted(acc.derived()) || x.size() == 0)
    return;
  // x does not alias acc: a product is evaluated (or accumulated) straight
  // into acc, without a temporary.
  if constexpr (std::is_base_of_v<Eigen::MatrixBase<D>, D>) {
    if (acc.size() == 0)
      acc.derived().noalias() = x.derived().matrix();
    else
      acc.derived().noalias() += x.derived().matrix();
  } else if (acc.size() == 0) {
    acc.derived() = x.derived().array();
  } else {
    acc.derived() += x.derived().array();
  }
}

/// An rvalue of the accumulator's own type: an empty accumulator takes its
/// storage instead of a copy (generated code moves a local adjoint in when
/// it reads it for the last time).
template <class D> void add_to(Eigen::PlainObjectBase<D> &acc, D &&x) {
  if (acc.size() == 0 && wanted(acc.derived())) {
    acc.derived() = std::move(x);
    return;
  }
  add_to(acc, static_cast<const Eigen::DenseBase<D> &>(x));
}

/// A scalar goes into a 1x1 accumulator (an empty dynamic one becomes 1x1).
template <class D, class S, std::enable_if_t<std::is_arithmetic_v<S>, int> = 0>
void add_to(Eigen::PlainObjectBase<D> &acc, S x) {
  if (!wanted(acc.derived()))
    return;
  if (acc.size() == 0)
    acc.derived().setZero(1, 1);
  if (acc.size() != 1)
    throw std::invalid_argument(
        "frechet::add_to: a scalar added to a matrix that is not 1x1");
  acc.coeffRef(0) += static_cast<typename D::Scalar>(x);
}

/// A floating-point accumulator takes scalars and 1x1 (or empty) matrices.
template <class T, class S,
          std::enable_if_t<
              std::is_floating_point_v<T> && std::is_arithmetic_v<S>, int> = 0>
void add_to(T &acc, S x) {
  acc += static_cast<T>(x);
}

template <class T, class E,
          std::enable_if_t<std::is_floating_point_v<T>, int> = 0>
void add_to(T &acc, const Eigen::DenseBase<E> &x) {
  if (x.size() == 0)
    return;
  if (x.size() != 1)
    throw std::invalid_argument(
        "frechet::add_to: a matrix that is not 1x1 added to a scalar");
  acc += static_cast<T>(x.sum());
}

namespace detail {
// Whether a matrix's coefficients are one column-major block in memory.
template <class D>
constexpr bool is_column_major_block_v =
    std::is_base_of_v<Eigen::PlainObjectBase<D>, D> &&
    (!(D::Flags & Eigen::RowMajorBit) || D::IsVectorAtCompileTime);
} // namespace detail

/// Records a matrix on the tape: coefficients (column major), then shape.
template <class D> void push_matrix(tape &t, const Eigen::MatrixBase<D> &m) {
  using Scalar = typename D::Scalar;
  static_assert(std::is_trivially_copyable_v<Scalar>, "tape values are bits");
  const Eigen::Index Rows = m.rows(), Cols = m.cols();
  const std::size_t Bytes = std::size_t(Rows * Cols) * sizeof(Scalar);
  if constexpr (detail::is_column_major_block_v<D>) {
    t.push_bytes(m.derived().data(), Bytes);
  } else {
    const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> Tmp = m;
    t.push_bytes(Tmp.data(), Bytes);
  }
  t.push(std::int64_t(Cols));
  t.push(std::int64_t(Rows));
}

/// Restores a matrix pushed by push_matrix, resizing \p m if it is dynamic.
/// A fixed dimension that does not match throws std::length_error and
/// leaves the tape as it was.
template <class D> void pop_matrix(tape &t, Eigen::PlainObjectBase<D> &m) {
  using Scalar = typename D::Scalar;
  const auto Rows = Eigen::Index(t.pop<std::int64_t>());
  const auto Cols = Eigen::Index(t.pop<std::int64_t>());
  if ((D::RowsAtCompileTime != Eigen::Dynamic &&
       Rows != Eigen::Index(D::RowsAtCompileTime)) ||
      (D::ColsAtCompileTime != Eigen::Dynamic &&
       Cols != Eigen::Index(D::ColsAtCompileTime))) {
    t.push(std::int64_t(Cols));
    t.push(std::int64_t(Rows));
    throw std::length_error("frechet::pop_matrix: the matrix on the tape "
                            "does not fit the destination's fixed size");
  }
  m.derived().resize(Rows, Cols);
  const std::size_t Bytes = std::size_t(Rows * Cols) * sizeof(Scalar);
  if constexpr (detail::is_column_major_block_v<D>) {
    t.pop_bytes(m.derived().data(), Bytes);
  } else {
    Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> Tmp(Rows, Cols);
    t.pop_bytes(Tmp.data(), Bytes);
    m.derived() = Tmp;
  }
}

namespace detail {
template <class M> std::vector<M> &kept() {
  static thread_local std::vector<M> Stack;
  return Stack;
}
} // namespace detail

/// Hands a matrix that the forward sweep is done with (a local or a
/// temporary, when f_fwd returns) to the reverse sweep without copying it:
/// its storage moves onto a per-thread stack. take_matrix moves it back.
/// The sweeps call them in last-in first-out order, like the tape.
template <class M> void keep_matrix(tape &, M &m) {
  detail::kept<M>().push_back(std::move(m));
}
template <class M> void take_matrix(tape &, M &m) {
  std::vector<M> &Stack = detail::kept<M>();
  m = std::move(Stack.back());
  Stack.pop_back();
}

} // namespace frechet

#endif // FRECHET_MATRIX_SUPPORT_H
