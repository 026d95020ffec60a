//===- ActivityAnalysis.cpp - which values carry derivatives --------------===//
#include "ActivityAnalysis.h"

#include "EigenExpr.h"
#include "TypeClass.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseSet.h"

#include <algorithm>
#include <functional>

using namespace clang;

namespace frechet {

ActivityAnalysis::ActivityAnalysis(const FunctionDecl *FD,
                                   std::vector<bool> Active, RuleLookup &Rules)
    : FD(FD), Active(std::move(Active)), Rules(Rules) {}

const VarDecl *ActivityAnalysis::find(const VarDecl *V) const {
  auto It = Parent.find(V);
  if (It == Parent.end()) {
    Parent[V] = V;
    return V;
  }
  if (It->second == V)
    return V;
  const VarDecl *Root = find(It->second);
  Parent[V] = Root;
  return Root;
}

void ActivityAnalysis::unite(const VarDecl *A, const VarDecl *B,
                             SourceLocation Loc) {
  const VarDecl *RA = find(A), *RB = find(B);
  if (RA == RB)
    return;
  Parent[RB] = RA;
  Changed = true;
  bool VA = VariedAt.count(RA), VB = VariedAt.count(RB);
  if (VB && !VA)
    VariedAt[RA] = VariedAt[RB];
  else if (VA && !VB)
    VariedAt[RA] = Loc.isValid() ? Loc : VariedAt[RA];
}

void ActivityAnalysis::markVaried(const VarDecl *V, SourceLocation Loc) {
  const VarDecl *R = find(V);
  if (VariedAt.count(R))
    return;
  VariedAt[R] = Loc;
  Changed = true;
}

bool ActivityAnalysis::isVariedVar(const VarDecl *V) const {
  return VariedAt.count(find(V)) != 0;
}

void ActivityAnalysis::collectBases(
    const Expr *E, llvm::SmallVectorImpl<const VarDecl *> &Out) {
  if (std::optional<Broadcast> B = matchBroadcast(E))
    return collectBases(B->Object, Out); // X.colwise() = v writes X
  if (isEigenDense(E->getType()) || isa<CXXOperatorCallExpr>(E) ||
      isa<MaterializeTemporaryExpr>(E))
    if (std::optional<EigenOp> Op = matchEigen(E)) {
      // An element, a block or an assignment refers to its object's storage.
      if (Op->Kind == EigenOpKind::Leaf)
        Out.push_back(Op->Var);
      else if (Op->Kind == EigenOpKind::Coeff ||
               Op->Kind == EigenOpKind::Assign ||
               (Op->Kind == EigenOpKind::Method &&
                isLinearEigenMethod(Op->Name)))
        collectBases(Op->Object, Out);
      return;
    }
  E = E->IgnoreParenCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      Out.push_back(VD);
    return;
  }
  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E))
    return collectBases(ASE->getBase(), Out);
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    switch (UO->getOpcode()) {
    case UO_Deref:
    case UO_AddrOf:
    case UO_PreInc:
    case UO_PreDec:
    case UO_PostInc:
    case UO_PostDec:
      return collectBases(UO->getSubExpr(), Out);
    default:
      return;
    }
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->isAssignmentOp() || BO->isCompoundAssignmentOp() ||
        BO->getOpcode() == BO_Comma)
      return collectBases(
          BO->getOpcode() == BO_Comma ? BO->getRHS() : BO->getLHS(), Out);
    if (BO->getType()->isPointerType()) {
      collectBases(BO->getLHS()->getType()->isPointerType() ? BO->getLHS()
                                                            : BO->getRHS(),
                   Out);
    }
    return;
  }
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    collectBases(CO->getTrueExpr(), Out);
    collectBases(CO->getFalseExpr(), Out);
  }
}

bool ActivityAnalysis::isVariedStorage(const Expr *E) const {
  llvm::SmallVector<const VarDecl *, 2> Bases;
  collectBases(E, Bases);
  for (const VarDecl *V : Bases)
    if (isVariedVar(V))
      return true;
  return false;
}

