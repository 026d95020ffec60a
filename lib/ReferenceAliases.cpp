//===- ReferenceAliases.cpp - local references read as what they name -----===//
#include "ReferenceAliases.h"

#include "ActivityAnalysis.h"
#include "TypeClass.h"
#include "Unsupported.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"

#include <functional>

using namespace clang;

namespace frechet {

/// The lvalue a reference is bound to, without the parentheses and the
/// qualification conversions around it.
static Expr *boundObject(Expr *Init) {
  while (true) {
    Init = Init->IgnoreParens();
    if (auto *FE = dyn_cast<FullExpr>(Init)) {
      Init = FE->getSubExpr();
      continue;
    }
    auto *ICE = dyn_cast<ImplicitCastExpr>(Init);
    if (!ICE || ICE->getCastKind() != CK_NoOp)
      return Init;
    Init = ICE->getSubExpr();
  }
}

/// `&v` for `T *p = &v;` with v a scalar variable (pointers into arrays
/// have their own treatment: reverse mode keeps them as pointers).
static Expr *scalarAddress(const VarDecl *VD) {
  if (!VD->getType()->isPointerType() || !VD->isLocalVarDecl() ||
      VD->isStaticLocal() || !VD->getInit())
    return nullptr;
  Expr *Init = const_cast<Expr *>(VD->getInit())->IgnoreParens();
  Expr *Inner = boundObject(Init);
  const auto *UO = dyn_cast<UnaryOperator>(Inner);
  if (!UO || UO->getOpcode() != UO_AddrOf)
    return nullptr;
  const auto *DRE = dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParens());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || !V->getType().getNonReferenceType()->isArithmeticType())
    return nullptr;
  return Init;
}

static bool isEigenElement(const Expr *E) {
  const auto *OCE = dyn_cast<CXXOperatorCallExpr>(E);
  return OCE && OCE->getNumArgs() >= 2 &&
         (OCE->getOperator() == OO_Call ||
          OCE->getOperator() == OO_Subscript) &&
         isEigenDense(OCE->getArg(0)->IgnoreImplicit()->getType());
}

ReferenceAliases::ReferenceAliases(const FunctionDecl *Fn, ASTContext &Ctx)
    : Ctx(Ctx) {
  // The AST is changed only while reverse mode builds (and put back by the
  // destructor), so the function itself still compiles as written.
  auto *Body = const_cast<Stmt *>(Fn->getBody());
  if (!Body)
    return;
  collect(Body, nullptr, 0);
  if (!Problems.empty() || Aliases.empty())
    return;
  // Each target in terms of earlier references' targets, then every use.
  for (const VarDecl *R : Order) {
    Alias &A = Aliases[R];
    substitute(A.Target);
    if (const auto *DRE = dyn_cast<DeclRefExpr>(A.Target->IgnoreParens()))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
        if (Aliases.count(V))
          A.Target = Aliases[V].Target;
    // *p in the place of r must print as (*p): r++ is not *p++.
    if (!isa<DeclRefExpr, ArraySubscriptExpr, ParenExpr>(A.Target) &&
        !isEigenElement(A.Target))
      A.Target = new (Ctx)
          ParenExpr(A.Target->getBeginLoc(), A.Target->getEndLoc(), A.Target);
  }
  substitute(Body);
  for (const VarDecl *R : Order) {
    const Alias &A = Aliases[R];
    Stmt *&Slot = A.Scope->body_begin()[A.Position];
    if (AliasDecls.count(Slot))
      replace(Slot, new (Ctx) NullStmt(Slot->getBeginLoc()));
  }
  reportLeftovers(Body);
  for (const VarDecl *R : Order)
    checkStable(R, Aliases[R]);
}

void ReferenceAliases::reportLeftovers(Stmt *S) {
  for (Stmt *Child : S->children()) {
    if (!Child || AliasDecls.count(Child))
      continue;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Child))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
        if (Aliases.count(V)) {
          // p = &w, ++p, &p, or p bound to a reference.
          Problems.push_back({DRE->getLocation(),
                              "a pointer to a scalar variable that is "
                              "assigned again or whose address is taken",
                              {},
                              ""});
          continue;
        }
    reportLeftovers(Child);
  }
}

ReferenceAliases::~ReferenceAliases() {
  for (auto It = Undo.rbegin(); It != Undo.rend(); ++It)
    *It->first = It->second;
}

void ReferenceAliases::replace(Stmt *&Slot, Stmt *With) {
  Undo.emplace_back(&Slot, Slot);
  Slot = With;
}

