//===- TypeClass.cpp - which C++ types carry derivatives ------------------===//
#include "TypeClass.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"

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

static bool inEigen(const Decl *D) {
  const auto *NS = dyn_cast<NamespaceDecl>(D->getDeclContext());
  return NS && NS->getName() == "Eigen" &&
         NS->getDeclContext()->isTranslationUnit();
}

static const CXXRecordDecl *recordOf(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType().getCanonicalType();
  const auto *RD = T->getAsCXXRecordDecl();
  return RD && RD->hasDefinition() ? RD->getDefinition() : nullptr;
}

/// Whether \p RD is, or derives from, the Eigen class template \p Name.
static bool derivesFromEigen(const CXXRecordDecl *RD, StringRef Name,
                             const ClassTemplateSpecializationDecl **Found) {
  if (const auto *CTS = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    if (CTS->getName() == Name && inEigen(CTS)) {
      if (Found)
        *Found = CTS;
      return true;
    }
  for (const CXXBaseSpecifier &B : RD->bases())
    if (const CXXRecordDecl *Base = recordOf(B.getType()))
      if (derivesFromEigen(Base, Name, Found))
        return true;
  return false;
}

/// The floating scalar type of an Eigen::DenseBase<Derived>: the first
/// template argument of Derived when it is a plain Matrix or Array, else
/// found through the expression's own Scalar typedef.
static bool hasFloatingScalar(const CXXRecordDecl *RD) {
  IdentifierInfo &II = RD->getASTContext().Idents.get("Scalar");
  for (const CXXRecordDecl *R = RD; R;) {
    for (const NamedDecl *D : R->lookup(&II))
      if (const auto *TD = dyn_cast<TypedefNameDecl>(D))
        return isFloating(TD->getUnderlyingType());
    // Scalar is declared in DenseBase and friends; follow the first base.
    if (R->bases().empty())
      break;
    R = recordOf(R->bases_begin()->getType());
  }
  return false;
}

bool isEigenDense(QualType T) {
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD)
    return false;
  const ClassTemplateSpecializationDecl *Base = nullptr;
  return derivesFromEigen(RD, "DenseBase", &Base) && hasFloatingScalar(RD);
}

bool isEigenMatrix(QualType T) {
  const CXXRecordDecl *RD = recordOf(T);
  const auto *CTS = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD);
  return CTS && CTS->getName() == "Matrix" && inEigen(CTS) &&
         CTS->getTemplateArgs().size() > 0 &&
         isFloating(CTS->getTemplateArgs()[0].getAsType());
}

bool isEigenPlain(QualType T) {
  const auto *CTS =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(recordOf(T));
  return CTS && (CTS->getName() == "Matrix" || CTS->getName() == "Array") &&
         inEigen(CTS) && isEigenDense(T);
}

bool isEigenArray(QualType T) {
  const CXXRecordDecl *RD = recordOf(T);
  return RD && derivesFromEigen(RD, "ArrayBase", nullptr) && isEigenDense(T);
}

DiffKind diffKind(QualType T) {
  if (T.isNull())
    return DiffKind::None;
  QualType C = T.getCanonicalType();
  if (isEigenDense(C))
    return DiffKind::Matrix;
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

bool isOwnCopy(QualType T) {
  DiffKind K = diffKind(T);
  return K == DiffKind::Scalar ||
         (K == DiffKind::Matrix && !T->isReferenceType());
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

unsigned subscriptDepth(QualType T) {
  unsigned Depth = 0;
  if (T->isPointerType()) {
    T = T->getPointeeType();
    ++Depth;
  }
  while (const ArrayType *AT = T->getAsArrayTypeUnsafe()) {
    T = AT->getElementType();
    ++Depth;
  }
  return Depth;
}

} // namespace frechet
