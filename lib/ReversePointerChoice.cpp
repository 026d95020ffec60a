//===- ReversePointerChoice.cpp - pointers into one of several arrays -----===//
//
// A pointer that points into different arrays at different times, as with
// two buffers swapped after each step:
//
//   double *cur = a, *next = b;
//   for (...) { step(cur, next); double *t = cur; cur = next; next = t; }
//
// Its adjoint points into the adjoint of whichever array it points into,
// which only the run knows. Each such pointer p gets an int local `_w` that
// says which (its arrays in a fixed order, the same for all pointers that
// are assigned from one another): f_fwd sets it with every assignment to p,
// the tape keeps it with p's offset into that array (so f_rev, whose local
// arrays are its own, rebuilds p there), and p's adjoint is chosen by it:
// `(_w == 0 ? d_a + (p - &a[0]) : d_b + (p - &b[0]))`.
//
//===----------------------------------------------------------------------===//

#include "ReverseBuilder.h"

#include "TypeClass.h"

#include "clang/AST/Expr.h"

#include <algorithm>

using namespace clang;

namespace frechet {

bool ReverseBuilder::choosePointer(const VarDecl *V,
                                   llvm::ArrayRef<const VarDecl *> Found) {
  llvm::SmallVector<const VarDecl *, 4> Bases;
  for (const VarDecl *B : Found)
    if (!llvm::is_contained(Bases, B))
      Bases.push_back(B);
  // One-dimensional arrays and pointer parameters, all with adjoints if
  // the pointer has one (else f_rev only needs to find the arrays again).
  bool Varied = AA.isVariedVar(V);
  for (const VarDecl *B : Bases) {
    if (subscriptDepth(B->getType()) != 1 || (Varied && !AA.isVariedVar(B)))
      return false;
    if (const auto *P = dyn_cast<ParmVarDecl>(B))
      if (!P->getType()->isPointerType() ||
          (Varied && !Plan.Active[P->getFunctionScopeIndex()]))
        return false;
  }
  if (V->getType()->getPointeeType()->isArrayType())
    return false;
  // The same order for every pointer: parameters first, then locals.
  auto Rank = [&](const VarDecl *B) -> size_t {
    if (const auto *P = dyn_cast<ParmVarDecl>(B))
      return P->getFunctionScopeIndex();
    return 1000 + (std::find(LocalOrder.begin(), LocalOrder.end(), B) -
                   LocalOrder.begin());
  };
  llvm::sort(Bases, [&](const VarDecl *A, const VarDecl *B) {
    return Rank(A) < Rank(B);
  });
  PointerChoice &C = PointerChoices[V];
  C.Bases.assign(Bases.begin(), Bases.end());
  C.Which = Names.fresh("_w");
  C.Next = Names.fresh("_wn");
  ChoiceByName[localName(V)] = V;
  FwdDecls.push_back("int " + C.Which + " = 0;");
  FwdDecls.push_back("int " + C.Next + " = 0;");
  RevDecls.push_back("int " + C.Which + " = 0;");
  return true;
}

std::string ReverseBuilder::choiceBase(const VarDecl *B) {
  if (Locals.count(B))
    return "&" + localName(B) + "[0]";
  return B->getName().str();
}

std::string
ReverseBuilder::choose(const PointerChoice &C,
                       llvm::function_ref<std::string(const VarDecl *)> Item) {
  std::string Out = Item(C.Bases.back());
  for (size_t I = C.Bases.size() - 1; I-- > 0;)
    Out = C.Which + " == " + std::to_string(I) + " ? " + Item(C.Bases[I]) +
          " : " + Out;
  return "(" + Out + ")";
}

std::string ReverseBuilder::chosenArray(const PointerChoice &C) {
  return choose(C, [&](const VarDecl *B) { return choiceBase(B); });
}

std::optional<std::string> ReverseBuilder::whichArray(const PointerChoice &C,
                                                      const Expr *Src) {
  Src = Src->IgnoreParenImpCasts();
  if (const auto *CO = dyn_cast<ConditionalOperator>(Src)) {
    std::optional<std::string> A = whichArray(C, CO->getTrueExpr()),
                               B = whichArray(C, CO->getFalseExpr());
    if (!A || !B || CO->getCond()->HasSideEffects(ctx()))
      return std::nullopt;
    return "(" + text(CO->getCond()).Text + " ? " + *A + " : " + *B + ")";
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(Src);
      BO && BO->isAdditiveOp() && BO->getLHS()->getType()->isPointerType())
    return whichArray(C, BO->getLHS());
  if (const auto *UO = dyn_cast<UnaryOperator>(Src);
      UO && UO->getOpcode() == UO_AddrOf)
    if (const auto *ASE =
            dyn_cast<ArraySubscriptExpr>(UO->getSubExpr()->IgnoreParens()))
      return whichArray(C, ASE->getBase());
  const auto *DRE = dyn_cast<DeclRefExpr>(Src);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V)
    return std::nullopt;
  if (auto It = PointerChoices.find(V); It != PointerChoices.end()) {
    const PointerChoice &Q = It->second;
    if (Q.Bases == C.Bases)
      return Q.Which;
    // Q's arrays are some of ours: translate its index.
    for (const VarDecl *B : Q.Bases)
      if (!llvm::is_contained(C.Bases, B))
        return std::nullopt;
    return choose(Q, [&](const VarDecl *B) {
      return std::to_string(llvm::find(C.Bases, B) - C.Bases.begin());
    });
  }
  if (auto It = PointerBase.find(V); It != PointerBase.end())
    V = It->second;
  auto At = llvm::find(C.Bases, V);
  if (At == C.Bases.end())
    return std::nullopt;
  return std::to_string(At - C.Bases.begin());
}

const ReverseBuilder::PointerChoice *
ReverseBuilder::choiceNamed(const std::string &Name) const {
  auto It = ChoiceByName.find(Name);
  return It == ChoiceByName.end() ? nullptr
                                  : &PointerChoices.find(It->second)->second;
}

} // namespace frechet
