//===- TypeClass.h - which C++ types carry derivatives ---------*- C++ -*-===//
//
// Frechet differentiates floating-point values and the memory they live in:
// scalars, arrays of them, pointers to them and references to them. Every
// other type (integers, bool, classes) is never active.
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
};

/// Whether \p T is a (cv-qualified) real floating-point type.
bool isFloating(clang::QualType T);

/// How a variable or expression of type \p T carries derivatives.
DiffKind diffKind(clang::QualType T);

inline bool isDifferentiable(clang::QualType T) {
  return diffKind(T) != DiffKind::None;
}

/// For pointers and references: whether the memory they reach is writable.
bool pointsToMutable(clang::QualType T);

} // namespace frechet

#endif
