//===- TypeClass.cpp - which C++ types carry derivatives ------------------===//
#include "TypeClass.h"

#include "clang/AST/ASTContext.h"

using namespace clang;

namespace frechet {

bool isFloating(QualType T) {
  if (T.isNull())
    return false;
  return T.getCanonicalType()->isRealFloatingType();
}

static bool isFloatingOrFloatArray(QualType T) {
  T = T.getCanonicalType();
  while (const auto *AT = dyn_cast<ArrayType>(T.getTypePtr()))
    T = AT->getElementType().getCanonicalType();
  return isFloating(T);
}

DiffKind diffKind(QualType T) {
  if (T.isNull())
    return DiffKind::None;
  QualType C = T.getCanonicalType();
  if (isFloating(C))
    return DiffKind::Scalar;
  if (C->isArrayType())
    return isFloatingOrFloatArray(C) ? DiffKind::Array : DiffKind::None;
  if (const auto *PT = C->getAs<PointerType>())
    return isFloatingOrFloatArray(PT->getPointeeType()) ? DiffKind::Pointer
                                                        : DiffKind::None;
  if (const auto *RT = C->getAs<ReferenceType>())
    return isFloatingOrFloatArray(RT->getPointeeType()) ? DiffKind::Reference
                                                        : DiffKind::None;
  return DiffKind::None;
}

bool pointsToMutable(QualType T) {
  QualType C = T.getCanonicalType();
  QualType Pointee;
  if (const auto *PT = C->getAs<PointerType>())
    Pointee = PT->getPointeeType();
  else if (const auto *RT = C->getAs<ReferenceType>())
    Pointee = RT->getPointeeType();
  else
    return false;
  while (const auto *AT = dyn_cast<ArrayType>(Pointee.getCanonicalType()))
    Pointee = AT->getElementType();
  return !Pointee.isConstQualified();
}

} // namespace frechet