void ReferenceAliases::collect(Stmt *S, CompoundStmt *Parent, unsigned Index) {
  if (unsupportedConstruct(S))
    return; // reported as such (a range-based for, a lambda)
  if (auto *DS = dyn_cast<DeclStmt>(S)) {
    const VarDecl *First = nullptr; // the first reference or pointer alias
    bool AllAliases = true;
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      bool Alias = VD && ((VD->getType()->isReferenceType() &&
                           VD->isLocalVarDecl() && !VD->isStaticLocal()) ||
                          scalarAddress(VD));
      if (Alias && !First)
        First = VD;
      AllAliases &= Alias;
    }
    if (First) {
      std::string Kind = First->getType()->isReferenceType()
                             ? "a local reference"
                             : "a pointer to a scalar variable";
      if (!Parent)
        Problems.push_back({First->getLocation(),
                            Kind + " declared in a loop header or a condition",
                            {},
                            ""});
      else if (!AllAliases)
        Problems.push_back(
            {First->getLocation(),
             (First->getType()->isReferenceType() ? std::string("a reference")
                                                  : Kind) +
                 " declared together with other variables (declare it on "
                 "its own)",
             {},
             ""});
      else
        for (Decl *D : DS->decls())
          collectAlias(cast<VarDecl>(D), DS, Parent, Index);
    }
  }
  if (auto *CS = dyn_cast<CompoundStmt>(S)) {
    unsigned I = 0;
    for (Stmt *Child : CS->body())
      collect(Child, CS, I++);
    return;
  }
  for (Stmt *Child : S->children())
    if (Child)
      collect(Child, nullptr, 0);
}

void ReferenceAliases::collectAlias(VarDecl *VD, DeclStmt *DS,
                                    CompoundStmt *Parent, unsigned Index) {
  if (Expr *Address = scalarAddress(VD)) {
    Aliases[VD] = {Address, Parent, Index, true};
    Order.push_back(VD);
    AliasDecls.insert(DS);
    return;
  }
  Expr *Init = VD->getInit();
  Expr *Target = Init ? boundObject(Init) : nullptr;
  if (!Target || !Target->isGLValue() ||
      isa<MaterializeTemporaryExpr>(Target)) {
    Problems.push_back({VD->getLocation(),
                        "a local reference bound to a temporary (declare a "
                        "variable instead)",
                        {},
                        ""});
    return;
  }
  if (!designates(Target)) {
    Problems.push_back({VD->getLocation(),
                        "a local reference to something other than a "
                        "variable, an element or a dereferenced pointer",
                        {},
                        ""});
    return;
  }
  Aliases[VD] = {Target, Parent, Index, false};
  Order.push_back(VD);
  AliasDecls.insert(DS);
}

/// Whether \p E names one object whose address can be computed again at
/// every use without side effects.
bool ReferenceAliases::designates(const Expr *E) const {
  E = E->IgnoreParens();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return isa<VarDecl>(DRE->getDecl());
  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E)) {
    const Expr *Base = ASE->getBase(), *Index = ASE->getIdx();
    if (!Base->getType()->isPointerType() && !Base->getType()->isArrayType())
      std::swap(Base, Index);
    return pointerForm(Base) && !Index->HasSideEffects(Ctx);
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return UO->getOpcode() == UO_Deref && pointerForm(UO->getSubExpr());
  if (isEigenElement(E)) {
    const auto *OCE = cast<CXXOperatorCallExpr>(E);
    if (!designates(OCE->getArg(0)->IgnoreImplicit()))
      return false;
    for (unsigned I = 1; I < OCE->getNumArgs(); ++I)
      if (OCE->getArg(I)->HasSideEffects(Ctx))
        return false;
    return true;
  }
  return false;
}

bool ReferenceAliases::pointerForm(const Expr *E) const {
  E = E->IgnoreParens();
  if (const auto *ICE = dyn_cast<ImplicitCastExpr>(E))
    return pointerForm(ICE->getSubExpr());
  if (isa<DeclRefExpr>(E) || isa<ArraySubscriptExpr>(E))
    return designates(E);
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    const Expr *P = BO->getLHS(), *N = BO->getRHS();
    if (!P->getType()->isPointerType())
      std::swap(P, N);
    return (BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub) &&
           P->getType()->isPointerType() && pointerForm(P) &&
           !N->HasSideEffects(Ctx);
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return UO->getOpcode() == UO_AddrOf && designates(UO->getSubExpr());
  return false;
}

void ReferenceAliases::substitute(Stmt *S) {
  auto AliasOf = [&](const Expr *E) -> const Alias * {
    if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl())) {
        auto It = Aliases.find(V);
        if (It != Aliases.end())
          return &It->second;
      }
    return nullptr;
  };
  for (Stmt *&Child : S->children()) {
    if (!Child || AliasDecls.count(Child))
      continue;
    // A reference's every use; a pointer's reads (what is left is
    // reported by the constructor).
    if (const Alias *A = AliasOf(dyn_cast<Expr>(Child)); A && !A->Pointer) {
      replace(Child, A->Target);
      continue;
    }
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(Child);
        ICE && ICE->getCastKind() == CK_LValueToRValue)
      if (const Alias *A = AliasOf(ICE->getSubExpr()->IgnoreParens());
          A && A->Pointer) {
        replace(Child, A->Target);
        continue;
      }
    substitute(Child);
  }
  // The printer shows an initializer list's syntactic form.
  if (auto *ILE = dyn_cast<InitListExpr>(S))
    if (InitListExpr *Syntactic = ILE->getSyntacticForm())
      substitute(Syntactic);
}

