//===- ReverseReassociate.cpp - reverse loops whose sums may reorder ------===//
//
// The transpose of an axpy is a dot product: a forward loop such as
// 'out[i] += l[i] * x[j]' becomes, in the reverse sweep, a loop that sums
// into one adjoint ('d_x[j] += l[i] * r'). Without -ffast-math the
// vectorizer keeps a floating-point sum in source order, one element at a
// time, so the reverse loop runs several times slower than the loop it
// reverses. '#pragma clang fp reassociate(on)' at the top of the reverse
// loop's body lets the compiler reorder the additions there (and only
// there); it still vectorizes only what it proves safe (aliasing), and the
// result changes by rounding only. It is a permission, not a demand like
// 'clang loop vectorize(enable)', so a loop that cannot vectorize (its sum
// goes to memory that may alias) costs nothing and warns nobody.
//
// The pragma goes only on innermost counted loops whose reverse body is
// straight-line arithmetic on arrays and scalars (nothing from the tape,
// no calls, no branches) and which do sum into a loop-invariant adjoint.
//
//===----------------------------------------------------------------------===//

#include "ReverseBuilder.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"

#include <functional>

using namespace clang;

namespace frechet {

namespace {

// The variables a statement assigns, increments or declares.
void collectWritten(const Stmt *S, llvm::DenseSet<const VarDecl *> &Out) {
  std::function<void(const Expr *)> Target = [&](const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
      Target(CO->getTrueExpr()); // (c ? a : b) = e
      Target(CO->getFalseExpr());
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
        Out.insert(V);
  };
  if (const auto *BO = dyn_cast<BinaryOperator>(S))
    if (BO->isAssignmentOp())
      Target(BO->getLHS());
  if (const auto *UO = dyn_cast<UnaryOperator>(S))
    if (UO->isIncrementDecrementOp())
      Target(UO->getSubExpr());
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D))
        Out.insert(V);
  for (const Stmt *C : S->children())
    if (C)
      collectWritten(C, Out);
}

bool mentionsAny(const Stmt *S, const llvm::DenseSet<const VarDecl *> &Vars) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
      if (Vars.count(V))
        return true;
  for (const Stmt *C : S->children())
    if (C && mentionsAny(C, Vars))
      return true;
  return false;
}

// Straight-line arithmetic: no loops, branches, jumps, calls or
// constructors, which the vectorizer cannot handle or we cannot judge.
bool straightLine(const Stmt *S) {
  if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt, IfStmt, SwitchStmt,
          BreakStmt, ContinueStmt, ReturnStmt, GotoStmt, LabelStmt,
          AbstractConditionalOperator, CallExpr, CXXConstructExpr, LambdaExpr,
          StmtExpr>(S))
    return false;
  if (const auto *BO = dyn_cast<BinaryOperator>(S))
    if (BO->isLogicalOp() || BO->getOpcode() == BO_Comma)
      return false;
  for (const Stmt *C : S->children())
    if (C && !straightLine(C))
      return false;
  return true;
}

} // namespace

bool ReverseBuilder::sumsIntoInvariantAdjoint(const Stmt *Body,
                                              const VarDecl *Index) const {
  llvm::DenseSet<const VarDecl *> Varying;
  collectWritten(Body, Varying);
  Varying.insert(Index);
  bool Found = false;
  std::function<void(const Stmt *, bool)> Visit = [&](const Stmt *S,
                                                      bool Written) {
    if (Found)
      return;
    const auto *E = dyn_cast<Expr>(S);
    // A floating-point value read (not written) whose location is the
    // same in every iteration: its adjoint is a sum over the iterations.
    if (E && !Written && E->getType()->isRealFloatingType() && AA.isVaried(E)) {
      const Expr *X = E->IgnoreParenImpCasts();
      if (const auto *DRE = dyn_cast<DeclRefExpr>(X)) {
        const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
        if (V && !Varying.count(V) && E != X)
          Found = true;
      } else if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(X)) {
        if (E != X && !mentionsAny(ASE, Varying))
          Found = true;
      }
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (BO->isAssignmentOp()) {
        // The left side of '=' is not read; of '+=' it is, but into the
        // adjoint of a value that is overwritten, not summed.
        Visit(BO->getLHS(), true);
        Visit(BO->getRHS(), false);
        return;
      }
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(S))
      if (UO->isIncrementDecrementOp())
        return;
    for (const Stmt *C : S->children())
      if (C)
        Visit(C, false);
  };
  Visit(Body, false);
  return Found;
}

bool ReverseBuilder::reassociates(const Stmt *S, const Level &L, bool TripKnown,
                                  const CodeWriter &RB) const {
  const auto *FS = dyn_cast<ForStmt>(S);
  if (!FS || !L.Index || !TripKnown || L.HasExits || RB.empty())
    return false;
  // Nothing popped inside: the tape is not a vectorizable access.
  if (RB.str().find(Tape + ".") != std::string::npos)
    return false;
  const Stmt *Body = FS->getBody();
  return straightLine(Body) && sumsIntoInvariantAdjoint(Body, L.Index);
}

} // namespace frechet
