//===- frechet/matrix_adjoints.h - helpers of generated matrix code -------===//
//
// Small pieces that generated reverse-mode code for Eigen matrices uses
// where the adjoint of one operation needs the shape of its operand: the
// adjoint of trace(A) is a multiple of the identity of A's shape, the one of
// A.sum() a constant matrix, the one of A.diagonal() a diagonal matrix.
// An empty dynamic adjoint means zero (frechet/matrix_support.h); shaped()
// gives it its variable's shape before a part of it is updated.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_MATRIX_ADJOINTS_H
#define FRECHET_MATRIX_ADJOINTS_H

#include "frechet/matrix_support.h"
#include "frechet/tape.h"

#include <Eigen/Dense>

#include <type_traits>
#include <utility>

namespace frechet {

/// a·I with the shape of \p X.
template <class X>
typename X::PlainObject identity_like(const Eigen::MatrixBase<X> &x, double a) {
  return X::PlainObject::Identity(x.rows(), x.cols()) * a;
}

/// A matrix of \p X's shape with every coefficient \p a.
template <class X>
typename X::PlainObject constant_like(const Eigen::DenseBase<X> &x, double a) {
  return X::PlainObject::Constant(x.rows(), x.cols(), a);
}

/// A matrix of \p X's shape, zero but for the diagonal \p v.
template <class X, class V>
typename X::PlainObject diagonal_like(const Eigen::MatrixBase<X> &x,
                                      const Eigen::MatrixBase<V> &v) {
  typename X::PlainObject m = X::PlainObject::Zero(x.rows(), x.cols());
  m.diagonal() = v;
  return m;
}

/// A matrix of \p x's shape, zero but for \p a at (i, j) (or at i).
template <class X>
typename X::PlainObject unit_like(const Eigen::DenseBase<X> &x, double a,
                                  Eigen::Index i, Eigen::Index j) {
  typename X::PlainObject m = X::PlainObject::Zero(x.rows(), x.cols());
  m(i, j) = a;
  return m;
}
template <class X>
typename X::PlainObject unit_like(const Eigen::DenseBase<X> &x, double a,
                                  Eigen::Index i) {
  typename X::PlainObject m = X::PlainObject::Zero(x.rows(), x.cols());
  m(i) = a;
  return m;
}

/// \p d, sized like \p x and zero if it was empty (zero).
template <class D, class X>
D &shaped(Eigen::PlainObjectBase<D> &d, const Eigen::DenseBase<X> &x) {
  if (d.size() == 0 && x.size() != 0)
    d.setZero(x.rows(), x.cols());
  return d.derived();
}

/// Restores a block of a matrix saved with push_matrix.
template <class B> void pop_into_block(tape &t, B &&block) {
  typename std::decay_t<B>::PlainObject saved;
  pop_matrix(t, saved);
  block = saved;
}

} // namespace frechet

#endif // FRECHET_MATRIX_ADJOINTS_H