bool ActivityAnalysis::anyArgVaried(const CallExpr *CE) const {
  for (const Expr *A : CE->arguments())
    if (isVaried(A))
      return true;
  return false;
}

/// Whether \p E mentions a variable that carries derivatives.
bool ActivityAnalysis::mentionsVaried(const Expr *E) const {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      return isVariedVar(VD);
  for (const Stmt *Child : E->children())
    if (const auto *CE = dyn_cast_or_null<Expr>(Child))
      if (mentionsVaried(CE))
        return true;
  return false;
}

bool ActivityAnalysis::isVaried(const Expr *E) const {
  E = E->IgnoreParens();
  // A method of an object computed from differentiated values (Eigen's
  // A.eigenvalues().real()): its result depends on them too, even when the
  // object's own type (complex) carries no derivatives.
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E))
    if (isDifferentiable(E->getType()))
      if (const Expr *Obj = MCE->getImplicitObjectArgument())
        if (Obj->getType()->isRecordType() && mentionsVaried(Obj))
          return true;
  // Eigen passes values around as casts to its base classes.
  if (const Expr *Inner = skipEigenWrappers(E);
      Inner != E && isEigenDense(Inner->getType()))
    return isVaried(Inner);
  QualType T = E->getType();
  DiffKind K = diffKind(T);
  if (K == DiffKind::None)
    return false;
  if (E->isGLValue() && K == DiffKind::Scalar) {
    // Reading a variable or an element: varied iff its storage is.
    if (isa<DeclRefExpr>(E) || isa<ArraySubscriptExpr>(E) ||
        (isa<UnaryOperator>(E) &&
         cast<UnaryOperator>(E)->getOpcode() == UO_Deref))
      return isVariedStorage(E);
  }
  if (K == DiffKind::Matrix || isa<CXXOperatorCallExpr>(E) ||
      isa<CXXMemberCallExpr>(E))
    if (std::optional<EigenOp> Op = matchEigen(E)) {
      // A matrix variable, or an operation on matrices: varied if an
      // operand is (the object of a method call included).
      if (Op->Kind == EigenOpKind::Leaf)
        return isVariedVar(Op->Var);
      if (Op->Object && isVaried(Op->Object))
        return true;
      for (const Expr *A : Op->Args)
        if (isVaried(A))
          return true;
      return false;
    }
  // A matrix built some other way (Matrix2d{{x, y}, {z, w}}): its values
  // come from what it mentions, through types that carry no derivatives.
  if (K == DiffKind::Matrix && isa<CXXConstructExpr>(E)) {
    // Sizes carry no derivative: MatrixXd M(A.rows(), A.cols()).
    const auto *CCE = cast<CXXConstructExpr>(E);
    bool Sizes = CCE->getNumArgs() > 0;
    for (const Expr *A : CCE->arguments())
      Sizes &= A->getType()->isIntegralOrEnumerationType();
    return !Sizes && mentionsVaried(E);
  }
  if (K != DiffKind::Scalar && K != DiffKind::Matrix)
    return isVariedStorage(E); // pointers, arrays, references
  if (const auto *CE = dyn_cast<CallExpr>(E))
    return anyArgVaried(CE) || isActiveCall(CE);
  if (const auto *ICE = dyn_cast<CastExpr>(E)) {
    if (!isDifferentiable(ICE->getSubExpr()->getType()))
      return false;
    return isVaried(ICE->getSubExpr());
  }
  if (isa<MemberExpr>(E))
    return false; // class members never carry tangents
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->isAssignmentOp() || BO->isCompoundAssignmentOp())
      return isVariedStorage(BO->getLHS());
    if (BO->getOpcode() == BO_Comma)
      return isVaried(BO->getRHS());
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->isIncrementDecrementOp())
      return isVariedStorage(UO->getSubExpr());
  if (const auto *CO = dyn_cast<AbstractConditionalOperator>(E))
    return isVaried(CO->getTrueExpr()) || isVaried(CO->getFalseExpr());
  for (const Stmt *Child : E->children())
    if (const auto *CE = dyn_cast_or_null<Expr>(Child))
      if (isVaried(CE))
        return true;
  return false;
}

