//===- ReversePointerBases.cpp - what local pointers point into ----------===//
//
// The adjoint of a local pointer p is d_B + (p - B) for the one array or
// pointer parameter B that p points into (or one of several, chosen at run
// time: ReversePointerChoice.cpp). A pointer into one of f's own local
// arrays is taped as an offset from the array's first element, since f_fwd
// and f_rev each have their own copies of the array; that holds for a
// pointer without adjoint that the reverse sweep reads through, too.
//
//===----------------------------------------------------------------------===//

#include "ReverseBuilder.h"

#include "TypeClass.h"

#include "clang/AST/Decl.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace frechet {

void ReverseBuilder::findPointerBases() {
  // Pointer variables: the adjoint of p is d_B + (p - B) for the one array
  // or pointer parameter B that p points into. A pointer without adjoint
  // that the reverse sweep reads through needs B too, as do the pointers it
  // is assigned from: f_rev has its own copies of f's local arrays.
  llvm::DenseSet<const VarDecl *> Needed;
  llvm::SmallVector<const VarDecl *, 8> Pending;
  for (const VarDecl *V : LocalOrder)
    if (diffKind(V->getType()) == DiffKind::Pointer &&
        (AA.isVariedVar(V) || Reads.count(V)))
      Pending.push_back(V);
  while (!Pending.empty()) {
    const VarDecl *P = Pending.pop_back_val();
    if (!Needed.insert(P).second)
      continue;
    for (const Expr *Src : PointerSources[P]) {
      llvm::SmallVector<const VarDecl *, 2> B;
      ActivityAnalysis::collectBases(Src, B);
      for (const VarDecl *Q : B)
        if (Locals.count(Q) && diffKind(Q->getType()) == DiffKind::Pointer)
          Pending.push_back(Q);
    }
  }
  for (const VarDecl *V : LocalOrder) {
    if (diffKind(V->getType()) != DiffKind::Pointer || !Needed.count(V))
      continue;
    llvm::SmallVector<const VarDecl *, 4> Work{V}, Bases;
    llvm::DenseSet<const VarDecl *> Seen;
    while (!Work.empty()) {
      const VarDecl *P = Work.pop_back_val();
      if (!Seen.insert(P).second)
        continue;
      if (!Locals.count(P) || P->getType()->isArrayType()) {
        Bases.push_back(P);
        continue;
      }
      for (const Expr *Src : PointerSources[P]) {
        llvm::SmallVector<const VarDecl *, 2> B;
        ActivityAnalysis::collectBases(Src, B);
        Work.append(B.begin(), B.end());
      }
    }
    llvm::SmallPtrSet<const VarDecl *, 2> Unique(Bases.begin(), Bases.end());
    if (Unique.size() != 1 && !AA.isVariedVar(V)) {
      // Into parameters only: the same in f_rev. Into local arrays: f_rev
      // finds the array again by its index (ReversePointerChoice.cpp).
      bool IntoLocal = llvm::any_of(
          Unique, [&](const VarDecl *B) { return Locals.count(B) != 0; });
      if (IntoLocal && !choosePointer(V, Bases))
        fail(V->getLocation(), Diag::ReverseUnsupported,
             {"a pointer into different arrays that the reverse sweep "
              "reads through (use one pointer per array)"});
      continue;
    }
    if (Unique.size() != 1) {
      bool AllVaried = !Unique.empty();
      for (const VarDecl *B : Unique)
        AllVaried &= AA.isVariedVar(B);
      if (AllVaried && choosePointer(V, Bases))
        continue;
      if (AllVaried)
        fail(V->getLocation(), Diag::ReverseUnsupported,
             {"a pointer that points into different arrays (use one "
              "pointer per array)"});
      else
        fail(V->getLocation(), Diag::MixedAliasing, {V->getName().str()});
      continue;
    }
    const VarDecl *B = *Unique.begin();
    PointerBase[V] = B;
    if (Locals.count(B) && B->getType()->isArrayType())
      PointerOrigin[localName(V)] = "&" + localName(B) + firstOf(B, V);
  }
  // Reading (writing) through a pointer variable reads (writes) the storage
  // it points into.
  for (const VarDecl *P : LocalOrder) {
    if (!PointerBase.count(P) && !PointerChoices.count(P))
      continue;
    for (const VarDecl *B : pointerTargets(P)) {
      if (Reads.count(P))
        noteRead(B);
      if (WrittenStorage.count(P))
        Overwritten.insert(B);
    }
  }
}

/// `[0]...[0]` such that `&B[0]...[0]` has \p P's type: offsets of a
/// pointer into a multi-dimensional array (to its elements, or to rows:
/// `double (*r)[3]` into `double m[4][3]`) count from there, in the array
/// as in its adjoint.
std::string ReverseBuilder::firstOf(const VarDecl *B, const VarDecl *P) {
  unsigned Zeros =
      subscriptDepth(B->getType()) + 1 - subscriptDepth(P->getType());
  std::string First;
  for (unsigned I = 0; I < Zeros; ++I)
    First += "[0]";
  return First;
}

/// What a write through \p V writes: the array or parameter it points into
/// (several for a pointer choice), or V itself.
llvm::SmallVector<const VarDecl *, 2>
ReverseBuilder::pointerTargets(const VarDecl *V) const {
  if (auto It = PointerBase.find(V); It != PointerBase.end())
    return {It->second};
  if (auto It = PointerChoices.find(V); It != PointerChoices.end())
    return {It->second.Bases.begin(), It->second.Bases.end()};
  return {V};
}

} // namespace frechet
