//===- TypeClass.h - which C++ types carry derivatives ---------*- C++ -*-===//
//
// Frechet differentiates floating-point values and the memory they live in:
// scalars, arrays of them, pointers to them and references to them, and
// dense Eigen matrices (values of Eigen::Matrix, their expressions, and
// references to them). Every other type (integers, bool, other classes) is
// never active.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_TYPECLASS_H
#define FRECHET_TYPECLASS_H

#include "clang/AST/Type.h"

namespace frechet {

enum class DiffKind {
  None,      ///< never carries a derivative
  Scalar,    ///< float, double, long double (possibly const)
  Array,     ///< array (of arrays) of floating point
  Pointer,   ///< pointer to floating point (or to an array of it)
  Reference, ///< reference to a floating-point scalar or array
  Matrix,    ///< an Eigen dense matrix or expression, or a reference to one
};

/// Whether \p T (or what it refers to) is an Eigen dense type with
/// floating-point scalars: Eigen::Matrix, or an expression deriving from
/// Eigen::DenseBase (a product, a transpose, an array wrapper).
bool isEigenDense(clang::QualType T);

/// Whether \p T (or what it refers to) is Eigen::Matrix itself: a value
/// that can be stored, unlike an expression.
bool isEigenMatrix(clang::QualType T);

/// Whether \p T (or what it refers to) is Eigen::Matrix or Eigen::Array:
/// a value with storage, not an expression.
bool isEigenPlain(clang::QualType T);

/// Whether \p T (or what it refers to) is an Eigen array expression (its
/// operators are elementwise).
bool isEigenArray(clang::QualType T);

/// Whether \p T is a (cv-qualified) real floating-point type.
bool isFloating(clang::QualType T);

/// How a variable or expression of type \p T carries derivatives.
DiffKind diffKind(clang::QualType T);

inline bool isDifferentiable(clang::QualType T) {
  return diffKind(T) != DiffKind::None;
}

/// Whether a by-value parameter of type \p T is the callee's own copy that
/// carries a derivative (a scalar or a matrix, not a pointer or reference).
bool isOwnCopy(clang::QualType T);

/// For pointers and references: whether the memory they reach is writable.
bool pointsToMutable(clang::QualType T);

/// How many subscripts reach a scalar of an array or pointer type: 1 for
/// double[3] and double *, 2 for double[3][3] and double (*)[3].
unsigned subscriptDepth(clang::QualType T);

} // namespace frechet

#endif