std::vector<bool> ActivityAnalysis::callMask(const CallExpr *CE) const {
  const FunctionDecl *Fn = CE->getDirectCallee();
  if (!Fn)
    return {};
  unsigned N = Fn->getNumParams();
  std::vector<bool> Mask(N, false);
  bool AnyInput = anyArgVaried(CE);
  unsigned NumArgs = std::min<unsigned>(N, CE->getNumArgs());
  for (unsigned I = 0; I < NumArgs; ++I) {
    QualType PT = Fn->getParamDecl(I)->getType();
    DiffKind K = diffKind(PT);
    if (K == DiffKind::None)
      continue;
    const Expr *Arg = CE->getArg(I);
    bool Output = (K == DiffKind::Pointer || K == DiffKind::Reference ||
                   K == DiffKind::Matrix) &&
                  pointsToMutable(PT);
    if (isVaried(Arg) || (Output && (AnyInput || isVariedStorage(Arg))))
      Mask[I] = true;
  }
  return Mask;
}

bool ActivityAnalysis::isActiveCall(const CallExpr *CE) const {
  const FunctionDecl *Fn = CE->getDirectCallee();
  if (!Fn || isa<CXXMemberCallExpr>(CE) || isa<CXXOperatorCallExpr>(CE))
    return false;
  std::vector<bool> Mask = callMask(CE);
  bool Any = false, Output = false;
  for (unsigned I = 0; I < Mask.size(); ++I) {
    if (!Mask[I])
      continue;
    Any = true;
    QualType PT = Fn->getParamDecl(I)->getType();
    DiffKind K = diffKind(PT);
    if ((K == DiffKind::Pointer || K == DiffKind::Reference ||
         K == DiffKind::Matrix) &&
        pointsToMutable(PT))
      Output = true;
  }
  if (!Any)
    return false;
  // A function we differentiate may store what it gets anywhere (a global,
  // an output): its derivative decides, and reports what it cannot follow.
  if (Rules.classify(CE).Kind == CalleeKind::Body)
    return true;
  return isFloating(Fn->getReturnType()) ||
         diffKind(Fn->getReturnType()) == DiffKind::Matrix || Output;
}

void ActivityAnalysis::markStorage(const Expr *LHS, SourceLocation Loc) {
  llvm::SmallVector<const VarDecl *, 2> Bases;
  collectBases(LHS, Bases);
  if (Bases.empty()) {
    const Expr *E = LHS->IgnoreParenImpCasts();
    while (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E))
      E = ASE->getBase()->IgnoreParenImpCasts();
    const char *What = isa<MemberExpr>(E)            ? "a class member"
                       : isa<CXXOperatorCallExpr>(E) ? "an element of a class"
                                                     : "this kind of lvalue";
    Problems.push_back({Diag::StoreUntracked, Loc, What, ""});
    return;
  }
  for (const VarDecl *V : Bases)
    markVaried(V, Loc);
}

