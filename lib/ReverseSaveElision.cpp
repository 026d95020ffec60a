//===- ReverseSaveElision.cpp - writes whose old value nobody reads -------===//
//
// A variable the reverse sweep reads and f overwrites is saved before each
// overwrite and restored at the mirrored point, so that every reverse
// statement sees the value its forward statement saw. A restore is needed
// only if a reverse statement that runs after it reads the variable, that
// is, one whose forward statement ran before the write: an earlier statement
// in program order or, for a write in a loop, any statement of the
// outermost loop around it (an earlier iteration's). The write's own reverse
// counts too (`v = v * x` needs the old v). So `s += std::exp(x[i] - m)` in
// a loop is not saved when the reverse reads s only after the loop (`log(s)`
// at the end): f_rev gets the final s and nothing before reads it.
//
// Positions are those of the prepass, which visits statements in program
// order (a loop's increment before its body, both inside the loop). A read
// noted outside the prepass counts as everywhere. Writes are skipped only
// for f's own scalars and arrays of scalars, written directly (not through
// pointers); parameters keep their saves, which callers rely on. Skipping
// is monotone: a write after a skipped one in execution order has a bound
// at least as late, so the writes that are still saved (and the integer
// writes undone by their inverse) see the same values as before.
//
//===----------------------------------------------------------------------===//

#include "ReverseBuilder.h"

#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"

using namespace clang;

namespace frechet {

void ReverseBuilder::noteRead(const VarDecl *V) {
  Reads.insert(V);
  auto [It, New] = FirstRead.try_emplace(V, ReadPosition);
  if (!New && ReadPosition < It->second)
    It->second = ReadPosition;
}

void ReverseBuilder::noteWriteSite(const Expr *LHS, const Stmt *S) {
  const Stmt *Outer = nullptr;
  for (const Stmt *E : Enclosing)
    if (isa<ForStmt, WhileStmt, DoStmt>(E)) {
      Outer = E;
      break;
    }
  WriteSites.push_back({LHS, S, Outer, ReadPosition});
}

// The restore of a saved element evaluates its indices again (`a[k] =
// pop`), so the reverse sweep reads them there, whether or not the array
// has adjoints (the prepass notes indices only of stores it
// differentiates). Reading an index may make writes to it saved in turn.
void ReverseBuilder::readSavedIndices() {
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const WriteSite &W : WriteSites) {
      if (!savedStorage(W.LHS))
        continue;
      std::size_t Before = Reads.size();
      ReadPosition = W.Position;
      for (const Expr *E = W.LHS->IgnoreParens();
           const auto *ASE = dyn_cast<ArraySubscriptExpr>(E);
           E = ASE->getBase()->IgnoreParenImpCasts())
        readAll(ASE->getIdx());
      ReadPosition = 0;
      Changed |= Reads.size() != Before;
    }
  }
}

namespace {

/// The local variable \p LHS writes directly (`v`, `a[i]`, `m[i][j]`), if it
/// is a scalar or an array of scalars.
const VarDecl *directLocal(const Expr *LHS) {
  const Expr *E = LHS->IgnoreParens();
  while (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E))
    E = ASE->getBase()->IgnoreParenImpCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || isa<ParmVarDecl>(V) || !V->isLocalVarDecl())
    return nullptr;
  QualType T = V->getType();
  while (const auto *AT = T->getAsArrayTypeUnsafe())
    T = AT->getElementType();
  if (!T->isArithmeticType() || V->getType()->isReferenceType())
    return nullptr;
  if (E != LHS->IgnoreParens() && !V->getType()->isConstantArrayType())
    return nullptr; // subscripting a pointer
  return V;
}

} // namespace

bool ReverseBuilder::savesWrite(const Expr *LHS) const {
  return savedStorage(LHS) && !CoveredWrites.count(LHS) &&
         !CoveringWrites.count(LHS) && !BulkSaved.count(LHS) &&
         !UnsavedWrites.count(LHS);
}

void ReverseBuilder::findUnsavedWrites() {
  for (const WriteSite &W : WriteSites) {
    const VarDecl *V = directLocal(W.LHS);
    if (!V || !Locals.count(V))
      continue;
    auto It = FirstRead.find(V);
    if (It == FirstRead.end())
      continue; // never read: not saved anyway
    const Stmt *Scope = W.OuterLoop ? W.OuterLoop : W.S;
    auto End = LastPosition.find(Scope);
    if (End == LastPosition.end())
      continue;
    if (It->second > End->second)
      UnsavedWrites.insert(W.LHS);
  }
}

} // namespace frechet