/// The variables whose values decide which object \p Target is: the indices
/// (and whatever memory they read) and the pointers it goes through.
static void locationVars(const Expr *E, bool Pointer,
                         llvm::SmallPtrSetImpl<const VarDecl *> &Values,
                         llvm::SmallPtrSetImpl<const VarDecl *> &Indices) {
  std::function<void(const Stmt *)> All = [&](const Stmt *S) {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
        Indices.insert(V);
    for (const Stmt *C : S->children())
      if (C)
        All(C);
  };
  E = E->IgnoreParens();
  if (const auto *ICE = dyn_cast<ImplicitCastExpr>(E))
    return locationVars(ICE->getSubExpr(), Pointer, Values, Indices);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
      if (Pointer && V->getType()->isPointerType())
        Values.insert(V);
    return;
  }
  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E)) {
    const Expr *Base = ASE->getBase(), *Index = ASE->getIdx();
    if (!Base->getType()->isPointerType() && !Base->getType()->isArrayType())
      std::swap(Base, Index);
    locationVars(Base, true, Values, Indices);
    return All(Index);
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return locationVars(UO->getSubExpr(), UO->getOpcode() == UO_Deref, Values,
                        Indices);
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    const Expr *P = BO->getLHS(), *N = BO->getRHS();
    if (!P->getType()->isPointerType())
      std::swap(P, N);
    locationVars(P, true, Values, Indices);
    return All(N);
  }
  if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(E)) {
    locationVars(OCE->getArg(0), false, Values, Indices);
    for (unsigned I = 1; I < OCE->getNumArgs(); ++I)
      All(OCE->getArg(I));
  }
}

void ReferenceAliases::checkStable(const VarDecl *R, const Alias &A) {
  llvm::SmallPtrSet<const VarDecl *, 4> Values, Indices;
  locationVars(A.Target, false, Values, Indices);
  if (Values.empty() && Indices.empty())
    return;
  const Expr *Culprit = nullptr;
  const VarDecl *Var = nullptr;
  // A write to W itself, or (Contents) only to what it points into.
  auto Write = [&](const Expr *W, bool Contents) {
    if (Culprit)
      return;
    if (!Contents)
      if (const auto *DRE = dyn_cast<DeclRefExpr>(W->IgnoreParenImpCasts()))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
          if (Values.count(V) || Indices.count(V)) {
            Culprit = W, Var = V;
            return;
          }
    llvm::SmallVector<const VarDecl *, 2> Bases;
    ActivityAnalysis::collectBases(W, Bases);
    for (const VarDecl *V : Bases)
      if (Indices.count(V)) {
        Culprit = W, Var = V;
        return;
      }
  };
  std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
    if (const auto *BO = dyn_cast<BinaryOperator>(S))
      if (BO->isAssignmentOp() || BO->isCompoundAssignmentOp())
        Write(BO->getLHS(), false);
    if (const auto *UO = dyn_cast<UnaryOperator>(S))
      if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
        Write(UO->getSubExpr(), false);
    if (const auto *CE = dyn_cast<CallExpr>(S)) {
      // What a call may write: arguments bound to non-const references or
      // passed as pointers to non-const, and the object of a non-const
      // method.
      const FunctionDecl *Callee = CE->getDirectCallee();
      unsigned Shift =
          isa<CXXOperatorCallExpr>(CE) && isa_and_nonnull<CXXMethodDecl>(Callee)
              ? 1
              : 0;
      for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
        const Expr *Arg = CE->getArg(I);
        QualType PT = Arg->getType();
        if (Callee && I >= Shift && I - Shift < Callee->getNumParams())
          PT = Callee->getParamDecl(I - Shift)->getType();
        if (pointsToMutable(PT) &&
            (PT->isReferenceType() || PT->isPointerType()))
          Write(Arg, !PT->isReferenceType());
      }
      if (const auto *M = dyn_cast_or_null<CXXMethodDecl>(Callee))
        if (!M->isConst() && !M->isStatic()) {
          if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE))
            Write(MCE->getImplicitObjectArgument(), false);
          else if (Shift)
            Write(CE->getArg(0), false);
        }
    }
    for (const Stmt *C : S->children())
      if (C)
        Visit(C);
  };
  for (unsigned I = A.Position + 1; I < A.Scope->size() && !Culprit; ++I)
    Visit(A.Scope->body_begin()[I]);
  if (Culprit)
    Problems.push_back({R->getLocation(),
                        "a local reference whose index or pointer is written "
                        "while it is in scope",
                        Culprit->getExprLoc(), Var->getName().str()});
}

} // namespace frechet