void ActivityAnalysis::visitVarDecl(const VarDecl *VD) {
  find(VD);
  const Expr *Init = VD->getInit();
  if (!Init)
    return;
  DiffKind K = diffKind(VD->getType());
  if (K == DiffKind::Pointer || K == DiffKind::Reference ||
      (K == DiffKind::Matrix && VD->getType()->isReferenceType())) {
    llvm::SmallVector<const VarDecl *, 2> Bases;
    collectBases(Init, Bases);
    for (const VarDecl *B : Bases)
      unite(VD, B, Init->getExprLoc());
    if (K != DiffKind::Pointer && Bases.empty() && isVaried(Init))
      markVaried(VD, Init->getExprLoc());
    return;
  }
  if (K == DiffKind::None)
    return;
  if (const auto *ILE = dyn_cast<InitListExpr>(Init->IgnoreImplicit())) {
    // double a[3] = {x, 2 * x}; double v{x}: varied if any element is.
    std::function<bool(const InitListExpr *)> Any = [&](const InitListExpr *L) {
      for (const Expr *E : L->inits()) {
        if (const auto *Sub = dyn_cast<InitListExpr>(E->IgnoreImplicit())) {
          if (Any(Sub))
            return true;
        } else if (isVaried(E)) {
          return true;
        }
      }
      return false;
    };
    if (Any(ILE))
      markVaried(VD, Init->getExprLoc());
    return;
  }
  if (isVaried(Init))
    markVaried(VD, Init->getExprLoc());
}

void ActivityAnalysis::visitCall(const CallExpr *CE) {
  if (!isActiveCall(CE))
    return;
  const FunctionDecl *Fn = CE->getDirectCallee();
  std::vector<bool> Mask = callMask(CE);
  for (unsigned I = 0; I < Mask.size() && I < CE->getNumArgs(); ++I) {
    QualType PT = Fn->getParamDecl(I)->getType();
    DiffKind K = diffKind(PT);
    if (Mask[I] &&
        (K == DiffKind::Pointer || K == DiffKind::Reference ||
         K == DiffKind::Matrix) &&
        pointsToMutable(PT))
      markStorage(CE->getArg(I), CE->getArg(I)->getExprLoc());
  }
}

void ActivityAnalysis::visit(const Stmt *S) {
  if (!S)
    return;
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        visitVarDecl(VD);
  } else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->isAssignmentOp() || BO->isCompoundAssignmentOp()) {
      DiffKind K = diffKind(BO->getLHS()->getType());
      if (K == DiffKind::Pointer && BO->getOpcode() == BO_Assign) {
        llvm::SmallVector<const VarDecl *, 2> L, R;
        collectBases(BO->getLHS(), L);
        collectBases(BO->getRHS(), R);
        for (const VarDecl *A : L)
          for (const VarDecl *B : R)
            unite(A, B, BO->getOperatorLoc());
      } else if (K == DiffKind::Scalar && isVaried(BO->getRHS()) &&
                 !isVariedStorage(BO->getLHS())) {
        markStorage(BO->getLHS(), BO->getOperatorLoc());
      }
    }
  } else if (const auto *CE = dyn_cast<CallExpr>(S)) {
    std::optional<EigenOp> Op;
    if (isa<CXXOperatorCallExpr>(CE))
      Op = matchEigen(CE);
    else if (isa<CXXMemberCallExpr>(CE))
      Op = matchEigen(CE);
    if (std::optional<CommaInit> CI = matchCommaInit(CE)) {
      // M << x, y: M's storage receives the items.
      for (const Expr *Item : CI->Items)
        if (isVaried(Item) && !isVariedStorage(CI->Target))
          markStorage(CI->Target, CE->getExprLoc());
    } else if (Op && Op->Kind == EigenOpKind::Assign) {
      // A = B, A += B, A.col(j) = v: A's storage receives B.
      if (isVaried(Op->Args[0]) && !isVariedStorage(Op->Object))
        markStorage(Op->Object, CE->getExprLoc());
    } else if (Op && isEigenMutator(*Op)) {
      // A.setConstant(x), A.swap(B): A receives the arguments (and B, A).
      for (const Expr *Arg : Op->Args) {
        if (isVaried(Arg) && !isVariedStorage(Op->Object))
          markStorage(Op->Object, CE->getExprLoc());
        if (isEigenDense(skipEigenWrappers(Arg)->getType()) &&
            isVariedStorage(Op->Object) && !isVariedStorage(Arg))
          markStorage(Arg, Arg->getExprLoc());
      }
    } else {
      visitCall(CE);
    }
  } else if (const auto *IS = dyn_cast<IfStmt>(S)) {
    if (const VarDecl *CV = IS->getConditionVariable())
      visitVarDecl(CV);
  } else if (const auto *WS = dyn_cast<WhileStmt>(S)) {
    if (const VarDecl *CV = WS->getConditionVariable())
      visitVarDecl(CV);
  } else if (const auto *FS = dyn_cast<ForStmt>(S)) {
    if (const VarDecl *CV = FS->getConditionVariable())
      visitVarDecl(CV);
  }
  for (const Stmt *Child : S->children())
    visit(Child);
}

void ActivityAnalysis::run() {
  for (unsigned I = 0; I < FD->getNumParams(); ++I) {
    const ParmVarDecl *P = FD->getParamDecl(I);
    find(P);
    if (I < Active.size() && Active[I])
      markVaried(P, P->getLocation());
  }
  // Each round can only add varied classes or merge classes, so this ends.
  do {
    Changed = false;
    Problems.clear();
    visit(FD->getBody());
  } while (Changed);
  collectProblems();
}

void ActivityAnalysis::collectProblems() {
  llvm::DenseSet<const VarDecl *> Reported;
  // A class with a local pointer and read-only memory without tangents (a
  // const parameter outside wrt, a global) came from `p = c ? x : table`:
  // name the pointer, nothing was stored.
  llvm::DenseMap<const VarDecl *, const VarDecl *> LocalPointer;
  for (auto &[V, P] : Parent) {
    (void)P;
    if (diffKind(V->getType()) == DiffKind::Pointer && !isa<ParmVarDecl>(V) &&
        V->hasLocalStorage())
      LocalPointer.try_emplace(find(V), V);
  }
  llvm::DenseSet<const VarDecl *> ReportedClass;
  for (auto &[V, P] : Parent) {
    (void)P;
    if (!isVariedVar(V))
      continue;
    const auto *PVD = dyn_cast<ParmVarDecl>(V);
    bool ReadOnlyParam = PVD && PVD->getDeclContext() == FD &&
                         !isOwnCopy(PVD->getType()) &&
                         !pointsToMutable(PVD->getType()) &&
                         !(PVD->getFunctionScopeIndex() < Active.size() &&
                           Active[PVD->getFunctionScopeIndex()]);
    bool ReadOnlyGlobal = V->hasGlobalStorage() && !V->isStaticLocal() &&
                          V->getType().isConstQualified();
    auto It = LocalPointer.find(find(V));
    if ((ReadOnlyParam || ReadOnlyGlobal) && It != LocalPointer.end()) {
      if (ReportedClass.insert(find(V)).second)
        Problems.push_back({Diag::MixedAliasing, It->second->getLocation(),
                            It->second->getName().str(), ""});
      continue;
    }
    SourceLocation Loc = VariedAt.lookup(find(V));
    if (const auto *PVD = dyn_cast<ParmVarDecl>(V)) {
      unsigned Index = PVD->getFunctionScopeIndex();
      // A by-value parameter is f's own copy: it gets a local tangent.
      if (isOwnCopy(PVD->getType()))
        continue;
      if (PVD->getDeclContext() == FD &&
          !(Index < Active.size() && Active[Index]) &&
          Reported.insert(V).second)
        Problems.push_back(
            {Diag::OutputWithoutTangent, Loc, PVD->getName().str(), ""});
      continue;
    }
    if (V->hasGlobalStorage() && Reported.insert(V).second)
      Problems.push_back(
          {Diag::StoreToStatic, Loc,
           V->isStaticLocal() ? "static variable" : "global variable",
           V->getName().str()});
  }
  // DenseMap order is arbitrary; report in source order.
  std::stable_sort(Problems.begin(), Problems.end(),
                   [](const Problem &A, const Problem &B) {
                     return A.Loc.getRawEncoding() < B.Loc.getRawEncoding();
                   });
}

} // namespace frechet
